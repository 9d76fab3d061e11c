"""What a parsed document says as a whole, read once per document while kgraph extracts.

Rules about one mention often ask a question of the whole document: its entity spans
(``doc.ents`` builds every span anew at each call), the surnames of its full names. Inside
:func:`reading` each answer is computed once for that document and kept until the block
ends; outside it (or for another document) every call computes afresh, so a document
changed after its extraction is never read stale. The memo is a context variable: threads
reading different documents do not share it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["entities", "entities_within", "once", "reading"]

T = TypeVar("T")

#: The document being read and its answers so far, keyed by the function that computes them.
_memo: ContextVar[tuple[Doc, dict[Callable[[Doc], Any], Any]] | None] = ContextVar(
    "kgraph_per_doc_memo", default=None
)


@contextmanager
def reading(doc: Doc) -> Iterator[None]:
    """Keep what :func:`once` computes about ``doc`` until the block ends.

    The document must not change inside the block (kgraph's extraction only reads it).
    """
    token = _memo.set((doc, {}))
    try:
        yield
    finally:
        _memo.reset(token)


def once(doc: Doc, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, computed once per document inside :func:`reading`."""
    memo = _memo.get()
    if memo is None or memo[0] is not doc:
        return compute(doc)
    answers = memo[1]
    if compute not in answers:
        answers[compute] = compute(doc)
    return answers[compute]


def _ents(doc: Doc) -> tuple[Span, ...]:
    return doc.ents


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``: the named-entity spans of the document, in order."""
    return once(doc, _ents)


def entities_within(span: Span) -> list[Span]:
    """``span.ents``: the entity spans wholly inside ``span``, in order (as spaCy gives
    them: from the first that starts in it, up to the first that runs past its end)."""
    found = []
    for ent in entities(span.doc):
        if ent.start >= span.start:
            if ent.end <= span.end:
                found.append(ent)
            else:
                break
    return found
