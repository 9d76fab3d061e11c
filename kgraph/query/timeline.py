"""When a piece of evidence happened: its event dates where the sentence gave them, else
the article's published date; and whether that falls in a ``--since``/``--until`` window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kgraph.errors import KgraphError

__all__ = ["check_date", "evidence_dates", "in_window"]


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
