"""JSON Lines: one article object per line, fields mapped by :class:`FieldMap`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject
from kgraph.readers.encoding import decode_bytes, warn_repairs
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
            decoded = decode_bytes(raw)
            article = article_from_record(_parse(decoded.text), options.fields, source=source)
            warn_repairs(decoded, f"{source}:{number}")
            yield replace(article, repairs=decoded.repairs) if decoded.repairs else article
        except RejectedInput as exc:
            yield Reject(path=source, reason=exc.reason, line=number)
    if blank:
        raise RejectedInput("empty file")


def _parse(line: str) -> object:
    try:
        return json.loads(line.strip())
    except ValueError as exc:
        raise RejectedInput(f"malformed JSON ({exc})") from exc
