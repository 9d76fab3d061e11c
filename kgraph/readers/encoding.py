"""Bytes to text: UTF-8, else Windows-1252 when the bytes read as text; never binary."""

from __future__ import annotations

import re

from kgraph.errors import RejectedInput

#: Bytes inspected for NUL characters before a file is called binary.
SNIFF_BYTES = 8192
#: Control characters (other than tab, newline, form feed and carriage return) that no
#: article contains; a fallback decoding that yields any of them is not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

__all__ = ["decode_text"]


def decode_text(data: bytes) -> str:
    """Decode article bytes: UTF-8 (BOM allowed), else Windows-1252 / Latin-1 text.

    The fallback is taken only when the decoded text holds no control characters, so
    binary data and text in other encodings are rejected rather than garbled.

    Raises:
        RejectedInput: empty input, binary data, or bytes that are not text in any of
            the encodings tried; ``line`` is the line of the first bad byte.
    """
    if not data.strip():
        raise RejectedInput("empty file")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise RejectedInput("binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _fallback(data, exc)
    if not text.strip():
        raise RejectedInput("empty file")
    return text


def _fallback(data: bytes, error: UnicodeDecodeError) -> str:
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:  # one of the five bytes cp1252 leaves undefined
        text = data.decode("latin-1")
    if not _CONTROL.search(text):
        return text
    line = data[: error.start].count(b"\n") + 1
    raise RejectedInput(
        f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) "
        "nor Windows-1252 text",
        line=line,
    ) from error
