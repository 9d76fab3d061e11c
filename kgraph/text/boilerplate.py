"""Keep article boilerplate out of extraction: captions, credits, bylines, teasers, tags.

Boilerplate is blanked with spaces rather than cut, so character offsets into the
cleaned text are offsets into the original article. Only lines that are boilerplate
with confidence are blanked, each with a reason (:func:`blanked_lines`), and never
all of an article: a text without one line of sentence prose is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_CAPTION = re.compile(
    r"\((?:illustration|photo|file photo|archives?|image|video)\)|(?<!:)//(?!\S)|©"
    r"|\b(?:photo|credit|image)s?\s*:"
    r"|\b(?:getty images|afp|reuters|ap photo|sipa|shutterstock)\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?i:by|par|from)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$")
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*]|-\s)")
_SENTENCE_END = re.compile(r"[.!?\"”’')\]]\s*$")
#: Most words in a trailing line still taken for a teaser, label or tag; a longer line
#: without final punctuation is prose that lost its full stop.
MAX_TEASER_WORDS = 25

#: Why a line was blanked.
CAPTION = "caption, credit or byline"
LINK_LIST = "bullet without a sentence (link or tag list)"
TEASER = "trailing line without sentence punctuation (teaser, section label or tag)"

__all__ = [
    "Blank",
    "blank_boilerplate",
    "blanked_lines",
    "boilerplate_spans",
    "is_caption",
    "paragraphs",
]


@dataclass(frozen=True)
class Blank:
    """One blanked line: its offsets in the article, its text and why."""

    start: int
    end: int
    text: str
    reason: str

    def line_number(self, article_text: str) -> int:
        return article_text.count("\n", 0, self.start) + 1


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of each non-blank line of ``text``."""
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


def is_caption(line: str) -> bool:
    """A photo caption, credit or byline line."""
    stripped = line.strip()
    return bool(_CAPTION.search(stripped) or _BYLINE.match(stripped))


def _is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.strip()))


def _is_link_bullet(line: str) -> bool:
    return bool(_BULLET.match(line)) and not _is_sentence(line)


def _is_teaser(line: str) -> bool:
    stripped = line.strip()
    if _BULLET.match(stripped):
        return True
    return not _is_sentence(stripped) and len(stripped.split()) <= MAX_TEASER_WORDS


def blanked_lines(text: str) -> list[Blank]:
    """The lines of ``text`` that are not article prose, each with the reason.

    Captions, credits and bylines anywhere; bullets that are not sentences (link and
    tag lists) anywhere; and the trailing run of short lines without sentence
    punctuation (related-article teasers, section labels, tag lists) that news pages
    append after the story, provided prose remains before it. A text of one line, or
    whose every line would go, is not blanked at all.
    """
    lines = list(paragraphs(text))
    if len(lines) < 2:
        return []
    reasons: dict[tuple[int, int], str] = {}
    for start, end in lines:
        line = text[start:end]
        if is_caption(line):
            reasons[(start, end)] = CAPTION
        elif _is_link_bullet(line):
            reasons[(start, end)] = LINK_LIST
    kept = [span for span in lines if span not in reasons]
    tail: list[tuple[int, int]] = []
    for span in reversed(kept):
        if not _is_teaser(text[span[0] : span[1]]):
            break
        tail.append(span)
    if len(tail) < len(kept):  # prose with punctuation remains before the tail
        for span in tail:
            reasons[span] = TEASER
    if len(reasons) == len(lines):
        return []
    return [Blank(s, e, text[s:e], reasons[(s, e)]) for s, e in sorted(reasons)]


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the lines that are not article prose (see :func:`blanked_lines`)."""
    return [(blank.start, blank.end) for blank in blanked_lines(text)]


def blank_boilerplate(text: str) -> str:
    """Return ``text`` with boilerplate lines replaced by spaces (same length)."""
    chars = list(text)
    for start, end in boilerplate_spans(text):
        chars[start:end] = " " * (end - start)
    return "".join(chars)
