"""Neo4j connection settings, importable without the Neo4j driver (the CLI reads them
for every command that has --neo4j-uri; only ``--store neo4j`` loads the driver)."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_DATABASE = "neo4j"
#: The password ``scripts/neo4j.sh`` gives its test server; set NEO4J_PASSWORD for any other.
DEFAULT_PASSWORD = "kgraph-test-password"


@dataclass(frozen=True)
class Neo4jSettings:
    """Where the server is and who to log in as."""

    uri: str = DEFAULT_URI
    username: str = "neo4j"
    password: str = DEFAULT_PASSWORD
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(cls) -> Neo4jSettings:
        """Settings from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
        ``NEO4J_DATABASE``; unset ones take the defaults of ``scripts/neo4j.sh``."""
        return cls(
            uri=os.environ.get("NEO4J_URI") or DEFAULT_URI,
            username=os.environ.get("NEO4J_USERNAME") or "neo4j",
            password=os.environ.get("NEO4J_PASSWORD") or DEFAULT_PASSWORD,
            database=os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        )
