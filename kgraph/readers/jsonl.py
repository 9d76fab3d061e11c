"""JSON Lines: one article object per line, fields mapped by :class:`FieldMap`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject
from kgraph.readers.encoding import decode_text
from kgraph.readers.options import ReadOptions, article_from_record
from kgraph.readers.stream import numbered_lines

__all__ = ["read_jsonl"]


def read_jsonl(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article | Reject]:
    """One article per non-blank line; a bad line is a :class:`Reject` naming its line."""
    blank = True
    for number, raw in numbered_lines(stream):
        if not raw.strip():
            continue
        blank = False
        try:
            record = _parse(raw)
            yield article_from_record(record, options.fields, source=source)
        except RejectedInput as exc:
            yield Reject(path=source, reason=exc.reason, line=number)
    if blank:
        raise RejectedInput("empty file")


def _parse(raw: bytes) -> object:
    line = decode_text(raw).strip()
    try:
        return json.loads(line)
    except ValueError as exc:
        raise RejectedInput(f"malformed JSON ({exc})") from exc
