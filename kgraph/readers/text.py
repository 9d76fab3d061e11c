"""Plain-text articles: an optional header block (``Date:``/``Published:`` lines), an
optional headline line, a blank line, then paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from kgraph.models import Article
from kgraph.readers.encoding import decode_bytes, decode_text, warn_repairs
from kgraph.readers.options import ReadOptions
from kgraph.text.boilerplate import is_caption

#: Longest first line still taken as a headline.
MAX_TITLE_CHARS = 200
#: A line of the header block at the top of a text file: ``Date: 2020-08-02``.
HEADER_LINE = re.compile(r"(?i)(date|published)\s*:\s*(\S.*?)\s*")

__all__ = ["decode_text", "guess_title", "read_text", "read_text_article"]


def guess_title(text: str) -> str | None:
    """The first line, when it stands alone above a blank line like a headline."""
    lines = text.strip().splitlines()
    if len(lines) < 2 or lines[1].strip():
        return None
    head = lines[0].strip()
    if len(head) > MAX_TITLE_CHARS or head.endswith((".", ":")) or is_caption(head):
        return None
    return head


def split_header(text: str) -> tuple[str | None, str]:
    r"""The date of the header block at the top of ``text`` (``Date:``/``Published:`` lines;
    the last one given wins) and the text after the block and the blank lines below it.

    >>> split_header("Date: 2020-08-02\n\nMicrosoft is in talks.")
    ('2020-08-02', 'Microsoft is in talks.')
    """
    lines = text.split("\n")
    date, count = None, 0
    for line in lines:
        found = HEADER_LINE.fullmatch(line.strip())
        if not found:
            break
        date, count = found[2], count + 1
    if not count:
        return None, text
    return date, "\n".join(lines[count:]).lstrip("\r\n")


def read_text_article(data: bytes, *, source: str, default_title: str | None = None) -> Article:
    """Build an :class:`Article` from the bytes of a ``.txt``/``.md`` file (its header
    block's date, unchecked: :mod:`kgraph.readers.checks` makes it ISO 8601)."""
    decoded = decode_bytes(data)
    warn_repairs(decoded, source)
    published, text = split_header(decoded.text)
    return Article(
        text=text,
        title=guess_title(text) or default_title,
        source=source,
        published=published,
        repairs=decoded.repairs,
    )


def read_text(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article]:
    """One article per ``.txt``/``.md`` file; ``name`` (the file stem) is the default title."""
    yield read_text_article(stream.read(), source=source, default_title=name)
