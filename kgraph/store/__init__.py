"""Stores: the local networkx graph (the embedded default) and Neo4j, one interface.

The names below are imported from their modules on first use, so a command that reads
Neo4j does not load the local store (nor the local one Neo4j's driver).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["GraphStats", "GraphStore", "LocalGraphStore", "default_graph_path"]

#: Public name → the module that defines it.
_NAMES = {
    "GraphStats": "kgraph.store.base",
    "GraphStore": "kgraph.store.base",
    "LocalGraphStore": "kgraph.store.local",
    "default_graph_path": "kgraph.store.local",
}


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module 'kgraph.store' has no attribute {name!r}")
    return getattr(import_module(_NAMES[name]), name)
