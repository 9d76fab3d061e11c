"""``.json`` files: one array of article objects, one (pretty-printed) object, or JSON Lines.

A document that is not one JSON value but a value per line is read as JSON Lines (so a
bad line there is rejected alone, by its line number). An
object without a text field holding a list of objects under ``articles``, ``items``,
``data``, ``results`` or ``entries`` is read as that list.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject
from kgraph.readers.encoding import decode_bytes, warn_repairs
from kgraph.readers.jsonl import read_jsonl
from kgraph.readers.options import ReadOptions, article_from_record

#: Keys of a wrapper object whose list holds the articles.
LIST_KEYS = ("articles", "items", "data", "results", "entries")

__all__ = ["read_json"]


def read_json(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article | Reject]:
    """The articles of one JSON document; a bad item is a :class:`Reject` naming it."""
    data = stream.read()
    decoded = decode_bytes(data)
    text = decoded.text
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" or _first_line_is_an_object(text):  # JSON Lines
            utf8 = data if decoded.encoding == "utf-8" else text.encode("utf-8")
            yield from read_jsonl(io.BytesIO(utf8), source=source, name=name, options=options)
            return
        raise RejectedInput(
            f"malformed JSON ({exc.msg}: line {exc.lineno} column {exc.colno})", line=exc.lineno
        ) from exc
    warn_repairs(decoded, source)
    repairs = decoded.repairs  # counted once, on the first article
    items = _items(document, options)
    if items is None:
        yield replace(article_from_record(document, options.fields, source=source), repairs=repairs)
        return
    if not items:
        raise RejectedInput("empty JSON array (no articles)")
    for number, item in enumerate(items, 1):
        try:
            article = article_from_record(item, options.fields, source=source)
        except RejectedInput as exc:
            yield Reject(path=source, reason=f"item {number}: {exc.reason}")
            continue
        yield replace(article, repairs=repairs) if repairs else article
        repairs = 0


def _first_line_is_an_object(text: str) -> bool:
    """True when the first non-blank line is a whole JSON object (JSON Lines, one bad)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _items(document: Any, options: ReadOptions) -> list | None:
    """The list of article records, or ``None`` when the document is one article."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and not any(n in document for n in options.fields.text):
        for key in LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
    return None
