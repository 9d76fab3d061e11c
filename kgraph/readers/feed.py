"""RSS and Atom feeds: one article per item, parsed by feedparser.

An item's full content (``content:encoded``, Atom ``<content>``) goes through the same
trafilatura extraction as an HTML page; an item with only a summary (``<description>``,
``<summary>``) becomes an article marked ``text_kind="summary"``. The item's guid (Atom
``<id>``), else its link, is the article id, so re-reading a feed that gained items adds
only the new ones. An item that breaks the XML is rejected with its number and line and
the rest of the feed is read; an item with no text at all is skipped.
"""

from __future__ import annotations

import gzip
import re
import time
from collections.abc import Iterator
from html.entities import name2codepoint
from pathlib import Path
from typing import Any, BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject, Skip
from kgraph.readers.html import extract_page
from kgraph.readers.options import ReadOptions
from kgraph.readers.stream import READ_ERRORS, read_error

#: Root elements of RSS 0.9x/2.0 (``rss``), RSS 1.0 (``rdf:RDF``) and Atom (``feed``).
_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(rss|RDF|feed)[\s>]")
#: Start and end tags of a feed item (RSS ``item``, Atom ``entry``).
_ITEM_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
#: HTML named character references, which XML does not define but feeds use.
_HTML_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
#: Content types of item content read as HTML.
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Bytes sniffed for the root element of an ``.xml`` file.
SNIFF_BYTES = 4096

__all__ = ["is_feed_file", "read_feed"]


def is_feed_file(path: Path) -> bool:
    """True if an ``.xml`` (or ``.xml.gz``) file starts like an RSS or Atom feed."""
    try:
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except READ_ERRORS:
        return False
    return _FEED_ROOT.search(head) is not None


def read_feed(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article | Reject]:
    """One article per feed item, in feed order; bad items are rejected, empty ones skipped."""
    data = stream.read()
    if data[:2] == b"\x1f\x8b":  # gzipped standard input
        try:
            data = gzip.decompress(data)
        except READ_ERRORS as exc:
            raise RejectedInput(read_error(exc)) from exc
    if not data.strip():
        raise RejectedInput("empty file")
    if not _FEED_ROOT.search(data[:SNIFF_BYTES]):
        raise RejectedInput("not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root)")
    spans = _item_spans(data)
    starts = _lines([start for start, _ in spans], data)
    broken, outside = _malformed_items(data)
    import feedparser  # here, not at the top: kgraph's CLI starts without it

    feed = feedparser.parse(_blank(data, spans, broken))
    if outside and not feed.entries:
        raise RejectedInput(f"malformed XML ({outside[0]})", line=outside[1])
    numbers = [n for n in range(1, len(starts) + 1) if n not in broken]
    if len(numbers) != len(feed.entries):  # item tags and parsed entries disagree
        numbers = list(range(1, len(feed.entries) + 1))
    items: list[tuple[int, Article | Reject]] = [
        (n, Reject(path=source, reason=f"item {n}: {reason}", line=starts[n - 1]))
        for n, reason in broken.items()
    ]
    site = feed.feed.get("title") or source
    for number, entry in zip(numbers, feed.entries):
        article = _article(entry, source=site)
        if article is None:
            line = starts[number - 1] if number <= len(starts) else None
            article = Skip(path=source, reason=f"item {number}: no content or summary", line=line)
        items.append((number, article))
    for _, item in sorted(items, key=lambda pair: pair[0]):
        yield item


def _article(entry: Any, *, source: str) -> Article | None:
    text, kind = _content_text(entry), None
    if not text:
        text, kind = _summary_text(entry), "summary"
    if not text:
        return None
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    return Article(
        text=text,
        id=entry.get("id") or entry.get("link") or "",
        title=entry.get("title") or None,
        published=time.strftime("%Y-%m-%dT%H:%M:%SZ", when) if when else None,
        url=entry.get("link") or None,
        source=source,
        text_kind=kind,
    )


def _content_text(entry: Any) -> str:
    """The item's full content: HTML through trafilatura (all its text if no article)."""
    for content in entry.get("content") or ():
        value = (content.get("value") or "").strip()
        if not value:
            continue
        if content.get("type") not in _HTML_TYPES:
            return value
        page = extract_page(f"<html><body><article>{value}</article></body></html>")
        return page.text if page is not None else _html_text(value)
    return ""


def _summary_text(entry: Any) -> str:
    summary = (entry.get("summary") or "").strip()
    detail = entry.get("summary_detail") or {}
    return _html_text(summary) if detail.get("type") in _HTML_TYPES else summary


def _html_text(fragment: str) -> str:
    import trafilatura

    return trafilatura.html2txt(f"<html><body>{fragment}</body></html>").strip()


def _item_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte spans of the items: start tag to end tag, or to the end of a truncated file."""
    spans = []
    for match in _ITEM_START.finditer(data):
        end = _ITEM_END.search(data, match.end())
        spans.append((match.start(), end.end() if end else len(data)))
    return spans


def _lines(offsets: list[int], data: bytes) -> list[int]:
    """The line (from 1) of each of the ascending ``offsets``."""
    lines, line, last = [], 1, 0
    for offset in offsets:
        line += data.count(b"\n", last, offset)
        lines.append(line)
        last = offset
    return lines


def _offset(data: bytes, line: int, column: int) -> int:
    """The byte offset of a parser position (line from 1, column from 1)."""
    start = 0
    for _ in range(line - 1):
        start = data.find(b"\n", start) + 1
        if not start:
            return len(data)
    return start + max(column - 1, 0)


def _malformed_items(data: bytes) -> tuple[dict[int, str], tuple[str, int] | None]:
    """Items (numbered from 1) whose XML is not well-formed, each with the parser's reason,
    and the first error outside every item (reason, line), if any.

    A strict parser reports the first error; the item holding it is blanked out and the
    feed parsed again, until the feed is well-formed or an error lies outside every item.
    HTML entities such as ``&nbsp;`` are not errors here (feedparser reads them).
    """
    probe = _HTML_ENTITY.sub(_numeric_entity, data)
    spans = _item_spans(probe)
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    broken: dict[int, str] = {}
    while True:
        try:
            etree.fromstring(probe, parser)
            return broken, None
        except etree.XMLSyntaxError as exc:
            at = _offset(probe, *exc.position)
            number = next((n for n, (a, b) in enumerate(spans, 1) if a <= at <= b), None)
            if number is None or number in broken:
                return broken, (exc.msg, exc.lineno)
            broken[number] = f"malformed XML ({exc.msg})"
            probe = _blank(probe, spans, {number})


def _blank(data: bytes, spans: list[tuple[int, int]], numbers: set[int] | dict[int, str]) -> bytes:
    """``data`` with the given items replaced by spaces (offsets and lines unchanged)."""
    out = bytearray(data)
    for number in numbers:
        start, end = spans[number - 1]
        out[start:end] = re.sub(rb"[^\n]", b" ", data[start:end])
    return bytes(out)


def _numeric_entity(match: re.Match[bytes]) -> bytes:
    name = match.group(1)
    code = name2codepoint.get(name.decode("ascii"))
    if name in _XML_ENTITIES or code is None:
        return match.group(0)
    return b"&#%d;" % code
