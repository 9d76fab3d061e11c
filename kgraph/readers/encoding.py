"""Bytes to text: UTF-8 with stray bytes repaired, UTF-16 by its BOM or its NUL pattern.

A file is decoded byte run by byte run: what is valid UTF-8 is read as UTF-8, and each
run of bytes that is not is read as Windows-1252 (the encoding such bytes nearly always
come from; U+FFFD for the five bytes it leaves undefined) and counted, so one stray
``0xE9`` in a UTF-8 file costs one character, not the whole file's accents. A file wholly
in Windows-1252 or Latin-1 reads the same way. Each repair is a warning on the ``kgraph``
logger and counts in :attr:`~kgraph.models.Article.repairs`.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from kgraph.errors import RejectedInput

#: Bytes inspected for NUL characters before a file is called binary.
SNIFF_BYTES = 8192
#: Control characters (other than tab, newline, form feed and carriage return) that no
#: article contains; repaired text that holds any of them is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: What ``surrogateescape`` makes of the bytes that are not UTF-8: one run of them.
_ESCAPED_RUN = re.compile("[\udc80-\udcff]+")
#: Share of the even (or odd) bytes of a sample that are NUL in UTF-16 text without a BOM:
#: every character of the Latin scripts has a NUL high byte.
UTF16_NUL_SHARE = 0.3
_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

LOGGER = logging.getLogger("kgraph")

__all__ = ["Decoded", "decode_bytes", "decode_text", "utf16_encoding", "warn_repairs"]


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes: the encoding and how many byte runs were repaired."""

    text: str
    encoding: str = "utf-8"
    #: Runs of bytes that were not valid UTF-8, read as Windows-1252.
    repairs: int = 0
    #: The line of the first repaired run (``None`` when nothing was repaired).
    first_repair_line: int | None = None

    def repair_note(self) -> str:
        """What was repaired, for a warning: ``2 byte runs not valid UTF-8 (first on
        line 3) read as Windows-1252``; empty when nothing was."""
        if not self.repairs:
            return ""
        runs = "1 byte run" if self.repairs == 1 else f"{self.repairs} byte runs"
        first = "first on " if self.repairs > 1 else ""
        where = f"{first}line {self.first_repair_line}"
        return f"{runs} not valid UTF-8 ({where}) read as Windows-1252"


def warn_repairs(decoded: Decoded, where: str) -> None:
    """Warn (``kgraph`` logger) about the byte runs ``decoded`` repaired, naming ``where``."""
    if decoded.repairs:
        LOGGER.warning("%s: %s", where, decoded.repair_note())


def decode_text(data: bytes) -> str:
    """The text of article bytes (see :func:`decode_bytes`)."""
    return decode_bytes(data).text


def decode_bytes(data: bytes) -> Decoded:
    """Decode article bytes: UTF-16 when a BOM or the NUL pattern says so, else UTF-8
    (BOM allowed) with each run of bytes that is not UTF-8 read as Windows-1252.

    Raises:
        RejectedInput: empty input, binary data (NUL bytes that are not UTF-16), or
            repaired bytes that are control characters, not text; ``line`` is the line
            of the first bad byte.
    """
    if not data.strip():
        raise RejectedInput("empty file")
    encoding = utf16_encoding(data)
    decoded = _decode_utf16(data, encoding) if encoding else None
    if decoded is None and b"\x00" in data[:SNIFF_BYTES]:
        raise RejectedInput("binary file (contains NUL bytes), expected UTF-8 or UTF-16 text")
    decoded = decoded or _decode_utf8(data)
    if not decoded.text.strip():
        raise RejectedInput("empty file")
    return decoded


def utf16_encoding(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``data`` starts with that BOM, or when, without
    one, its NUL bytes fall on the high byte of each character; else ``None``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            return encoding
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd >= UTF16_NUL_SHARE and even == 0:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd == 0:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, encoding: str) -> Decoded | None:
    """``data`` as UTF-16 text; ``None`` when it is not (binary data with NUL bytes)."""
    body = data[2:] if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else Decoded(text, encoding)


def _decode_utf8(data: bytes) -> Decoded:
    text = data.decode("utf-8-sig", errors="surrogateescape")
    runs = list(_ESCAPED_RUN.finditer(text))
    if not runs:
        return Decoded(text)
    repaired = _ESCAPED_RUN.sub(lambda run: _windows_1252(run[0]), text)
    if _CONTROL.search(repaired):
        _reject_as_not_text(data)
    first_line = text.count("\n", 0, runs[0].start()) + 1
    return Decoded(repaired, "utf-8", len(runs), first_line)


#: Each byte read as Windows-1252 (U+FFFD for the five bytes it leaves undefined).
_CP1252 = [bytes([byte]).decode("cp1252", errors="replace") for byte in range(256)]


def _windows_1252(escaped: str) -> str:
    """A run of escaped bytes (``surrogateescape``) read as Windows-1252."""
    return "".join(_CP1252[ord(char) - 0xDC00] for char in escaped)


def _reject_as_not_text(data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RejectedInput(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) "
            "nor Windows-1252 text",
            line=line,
        ) from error
