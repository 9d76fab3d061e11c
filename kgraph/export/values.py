"""The one rule for attribute values a file format cannot hold.

GraphML, GEXF and DOT hold strings, numbers and booleans only. Before writing them, every
attribute value goes through :func:`flat_value`:

- ``None`` → the attribute is omitted;
- ``str``, ``bool``, ``int``, ``float`` → unchanged;
- lists, tuples, sets and dicts → JSON text (``ensure_ascii=False``; sets sorted first),
  e.g. ``aliases=["MS", "Microsoft Corp."]`` → ``'["MS", "Microsoft Corp."]'``;
- anything else (dates, paths) → ``str(value)``.

JSON formats (node-link, Cytoscape.js, JSON Lines) hold lists and ``null`` natively and
keep values as they are; the Neo4j CSV files write lists as typed arrays (see
:mod:`kgraph.export.neo4j_csv`) and fall back to this rule where an array cannot be used.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

__all__ = ["flat_attributes", "flat_graph", "flat_value"]

Scalar = str | bool | int | float


def flat_value(value: Any) -> Scalar | None:
    """``value`` as a scalar a GraphML/GEXF/DOT attribute can hold; ``None`` to omit it."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, set | frozenset):
        value = sorted(value)
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flat_attributes(data: dict[str, Any]) -> dict[str, Scalar]:
    """The attributes of one node or edge through :func:`flat_value`, ``None`` left out."""
    flat = {key: flat_value(value) for key, value in data.items()}
    return {key: value for key, value in flat.items() if value is not None}


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose node, edge and graph attributes are all flat."""
    flat = nx.MultiDiGraph(**flat_attributes(graph.graph))
    flat.add_nodes_from((node, flat_attributes(data)) for node, data in graph.nodes(data=True))
    flat.add_edges_from(
        (u, v, key, flat_attributes(data)) for u, v, key, data in graph.edges(keys=True, data=True)
    )
    return flat
