"""A triple's confidence: how likely a reader finds it right, read off a fitted model.

The extractors give each triple a raw score (its construction's weight, times how directly
each entity was found, times its modality); that score alone says little about how often
a triple is right. A logistic model over what a triple shows of itself (:func:`features`:
the raw score, the construction, the relation and the entity types it takes, the
modality, whether each entity is named in the sentence, the predicate's shape, the
sentence's length, names that look cut, what the article and the gazetteer say of each
entity) turns it into a probability.
``bench/fit_confidence.py`` fits the model on the judged triples of
``bench/gold/judged-triples.jsonl`` and writes it to ``kgraph/data/confidence.json`` with
the cut that keeps the precision target (:func:`default_cut`); refit it whenever the
extraction changes.

This module imports no spaCy: the read-only commands take their default cut from here.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.entities.lexicon import first_name_gender, places
from kgraph.relations import OTHER

if TYPE_CHECKING:
    from kgraph.models import Triple

__all__ = ["ConfidenceModel", "calibrate", "default_cut", "features", "load_model"]

#: The shipped model.
SHIPPED = Path(__file__).parent / "data" / "confidence.json"
#: Last predicate words that name where or when something happened, not what it was done to.
ADJUNCT_PREPOSITIONS = {"in", "at", "on", "during", "near", "across", "around", "outside"}
#: First predicate words that are pronouns: "he-of", "himself-of" say nothing.
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "himself", "herself", "itself"}
PRONOUNS |= {"his", "its", "their", "we", "us", "i", "you", "this", "that", "one"}
#: Lower-case words a whole name may hold ("Bank of England", "Maria Full of Grace" aside).
NAME_LINKS = {"of", "the", "and", "for", "de", "du", "la", "le", "von", "van", "der", "al", "&"}
#: Entity types with features of their own; the rest share one.
COMMON_TYPES = {"PERSON", "ORG", "GPE"}
#: Sentences longer than this (in words) parse less reliably.
LONG_SENTENCE = 40
#: Mentions in its article past which an entity counts as often named.
OFTEN_NAMED = 16


def features(triple: Triple, raw: float | None = None) -> dict[str, float]:
    """What the model reads of a triple, by feature name (absent features are 0).

    ``raw`` is the extractors' score (default: the triple's ``confidence``).
    """
    sentence = triple.sentence.casefold()
    segments = triple.predicate.split("-")
    words = len(triple.sentence.split())
    pattern = triple.extras.get("pattern") or "none"
    found = {
        "raw": triple.confidence if raw is None else raw,
        f"pattern:{pattern}": 1.0,
        f"relation:{triple.relation}": 1.0,
        f"modality:{triple.modality}": 1.0,
        "negated": float(triple.negated),
        f"subject-type:{_type(triple.subject.type)}": 1.0,
        f"object-type:{_type(triple.object.type)}": 1.0,
        "subject:unnamed": float(not _named_in(triple.subject, sentence)),
        "object:unnamed": float(not _named_in(triple.object, sentence)),
        "predicate:words": min(len(segments), 8) / 4,
        "predicate:adjunct": float(len(segments) > 1 and segments[-1] in ADJUNCT_PREPOSITIONS),
        "predicate:pronoun": float(segments[0] in PRONOUNS),
        "sentence:words": min(words, 2 * LONG_SENTENCE) / LONG_SENTENCE,
        "name:odd": float(_odd_name(triple.subject.name) or _odd_name(triple.object.name)),
        "predicate:role": float(len(segments) == 2 and segments[1] == "of"),
        f"predicate-last:{segments[-1]}": 1.0,
    }
    for role, entity in (("subject", triple.subject), ("object", triple.object)):
        found.update(_entity_features(role, entity))
        # a pronoun or description stands for it: which construction took it
        found[f"{role}-unnamed:{pattern}"] = found[f"{role}:unnamed"]
    if triple.relation != OTHER:  # the types a relation of the vocabulary takes
        found[f"relation-subject:{triple.relation}:{_type(triple.subject.type)}"] = 1.0
        found[f"relation-object:{triple.relation}:{_type(triple.object.type)}"] = 1.0
    return {name: value for name, value in found.items() if value}


def _entity_features(role: str, entity) -> dict[str, float]:
    """What the article and the word lists say of one entity: how often the article names
    it, a person named by one word (a first name alone, or a word cut from a title), a
    person whose first name is a known one, a place the gazetteer does not know."""
    mentions = sum(count for _, count in entity.type_votes)
    found = {
        f"{role}:named-once": float(mentions <= 1),
        f"{role}:mentions": math.sqrt(min(mentions, OFTEN_NAMED) / OFTEN_NAMED),
    }
    words = entity.name.split()
    if entity.type == "PERSON" and len(words) == 1:
        found[f"{role}:one-word-person"] = 1.0
    elif entity.type == "PERSON":
        known = first_name_gender(entity.name) is not None
        found[f"{role}:first-name-{'known' if known else 'unknown'}"] = 1.0
    if entity.type == "GPE":
        gazetteer = places()
        known = gazetteer.country(entity.name) or gazetteer.city_country(entity.name)
        found[f"{role}:unknown-place"] = float(not known)
    return found


def _type(entity_type: str) -> str:
    return entity_type if entity_type in COMMON_TYPES else "other"


def _named_in(entity, sentence: str) -> bool:
    """Whether the sentence names the entity (its name, an alias, or a word of its name),
    rather than standing for it with a pronoun or a description."""
    names = (entity.name, *entity.aliases)
    if any(name.casefold() in sentence for name in names):
        return True
    words = re.findall(r"\w+", sentence)
    return any(w.casefold() in words for w in entity.name.split() if len(w) > 2)


def _odd_name(name: str) -> bool:
    """A name that looks cut or run on: a bracket, or a lower-case word inside it."""
    if any(c in name for c in '()[]"'):
        return True
    return any(w[:1].islower() and w not in NAME_LINKS for w in name.split()[1:])


@dataclass(frozen=True)
class ConfidenceModel:
    """A logistic model: ``confidence = 1 / (1 + exp(-(intercept + weights · features)))``."""

    intercept: float
    weights: dict[str, float]
    #: The least confidence of the triples kept by default (``--min-confidence``).
    cut: float = 0.0
    #: How it was fitted and how it scored (for the record; not used to score).
    about: dict = field(default_factory=dict, compare=False)

    def score(self, found: dict[str, float]) -> float:
        total = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in found.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def to_json(self) -> str:
        data = {
            "about": self.about,
            "cut": self.cut,
            "intercept": self.intercept,
            "weights": dict(sorted(self.weights.items())),
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def read_model(path: str | Path) -> ConfidenceModel:
    """A model written by :meth:`ConfidenceModel.to_json`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return ConfidenceModel(
        float(data["intercept"]),
        {k: float(v) for k, v in data["weights"].items()},
        float(data.get("cut", 0.0)),
        data.get("about", {}),
    )


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel | None:
    """The shipped model, or None when none is shipped (raw scores are kept)."""
    return read_model(SHIPPED) if SHIPPED.exists() else None


def default_cut() -> float:
    """The least confidence kept by default: the shipped model's cut (0 without a model)."""
    model = load_model()
    return model.cut if model else 0.0


def calibrate(triples: list[Triple], model: ConfidenceModel | None = None) -> list[Triple]:
    """The triples with their raw scores replaced by the model's confidence (the shipped
    model by default; unchanged when there is none)."""
    model = model or load_model()
    if model is None:
        return triples
    return [replace(t, confidence=round(model.score(features(t)), 3)) for t in triples]
