"""HTML pages: the main text and metadata, extracted by trafilatura (no tag stripping here)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article
from kgraph.readers.encoding import SNIFF_BYTES
from kgraph.readers.options import ReadOptions

#: Dates only from the page's own metadata and markup: no guessing from copyright lines
#: or other years in the text, so a page without a date gets ``published=None``.
DATE_PARAMS = {"extensive_search": False, "original_date": True}

__all__ = ["read_html"]


def read_html(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article]:
    """One article per page: title, date, canonical URL and site name from its metadata."""
    data = stream.read()
    if not data.strip():
        raise RejectedInput("empty file")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise RejectedInput("binary file (contains NUL bytes), expected an HTML page")
    import trafilatura  # here, not at the top: importing it takes 0.2 s

    page = trafilatura.bare_extraction(data, with_metadata=True, date_extraction_params=DATE_PARAMS)
    text = page.text if page is not None else None
    if not text or not text.strip():
        raise RejectedInput("no article text found in the HTML page")
    yield Article(
        text=text,
        title=page.title or name,
        published=page.date,
        url=page.url,
        source=page.sitename or source,
    )
