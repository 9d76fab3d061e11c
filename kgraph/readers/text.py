"""Plain-text articles: an optional headline line, a blank line, then paragraphs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from kgraph.boilerplate import is_caption
from kgraph.models import Article
from kgraph.readers.encoding import decode_text
from kgraph.readers.options import ReadOptions

#: Longest first line still taken as a headline.
MAX_TITLE_CHARS = 200

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


def read_text_article(data: bytes, *, source: str, default_title: str | None = None) -> Article:
    """Build an :class:`Article` from the bytes of a ``.txt``/``.md`` file."""
    text = decode_text(data)
    return Article(text=text, title=guess_title(text) or default_title, source=source)


def read_text(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article]:
    """One article per ``.txt``/``.md`` file; ``name`` (the file stem) is the default title."""
    yield read_text_article(stream.read(), source=source, default_title=name)
