"""Fixtures for the tests against a real Neo4j server (``bash scripts/neo4j.sh start``).

When the server cannot be reached the tests are skipped, except under CI (``CI=true``),
where they fail: CI's ``.ci/run`` starts the server before the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kgraph.errors import StoreError
from kgraph.store.neo4j import Neo4jGraphStore, Neo4jSettings

from ..conftest import EXAMPLES, ROOT, missing

__all__ = ["EXAMPLES", "ROOT", "kgraph"]

KGRAPH = [str(Path(sys.executable).with_name("kgraph"))]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    """The server's settings; skip (or fail under CI) when it does not answer."""
    settings = Neo4jSettings.from_env()
    try:
        Neo4jGraphStore(settings, max_retry_time=2.0).close()
    except StoreError as exc:
        missing(f"no Neo4j server ({exc}); start one with `bash scripts/neo4j.sh start`")
    return settings


@pytest.fixture
def neo4j_store(neo4j_settings: Neo4jSettings):
    """A store on an emptied database (emptied again afterwards)."""
    store = Neo4jGraphStore(neo4j_settings, max_retry_time=5.0)
    store.clear()
    yield store
    store.clear()
    store.close()


def kgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real ``kgraph`` command (a fresh process, as a user would)."""
    return subprocess.run(
        [*KGRAPH, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        timeout=600,
    )
