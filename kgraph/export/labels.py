"""Names on a matplotlib picture that neither overlap nor leave the picture.

:func:`separate_labels` moves the texts apart (adjustText first, then pairwise pushes
along the axis of least overlap until no two boxes meet), keeps each inside the axes,
and draws a thin leader line from a point to its name when the name had to move away.
:func:`label_report` measures the result: overlapping pairs and names cut by the edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

__all__ = ["LabelReport", "label_report", "separate_labels"]

_PAD = 3.0  # pixels between two names
_MOVED = 12.0  # pixels a name moves before it gets a leader line


@dataclass(frozen=True)
class LabelReport:
    """How the names of a picture came out."""

    names: int
    overlapping: tuple[tuple[str, str], ...]
    cut: tuple[str, ...]


def separate_labels(
    ax,
    texts: list,
    points: list[tuple[float, float] | None],
    *,
    adjust: bool = True,
    leader_color: str = "#777777",
) -> None:
    """Move ``texts`` apart and inside ``ax``, earlier texts first in place; a text with a
    point (``points[i]``) gets a leader line to it when it ends far from it. ``adjust``:
    let adjustText place the texts with points first."""
    from adjustText import adjust_text

    if not texts:
        return
    anchored = [(t, p) for t, p in zip(texts, points) if p is not None]
    start = [_pixels(ax, t) for t, _ in anchored]
    if adjust and len(anchored) > 1:
        adjust_text(
            [t for t, _ in anchored],
            x=[p[0] for _, p in anchored],
            y=[p[1] for _, p in anchored],
            objects=[t for t, p in zip(texts, points) if p is None] or None,
            ax=ax,
            expand=(1.1, 1.3),
            max_move=None,
        )
    for _ in range(4):
        _inside(ax, texts)
        if not _push_apart(ax, texts):
            break
    _inside(ax, texts)
    moved = [
        (t, p)
        for (t, p), (x0, y0) in zip(anchored, start)
        if math.dist(_pixels(ax, t), (x0, y0)) > _MOVED
    ]
    _leaders(ax, [t for t, _ in moved], [p for _, p in moved], leader_color)


def _pixels(ax, text) -> tuple[float, float]:
    return tuple(ax.transData.transform(text.get_position()))


def _boxes(ax, texts: list) -> list:
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer).padded(_PAD / 2) for t in texts]


def _meet(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _move(ax, text, dx: float, dy: float) -> None:
    """Move a text by (dx, dy) pixels."""
    to_data = ax.transData.inverted()
    x, y = text.get_position()
    px, py = ax.transData.transform((x, y))
    text.set_position(tuple(to_data.transform((px + dx, py + dy))))


def _push_apart(ax, texts: list, rounds: int = 200) -> bool:
    """Push overlapping names apart, the later (less important) one moving; True if any
    moved."""
    moved_any = False
    for _ in range(rounds):
        boxes = _boxes(ax, texts)
        moved = False
        for i, j in combinations(range(len(texts)), 2):
            a, b = boxes[i], boxes[j]
            if not _meet(a, b):
                continue
            right = a.x1 - b.x0 if b.x0 + b.x1 >= a.x0 + a.x1 else -(b.x1 - a.x0)
            up = a.y1 - b.y0 if b.y0 + b.y1 >= a.y0 + a.y1 else -(b.y1 - a.y0)
            if abs(up) <= abs(right):
                _move(ax, texts[j], 0, up + (1 if up > 0 else -1))
            else:
                _move(ax, texts[j], right + (1 if right > 0 else -1), 0)
            boxes[j] = _boxes(ax, [texts[j]])[0]
            moved = moved_any = True
        if not moved:
            break
    return moved_any


def _inside(ax, texts: list) -> None:
    """Shift names that cross the edge of the axes back inside."""
    frame = ax.get_window_extent()
    for text, box in zip(texts, _boxes(ax, texts)):
        dx = max(frame.x0 - box.x0, 0) - max(box.x1 - frame.x1, 0)
        dy = max(frame.y0 - box.y0, 0) - max(box.y1 - frame.y1, 0)
        if dx or dy:
            _move(ax, text, dx, dy)


def _leaders(ax, texts: list, points: list[tuple[float, float]], color: str) -> None:
    """A line from each point to its name when the name is not beside the point."""
    renderer = ax.figure.canvas.get_renderer()
    for text, point in zip(texts, points):
        box = text.get_window_extent(renderer)
        px, py = ax.transData.transform(point)
        nearest_x = min(max(px, box.x0), box.x1)
        nearest_y = min(max(py, box.y0), box.y1)
        if math.dist((nearest_x, nearest_y), (px, py)) < _MOVED:
            continue
        to_data = ax.transData.inverted()
        end = to_data.transform((nearest_x, nearest_y))
        ax.plot([point[0], end[0]], [point[1], end[1]], color=color, linewidth=0.5, zorder=2.5)


def label_report(ax, texts: list) -> LabelReport:
    """Overlapping pairs of names and names that cross the figure's edge, as drawn."""
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    names = [t.get_text() for t in texts]
    overlapping = tuple(
        (names[i], names[j])
        for i, j in combinations(range(len(texts)), 2)
        if _meet(boxes[i], boxes[j])
    )
    figure = ax.figure.bbox
    cut = tuple(
        name
        for name, box in zip(names, boxes)
        if box.x0 < figure.x0 or box.y0 < figure.y0 or box.x1 > figure.x1 or box.y1 > figure.y1
    )
    return LabelReport(len(texts), overlapping, cut)
