"""When a piece of evidence happened: its event dates where the sentence gave them, else
the article's published date; and whether that falls in a ``--since``/``--until`` window."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx

from kgraph.errors import KgraphError

__all__ = ["check_date", "evidence_dates", "in_window", "keep_evidence_in", "window_indices"]


def evidence_dates(data: dict[str, Any], i: int) -> tuple[str, str]:
    """The ISO ``(start, end)`` days of a relation's ``i``-th piece of evidence: its event
    interval (``whens``) where known, else its published day twice; ``("", "")`` undated."""
    whens = data.get("whens") or ()
    if i < len(whens) and whens[i]:
        start, _, end = whens[i].partition("/")
        return start, end or start
    day = (data["published"][i] or "")[:10]
    return day, day


def in_window(start: str, end: str, since: str | None, until: str | None) -> bool:
    """Whether the interval ``start``–``end`` meets the window (bounds included); undated
    evidence is outside any bounded window."""
    if not since and not until:
        return True
    if not start:
        return False
    return (not since or end >= since[:10]) and (not until or start <= until[:10])


def check_date(option: str, value: str | None) -> None:
    """Raise a one-line error when ``value`` is not a ``YYYY-MM-DD`` date."""
    if value is None:
        return
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise KgraphError(f"{option} {value!r} is not a date (use YYYY-MM-DD)") from exc


def window_indices(
    data: dict[str, Any], since: str | None, until: str | None, min_confidence: float = 0.0
) -> list[int]:
    """The positions of a relation's evidence inside the window and of ``min_confidence``
    or more (all, without either)."""
    confidences = data.get("confidences") or ()
    return [
        i
        for i in range(len(data["articles"]))
        if in_window(*evidence_dates(data, i), since, until)
        and (not min_confidence or confidences[i] >= min_confidence)
    ]


def keep_evidence_in(
    graph: nx.MultiDiGraph, since: str | None, until: str | None, min_confidence: float = 0.0
) -> None:
    """Trim each relation's parallel evidence lists to the evidence inside the window and
    of ``min_confidence`` or more, in place; relations left without evidence go,
    ``evidence_count`` and ``confidence`` are recomputed from the evidence kept (the lists
    are new: a copy's source stays intact)."""
    from kgraph.store.local import EVIDENCE_FIELDS, evidence_list

    empty = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        if data.get("label") != "RELATION":
            continue
        kept = window_indices(data, since, until, min_confidence)
        if not kept:
            empty.append((u, v, key))
            continue
        trimmed = {f: [evidence_list(data, f)[i] for i in kept] for f in EVIDENCE_FIELDS}
        trimmed["evidence_count"] = len(kept)
        trimmed["confidence"] = max(trimmed["confidences"])
        graph.add_edge(u, v, key, **trimmed)
    graph.remove_edges_from(empty)
