"""CSV files: a header row, then one article per row, fields mapped by :class:`FieldMap`.

The separator (comma, semicolon, tab or bar) is sniffed from the first lines.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from typing import BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject
from kgraph.readers.encoding import decode_text
from kgraph.readers.options import ReadOptions, article_from_record
from kgraph.readers.stream import numbered_lines

#: Lines looked at to find the field separator, and the separators considered.
SNIFF_LINES = 20
DELIMITERS = ",;\t|"

__all__ = ["read_csv", "sniff_delimiter"]

# The csv module's default field limit (131,072 characters) would reject long articles.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def read_csv(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article | Reject]:
    """One article per row; a row with a missing or empty text field is a :class:`Reject`."""
    lines = (_decode(raw, number) for number, raw in numbered_lines(stream))
    head = list(itertools.islice(lines, SNIFF_LINES))
    rows = csv.reader(itertools.chain(head, lines), delimiter=sniff_delimiter(head))
    try:
        header = next(rows)
    except StopIteration:
        raise RejectedInput("empty file") from None
    while True:
        start = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(path=source, reason=f"malformed CSV ({exc})", line=start)
            continue
        if not any(cell.strip() for cell in row):
            continue
        record = dict(zip(header, row))
        try:
            if len(row) < len(header):
                missing = ", ".join(header[len(row) :])
                raise RejectedInput(f"row has {len(row)} of {len(header)} fields (no {missing})")
            yield article_from_record(record, options.fields, source=source)
        except RejectedInput as exc:
            yield Reject(path=source, reason=exc.reason, line=start)


def sniff_delimiter(head: list[str]) -> str:
    """The field separator of a CSV file from its first lines: comma, semicolon, tab or bar.

    >>> sniff_delimiter(["title;text\\n", "A;Microsoft bought it, they said.\\n"])
    ';'
    """
    sample = "".join(head)
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:  # the sniffer gives up: the separator most used in the header
        header = head[0] if head else ""
        return max(DELIMITERS, key=header.count) if any(d in header for d in DELIMITERS) else ","


def _decode(raw: bytes, number: int) -> str:
    try:
        return decode_text(raw) if raw.strip() else raw.decode("ascii", "replace")
    except RejectedInput as exc:
        raise RejectedInput(exc.reason, line=number) from exc
