"""How answers read on a terminal: a relation's line, then its evidence under it.

    ByteDance -[parent-of]-> TikTok  (1 evidence, confidence 0.68)
        "…buy the American branch of TikTok from its Chinese parent company, ByteDance."
        tiktok-microsoft, undated

A long sentence is trimmed around the two names (``…`` marks each cut).
"""

from __future__ import annotations

import re

from kgraph.query.local import Relation

__all__ = ["relation_text", "trim_sentence"]
#: Longest sentence shown whole; longer ones are trimmed around the names.
WIDTH = 110
INDENT = "    "


def relation_text(relation: Relation, evidence: str = "best") -> list[str]:
    """The lines of one relation: its line, then its ``best`` piece of evidence, ``all``
    of them, or ``none``."""
    lines = [relation.line()]
    shown = {"best": relation.evidence[:1], "all": relation.evidence}.get(evidence, ())
    for piece in shown:
        sentence = trim_sentence(piece.sentence, (relation.subject, relation.object))
        lines.append(f'{INDENT}"{sentence}"')
        lines.append(f"{INDENT}{piece.source()}")
    return lines


def trim_sentence(sentence: str, names: tuple[str, ...], width: int = WIDTH) -> str:
    """``sentence`` on one line, at most about ``width`` characters, keeping the names.

    The window runs from the first name to the last one found (a name, else its longest
    word), widened evenly to ``width``; when the names are further apart than that, the
    words around each are kept with ``…`` between them.
    """
    text = " ".join(sentence.split())
    if len(text) <= width:
        return text
    spans = sorted(span for name in names if (span := _find(text, name)))
    if not spans:
        return _cut(text, 0, width)
    start, end = spans[0][0], spans[-1][1]
    if end - start <= width:
        spare = width - (end - start)
        left = max(0, start - spare // 2)
        right = min(len(text), left + width)
        left = max(0, right - width)
        return _cut(text, left, right)
    half = width // 2
    first = _cut(text, max(0, spans[0][0] - half // 3), spans[0][0] + half)
    last = _cut(text, spans[-1][1] - half, spans[-1][1] + half // 3)
    return f"{first.rstrip('…')} … {last.lstrip('…')}"


def _find(text: str, name: str) -> tuple[int, int] | None:
    """Where ``name`` (else its longest word) is in ``text``, ignoring case."""
    words = sorted((w for w in name.split() if len(w) > 2), key=len, reverse=True)
    for candidate in (name, *words):
        found = re.search(rf"\b{re.escape(candidate)}\b", text, flags=re.IGNORECASE)
        if found:
            return found.span()
    return None


def _cut(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to whole words, with ``…`` where text was cut."""
    start, end = max(0, start), min(len(text), end)
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 else 0
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    piece = text[start:end].strip()
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")
