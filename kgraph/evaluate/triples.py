"""Scoring entity triples against a gold file written by a careful reader.

Gold file: JSON Lines, one expected triple per line::

    {"article": "tiktok-microsoft", "subject": ["Microsoft"], "object": ["TikTok"],
     "predicate": ["acquisition", "buy", "acquire"], "negated": false}

- ``article``: the article's title or id, as the triple record's ``article`` gives it.
- ``subject``/``object``: accepted names (canonical name or aliases), compared case-folded.
- ``predicate``: accepted words; a prediction matches when one of them is a whole
  kebab-segment run of its predicate (``"acquisition"`` matches
  ``negotiates-acquisition-of``; ``"parent-of"`` matches ``parent-of``).
- ``negated`` (optional): when given, the prediction's ``negated`` must equal it.
- ``relation`` (optional): the relation of the vocabulary (``kgraph/data/relations.tsv``)
  the reader files the triple under; a prediction of that relation matches too, whatever
  its predicate words (``other`` never matches this way).
- Other fields (``path``: where the article is) are ignored.

Predictions are triple records (``kgraph extract`` output); the same (article, subject,
predicate, object) predicted from several sentences counts once. Precision is the share
of distinct predictions that match a gold triple; recall the share of gold triples matched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["GoldTriple", "TripleScore", "read_gold_triples", "read_predictions", "score_triples"]


@dataclass(frozen=True)
class GoldTriple:
    """One triple a careful reader expects, with the spellings they accept."""

    article: str
    subjects: frozenset[str]
    predicates: tuple[str, ...]
    objects: frozenset[str]
    negated: bool | None = None
    line: int = 0
    label: str = ""  # "Subject -[p|q]-> Object" as the gold file spells it
    relation: str | None = None

    def describe(self) -> str:
        return f"{self.article}: {self.label}"


@dataclass(frozen=True)
class Prediction:
    """A predicted triple, reduced to what scoring compares."""

    articles: frozenset[str]
    subject: str
    predicate: str
    object: str
    negated: bool

    title: str = ""  # the article's title, else its id
    relation: str = "other"

    def describe(self) -> str:
        return f"{self.title}: {self.subject} -[{self.predicate}]-> {self.object}"


@dataclass
class TripleScore:
    """Precision, recall and F1, with the gold misses and the false hits."""

    precision: float
    recall: float
    f1: float
    misses: list[GoldTriple] = field(default_factory=list)
    false_hits: list[Prediction] = field(default_factory=list)


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def read_gold_triples(path: str | Path) -> list[GoldTriple]:
    """Read a gold file (see module docstring)."""
    gold = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        row: dict[str, Any] = json.loads(line)
        predicates = _listed(row["predicate"])
        subjects, objects = _listed(row["subject"]), _listed(row["object"])
        gold.append(
            GoldTriple(
                article=row["article"],
                subjects=frozenset(v.casefold() for v in subjects),
                objects=frozenset(v.casefold() for v in objects),
                predicates=tuple(predicates),
                negated=row.get("negated"),
                line=number,
                label=f"{subjects[0]} -[{'|'.join(predicates)}]-> {objects[0]}",
                relation=row.get("relation"),
            )
        )
    return gold


def read_predictions(lines: Iterable[str]) -> list[Prediction]:
    """Distinct predictions from triple records (JSON Lines)."""
    seen: dict[tuple, Prediction] = {}
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        article = record["article"]
        prediction = Prediction(
            articles=frozenset(str(v) for v in (article.get("id"), article.get("title")) if v),
            subject=record["subject"]["name"],
            predicate=record["predicate"],
            object=record["object"]["name"],
            negated=bool(record.get("negated")),
            title=str(article.get("title") or article.get("id")),
            relation=str(record.get("relation") or "other"),
        )
        seen.setdefault(
            (
                prediction.articles,
                prediction.subject,
                prediction.predicate,
                prediction.object,
                prediction.negated,
            ),
            prediction,
        )
    return list(seen.values())


def _predicate_matches(accepted: Iterable[str], predicate: str) -> bool:
    segments = f"-{predicate.lower()}-"
    return any(f"-{word.lower().replace(' ', '-')}-" in segments for word in accepted)


def matches(gold: GoldTriple, prediction: Prediction) -> bool:
    """True when a prediction states the gold triple."""
    return (
        gold.article in prediction.articles
        and prediction.subject.casefold() in gold.subjects
        and prediction.object.casefold() in gold.objects
        and (
            _predicate_matches(gold.predicates, prediction.predicate)
            or (gold.relation not in (None, "other") and gold.relation == prediction.relation)
        )
        and (gold.negated is None or gold.negated == prediction.negated)
    )


def score_triples(gold: list[GoldTriple], predictions: list[Prediction]) -> TripleScore:
    """Score predictions against gold triples (see module docstring)."""
    articles = {g.article for g in gold}
    judged = [p for p in predictions if p.articles & articles]
    hits = [p for p in judged if any(matches(g, p) for g in gold)]
    found = [g for g in gold if any(matches(g, p) for p in judged)]
    precision = len(hits) / len(judged) if judged else 1.0
    recall = len(found) / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TripleScore(
        precision,
        recall,
        f1,
        misses=[g for g in gold if g not in found],
        false_hits=[p for p in judged if p not in hits],
    )
