"""CSV files: a header row, then one article per row, fields mapped by :class:`FieldMap`.

The separator (comma, semicolon, tab or bar) is sniffed from the first lines.
"""

from __future__ import annotations

import csv
import itertools
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject
from kgraph.readers.encoding import decode_bytes, warn_repairs
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
    """One article per row; a row with a missing or empty text field is a :class:`Reject`.

    Quotes are read strictly: a quoted field that runs on past its row (an unbalanced
    quote) is a :class:`Reject` naming the row's line, and the lines it swallowed are
    read again as rows of their own, so the good rows after it still land.
    """
    lines = _Lines(_decoded_lines(stream, source))
    head = lines.peek(SNIFF_LINES)
    rows = csv.reader(lines, delimiter=sniff_delimiter(head), strict=True)
    try:
        header = next(rows)
    except StopIteration:
        raise RejectedInput("empty file") from None
    except csv.Error as exc:
        raise RejectedInput(f"malformed CSV header ({exc})", line=1) from exc
    while True:
        lines.start_row()
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            bad = lines.reread_after_first()
            yield Reject(path=source, reason=_quote_reason(exc, bad), line=bad)
            continue
        if not any(cell.strip() for cell in row):
            continue
        yield _row_article(header, row, lines, options, source)


def _row_article(
    header: list[str], row: list[str], lines: _Lines, options: ReadOptions, source: str
) -> Article | Reject:
    start = lines.row_start
    try:
        if len(row) < len(header):
            missing = ", ".join(header[len(row) :])
            raise RejectedInput(f"row has {len(row)} of {len(header)} fields (no {missing})")
        article = article_from_record(dict(zip(header, row)), options.fields, source=source)
    except RejectedInput as exc:
        return Reject(path=source, reason=exc.reason, line=start)
    repairs = lines.row_repairs()
    return replace(article, repairs=repairs) if repairs else article


def _quote_reason(exc: csv.Error, line: int) -> str:
    return (
        f"malformed CSV ({exc}): a quoted field opened on line {line} is not closed "
        "there; the lines after it are read as rows again"
    )


class _Lines:
    """The decoded lines of a CSV file with their line numbers, for ``csv.reader``: lines
    of a row the reader failed on can be read again, and the row's lines are known."""

    def __init__(self, lines: Iterator[tuple[int, str, int]]) -> None:
        self._source = lines
        self._again: deque[tuple[int, str, int]] = deque()
        self._row: list[tuple[int, str, int]] = []
        self.row_start = 1

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        item = self._again.popleft() if self._again else next(self._source)
        if not self._row:
            self.row_start = item[0]
        self._row.append(item)
        return item[1]

    def peek(self, count: int) -> list[str]:
        """The next ``count`` lines, left to be read."""
        ahead = list(itertools.islice(self._source, count))
        self._again.extend(ahead)
        return [text for _, text, _ in ahead]

    def start_row(self) -> None:
        self._row = []

    def row_repairs(self) -> int:
        return sum(repairs for _, _, repairs in self._row)

    def reread_after_first(self) -> int:
        """Put back every line of the failed row but its first; that line's number."""
        first, *rest = self._row or [(self.row_start, "", 0)]
        self._again.extendleft(reversed(rest))
        self._row = []
        return first[0]


def _decoded_lines(stream: BinaryIO, source: str) -> Iterator[tuple[int, str, int]]:
    """``(line number, text, repaired byte runs)`` of each line."""
    for number, raw in numbered_lines(stream):
        if not raw.strip():
            yield number, raw.decode("ascii", "replace"), 0
            continue
        try:
            decoded = decode_bytes(raw)
        except RejectedInput as exc:
            raise RejectedInput(exc.reason, line=number) from exc
        warn_repairs(decoded, f"{source}:{number}")
        yield number, decoded.text, decoded.repairs


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
