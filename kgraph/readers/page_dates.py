"""An HTML page's published date: its own metadata, then its visible dateline, then
other dates in its markup; and a note when two of them disagree.

htmldate (which trafilatura uses) reads the page's ``<meta>`` tags and JSON-LD first; its
markup search that follows also takes ``<time>`` and ``class="date"`` elements anywhere on
the page, a related-article teaser's included. A visible, labelled dateline ("Date
10.06.2013", "Published: 3 March 2021") of the page itself therefore comes before that
search: a Deutsche Welle page that says "Date 10.06.2013" is from 2013-06-10, not from the
2019 date of a teaser beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

#: A labelled date in the page's visible text.
DATELINE = re.compile(
    r"\b(?i:date|dated|published(?:\s+on)?|posted(?:\s+on)?|first\s+published|datum"
    r"|veröffentlicht(?:\s+am)?|publié\s+le)\s*:?\s*"
    r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\.?\s+[A-Za-zäéû]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})\b"
)
#: Characters of visible text searched for a dateline (it sits near the top).
DATELINE_CHARS = 20_000
_INVISIBLE = ("script", "style", "noscript", "template")

__all__ = ["PageDate", "page_date", "visible_dateline"]


@dataclass(frozen=True)
class PageDate:
    """The page's date (ISO 8601, or ``None``) and, when candidates disagree, why."""

    value: str | None
    note: str = ""


def page_date(data: bytes | str) -> PageDate:
    """The published date of the page ``data``: metadata, else dateline, else markup."""
    from htmldate.core import examine_header, find_date, json_search
    from htmldate.utils import Extractor, load_html
    from htmldate.validators import get_max_date, get_min_date

    tree = load_html(data)
    if tree is None:
        return PageDate(None)
    options = Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")
    metadata = examine_header(tree, options) or json_search(tree, options)
    dateline = visible_dateline(tree)
    if metadata:
        if dateline and dateline != metadata:
            return PageDate(
                metadata,
                f"page dates disagree: metadata {metadata}, dateline {dateline}; "
                "kept the metadata's",
            )
        return PageDate(metadata)
    markup = find_date(tree, extensive_search=False, original_date=True)
    if dateline:
        if markup and markup != dateline:
            return PageDate(
                dateline,
                f"page dates disagree: dateline {dateline}, elsewhere on the page "
                f"{markup}; kept the dateline's",
            )
        return PageDate(dateline)
    return PageDate(markup)


def visible_dateline(tree: Any) -> str | None:
    """The first labelled date of the page's visible text, as ``YYYY-MM-DD``."""
    texts: list[str] = []
    size = 0
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        hidden = _hidden(element)
        for text in (element.text if not hidden else None, element.tail):
            if text and text.strip() and not (text is element.tail and _hidden_parent(element)):
                texts.append(text.strip())
                size += len(text)
        if size > DATELINE_CHARS:
            break
    for found in DATELINE.finditer(" ".join(texts)):
        if value := _iso(found["date"]):
            return value
    return None


def _hidden(element: Any) -> bool:
    """Inside (or) a script, style or template element."""
    return element.tag in _INVISIBLE or _hidden_parent(element)


def _hidden_parent(element: Any) -> bool:
    return any(ancestor.tag in _INVISIBLE for ancestor in element.iterancestors())


def _iso(text: str) -> str | None:
    numbers = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    try:
        if numbers:  # day first, as every language that writes dates with dots does
            return date(int(numbers[3]), int(numbers[2]), int(numbers[1])).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        return None
    import dateparser

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None
