"""Stores: the local networkx graph (the embedded default) and Neo4j, one interface."""

from kgraph.store.base import GraphStats, GraphStore
from kgraph.store.local import LocalGraphStore, default_graph_path

__all__ = ["GraphStats", "GraphStore", "LocalGraphStore", "default_graph_path"]
