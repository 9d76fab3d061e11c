"""WARC web archives: every HTML page of a ``response`` record becomes an article.

Records are streamed one at a time by warcio, so memory follows the largest page, not
the archive. Pages go through the same trafilatura extraction as ``.html`` files; the
URL is the record's ``WARC-Target-URI`` (also the article id, so a page archived twice
is read once), the date the page's own, else the record's ``WARC-Date``. Responses
that are not HTML, not status 200, or hold no article text are skipped (counted, not
rejected); request, metadata, revisit and warcinfo records are not pages and pass
silently. A damaged archive keeps the articles before the damage and rejects the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Skip
from kgraph.readers.html import extract_page, template_reason
from kgraph.readers.options import ReadOptions
from kgraph.readers.page_dates import page_date
from kgraph.readers.stream import READ_ERRORS, read_error

#: Content types read as HTML pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")
#: How an HTML payload without a Content-Type header starts (lower-cased, stripped).
_HTML_STARTS = (b"<!doctype html", b"<html")

__all__ = ["read_warc"]


def read_warc(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article | Skip]:
    """One article per HTML response record, in archive order; other pages are skipped."""
    for number, record in _records(stream):
        if record.rec_type == "response":
            yield _page(record, number, source)


def _records(stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    """The archive's records, numbered from 1; damage ends them with a ``RejectedInput``."""
    from warcio.archiveiterator import ArchiveIterator  # here: the CLI starts without warcio
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    number, record = 0, None
    counted = _Counted(stream)
    records = ArchiveIterator(counted)
    try:
        for number, record in enumerate(records, 1):  # noqa: B007
            _check_header(record, number)
            yield number, record
    except READ_ERRORS as exc:
        raise RejectedInput(f"record {number + 1} on: {read_error(exc)}") from exc
    except (ArchiveLoadFailed, StatusAndHeadersParserException) as exc:
        reason = str(exc).strip() or "unreadable record"
        raise RejectedInput(f"record {number + 1} on: not a WARC record ({reason})") from exc
    except (AttributeError, TypeError, ValueError) as exc:  # warcio on a cut-off header
        raise RejectedInput(f"record {number + 1} on: damaged WARC record ({exc})") from exc
    if record is None:
        raise RejectedInput("empty file (no WARC records)")
    _check_complete(record, number)
    left = counted.count + len(counted.read()) - records.offset
    if left > 0:
        raise RejectedInput(
            f"record {number + 1} on: archive truncated ({left} bytes after record {number} "
            "are no complete record); the records before it were read"
        )


def _check_header(record: Any, number: int) -> None:
    if record.format != "warc":  # warcio also reads old ARC files, or tries to
        kind = record.format.upper()
        raise RejectedInput(f"record {number}: not a WARC record ({kind}, expected WARC)")
    length = record.rec_headers.get_header("Content-Length") or ""
    if not record.rec_type or not length.strip().isdigit():  # the header was cut off
        raise RejectedInput(
            f"record {number} on: archive truncated (record {number} has no complete "
            "WARC header); the records before it were read"
        )


class _Counted:
    """A stream that counts the bytes read from it (warcio takes the count as position)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count


def _check_complete(record: Any, number: int) -> None:
    """Raise if the archive ended inside the record (a truncated file)."""
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise RejectedInput(
            f"record {number} on: archive truncated ({missing} bytes of record {number} "
            "missing); the records before it were read"
        )


def _page(record: Any, number: int, source: str) -> Article | Skip:
    """The article of one response record, or why there is none."""
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"record {number} ({uri})" if uri else f"record {number}"
    http = record.http_headers
    status = http.get_statuscode() if http else None
    if status != "200":
        return Skip(path=source, reason=f"{where}: HTTP status {status or 'missing'}")
    kind = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        return Skip(path=source, reason=f"{where}: not HTML ({kind})")
    try:
        data = record.content_stream().read()
    except READ_ERRORS as exc:
        raise RejectedInput(f"{where} on: {read_error(exc)}") from exc
    _check_complete(record, number)
    if not kind and not data.lstrip()[:14].lower().startswith(_HTML_STARTS):
        return Skip(path=source, reason=f"{where}: not HTML (no Content-Type)")
    page = extract_page(data, url=uri)
    if page is None:
        return Skip(path=source, reason=f"{where}: no article text found in the page")
    if reason := template_reason(page.text):
        return Skip(path=source, reason=f"{where}: {reason}")
    return Article(
        text=page.text,
        id=uri or record.rec_headers.get_header("WARC-Record-ID") or "",
        title=page.title or None,
        published=page_date(data).value or record.rec_headers.get_header("WARC-Date"),
        url=uri,
        source=page.sitename or source,
    )
