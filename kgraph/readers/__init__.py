"""Articles in: files, folders and standard input become :class:`~kgraph.models.Article` records.

One module per format, a registry by file suffix (``.gz`` on top of any of them). Every
reader yields articles, or :class:`~kgraph.models.Reject` records naming the file and
line of inputs it could not read, so one bad file or line never stops a batch, or
:class:`~kgraph.models.Skip` records for inputs that are no article (a WARC record of
an image, say): counted, never errors.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject
from kgraph.readers.checks import check_article
from kgraph.readers.csv import read_csv
from kgraph.readers.feed import is_feed_file, read_feed
from kgraph.readers.html import read_html
from kgraph.readers.jsondoc import read_json
from kgraph.readers.jsonl import read_jsonl
from kgraph.readers.options import AUTO, MAX_ARTICLE_CHARS, FieldMap, ReadOptions
from kgraph.readers.parquet import read_parquet
from kgraph.readers.sniff import sniffed_stream
from kgraph.readers.stream import READ_ERRORS, open_input, read_error
from kgraph.readers.text import read_text
from kgraph.readers.warc import read_warc

Reader = Callable[..., Iterator[Article | Reject]]

#: Input formats by name (``--input-format``), each a reader function.
FORMATS: dict[str, Reader] = {
    "txt": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "rss": read_feed,
    "warc": read_warc,
    "parquet": read_parquet,
}
#: File suffixes and the format each is read as; ``<suffix>.gz`` is read decompressed.
SUFFIXES = {
    ".txt": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".rss": "rss",
    ".atom": "rss",
    ".xml": "rss",
    ".warc": "warc",
    ".parquet": "parquet",
}
#: Formats whose readers take gzip files undecompressed: warcio reads a ``.warc.gz`` one
#: gzip member (record) at a time, so a damaged archive keeps the records before it.
OWN_GZIP = frozenset({"warc", "parquet"})
#: Formats whose files hold one article each (messages then need not name the article).
ONE_ARTICLE_FORMATS = ("txt", "html")
#: File suffixes read when a folder is given (kept for older callers).
TEXT_SUFFIXES = (".txt", ".md")

__all__ = [
    "FORMATS",
    "MAX_ARTICLE_CHARS",
    "SUFFIXES",
    "FieldMap",
    "ReadOptions",
    "count_articles",
    "file_format",
    "folder_problem",
    "iter_files",
    "read_articles",
    "split_article",
]


def file_format(path: Path) -> tuple[str | None, bool]:
    """The format a file's suffix names (``None`` if unknown) and whether it is gzipped."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes.pop()
    return (SUFFIXES.get(suffixes[-1]) if suffixes else None), gzipped


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted) into the article files of a known format.

    In folders, ``.xml`` files are read only when they hold an RSS or Atom feed.
    """
    for raw in paths:
        if is_url(str(raw)):
            yield raw  # an fsspec URL, read as one file
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and file_format(child)[0] and _wanted(child):
                    yield child
        else:
            yield path


def folder_problem(path: str | Path) -> str | None:
    """Why the folder ``path`` gives no input: empty, or no file of a format read (the
    suffixes found and those read named); ``None`` for a file or a folder with inputs."""
    folder = Path(path)
    if is_url(str(path)) or not folder.is_dir():
        return None
    files = [child for child in folder.rglob("*") if child.is_file()]
    if any(file_format(child)[0] and _wanted(child) for child in files):
        return None
    if not files:
        return f"{path}: empty folder"
    found = sorted({child.suffix.lower() or child.name for child in files})
    shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
    return (
        f"{path}: no file kgraph reads among its {len(files)} ({shown}; "
        f"reads {', '.join(SUFFIXES)}, each optionally .gz)"
    )


def is_url(path: str) -> bool:
    """True for an fsspec URL (``s3://bucket/news.jsonl``, ``memory://a.parquet``)."""
    return "://" in path


def _wanted(path: Path) -> bool:
    name = path.name[:-3] if file_format(path)[1] else path.name
    return Path(name).suffix.lower() != ".xml" or is_feed_file(path)


def read_articles(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[Article | Reject]:
    """Yield every :class:`Article` the inputs hold and a :class:`Reject` per bad input.

    ``"-"`` reads standard input in ``options.input_format``, a file of unknown suffix
    too; when that is ``"auto"`` (the default), in the format their first bytes show
    (:func:`~kgraph.readers.sniff.sniff_format`). Every article, whatever its reader, passes
    :func:`~kgraph.readers.checks.check_article` (language, ISO 8601 date); articles
    longer than ``options.max_chars`` are then split at sentence ends.
    """
    options = options or ReadOptions()
    for path in iter_files(paths):
        if str(path) == "-":
            source, file_time = "<stdin>", None
            fmt, items = _read_stream(sys.stdin.buffer, source, None, options)
        else:
            fmt, gzipped = file_format(Path(path))
            source, file_time = str(path), None if is_url(str(path)) else _file_time(path)
            fmt, items = _read_file(path, fmt, gzipped, options)
        several = fmt not in ONE_ARTICLE_FORMATS
        for item in items:
            if isinstance(item, Article):
                item = check_article(
                    item, options, source=source, file_time=file_time, several=several
                )
            if isinstance(item, Article) and len(item.text) > options.max_chars:
                yield from split_article(item, options.max_chars)
            else:
                yield item


def _file_time(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return None


def _read_file(
    path: Path | str, fmt: str | None, gzipped: bool, options: ReadOptions
) -> tuple[str | None, Iterator[Article | Reject]]:
    """The format ``path`` is read in (its suffix's, else ``--input-format``'s, else
    sniffed) and its articles."""
    fmt = fmt or options.input_format
    try:
        stream = open_input(str(path), gzipped=gzipped and fmt not in OWN_GZIP)
    except OSError as exc:
        return fmt, iter([Reject(path=str(path), reason=read_error(exc))])
    base = Path(path).name
    name = Path(base[:-3] if gzipped else base).stem or None
    fmt, items = _read_stream(stream, str(path), name, replace(options, input_format=fmt))
    return fmt, _closing(stream, items)


def _read_stream(
    stream: BinaryIO, source: str, name: str | None, options: ReadOptions
) -> tuple[str | None, Iterator[Article | Reject]]:
    """Read ``stream`` in ``--input-format``, or in the format its first bytes show."""
    fmt = options.input_format
    if fmt != AUTO:
        return fmt, _read(stream, source, name, fmt, options)
    try:
        fmt, sniffed = sniffed_stream(stream)
    except RejectedInput as exc:
        return None, iter([Reject(path=source, reason=exc.reason)])
    except READ_ERRORS as exc:
        return None, iter([Reject(path=source, reason=read_error(exc))])
    return fmt, _read(sniffed, source, name, fmt, options)


def _closing(stream: BinaryIO, items: Iterator[Article | Reject]) -> Iterator[Article | Reject]:
    with stream:
        yield from items


def _read(
    stream: BinaryIO, source: str, name: str | None, fmt: str, options: ReadOptions
) -> Iterator[Article | Reject]:
    try:
        yield from FORMATS[fmt](stream, source=source, name=name, options=options)
    except RejectedInput as exc:
        yield Reject(path=source, reason=exc.reason, line=exc.line)
    except READ_ERRORS as exc:
        yield Reject(path=source, reason=read_error(exc))


#: A sentence end: punctuation, closing quotes or brackets, then white space.
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+")


def split_article(article: Article, max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[Article]:
    """Split an over-long article into parts of at most ``max_chars`` characters.

    Cuts fall on the last paragraph break in the second half of the window, else the last
    sentence end, else line break, else space (a "sentence" longer than ``max_chars`` is
    cut there); so every sentence is in exactly one part, parsed once. Part ``n`` gets id
    ``<article id>.<n>`` and a ``(part n)`` title.
    """
    text, start, part = article.text, 0, 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            end = _cut(text, start + max_chars // 2, end)
        chunk = text[start:end]
        start = end
        if not chunk.strip():
            continue
        part += 1
        title = f"{article.title} (part {part})" if article.title else f"part {part}"
        yield replace(article, text=chunk, id=f"{article.id}.{part}", title=title)


def _cut(text: str, low: int, high: int) -> int:
    """Where to end a part within ``text[low:high]``: after the best break found."""
    cut = text.rfind("\n\n", low, high)
    if cut >= 0:
        return cut + 2
    last = None
    for last in _SENTENCE_BREAK.finditer(text, low, high):  # noqa: B007
        pass
    if last is not None:
        return last.end()
    for sep in ("\n", " "):
        cut = text.rfind(sep, low, high)
        if cut >= 0:
            return cut + 1
    return high


def count_articles(paths: Iterable[str | Path], options: ReadOptions | None = None) -> int | None:
    """How many articles ``paths`` hold, cheaply (for a progress bar); ``None`` for stdin
    and for ``.json`` documents.

    One per text or HTML file, one per non-blank line of JSON Lines, one per CSV line
    after the header (an over-count when fields span lines); ``None`` (no count) for
    feeds and web archives.
    """
    options = options or ReadOptions()
    total = 0
    for path in iter_files(paths):
        if str(path) == "-":
            return None
        fmt, gzipped = file_format(Path(path))
        fmt = fmt or options.input_format
        if fmt in ("rss", "warc", "json", "parquet"):
            return None  # feeds, archives, and an array or one object: not countable by lines
        if fmt not in ("jsonl", "csv"):
            total += 1
            continue
        try:
            with open_input(str(path), gzipped=gzipped) as stream:
                lines = sum(1 for line in stream if line.strip())
        except READ_ERRORS:
            continue
        total += lines - 1 if fmt == "csv" and lines else lines
    return total
