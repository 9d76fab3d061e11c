"""The format of an input without a telling name (standard input, an unknown suffix),
told from its first bytes: ``zcat feed.jsonl.gz | kgraph ingest -`` reads JSON Lines."""

from __future__ import annotations

import gzip
import io
import json
import re
from typing import BinaryIO

from kgraph.errors import RejectedInput
from kgraph.readers.encoding import utf16_encoding

#: Bytes looked at to tell the format.
SNIFF_BYTES = 65_536
_GZIP_MAGIC = b"\x1f\x8b"
_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
#: The start of a JSON object or array ("[Updated] Microsoft ..." is text).
_JSON_START = re.compile(rb'\{\s*["}]|\[\s*[-{\["\]0-9]')
_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)

__all__ = ["SNIFF_BYTES", "peekable", "sniff_format", "sniffed_stream"]


class _Prefixed(io.RawIOBase):
    """``head`` (bytes already read), then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        read = getattr(self._stream, "read1", self._stream.read)
        data = read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peekable(stream: BinaryIO, size: int = SNIFF_BYTES) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes of ``stream`` (fewer at its end) and a stream that still
    yields them: standard input is a pipe, and cannot be rewound."""
    chunks, have = [], 0
    read = getattr(stream, "read1", stream.read)
    while have < size:
        chunk = read(size - have)
        if not chunk:
            break
        chunks.append(chunk)
        have += len(chunk)
    head = b"".join(chunks)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=SNIFF_BYTES)


def sniffed_stream(stream: BinaryIO) -> tuple[str, BinaryIO]:
    """The format of ``stream`` and a stream to read it from (gzip decompressed).

    Raises:
        RejectedInput: empty, or no format can be told (the message says what to give).
    """
    head, stream = peekable(stream)
    if head.startswith(_GZIP_MAGIC):
        head, stream = peekable(gzip.GzipFile(fileobj=stream))  # type: ignore[arg-type]
    return sniff_format(head), stream


def sniff_format(head: bytes) -> str:
    """The input format (a key of ``kgraph.readers.FORMATS``) the first bytes show.

    A JSON object on the first line: ``jsonl``; other JSON (an array, a pretty-printed
    object): ``json``; a feed: ``rss``; an HTML page: ``html``; a web archive: ``warc``;
    anything else that is text: ``txt``.

    Raises:
        RejectedInput: empty, Parquet (needs a file), or markup that is neither a page
            nor a feed; the message names ``--input-format``.
    """
    if encoding := utf16_encoding(head):
        head = head.decode(encoding, errors="ignore").encode("utf-8")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:
        raise RejectedInput("empty input")
    if text.startswith(b"PAR1"):
        raise RejectedInput("Parquet is read from a file, not a stream")
    if text.startswith(b"WARC/"):
        return "warc"
    if _JSON_START.match(text):
        return "jsonl" if _first_line_is_an_object(text) else "json"
    if text[:1] == b"<":
        if _FEED.search(text):
            return "rss"
        if _HTML.search(text):
            return "html"
        raise RejectedInput(
            "cannot tell the format (markup, but no HTML page or feed); give --input-format"
        )
    return "txt"


def _first_line_is_an_object(text: bytes) -> bool:
    first = text.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False
