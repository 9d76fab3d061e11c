"""Keep article boilerplate out of extraction: captions, credits, bylines, teasers, tags.

Boilerplate is blanked with spaces rather than cut, so character offsets into the
cleaned text are offsets into the original article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_CAPTION = re.compile(
    r"\((?:illustration|photo|file photo|archives?|image|video)\)|//|©"
    r"|\b(?:photo|credit|image)s?\s*:"
    r"|\b(?:getty images|afp|reuters|ap photo|sipa|shutterstock)\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?i:by|par|from)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$")
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*]|-\s)")
_SENTENCE_END = re.compile(r"[.!?\"”’')\]]\s*$")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of each non-blank line of ``text``."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def is_caption(line: str) -> bool:
    """A photo caption, credit or byline line."""
    stripped = line.strip()
    return bool(_CAPTION.search(stripped) or _BYLINE.match(stripped))


#: A line with this many sentence ends inside it is prose, whatever it ends with (an
#: article whose body is one line, followed by "Author: ... Editor: ...").
_PROSE_SENTENCES = 3
_INNER_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]?\s+[A-Z\"“]")


def _is_tail_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if len(_INNER_SENTENCE_END.findall(stripped)) >= _PROSE_SENTENCES:
        return False
    return bool(_BULLET.match(stripped)) or not _SENTENCE_END.search(stripped)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the lines that are not article prose.

    Captions, credits and bylines anywhere; bullet lists anywhere; and the trailing run
    of lines without sentence punctuation (related-article teasers, section labels,
    tag lists) that news pages append after the story.
    """
    lines = list(paragraphs(text))
    spans = []
    for start, end in lines:
        line = text[start:end]
        if is_caption(line) or _BULLET.match(line):
            spans.append((start, end))
    for start, end in reversed(lines):
        if not _is_tail_boilerplate(text[start:end]):
            break
        spans.append((start, end))
    return sorted(set(spans))


def blank_boilerplate(text: str) -> str:
    """Return ``text`` with boilerplate lines replaced by spaces (same length)."""
    chars = list(text)
    for start, end in boilerplate_spans(text):
        chars[start:end] = " " * (end - start)
    return "".join(chars)
