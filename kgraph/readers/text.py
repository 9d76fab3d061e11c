"""Plain-text articles: an optional headline line, a blank line, then paragraphs."""

from __future__ import annotations

from kgraph.boilerplate import is_caption
from kgraph.errors import RejectedInput
from kgraph.models import Article

#: Longest first line still taken as a headline.
MAX_TITLE_CHARS = 200


def decode_text(data: bytes) -> str:
    """Decode article bytes as UTF-8, rejecting empty, binary and undecodable input."""
    if not data.strip():
        raise RejectedInput("empty file")
    if b"\x00" in data[:8192]:
        raise RejectedInput("binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RejectedInput(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", line=line
        ) from exc
    if not text.strip():
        raise RejectedInput("empty file")
    return text


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
