"""Names on a matplotlib picture that neither overlap nor leave the picture.

:func:`place_labels` puts each text, most important first, at the free spot nearest to
where it was drawn: candidate spots ring outwards from there, and the first whose box
stays inside the axes and meets no text already placed (nor an obstacle, such as the dots
of a graph) wins. A relation's label marked with :func:`along` slides along its edge
instead (then at most :data:`LOOSE_REACH` pixels round its middle). A text with nowhere to
go is hidden and counted, never drawn over another. A name that ends far from its point
gets a thin leader line to it. :func:`label_report` measures what was drawn: overlapping pairs and
names cut by the figure's edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

__all__ = ["LOOSE_REACH", "REACH", "LabelReport", "along", "label_report", "place_labels"]

#: Farthest a name moves from where it was drawn, in pixels.
REACH = 260
#: Farthest a text without a point (a relation's label) moves, in pixels.
LOOSE_REACH = 60
_PAD = 2.0  # pixels kept free round each text
_STEP = 4.0  # pixels between two rings of candidate spots
_MOVED = 12.0  # pixels a name moves before it gets a leader line


@dataclass(frozen=True)
class LabelReport:
    """How the names of a picture came out."""

    names: int
    overlapping: tuple[tuple[str, str], ...]
    cut: tuple[str, ...]
    hidden: tuple[str, ...] = ()


def along(text, start: tuple[float, float], end: tuple[float, float]):
    """Mark ``text`` as the label of the edge from ``start`` to ``end`` (data
    coordinates): it may be placed anywhere along the edge's middle part."""
    text.kgraph_edge = (start, end)
    return text


def _along_edge(ax, text, cx: float, cy: float):
    """Candidate moves of an edge's label: along the edge from its middle outwards (the
    middle 70%), a little to either side."""
    import numpy as np

    (x1, y1), (x2, y2) = (ax.transData.transform(p) for p in text.kgraph_edge)
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    moves = []
    for step in range(int(0.35 * length / _STEP) + 1):
        for sign in (1, -1) if step else (1,):
            for side in (0.0, 5.0, -5.0, 10.0, -10.0):
                along_edge = sign * step * _STEP
                x = mx + ux * along_edge - uy * side
                y = my + uy * along_edge + ux * side
                moves.append((x - cx, y - cy))
    return np.array(moves)


def _offsets():
    """Candidate moves, nearest first: rings of spots round (0, 0)."""
    import numpy as np

    moves = [(0.0, 0.0)]
    for ring in range(1, int(REACH / _STEP) + 1):
        radius = ring * _STEP
        count = max(8, int(2 * math.pi * radius / (2 * _STEP)))
        for k in range(count):
            angle = 2 * math.pi * k / count - math.pi / 2  # below first, then round
            moves.append((radius * math.cos(angle), radius * math.sin(angle)))
    return np.array(moves)


def place_labels(
    ax,
    texts: list,
    points: list[tuple[float, float] | None],
    *,
    obstacles: list[tuple[float, float, float]] = (),
    leader_color: str = "#777777",
    loose_reach: float = LOOSE_REACH,
) -> tuple[str, ...]:
    """Move ``texts`` (most important first) to free spots near where they are drawn;
    ``points[i]``, when given, is the point text ``i`` names (a leader line joins them
    when the text ends far away). ``obstacles``: ``(x, y, radius in pixels)`` discs in
    data coordinates no text may cover. A text without a point (a relation's label, which
    means nothing away from its edge) moves at most ``loose_reach`` pixels. Returns the
    texts hidden for want of room."""
    import numpy as np

    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent()
    moves = _offsets()
    near = np.hypot(moves[:, 0], moves[:, 1]) <= loose_reach
    placed = [
        (px - r, py - r, px + r, py + r)
        for x, y, r in obstacles
        for px, py in [ax.transData.transform((x, y))]
    ]
    hidden = []
    for text, point in zip(texts, points):
        box = text.get_window_extent(renderer)
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        half_w, half_h = box.width / 2 + _PAD, box.height / 2 + _PAD
        edge = getattr(text, "kgraph_edge", None)
        if edge is not None:
            tried = np.vstack([_along_edge(ax, text, cx, cy), moves[near]])
        elif point is None:
            tried = moves[near]
        else:
            tried = moves
        spots = np.column_stack([cx + tried[:, 0], cy + tried[:, 1]])
        fits = (
            (spots[:, 0] - half_w >= frame.x0)
            & (spots[:, 0] + half_w <= frame.x1)
            & (spots[:, 1] - half_h >= frame.y0)
            & (spots[:, 1] + half_h <= frame.y1)
        )
        if placed:
            taken = np.array(placed)
            clash = (
                (spots[:, None, 0] - half_w < taken[None, :, 2])
                & (taken[None, :, 0] < spots[:, None, 0] + half_w)
                & (spots[:, None, 1] - half_h < taken[None, :, 3])
                & (taken[None, :, 1] < spots[:, None, 1] + half_h)
            ).any(axis=1)
            fits &= ~clash
        free = np.flatnonzero(fits)
        if not len(free):
            text.set_visible(False)
            hidden.append(text.get_text())
            continue
        x, y = spots[free[0]]
        _shift(ax, text, x - cx, y - cy)
        placed.append((x - half_w, y - half_h, x + half_w, y + half_h))
        if point is not None and math.hypot(x - cx, y - cy) > _MOVED:
            _leader(ax, text, point, leader_color)
    return tuple(hidden)


def _shift(ax, text, dx: float, dy: float) -> None:
    """Move a text by (dx, dy) pixels."""
    px, py = ax.transData.transform(text.get_position())
    text.set_position(tuple(ax.transData.inverted().transform((px + dx, py + dy))))


def _leader(ax, text, point: tuple[float, float], color: str) -> None:
    """A thin line from ``point`` to the nearest edge of the text's box."""
    box = text.get_window_extent(ax.figure.canvas.get_renderer())
    px, py = ax.transData.transform(point)
    nearest = (min(max(px, box.x0), box.x1), min(max(py, box.y0), box.y1))
    end = ax.transData.inverted().transform(nearest)
    ax.plot([point[0], end[0]], [point[1], end[1]], color=color, linewidth=0.5, zorder=2.5)


def label_report(ax, texts: list, hidden: tuple[str, ...] = ()) -> LabelReport:
    """Overlapping pairs of the drawn names and names that cross the figure's edge."""
    renderer = ax.figure.canvas.get_renderer()
    shown = [t for t in texts if t.get_visible()]
    boxes = [t.get_window_extent(renderer) for t in shown]
    names = [t.get_text() for t in shown]
    overlapping = tuple(
        (names[i], names[j])
        for i, j in combinations(range(len(shown)), 2)
        if boxes[i].x0 < boxes[j].x1
        and boxes[j].x0 < boxes[i].x1
        and boxes[i].y0 < boxes[j].y1
        and boxes[j].y0 < boxes[i].y1
    )
    figure = ax.figure.bbox
    cut = tuple(
        name
        for name, box in zip(names, boxes)
        if box.x0 < figure.x0 or box.y0 < figure.y0 or box.x1 > figure.x1 or box.y1 > figure.y1
    )
    return LabelReport(len(shown), overlapping, cut, hidden)
