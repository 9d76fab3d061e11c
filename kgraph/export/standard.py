"""GraphML, GEXF, node-link JSON, Cytoscape.js JSON and Graphviz DOT, over networkx.

Every format identifies a node by its graph key (an entity's id, ``article:<id>`` for an
article), so the node attribute ``id`` is not written: GEXF, node-link JSON and
Cytoscape.js give ``id`` a meaning of their own. Values go through
:func:`kgraph.export.values.flat_value` for GraphML, GEXF and DOT.

GEXF and DOT show a node's or edge's ``label``: there, ``label`` is the entity's name (an
article's title) or the relation's predicate, and kgraph's own label (``Entity``,
``Article``, ``RELATION``, ``MENTIONS``) moves to ``kind``. GEXF also reserves an edge's
``type`` (directed or not), so the relationship type is written as ``rel_type``.

DOT is written by hand: networkx's ``write_dot`` goes through pydot, which cannot write
or read an attribute called ``name``, so in DOT an entity's name is its ``label`` only.
An id or value that is not a plain identifier or number is a double-quoted string in
which ``\\`` and ``"`` are backslash-escaped and a newline is written ``\\n``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.export.style import node_kind, type_colors
from kgraph.export.values import flat_attributes, flat_graph

_DOT_BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)")
_DOT_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}

__all__ = [
    "dot_quote",
    "for_display",
    "keyed",
    "write_cytoscape",
    "write_dot",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]


def keyed(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` without the node attribute ``id`` (the key identifies a node)."""
    out = graph.copy()
    for _, data in out.nodes(data=True):
        data.pop("id", None)
    return out


def for_display(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``keyed(graph)`` with ``label`` as shown by Gephi/Graphviz; kgraph's in ``kind``."""
    out = keyed(graph)
    for node, data in out.nodes(data=True):
        data["kind"] = data.pop("label", "Entity")
        data["label"] = data.get("name") or data.get("title") or str(node)
    for _, _, data in out.edges(data=True):
        data["kind"] = data.pop("label", "RELATION")
        data["rel_type"] = data.pop("type", data["kind"])
        data["label"] = data.get("predicate") or data["rel_type"]
    return out


def write_graphml(graph: nx.MultiDiGraph, out: Path) -> None:
    """GraphML (yEd, Cytoscape, Gephi); edge keys are the GraphML edge ids."""
    nx.write_graphml(flat_graph(keyed(graph)), out, encoding="utf-8")


def write_gexf(graph: nx.MultiDiGraph, out: Path) -> None:
    """GEXF 1.2 (Gephi): entity type, relation predicate and the rest as attributes."""
    nx.write_gexf(flat_graph(for_display(graph)), out, encoding="utf-8")


def write_node_link(graph: nx.MultiDiGraph, out: Path) -> None:
    """node-link JSON for D3: ``{"nodes": [{"id": key, ...}], "links": [{"source", ...}]}``."""
    data = nx.node_link_data(keyed(graph), edges="links")
    _write_json(data, out)


def write_cytoscape(graph: nx.MultiDiGraph, out: Path) -> None:
    """Cytoscape.js JSON (``{"elements": {"nodes": [{"data": ...}], "edges": [...]}}``)."""
    _write_json(nx.cytoscape_data(keyed(graph)), out)


def _write_json(data: Any, out: Path) -> None:
    with out.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def dot_quote(value: Any) -> str:
    """A DOT id: bare if a plain identifier or number (not a keyword), else quoted, escaped."""
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    if _DOT_BARE.fullmatch(text) and text.lower() not in _DOT_KEYWORDS:
        return text
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot_attributes(data: dict[str, Any]) -> str:
    cells = (f"{dot_quote(k)}={dot_quote(v)}" for k, v in flat_attributes(data).items())
    return f" [{', '.join(cells)}]" if data else ""


def write_dot(graph: nx.MultiDiGraph, out: Path) -> None:
    """Graphviz DOT: nodes filled with their type's colour, edges labelled with predicates."""
    shown = for_display(graph)
    colors = type_colors(graph)
    lines = ["digraph kgraph {", '  node [style=filled, fontname="Helvetica"];']
    for node, data in shown.nodes(data=True):
        data.pop("name", None)  # it is the label; pydot readers reject "name"
        fill = colors[node_kind(graph.nodes[node])]
        lines.append(f"  {dot_quote(node)}{_dot_attributes({**data, 'fillcolor': fill})};")
    for u, v, key, data in shown.edges(keys=True, data=True):
        attrs = _dot_attributes({"key": key, **data})
        lines.append(f"  {dot_quote(u)} -> {dot_quote(v)}{attrs};")
    lines.append("}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
