"""When a statement happened: a time expression of its sentence as an ISO date interval.

spaCy's DATE entities find the expressions ("Sunday", "September 15", "last year",
"2010", "next week"); dateparser reads each against the article's published date and
says how precise it is (day, week, month or year), which gives the interval: "last year"
in an article of 2020-08-02 is 2019-01-01/2019-12-31, "next week" the Monday to Sunday
after it. An expression that needs the published date (anything relative) gives nothing
when the article has none; one dateparser cannot read gives nothing too.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from kgraph.nlp.per_doc import entities_within

__all__ = ["interval_of", "when_of"]

#: A second base a relative expression is read against: if the readings differ, it is relative.
_PROBE = datetime(2000, 6, 15)
_PROBE_SHIFT = timedelta(days=1000)


def when_of(anchor: Token, sentence: Span, published: str | None) -> dict[str, str] | None:
    """``{"text", "start", "end"}`` of the time expression of ``sentence`` that dates the
    statement whose verb (or noun) is ``anchor``: one attached below the anchor first,
    else the first of the sentence that can be read; None when there is none."""
    expressions = [e for e in entities_within(sentence) if e.label_ == "DATE"]
    below = [e for e in expressions if e.root == anchor or anchor in e.root.ancestors]
    for expression in (*below, *(e for e in expressions if e not in below)):
        interval = interval_of(expression.text, published)
        if interval:
            return {"text": expression.text, "start": interval[0], "end": interval[1]}
    return None


@lru_cache(maxsize=8192)
def interval_of(text: str, published: str | None) -> tuple[str, str] | None:
    """The ISO ``(start, end)`` dates ``text`` names, read against ``published``.

    >>> interval_of("last year", "2020-08-02")
    ('2019-01-01', '2019-12-31')
    >>> interval_of("Sunday", None) is None, interval_of("in 2010", None)
    (True, ('2010-01-01', '2010-12-31'))
    """
    base = _published_day(published)
    interval = _interval(_read(text, base or _PROBE))
    if base is None and _interval(_read(text, _PROBE + _PROBE_SHIFT)) != interval:
        return None  # relative: it needs a published date
    return interval


def _interval(reading: tuple[date, str] | None) -> tuple[str, str] | None:
    """The day, week, month or year of a dateparser reading, as ISO start and end dates."""
    if reading is None:
        return None
    day, period = reading
    if period == "year":
        return f"{day.year}-01-01", f"{day.year}-12-31"
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return f"{day.year}-{day.month:02}-01", f"{day.year}-{day.month:02}-{last:02}"
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return day.isoformat(), day.isoformat()


def _published_day(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.combine(date.fromisoformat(published[:10]), datetime.min.time())
    except ValueError:
        return None


def _read(text: str, base: datetime) -> tuple[date, str] | None:
    data = _parser(base).get_date_data(_bare(text))
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _bare(text: str) -> str:
    """The expression without a leading preposition ("in 2010" → "2010")."""
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in ("in", "on", "by", "since", "until", "at") else text


@lru_cache(maxsize=256)
def _parser(base: datetime):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "current_period"},
    )
