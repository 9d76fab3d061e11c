"""A static picture of the graph (PNG or SVG) drawn with matplotlib.

Readable up to a few hundred nodes: nodes coloured by type (legend) and sized by their
relations; only the :data:`LABELLED` best-connected entities are named; predicates are
written on the edges only when there are at most :data:`EDGE_LABELS_UP_TO` of them.
The layout is networkx's spring layout with a fixed seed, so a picture is reproducible.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx

from kgraph.export.style import node_kind, relation_degree, type_colors

__all__ = ["EDGE_LABELS_UP_TO", "LABELLED", "write_picture"]

LABELLED = 30
EDGE_LABELS_UP_TO = 40
_SEED = 7
_GAP = 0.8  # between components


def write_picture(graph: nx.MultiDiGraph, out: Path, fmt: str = "png") -> None:
    """Draw ``graph`` into ``out`` as ``fmt`` (``png`` or ``svg``)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    degree = relation_degree(graph)
    isolated = [n for n in graph if not degree[n]] if graph.number_of_edges() else []
    graph = graph.subgraph(n for n in graph if n not in set(isolated))
    colors = type_colors(graph)
    simple = nx.Graph(graph.to_undirected())
    pos = _layout(simple)
    fig, ax = plt.subplots(figsize=(12, 8), dpi=100)
    ax.set_axis_off()
    nodes = list(graph.nodes)
    scale = min(1.0, 50 / max(len(nodes), 1)) ** 0.5  # smaller dots in a bigger graph
    sizes = {n: scale * (50 + 160 * math.sqrt(degree[n])) for n in nodes}
    nx.draw_networkx_edges(
        graph,
        pos,
        ax=ax,
        edge_color="#9a9a9a",
        width=0.8,
        arrowsize=8,
        alpha=0.8,
        node_size=[sizes[n] for n in nodes],
        nodelist=nodes,
    )
    nx.draw_networkx_nodes(
        graph,
        pos,
        ax=ax,
        nodelist=nodes,
        node_color=[colors[node_kind(graph.nodes[n])] for n in nodes],
        node_size=[sizes[n] for n in nodes],
        edgecolors="white",
        linewidths=0.6,
    )
    top = sorted(nodes, key=lambda n: (-degree[n], -graph.nodes[n].get("mentions", 0), n))
    for node in top[:LABELLED]:
        if degree[node] or len(nodes) < 40:
            ax.annotate(
                _short(graph.nodes[node]),
                pos[node],
                xytext=(0, -(math.sqrt(sizes[node]) / 2 + 1)),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8,
            )
    if graph.number_of_edges() <= EDGE_LABELS_UP_TO:
        edge_labels = {
            (u, v): d.get("predicate", "")
            for u, v, d in graph.edges(data=True)
            if d.get("label") == "RELATION"
        }
        nx.draw_networkx_edge_labels(
            simple,
            pos,
            edge_labels=edge_labels,
            ax=ax,
            font_size=6,
            font_color="#555555",
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
        )
    handles = [
        Line2D([], [], marker="o", linestyle="", color=color, markersize=8, label=kind)
        for kind, color in colors.items()
    ]
    ax.legend(handles=handles, loc="upper right", fontsize=8, frameon=False, title="type")
    if isolated:
        note = f"{len(isolated)} entities without relations not drawn"
        ax.text(1, 0, note, transform=ax.transAxes, ha="right", fontsize=7, color="#777777")
    fig.tight_layout()
    fig.savefig(out, format=fmt, metadata={"Software": None} if fmt == "png" else {"Date": None})
    plt.close(fig)


def _layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Spring layout of each connected component, components packed in rows, largest first.

    One spring layout of a disconnected graph squeezes each component into a clump; here
    each gets a square whose side grows with the square root of its size.
    """
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    row_width = 1.6 * math.sqrt(sum(len(c) for c in components) or 1)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes in components:
        side = math.sqrt(len(nodes))
        if x and x + side > row_width:
            x, y, row_height = 0.0, y - row_height - _GAP, 0.0
        part = nx.Graph()  # sorted: the same picture whatever the hash seed
        part.add_nodes_from(sorted(nodes))
        part.add_edges_from(sorted(tuple(sorted(e)) for e in graph.subgraph(nodes).edges))
        local = _fill_square(part)
        for node, (px, py) in local.items():
            pos[node] = (x + side * (0.5 + 0.45 * px), y - side * (0.5 - 0.45 * py))
        x += side + _GAP
        row_height = max(row_height, side)
    return pos


def _fill_square(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Spring layout of one component, turned to lie along x, stretched to [-1, 1]²."""
    import numpy as np

    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    pos = nx.spring_layout(graph, k=2.5 / math.sqrt(len(graph)), iterations=300, seed=_SEED)
    points = np.array([pos[n] for n in graph])
    points -= points.mean(axis=0)
    _, _, axes = np.linalg.svd(points, full_matrices=False)
    points = points @ axes.T  # principal axis along x: the stretch then spreads it evenly
    low, high = points.min(axis=0), points.max(axis=0)
    points = 2 * (points - low) / np.where(high > low, high - low, 1.0) - 1
    return {n: (float(x), float(y)) for n, (x, y) in zip(graph, points)}


def _short(data: dict, width: int = 24) -> str:
    name = str(data.get("name") or data.get("title") or "")
    return name if len(name) <= width else name[: width - 1] + "…"
