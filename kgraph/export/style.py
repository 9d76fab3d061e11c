"""Colours and sizes shared by the visual exports (HTML page, picture, DOT)."""

from __future__ import annotations

from collections import Counter

import networkx as nx

__all__ = ["ARTICLE_COLOR", "node_kind", "relation_degree", "type_colors"]

#: Colour per entity type: the tab10 palette in a fixed order, so a type keeps its colour.
_PALETTE = {
    "PERSON": "#1f77b4",
    "ORG": "#ff7f0e",
    "GPE": "#2ca02c",
    "LOC": "#d62728",
    "NORP": "#9467bd",
    "FAC": "#8c564b",
    "PRODUCT": "#e377c2",
    "EVENT": "#bcbd22",
    "WORK_OF_ART": "#17becf",
    "LAW": "#7f7f7f",
}
#: Colour of article nodes (only with ``--with-articles``) and of unknown types.
ARTICLE_COLOR = "#b0b0b0"


def node_kind(data: dict) -> str:
    """What the legend calls a node: its entity type, or ``Article``."""
    return "Article" if data.get("label") == "Article" else str(data.get("type") or "?")


def type_colors(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Colour of each node kind present in ``graph``, most frequent kind first."""
    kinds = Counter(node_kind(data) for _, data in graph.nodes(data=True))
    return {kind: _PALETTE.get(kind, ARTICLE_COLOR) for kind, _ in kinds.most_common()}


def relation_degree(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Relations (in and out, MENTIONS not counted) of each node."""
    degree = dict.fromkeys(graph.nodes, 0)
    for u, v, data in graph.edges(data=True):
        if data.get("label") == "RELATION":
            degree[u] += 1
            degree[v] += 1
    return degree
