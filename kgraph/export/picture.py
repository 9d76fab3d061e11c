"""A static picture of the graph (PNG or SVG) drawn with matplotlib.

Three kinds, chosen by :func:`write_picture`:

- **overview** of a whole graph of more than ``top`` entities (:mod:`kgraph.export.overview`):
  the entities with the most evidence, one arrow per linked pair with its relation (and
  evidence count) written on it, communities laid out apart inside soft outlines named
  by their biggest entity, and a caption counting what was left out;
- **neighbourhood** (a centre set by ``--entity``): every entity named; five or more
  relations of one kind at one entity (:data:`BUNDLE_AT`) drawn as one fan, a thick trunk
  labelled "based-in: 14 entities" to a junction and thin spokes on; more relations than
  :data:`EDGE_LABELS_UP_TO` drawn as one edge per pair (its strongest relation);
- any other graph whole: each relation its own curved arrow with its predicate.

Layout: each connected component gets a square (side growing with the square root of its
size), largest first, packed in rows; inside it, communities (networkx's Louvain, fixed
seed) each by their own spring layout inside a circle, the circles pushed apart.
Names are whole (never cut) and placed by :mod:`kgraph.export.labels`: none overlaps
another or leaves the picture. SVG keeps text as ``<text>`` elements. Every seed is
fixed, so a picture is reproducible.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kgraph.export.labels import LabelReport, along, label_report, place_labels
from kgraph.export.overview import (
    COMMUNITY_COLORS,
    TOP,
    Overview,
    overview,
    overview_summary,
    pair_relations,
)
from kgraph.export.style import node_kind, relation_degree, type_colors

__all__ = ["BUNDLE_AT", "EDGE_LABELS_UP_TO", "LABELLED", "PictureWritten", "write_picture"]

#: Entities named in a large graph (the best connected), plus one in five of the others;
#: a graph this small (+15) names all.
LABELLED = 45
#: Relations of one kind at one entity drawn as one labelled fan from this many on.
BUNDLE_AT = 5
#: Most relations whose predicate is written on the arrow.
EDGE_LABELS_UP_TO = 80
_SEED = 7
_GAP = 0.8  # between components
_UNIT = 1.5  # a component of n entities spans about _UNIT * sqrt(n)
_MIN_DISTANCE = 0.55  # between two entities
_CURVE = 0.22  # arc3 bend between two parallel relations
_MAX_INCHES = 28  # the picture's longest side (100 dots per inch)


@dataclass(frozen=True)
class PictureWritten:
    """How the names came out, and what an overview shows (None: the whole graph)."""

    labels: LabelReport
    overview: str | None


def write_picture(
    graph: nx.MultiDiGraph, out: Path, fmt: str = "png", top: int = TOP
) -> PictureWritten:
    """Draw ``graph`` into ``out`` as ``fmt`` (``png`` or ``svg``).

    A graph of more than ``top`` entities (``top`` 0: no limit) without a centre
    (``graph.graph["center"]``, set by ``--entity``) is drawn as an overview
    (:mod:`kgraph.export.overview`); any other graph whole.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    entities = sum(1 for _, d in graph.nodes(data=True) if d.get("label") != "Article")
    with plt.rc_context({"svg.fonttype": "none", "font.size": 8}):
        summary = None
        if top and entities > top and not graph.graph.get("center"):
            chosen = overview(graph, top)
            fig, ax, labels, hidden = _draw_overview(graph, chosen)
            summary = overview_summary(chosen)
        else:
            fig, ax, labels, hidden = _draw(_collapsed(graph))
        report = label_report(ax, labels, hidden)
        if hidden:  # said, not silently dropped
            fig.text(
                0.99,
                0.003,
                f"{len(hidden)} label{'s' if len(hidden) > 1 else ''} left out for want of room",
                fontsize=8,
                color="#666666",
                ha="right",
                va="bottom",
            )
        fig.savefig(
            out,
            format=fmt,
            metadata={"Software": None} if fmt == "png" else {"Date": None},
        )
        plt.close(fig)
    return PictureWritten(report, summary)


def _draw(graph: nx.MultiDiGraph):
    import matplotlib.pyplot as plt

    degree = relation_degree(graph)
    colors = type_colors(graph)
    bundles = _bundles(graph, degree)
    bundled = {edge for b in bundles for edge in b.edges}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for u, v, k in sorted(graph.edges(keys=True)):
        if u != v and (u, v, k) not in bundled:
            a, b = sorted((u, v))
            simple.add_edge(a, b, count=simple.get_edge_data(a, b, {"count": 0})["count"] + 1)
    for b in bundles:  # the fan's junction pulls its members together
        simple.add_edge(b.hub, b.junction, count=2)
        simple.add_edges_from((b.junction, m) for m in b.members)
    pos = _layout(simple)
    nodes = sorted(graph.nodes)
    xs = [pos[n][0] for n in pos]
    ys = [pos[n][1] for n in pos]
    margin = 0.7
    caption = graph.graph.get("caption")
    width = max(xs, default=0) - min(xs, default=0) + 2 * margin
    height = max(ys, default=0) - min(ys, default=0) + 2 * margin
    inch = min(1.0, _MAX_INCHES / width, _MAX_INCHES / height)  # inches per layout unit
    below = 0.5 if caption else 0.0
    fig_width, fig_height = max(width * inch, 6) + 1.5, max(height * inch, 3) + below
    fig, ax = plt.subplots(figsize=(fig_width, fig_height), dpi=100)
    fig.subplots_adjust(left=0, right=1 - 1.5 / fig_width, bottom=below / fig_height, top=1)
    ax.set_axis_off()
    ax.set_aspect("equal")
    sizes = {n: inch**2 * (50 + 120 * math.sqrt(degree[n])) for n in nodes}
    ax.set_xlim(min(xs, default=0) - margin, max(xs, default=0) + margin)
    ax.set_ylim(min(ys, default=0) - margin, max(ys, default=0) + margin)
    edge_labels = _draw_edges(ax, graph, pos, sizes, bundled)
    edge_labels += _draw_bundles(ax, bundles, pos, sizes)
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[sizes[n] for n in nodes],
        c=[colors[node_kind(graph.nodes[n])] for n in nodes],
        edgecolors="white",
        linewidths=0.6,
        zorder=3,
    )
    dots = [(*pos[n], _radius(fig, sizes[n])) for n in nodes]
    labels, hidden = _draw_names(ax, graph, pos, degree, edge_labels, dots)
    _legend(ax, colors)
    if caption:
        fig.text(0.01, 0.15 / fig_height, caption, fontsize=9, color="#333333")
    return fig, ax, labels, hidden


def _radius(fig, size: float) -> float:
    """The radius in pixels of a scatter dot of ``size`` (points squared)."""
    return math.sqrt(size) / 2 * fig.dpi / 72 + 1


def _collapsed(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A neighbourhood too big to write every relation on: one edge per linked pair (its
    strongest relation and the pair's evidence), every pair with the centre kept, of the
    others only the strongest (as many as half the entities, at least ten)."""
    center = graph.graph.get("center")
    relations = sum(1 for *_, d in graph.edges(data=True) if d.get("label") == "RELATION")
    if not center or relations <= EDGE_LABELS_UP_TO:
        return graph
    entities = {n for n, d in graph.nodes(data=True) if d.get("label") != "Article"}
    pairs = pair_relations(graph, entities)
    own = [p for p in pairs if center in (p.source, p.target)]
    others = [p for p in pairs if center not in (p.source, p.target)]
    kept = own + others[: max(10, len(entities) // 2)]
    out = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    out.add_nodes_from(graph.nodes(data=True))
    for p in kept:
        shown = p.label if p.evidence == 1 else f"{p.label} ({p.evidence})"
        out.add_edge(
            p.source,
            p.target,
            key=p.label,
            label="RELATION",
            relation=p.label,
            predicate=shown,
            evidence_count=p.evidence,
        )
    left = len(pairs) - len(kept)
    if left and not out.graph.get("caption"):
        out.graph["caption"] = (
            f"{graph.nodes[center].get('name', center)}'s {relations:,} relations drawn as one "
            f"edge per linked pair (its strongest relation, the pair's evidence in brackets); "
            f"{left:,} weaker links between the other entities left out."
        )
    return out


@dataclass(frozen=True)
class _Bundle:
    """Relations of one kind between a hub and many entities, drawn as one fan."""

    hub: str
    label: str
    outgoing: bool  # hub -[label]-> members
    members: tuple[str, ...]
    edges: frozenset[tuple[str, str, str]]

    @property
    def junction(self) -> str:
        return f"\0fan|{self.hub}|{self.label}|{self.outgoing}"


def _relation_label(data: dict) -> str:
    relation = data.get("relation") or "other"
    return str(data.get("predicate", relation)) if relation == "other" else str(relation)


def _bundles(graph: nx.MultiDiGraph, degree: dict[str, int]) -> list[_Bundle]:
    """Fans: :data:`BUNDLE_AT` or more relations of one kind at one entity, biggest first,
    each relation in one fan at most."""
    groups: dict[tuple[str, str, bool], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for u, v, k, d in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        if d.get("label") == "RELATION" and u != v:
            groups[(u, _relation_label(d), True)][v].append((u, v, k))
            groups[(v, _relation_label(d), False)][u].append((u, v, k))
    ranked = sorted(groups.items(), key=lambda g: (-len(g[1]), -degree[g[0][0]], g[0]))
    used: set = set()
    fans = []
    for (hub, label, outgoing), members in ranked:
        free = {m: e for m, e in members.items() if not used & set(e)}
        if len(free) < BUNDLE_AT:
            continue
        edges = frozenset(edge for e in free.values() for edge in e)
        used |= edges
        fans.append(_Bundle(hub, label, outgoing, tuple(sorted(free)), edges))
    return fans


def _draw_bundles(ax, bundles: list[_Bundle], pos, sizes) -> list:
    """Each fan: a thick labelled trunk from the hub to a junction, thin spokes on."""
    from matplotlib.patches import FancyArrowPatch

    labels = []
    for b in bundles:
        hub, junction = pos[b.hub], pos[b.junction]
        ax.add_patch(
            FancyArrowPatch(
                junction if b.outgoing is False else hub,
                hub if b.outgoing is False else junction,
                arrowstyle="-|>" if not b.outgoing else "-",
                mutation_scale=9,
                color="#6f6f6f",
                linewidth=2.2,
                alpha=0.8,
                shrinkA=0 if not b.outgoing else math.sqrt(sizes[b.hub]) / 2,
                shrinkB=math.sqrt(sizes[b.hub]) / 2 + 1 if not b.outgoing else 0,
                zorder=1,
            )
        )
        for member in b.members:
            ax.add_patch(
                FancyArrowPatch(
                    junction,
                    pos[member],
                    arrowstyle="-|>" if b.outgoing else "-",
                    mutation_scale=6,
                    color="#9a9a9a",
                    linewidth=0.6,
                    alpha=0.7,
                    shrinkA=0,
                    shrinkB=math.sqrt(sizes[member]) / 2 + 1,
                    zorder=1,
                )
            )
        (x1, y1), (x2, y2) = hub, junction
        angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
        if angle > 90 or angle <= -90:
            angle -= 180 if angle > 0 else -180
        labels.append(
            ax.text(
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                f"{b.label}: {len(b.members)} entities",
                rotation=angle,
                rotation_mode="anchor",
                fontsize=8,
                fontweight="bold",
                color="#333333",
                ha="center",
                va="center",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "#999999", "lw": 0.5},
            )
        )
        along(labels[-1], hub, junction)
    return labels


def _draw_edges(ax, graph: nx.MultiDiGraph, pos, sizes, bundled: set) -> list:
    """Arrows, parallel relations bent apart; predicates on them when there are few."""
    from matplotlib.patches import FancyArrowPatch

    pairs: dict[tuple[str, str], list[tuple[str, str, dict]]] = defaultdict(list)
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        if u != v and (u, v, key) not in bundled:
            pairs[tuple(sorted((u, v)))].append((u, v, data))
    many = sum(len(edges) for edges in pairs.values())
    labels = []
    for (a, _), edges in sorted(pairs.items()):
        for i, (u, v, data) in enumerate(edges):
            bend = _CURVE * (i - (len(edges) - 1) / 2)
            rad = bend if u == a else -bend  # the same side whichever way the arrow goes
            ax.add_patch(
                FancyArrowPatch(
                    pos[u],
                    pos[v],
                    connectionstyle=f"arc3,rad={rad}",
                    arrowstyle="-|>",
                    mutation_scale=7,
                    color="#8a8a8a",
                    linewidth=0.7,
                    alpha=0.75,
                    shrinkA=math.sqrt(sizes[u]) / 2,
                    shrinkB=math.sqrt(sizes[v]) / 2 + 1,
                    zorder=1,
                )
            )
            if many <= EDGE_LABELS_UP_TO and data.get("label") == "RELATION":
                (x1, y1), (x2, y2) = pos[u], pos[v]
                # Midpoint of arc3's quadratic Bézier: control point at rad·(dy, -dx).
                x = (x1 + x2) / 2 + rad * (y2 - y1) / 2
                y = (y1 + y2) / 2 - rad * (x2 - x1) / 2
                angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
                if angle > 90 or angle <= -90:  # keep the text upright
                    angle -= 180 if angle > 0 else -180
                labels.append(
                    ax.text(
                        x,
                        y,
                        data.get("predicate", ""),
                        rotation=angle,
                        rotation_mode="anchor",
                        fontsize=6,
                        color="#555555",
                        ha="center",
                        va="center",
                        zorder=4,
                        bbox={
                            "boxstyle": "round,pad=0.1",
                            "fc": "white",
                            "ec": "none",
                            "alpha": 0.75,
                        },
                    )
                )
                shift_x, shift_y = x - (x1 + x2) / 2, y - (y1 + y2) / 2  # the curve's middle
                along(labels[-1], (x1 + shift_x, y1 + shift_y), (x2 + shift_x, y2 + shift_y))
    return labels


def _draw_names(
    ax, graph: nx.MultiDiGraph, pos, degree, edge_labels: list, dots: list
) -> tuple[list, tuple[str, ...]]:
    """Names of the best-connected entities, moved apart so that none overlap."""
    ranked = sorted(graph.nodes, key=lambda n: (-degree[n], -graph.nodes[n].get("mentions", 0), n))
    small = len(ranked) <= LABELLED + 15 or graph.graph.get("center")  # a neighbourhood: all
    named = ranked if small else ranked[: LABELLED + len(ranked) // 5]
    texts = [
        ax.text(
            pos[n][0],
            pos[n][1] - 0.22,
            _name(graph.nodes[n]),
            fontsize=8 if degree[n] < 5 else 9,
            fontweight="bold" if degree[n] >= 5 else "normal",
            ha="center",
            va="center",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.6},
        )
        for n in named
    ]
    labels = texts + edge_labels
    points = [pos[n] for n in named] + [None] * len(edge_labels)
    return labels, place_labels(ax, labels, points, obstacles=dots)


def _legend(ax, colors: dict[str, str]) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", linestyle="", color=color, markersize=8, label=kind)
        for kind, color in colors.items()
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
        title="type",
    )


def _layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Each connected component in its own box, largest first, packed in rows.

    A component of n entities spans about sqrt(n) units, its entities then pushed apart
    to at least :data:`_MIN_DISTANCE` (a unit is about an inch in the picture).
    """
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    boxes = []
    for nodes in components:
        local = _component_layout(graph.subgraph(nodes))
        half = 0.5 * _UNIT * math.sqrt(len(nodes))
        scaled = {n: (half * x, half * y) for n, (x, y) in local.items()}
        boxes.append(_spread(scaled, graph.subgraph(nodes)))
    total = sum(_extent(box)[0] * _extent(box)[1] for box in boxes)
    row_width = max(1.3 * math.sqrt(total), max((_extent(b)[0] for b in boxes), default=0))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box in boxes:
        width, height = _extent(box)
        if x and x + width > row_width:
            x, y, row_height = 0.0, y - row_height - _GAP, 0.0
        left = min(px for px, _ in box.values())
        top = max(py for _, py in box.values())
        for node, (px, py) in box.items():
            pos[node] = (x + px - left, y - (top - py))
        x += width + _GAP
        row_height = max(row_height, height)
    return pos


def _extent(box: dict[str, tuple[float, float]]) -> tuple[float, float]:
    xs = [x for x, _ in box.values()]
    ys = [y for _, y in box.values()]
    return max(xs) - min(xs), max(ys) - min(ys)


def _spread(
    pos: dict[str, tuple[float, float]], graph: nx.Graph, minimum: float = _MIN_DISTANCE
) -> dict[str, tuple[float, float]]:
    """Push entities apart: at least :data:`_MIN_DISTANCE`, more between two entities
    joined by several relations (their curved arrows and predicates need the room)."""
    import numpy as np

    names = sorted(pos)
    if len(names) < 2:
        return dict(pos)
    index = {n: i for i, n in enumerate(names)}
    wanted = np.full((len(names), len(names)), minimum)
    for u, v, count in graph.edges(data="count", default=1):
        if count > 1:
            wanted[index[u], index[v]] = wanted[index[v], index[u]] = 0.6 + 0.45 * count
    points = np.array([pos[n] for n in names], dtype=float)
    for _ in range(80):
        delta = points[:, None, :] - points[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, 1e9)
        close = dist < wanted
        if not close.any():
            break
        push = np.where(close, (wanted - dist) / np.maximum(dist, 1e-6) / 2, 0.0)
        points += (delta * push[..., None]).sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, points)}


def _component_layout(component: nx.Graph) -> dict[str, tuple[float, float]]:
    """One component in [-1, 1]²: communities apart, each by its own spring layout."""
    part = _sorted_copy(component)
    if len(part) < 12:
        return _stretch(_spring(part))
    communities = [
        sorted(c)
        for c in nx.community.louvain_communities(part, seed=_SEED)  # type: ignore[attr-defined]
    ]
    communities.sort(key=lambda c: (-len(c), c[0]))
    if len(communities) == 1:
        return _stretch(_spring(part))
    radii = [0.5 * math.sqrt(len(c)) + 0.3 for c in communities]
    centers = _community_centers(part, communities, radii)
    pos = {}
    for members, (cx, cy), radius in zip(communities, centers, radii):
        local = _spring(_sorted_copy(part.subgraph(members)))
        for node, (px, py) in _fit_circle(local).items():
            pos[node] = (cx + radius * px, cy + radius * py)
    return _stretch(pos)


def _community_centers(
    part: nx.Graph, communities: list[list[str]], radii: list[float]
) -> list[tuple[float, float]]:
    """Centres of the communities' circles: near the communities they relate to, apart."""
    import numpy as np

    home = {n: i for i, members in enumerate(communities) for n in members}
    quotient = nx.Graph()
    quotient.add_nodes_from(range(len(communities)))
    for u, v in part.edges:
        a, b = home[u], home[v]
        if a != b:
            weight = quotient.get_edge_data(a, b, {"weight": 0})["weight"]
            quotient.add_edge(a, b, weight=weight + 1)
    raw = nx.spring_layout(quotient, seed=_SEED, weight="weight", iterations=200)
    spread = sum(radii) / math.sqrt(len(radii))
    points = np.array([raw[i] for i in range(len(communities))]) * spread * 1.5
    r = np.array(radii)
    for _ in range(300):  # push overlapping circles apart
        moved = False
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                delta = points[j] - points[i]
                dist = float(np.hypot(*delta)) or 1e-6
                overlap = r[i] + r[j] + 0.35 - dist
                if overlap > 0:
                    shift = delta / dist * overlap / 2
                    points[i] -= shift
                    points[j] += shift
                    moved = True
        if not moved:
            break
    return [(float(x), float(y)) for x, y in points]


def _sorted_copy(graph: nx.Graph) -> nx.Graph:
    """The same graph with nodes and edges in sorted order: the same picture every run."""
    part = nx.Graph()
    part.add_nodes_from(sorted(graph.nodes))
    part.add_edges_from(sorted(tuple(sorted(e)) for e in graph.edges))
    return part


def _spring(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    pos = nx.spring_layout(graph, k=2.5 / math.sqrt(len(graph)), iterations=300, seed=_SEED)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _fit_circle(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions centred and scaled into the unit circle."""
    if len(pos) == 1:
        return {n: (0.0, 0.0) for n in pos}
    cx = sum(x for x, _ in pos.values()) / len(pos)
    cy = sum(y for _, y in pos.values()) / len(pos)
    reach = max(math.hypot(x - cx, y - cy) for x, y in pos.values()) or 1.0
    return {n: ((x - cx) / reach, (y - cy) / reach) for n, (x, y) in pos.items()}


def _stretch(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions turned to lie along x, then stretched to fill [-1, 1]²."""
    import numpy as np

    names = list(pos)
    if len(names) == 1:
        return {names[0]: (0.0, 0.0)}
    points = np.array([pos[n] for n in names])
    points -= points.mean(axis=0)
    _, _, axes = np.linalg.svd(points, full_matrices=False)
    points = points @ axes.T  # principal axis along x: the stretch then spreads it evenly
    low, high = points.min(axis=0), points.max(axis=0)
    flat = high - low < 1e-6  # a line of entities stays a line
    points = np.where(flat, 0.0, 2 * (points - low) / np.where(flat, 1.0, high - low) - 1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, points)}


def _name(data: dict) -> str:
    """An entity's whole name on one line (names are never cut)."""
    return " ".join(str(data.get("name") or data.get("title") or "").split())


# --- The overview of a whole graph -------------------------------------------------------


def _draw_overview(graph: nx.MultiDiGraph, chosen: Overview):
    import matplotlib.pyplot as plt

    colors = type_colors(graph.subgraph(chosen.entities))
    pos = _overview_layout(chosen)
    xs = [pos[n][0] for n in chosen.entities]
    ys = [pos[n][1] for n in chosen.entities]
    margin = 1.2
    width = max(xs) - min(xs) + 2 * margin + 2.0  # room for the legend
    height = max(ys) - min(ys) + 2 * margin
    caption_inches = 0.7
    fig, ax = plt.subplots(figsize=(width, height + caption_inches), dpi=100)
    fig.subplots_adjust(
        left=0, right=1 - 2.0 / width, bottom=caption_inches / (height + caption_inches), top=1
    )
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(min(xs) - margin, max(xs) + margin)
    ax.set_ylim(min(ys) - margin, max(ys) + margin)
    group_labels = _outline_communities(ax, graph, chosen, pos)
    most = max(chosen.evidence.values(), default=1) or 1
    sizes = {n: 60 + 900 * math.sqrt(chosen.evidence[n] / most) for n in chosen.entities}
    edge_labels = _overview_edges(ax, chosen, pos, sizes)
    ax.scatter(
        xs,
        ys,
        s=[sizes[n] for n in chosen.entities],
        c=[colors[node_kind(graph.nodes[n])] for n in chosen.entities],
        edgecolors="white",
        linewidths=0.8,
        zorder=3,
    )
    names = [
        ax.text(
            pos[n][0],
            pos[n][1] - 0.3 - math.sqrt(sizes[n]) / 200,
            _name(graph.nodes[n]),
            fontsize=10 if i < 10 else 9,
            fontweight="bold" if i < 10 else "normal",
            ha="center",
            va="center",
            zorder=5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
        for i, n in enumerate(chosen.entities)
    ]
    labels = names + edge_labels + group_labels
    hidden = place_labels(
        ax,
        labels,
        [pos[n] for n in chosen.entities] + [None] * (len(edge_labels) + len(group_labels)),
        obstacles=[(*pos[n], _radius(fig, sizes[n])) for n in chosen.entities],
    )
    _legend(ax, colors)
    fig.text(
        0.01,
        0.25 * caption_inches / (height + caption_inches),
        chosen.caption(),
        fontsize=9,
        color="#333333",
    )
    return fig, ax, labels, hidden


def _overview_layout(chosen: Overview) -> dict[str, tuple[float, float]]:
    """Communities apart, each by its own spring layout inside a circle; a unit is an inch."""
    linked = nx.Graph()
    linked.add_nodes_from(sorted(chosen.entities))
    for p in sorted(chosen.pairs, key=lambda p: (p.source, p.target)):
        linked.add_edge(p.source, p.target)
    communities = [sorted(c) for c in chosen.communities]
    placing = linked.copy()  # a community linked to no other stays near the biggest one
    for members in communities[1:]:
        if not any(placing.degree(n) for n in members):
            placing.add_edge(members[0], communities[0][0])
    radii = [0.9 * math.sqrt(len(c)) + 0.5 for c in communities]
    if len(communities) == 1:
        centers = [(0.0, 0.0)]
    else:
        centers = _community_centers(placing, communities, radii)
    pos = {}
    for members, (cx, cy), radius in zip(communities, centers, radii):
        local = _spring(_sorted_copy(linked.subgraph(members)))
        for node, (px, py) in _fit_circle(local).items():
            pos[node] = (cx + radius * px, cy + radius * py)
    return _spread(pos, linked, minimum=1.6)


def _outline_communities(ax, graph, chosen: Overview, pos) -> list:
    """A soft outline round each community of two or more, named by its biggest entity."""
    from matplotlib.patches import Polygon

    labels = []
    for i, members in enumerate(c for c in chosen.communities if len(c) > 1):
        color = COMMUNITY_COLORS[i % len(COMMUNITY_COLORS)]
        around = [
            (
                pos[n][0] + 0.75 * math.cos(a / 8 * math.pi),
                pos[n][1] + 0.75 * math.sin(a / 8 * math.pi),
            )
            for n in members
            for a in range(16)
        ]
        hull = _convex_hull(around)
        ax.add_patch(Polygon(hull, closed=True, fc=color, ec=color, alpha=0.12, lw=1.2, zorder=0))
        top = max(hull, key=lambda p: p[1])
        labels.append(
            ax.text(
                top[0],
                top[1] - 0.25,
                f"group: {chosen.community_name(members, graph)}",
                fontsize=9,
                fontstyle="italic",
                color="#444444",
                ha="center",
                va="center",
                zorder=4,
            )
        )
    return labels


def _convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain."""
    points = sorted(set(points))
    if len(points) < 3:
        return points

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for p in points:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(points):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _overview_edges(ax, chosen: Overview, pos, sizes) -> list:
    """One arrow per linked pair, thicker with more evidence, its relation written on it."""
    from matplotlib.patches import FancyArrowPatch

    labels = []
    most = max((p.evidence for p in chosen.pairs), default=1)
    for p in chosen.pairs:
        ax.add_patch(
            FancyArrowPatch(
                pos[p.source],
                pos[p.target],
                arrowstyle="-|>",
                mutation_scale=9,
                color="#7a7a7a",
                linewidth=0.6 + 2.4 * math.sqrt(p.evidence / most),
                alpha=0.7,
                shrinkA=math.sqrt(sizes[p.source]) / 2,
                shrinkB=math.sqrt(sizes[p.target]) / 2 + 1,
                zorder=1,
            )
        )
        (x1, y1), (x2, y2) = pos[p.source], pos[p.target]
        angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
        if angle > 90 or angle <= -90:
            angle -= 180 if angle > 0 else -180
        text = p.label if p.evidence == 1 else f"{p.label} ({p.evidence})"
        labels.append(
            ax.text(
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                text,
                rotation=angle,
                rotation_mode="anchor",
                fontsize=7,
                color="#444444",
                ha="center",
                va="center",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
            )
        )
        along(labels[-1], pos[p.source], pos[p.target])
    return labels
