"""Keep article boilerplate out of extraction: captions, credits, bylines, teasers, tags.

Boilerplate is blanked with spaces rather than cut, so character offsets into the
cleaned text are offsets into the original article. Only lines that are boilerplate
with confidence are blanked, each with a reason (:func:`blanked_lines`), and never
all of an article: a text without one line of sentence prose is kept as it is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_CAPTION = re.compile(
    r"\((?:illustration|photo|file photo|archives?|image|video)\)|(?<!:)//(?!\S)|©"
    r"|\b(?:photo|credit|image)s?\s*:"
    # An agency's name ends a credit only after a separator ("- Jane Doe / AFP") or alone:
    # "Weak dollar hits Reuters" is a headline.
    r"|(?:^|[-–—/|:(]\s*)(?:getty images|afp|reuters|ap photo|sipa|shutterstock)\)?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?i:by|par|from)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$")
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*]|-\s)")
_SENTENCE_END = re.compile(r"[.!?\"”’')\]]\s*$")
#: Most words in a section label ("High Tech") or a tag bullet ("• Donald Trump"); a longer
#: line without final punctuation may be a sentence that lost its full stop, and is kept.
MAX_LABEL_WORDS = 3
#: A label with a colon and a short list after it: "Related: tags without punctuation",
#: "See also: Gaming, Xbox", at most this many words in all; "She said: ..." is speech.
_LABELLED = re.compile(r"^\s*((?:[\w'-]+\s+)?[\w'-]+):\s")
MAX_LABELLED_WORDS = 8
_SPEECH = frozenset({"said", "says", "told", "asked", "added", "warned", "wrote"})

#: Why a line was blanked.
CAPTION = "caption, credit or byline"
LINK_LIST = "short bullet without a sentence (link or tag list)"
TEASER = "after a section label at the end (teaser, label or tag)"

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


def _is_label(line: str) -> bool:
    """A few words without sentence punctuation: a section label, a tag, a link; or a
    labelled list of them ("Related: tags without punctuation")."""
    if _is_sentence(line):
        return False
    words = _BULLET.sub("", line).split()
    if len(words) <= MAX_LABEL_WORDS:
        return True
    labelled = _LABELLED.match(line)
    return (
        bool(labelled)
        and len(words) <= MAX_LABELLED_WORDS
        and not (_SPEECH & set(labelled[1].casefold().split()))
    )


def _is_link_bullet(line: str) -> bool:
    return bool(_BULLET.match(line)) and _is_label(line)


def blanked_lines(text: str) -> list[Blank]:
    """The lines of ``text`` that are not article prose, each with the reason.

    Blanking errs toward keeping text: a headline, a sentence without its final stop and
    a bullet that is a clause all stay. Blanked are captions, credits and bylines
    anywhere; short bullets (link and tag lists) anywhere; and, at the end, a section
    label ("High Tech") with the lines without sentence punctuation after it (related
    headlines, tags), provided prose remains before it. A text of one line, or whose
    every line would go, is not blanked at all.
    """
    return list(_blanked_lines(text))


#: Texts whose blanked lines are kept: an article's are asked for by the language check,
#: the parse and the ingest report, a few batches apart.
BLANKED_CACHE = 256


@lru_cache(maxsize=BLANKED_CACHE)
def _blanked_lines(text: str) -> tuple[Blank, ...]:
    lines = list(paragraphs(text))
    if len(lines) < 2:
        return ()
    reasons: dict[tuple[int, int], str] = {}
    for start, end in lines:
        line = text[start:end]
        if is_caption(line):
            reasons[(start, end)] = CAPTION
        elif _is_link_bullet(line):
            reasons[(start, end)] = LINK_LIST
    kept = [span for span in lines if span not in reasons]
    for span in _teaser_block(text, kept):
        reasons[span] = TEASER
    if len(reasons) == len(lines):
        return ()
    return tuple(Blank(s, e, text[s:e], reasons[(s, e)]) for s, e in sorted(reasons))


def _teaser_block(text: str, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The trailing lines without sentence punctuation from the first section label on.

    Lines of the trailing run before that label are a last sentence without its stop
    (a BBC article's "Halo 2 is out on 9 November in the US") and stay.
    """
    tail = list(itertools.takewhile(lambda s: not _is_sentence(text[s[0] : s[1]]), kept[::-1]))
    tail.reverse()
    first_label = next((i for i, s in enumerate(tail) if _is_label(text[s[0] : s[1]])), None)
    if first_label is None or len(tail) == len(kept):  # no label, or no prose before it
        return []
    return tail[first_label:]


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the lines that are not article prose (see :func:`blanked_lines`)."""
    return [(blank.start, blank.end) for blank in blanked_lines(text)]


def blank_boilerplate(text: str) -> str:
    """Return ``text`` with boilerplate lines replaced by spaces (same length)."""
    chars = list(text)
    for start, end in boilerplate_spans(text):
        chars[start:end] = " " * (end - start)
    return "".join(chars)
