"""The record both extractors yield: entities in subject and object slots of one predicate."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kgraph.extract.arguments import Argument


@dataclass(frozen=True)
class Candidate:
    """A predicate with the entities on each side, before modality and confidence."""

    subjects: tuple[Argument, ...]
    predicate: str
    objects: tuple[Argument, ...]
    anchor: Token  # the word the statement hangs on (its verb, or the role noun)
    pattern: str  # which construction found it, e.g. "svo", "apposition"
    base_confidence: float
    chain: tuple[Token, ...] = ()  # further verbs of the predicate ("wants" in "wants to ban")
