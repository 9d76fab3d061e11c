"""HTML pages: the main text and metadata, extracted by trafilatura (no tag stripping here)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article
from kgraph.readers.encoding import SNIFF_BYTES, utf16_encoding
from kgraph.readers.options import ReadOptions
from kgraph.readers.page_dates import page_date

if TYPE_CHECKING:
    from trafilatura.settings import Document

#: Dates only from the page's own metadata and markup: no guessing from copyright lines
#: or other years in the text, so a page without a date gets ``published=None``.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: A template placeholder that a script fills in the browser: ``{{ page.title }}``.
TEMPLATE_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.DOTALL)
#: A text is a template when placeholders make up this share of it or more, or when
#: fewer characters than this remain without them.
MAX_TEMPLATE_SHARE = 0.1
MIN_TEMPLATE_REST = 500
LOGGER = logging.getLogger("kgraph")

__all__ = ["extract_page", "read_html", "template_reason"]


def extract_page(data: bytes | str, *, url: str | None = None) -> Document | None:
    """Main text and metadata of an HTML page by trafilatura; ``None`` if it holds no text.

    ``url`` is the page's address when known (it is the document's URL unless the page
    names a canonical one).
    """
    import trafilatura  # here, not at the top: importing it takes 0.2 s

    page = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, date_extraction_params=DATE_PARAMS
    )
    if page is None or not page.text or not page.text.strip():
        return None
    return page


def read_html(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article]:
    """One article per page: title, date, canonical URL and site name from its metadata."""
    data = stream.read()
    if not data.strip():
        raise RejectedInput("empty file")
    if encoding := utf16_encoding(data):
        data = data.decode(encoding, errors="replace").lstrip("\ufeff")
    elif b"\x00" in data[:SNIFF_BYTES]:
        raise RejectedInput("binary file (contains NUL bytes), expected an HTML page")
    page = extract_page(data)
    if page is None:
        raise RejectedInput("no article text found in the HTML page")
    if reason := template_reason(page.text):
        raise RejectedInput(reason)
    published = page_date(data)
    if published.note:
        LOGGER.warning("%s: %s", source, published.note)
    yield Article(
        text=page.text,
        title=page.title or name,
        published=published.value,
        url=page.url,
        source=page.sitename or source,
    )


def template_reason(text: str) -> str | None:
    """Why ``text`` is a page template, not an article: ``{{ … }}`` placeholders that a
    script fills in the browser make up much of it (an Angular or Vue page read before
    it ran); ``None`` for article text, which may quote a placeholder or two."""
    placeholders = TEMPLATE_PLACEHOLDER.findall(text)
    if not placeholders:
        return None
    rest = TEMPLATE_PLACEHOLDER.sub(" ", text)
    covered = sum(len(p) for p in placeholders) / len(text)
    if covered < MAX_TEMPLATE_SHARE and len(" ".join(rest.split())) >= MIN_TEMPLATE_REST:
        return None
    return (
        f"page template, not an article: {len(placeholders)} unfilled {{{{ }}}} placeholders "
        "(the page's script fills them in the browser)"
    )
