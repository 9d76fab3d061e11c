"""Opening inputs: plain or gzip files and standard input, read as numbered byte lines."""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from kgraph.errors import RejectedInput

#: Errors raised while reading a damaged gzip stream.
READ_ERRORS = (EOFError, OSError, zlib.error)
#: Bytes looked at to tell a UTF-16 stream of lines.
UTF16_SNIFF_BYTES = 4096

__all__ = ["READ_ERRORS", "numbered_lines", "open_input", "read_error"]


def open_input(path: str, *, gzipped: bool) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing when ``gzipped``; an fsspec URL
    (``s3://…``) through its filesystem package, where installed."""
    if "://" in path:
        try:
            import fsspec
        except ImportError as exc:
            raise OSError(f"reading {path} needs fsspec: pip install fsspec") from exc
        try:
            stream = fsspec.open(path, "rb").open()
        except (ImportError, ValueError) as exc:
            raise OSError(f"cannot open {path}: {exc}") from exc
        return gzip.GzipFile(fileobj=stream) if gzipped else stream
    return gzip.open(path, "rb") if gzipped else open(path, "rb")  # noqa: SIM115


def read_error(exc: BaseException) -> str:
    """What a read error means for the user."""
    if isinstance(exc, EOFError):
        return "truncated gzip file (compressed data ends early)"
    if isinstance(exc, gzip.BadGzipFile):
        return f"not a gzip file ({exc})"
    if isinstance(exc, zlib.error):
        return f"corrupt gzip data ({exc})"
    return f"cannot read file ({getattr(exc, 'strerror', None) or exc})"


def numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """Yield ``(line number, bytes)``, UTF-8 bytes for a UTF-16 stream (told by its BOM
    or NUL pattern); a read error becomes a reject at the next line."""
    from kgraph.readers.encoding import utf16_encoding
    from kgraph.readers.sniff import peekable

    number = 0
    try:
        head, stream = peekable(stream, UTF16_SNIFF_BYTES)
        lines: Iterable[bytes] = stream
        if encoding := utf16_encoding(head):
            bom = head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            text = io.TextIOWrapper(stream, encoding="utf-16" if bom else encoding, newline="")
            lines = (line.encode("utf-8") for line in text)
        for number, raw in enumerate(lines, 1):  # noqa: B007
            yield number, raw
    except READ_ERRORS as exc:
        raise RejectedInput(read_error(exc), line=number + 1) from exc
