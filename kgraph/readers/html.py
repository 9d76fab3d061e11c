"""HTML pages: the main text and metadata, extracted by trafilatura (no tag stripping here)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article
from kgraph.readers.encoding import SNIFF_BYTES
from kgraph.readers.options import ReadOptions

if TYPE_CHECKING:
    from trafilatura.settings import Document

#: Dates only from the page's own metadata and markup: no guessing from copyright lines
#: or other years in the text, so a page without a date gets ``published=None``.
DATE_PARAMS = {"extensive_search": False, "original_date": True}

__all__ = ["extract_page", "read_html"]


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
    if b"\x00" in data[:SNIFF_BYTES]:
        raise RejectedInput("binary file (contains NUL bytes), expected an HTML page")
    page = extract_page(data)
    if page is None:
        raise RejectedInput("no article text found in the HTML page")
    yield Article(
        text=page.text,
        title=page.title or name,
        published=page.date,
        url=page.url,
        source=page.sitename or source,
    )
