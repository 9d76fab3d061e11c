"""Articles in: files and folders become :class:`~kgraph.models.Article` records.

Every reader yields articles, or :class:`~kgraph.models.Reject` records for inputs it
could not read, so one bad file never stops a batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject
from kgraph.readers.text import read_text_article

#: File suffixes read when a folder is given.
TEXT_SUFFIXES = (".txt", ".md")

__all__ = ["TEXT_SUFFIXES", "iter_files", "read_articles", "read_path"]


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively, sorted) into the article files they hold."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES:
                    yield child
        else:
            yield path


def read_path(path: Path) -> Article:
    """Read one article file; raise :class:`RejectedInput` if it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RejectedInput(f"cannot read file ({exc.strerror})") from exc
    return read_text_article(data, source=str(path), default_title=path.stem)


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Reject]:
    """Yield one :class:`Article` per readable input and a :class:`Reject` per bad one.

    ``"-"`` reads one article from standard input.
    """
    for path in iter_files(paths):
        try:
            if str(path) == "-":
                yield read_text_article(sys.stdin.buffer.read(), source="<stdin>")
            else:
                yield read_path(path)
        except RejectedInput as exc:
            yield Reject(path=str(path), reason=exc.reason, line=exc.line)
