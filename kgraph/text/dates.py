"""Published dates to ISO 8601: what feeds and pages write ("March 3, 2021", "yesterday").

ISO 8601 dates and date-times are kept as given; anything else goes through dateparser
and becomes a ``YYYY-MM-DD`` date. A relative date ("yesterday", "3 days ago") is read
against the time of the file it came from; without a file time, or when no parser
understands the text, the date is ``None`` and the caller gets the reason to warn with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kgraph.errors import KgraphError

__all__ = ["ParsedDate", "check_iso_date", "parse_published"]

#: All-number dates that start with the year: ISO 8601 or nothing, never day and month swapped.
_NUMERIC_YEAR_FIRST = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
#: A second base a relative date is read against: if the two readings differ, it is relative.
_PROBE_SHIFT = timedelta(days=1000)


@dataclass(frozen=True)
class ParsedDate:
    """An ISO 8601 date (or ``None``) and, when it is not simply the given text, why."""

    value: str | None
    note: str = ""


def parse_published(text: str | None, file_time: datetime | None = None) -> ParsedDate:
    """``text`` as an ISO 8601 date, read against ``file_time`` when relative.

    >>> parse_published("March 3, 2021").value
    '2021-03-03'
    >>> parse_published("2021-03-03T10:00:00+01:00").value
    '2021-03-03T10:00:00+01:00'
    """
    if text is None or not text.strip():
        return ParsedDate(None)
    text = text.strip()
    if _is_iso(text):
        return ParsedDate(text)
    if _NUMERIC_YEAR_FIRST.fullmatch(text):  # 2005-31-12: not swapped into 2005-12-31
        return ParsedDate(None, f"invalid date {text!r} (not YYYY-MM-DD) stored as null")
    base = file_time or datetime.now()
    first = _parse(text, base)
    if first is None:
        return ParsedDate(None, f"unparseable date {text!r} stored as null")
    relative = _parse(text, base - _PROBE_SHIFT) != first
    if relative and file_time is None:
        return ParsedDate(None, f"relative date {text!r} and no file time to read it against")
    value = first.date().isoformat()
    if relative:
        return ParsedDate(value, f"relative date {text!r} read as {value} (file time)")
    return ParsedDate(value)


def check_iso_date(text: str) -> str:
    """``text`` when it is an ISO 8601 date (``2005-12-31``, ``2005-12``, ``2005``) or
    date-time.

    Raises:
        KgraphError: anything else, ``2005-31-12`` included (never read as December 31).
    """
    if _is_iso(text.strip()):
        return text.strip()
    raise KgraphError(f"--published {text}: not an ISO 8601 date (YYYY-MM-DD, e.g. 2005-12-31)")


def _is_iso(text: str) -> bool:
    if re.fullmatch(r"\d{4}(?:-\d{2})?", text):  # a year, a month: reduced precision
        return True
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return text[:4].isdigit() and text[4] == "-"


def _parse(text: str, base: datetime) -> datetime | None:
    import dateparser

    settings = {
        "RELATIVE_BASE": base.replace(tzinfo=None),
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return dateparser.parse(text, settings=settings)
