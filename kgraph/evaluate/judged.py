"""Precision read off a pool of triples judged by hand against their sentences.

Pool file (``bench/gold/judged-triples.jsonl``): JSON Lines, one judged triple per line::

    {"file": "business/001.txt", "article": "4f0c...", "sentence": "TimeWarner said ...",
     "subject": "TimeWarner", "predicate": "invests-in", "object": "Google",
     "relation": "other", "modality": "asserted", "negated": false,
     "subject_type": "ORG", "object_type": "ORG", "pattern": "svo",
     "correct": true, "kind": null, "reason": "the sentence says so",
     "subject_type_ok": true, "object_type_ok": true, "batch": "seed 11, 50 of 41,234"}

- A judgement is keyed by ``file`` (the article's path inside the corpus), ``sentence``,
  ``subject``, ``predicate`` and ``object`` (the names as the article's own extraction gives
  them), so it still applies when a changed extractor produces the same triple again.
- It holds for the ``relation``, ``modality`` and ``negated`` it was judged with (its
  stance): the same key produced with another stance is a triple to judge again, not a
  match, and its new judgement joins the pool beside the old one (one per stance).
- ``correct`` is whether a news reader, reading the sentence (and the article when it
  says "he" or "the company"), finds that this subject stands in this relation to this
  object; ``kind`` is one of :data:`ERROR_KINDS` when it is not.
- ``subject_type_ok``/``object_type_ok`` judge the entity types as they were produced;
  ``subject_right_types``/``object_right_types`` (optional lists) name the types that would
  be right, so a later run that types the entity otherwise is scored without judging again.

Lines starting with ``//`` and blank lines are ignored.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgraph.errors import KgraphError

__all__ = [
    "ERROR_KINDS",
    "Judgement",
    "JudgedPool",
    "PoolMatch",
    "ProducedTriple",
    "Tally",
    "entity_type_tally",
    "match_pool",
    "read_pool",
    "retyped_unjudged",
    "tally_by",
    "wilson_interval",
]

#: Why a triple is wrong, in the words of issue 23.
ERROR_KINDS = {
    "empty-predicate": "the predicate says nothing (a pronoun, a light verb without its object)",
    "relation-misfit": "the relation of the vocabulary does not fit",
    "direction": "direction or argument wrong",
    "cut-name": "a name cut short or run on",
    "wrong-type": "an entity of the wrong type makes the triple wrong",
    "coreference": "coreference or attribution slip",
    "modality": "not asserted (modality)",
    "other": "other",
}
_REQUIRED = ("file", "sentence", "subject", "predicate", "object", "relation", "correct")


class PoolError(KgraphError):
    """A pool file that cannot be read (the message names file and line)."""


Key = tuple[str, str, str, str, str]
Stance = tuple[str, str, bool]


@dataclass(frozen=True)
class ProducedTriple:
    """One triple of kgraph's output, reduced to what a judgement needs."""

    file: str
    article: str
    sentence: str
    start: int
    subject: str
    subject_type: str
    predicate: str
    relation: str
    object: str
    object_type: str
    modality: str = "asserted"
    negated: bool = False
    pattern: str = ""
    confidence: float = 0.0
    source: str = ""
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def key(self) -> Key:
        return (self.file, self.sentence, self.subject, self.predicate, self.object)

    def stance(self) -> Stance:
        return (self.relation, self.modality, self.negated)

    def order(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.start, self.subject, self.predicate, self.object)

    def label(self) -> str:
        """``Subject (TYPE) -[relation: predicate]-> Object (TYPE)  [modality]``."""
        negated = ", negated" if self.negated else ""
        source = f", source {self.source}" if self.source else ""
        return (
            f"{self.subject} ({self.subject_type}) -[{self.relation}: {self.predicate}]-> "
            f"{self.object} ({self.object_type})  [{self.modality}{negated}; {self.pattern}; "
            f"confidence {self.confidence:.2f}{source}]"
        )

    def to_template(self, batch: str) -> dict[str, Any]:
        """A pool line to fill in: the triple, with ``correct`` and the rest left empty."""
        return {
            "file": self.file,
            "article": self.article,
            "sentence": self.sentence,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "relation": self.relation,
            "modality": self.modality,
            "negated": self.negated,
            "subject_type": self.subject_type,
            "object_type": self.object_type,
            "pattern": self.pattern,
            "confidence": round(self.confidence, 3),
            "correct": None,
            "kind": None,
            "reason": "",
            "subject_type_ok": None,
            "object_type_ok": None,
            "batch": batch,
        }


@dataclass(frozen=True)
class Judgement:
    """One triple judged by a reader against its sentence."""

    file: str
    sentence: str
    subject: str
    predicate: str
    object: str
    relation: str
    correct: bool
    modality: str = "asserted"
    negated: bool = False
    article: str = ""
    subject_type: str = ""
    object_type: str = ""
    pattern: str = ""
    kind: str | None = None
    reason: str = ""
    subject_type_ok: bool | None = None
    object_type_ok: bool | None = None
    subject_right_types: tuple[str, ...] | None = None
    object_right_types: tuple[str, ...] | None = None
    batch: str = ""
    line: int = 0

    def key(self) -> Key:
        return (self.file, self.sentence, self.subject, self.predicate, self.object)

    def stance(self) -> Stance:
        return (self.relation, self.modality, self.negated)


@dataclass
class JudgedPool:
    """The judgements of a pool file, by key and stance."""

    judgements: dict[tuple[Key, Stance], Judgement]
    path: Path | None = None

    def __len__(self) -> int:
        return len(self.judgements)

    def keys(self) -> dict[Key, Judgement]:
        """Each judged key with its last judgement (whatever its stance)."""
        return {key: judgement for (key, _), judgement in self.judgements.items()}

    def batches(self) -> Counter[str]:
        """How many judgements each batch (seed and command that drew it) gave."""
        return Counter(j.batch for j in self.judgements.values())


def read_pool(path: str | Path) -> JudgedPool:
    """Read a pool file (see the module docstring).

    Raises:
        PoolError: a line that is not a judgement (naming file and line), or a key judged
            twice.
    """
    path = Path(path)
    judgements: dict[tuple[Key, Stance], Judgement] = {}
    if not path.exists():
        return JudgedPool(judgements, path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        judgement = _judgement(line, f"{path}:{number}", number)
        both = (judgement.key(), judgement.stance())
        if both in judgements:
            first = judgements[both].line
            raise PoolError(f"{path}:{number}: the same triple is judged on line {first}")
        judgements[both] = judgement
    return JudgedPool(judgements, path)


def _judgement(line: str, where: str, number: int) -> Judgement:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise PoolError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise PoolError(f"{where}: expected a JSON object")
    missing = [name for name in _REQUIRED if data.get(name) in (None, "")]
    if missing:
        raise PoolError(f"{where}: no {', '.join(missing)} (a judgement needs {_REQUIRED})")
    if not isinstance(data["correct"], bool):
        raise PoolError(f"{where}: 'correct' must be true or false")
    kind = data.get("kind")
    if not data["correct"] and kind not in ERROR_KINDS:
        raise PoolError(f"{where}: a wrong triple needs a kind, one of {', '.join(ERROR_KINDS)}")
    if data["correct"] and kind:
        raise PoolError(f"{where}: a correct triple has no error kind (got {kind!r})")
    for side in ("subject_right_types", "object_right_types"):
        types = data.get(side)
        if types is None:
            continue
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise PoolError(f"{where}: '{side}' must be a list of entity types")
        data[side] = tuple(types)
    names = Judgement.__dataclass_fields__
    return Judgement(**{k: v for k, v in data.items() if k in names and k != "line"}, line=number)


@dataclass
class PoolMatch:
    """The pool held against one run's output."""

    #: Judged triples produced again, with the same relation, modality and negation.
    still: list[tuple[Judgement, ProducedTriple]]
    #: Judged keys produced with another relation, modality or negation: to judge again.
    changed: list[tuple[Judgement, ProducedTriple]]
    #: Judgements whose triple is no longer produced.
    gone: list[Judgement]
    #: Output triples no judgement covers.
    unjudged: list[ProducedTriple]

    @property
    def output_size(self) -> int:
        return len(self.still) + len(self.changed) + len(self.unjudged)


def match_pool(pool: JudgedPool, output: Iterable[ProducedTriple]) -> PoolMatch:
    """Which judgements still apply to ``output``, and which output is not judged yet.

    A judged key produced with a stance no judgement has is ``changed`` (to judge again);
    the judgements of a key's other stances then no longer count. Only judgements of
    articles present in ``output`` count as ``gone`` when their key is missing (a run on
    part of the corpus says nothing about the other articles).
    """
    still: list[tuple[Judgement, ProducedTriple]] = []
    changed: list[tuple[Judgement, ProducedTriple]] = []
    unjudged: list[ProducedTriple] = []
    judged_keys = pool.keys()
    seen: set[Key] = set()
    files: set[str] = set()
    for triple in output:
        files.add(triple.file)
        key = triple.key()
        judgement = pool.judgements.get((key, triple.stance()))
        if key in seen or key not in judged_keys:
            unjudged.append(triple)
        elif judgement is not None:
            still.append((judgement, triple))
        else:
            changed.append((judged_keys[key], triple))
        seen.add(key)
    gone = [j for k, j in judged_keys.items() if k not in seen and j.file in files]
    return PoolMatch(still, changed, gone, unjudged)


@dataclass
class Tally:
    """Correct of judged, with a 95% Wilson interval."""

    correct: int = 0
    judged: int = 0

    def add(self, correct: bool) -> None:
        self.correct += correct
        self.judged += 1

    @property
    def precision(self) -> float:
        return self.correct / self.judged if self.judged else 0.0

    def __str__(self) -> str:
        if not self.judged:
            return "0/0"
        low, high = wilson_interval(self.correct, self.judged)
        return (
            f"{self.correct}/{self.judged} = {self.precision:.3f} "
            f"(95% interval {low:.3f}-{high:.3f})"
        )


def wilson_interval(correct: int, judged: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% for the default ``z``)."""
    if judged == 0:
        return (0.0, 1.0)
    p = correct / judged
    denominator = 1 + z * z / judged
    centre = (p + z * z / (2 * judged)) / denominator
    half = z * math.sqrt(p * (1 - p) / judged + z * z / (4 * judged * judged)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def tally_by(
    judgements: Iterable[Judgement], group: Callable[[Judgement], str]
) -> dict[str, Tally]:
    """Precision of the judgements in each group, largest groups first."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for judgement in judgements:
        tallies[group(judgement)].add(judgement.correct)
    return dict(sorted(tallies.items(), key=lambda item: (-item[1].judged, item[0])))


def entity_type_tally(
    judgements: Iterable[Judgement | tuple[Judgement, ProducedTriple]],
) -> Tally:
    """Entity types judged right, over the distinct entities (article, name, type) of the
    judgements; an entity judged in several triples counts once (wrong if ever judged so).

    Given (judgement, produced triple) pairs, the types are those produced: a type other
    than the one judged is right only when the judgement lists it among the right types
    (``subject_right_types``); otherwise it counts as wrong (:func:`retyped_unjudged` names
    those whose judgement lists no right types at all).
    """
    verdicts: dict[tuple[str, str, str], bool] = {}
    for file, name, type_, ok in _type_verdicts(judgements):
        if ok is None:
            continue
        entity = (file, name, type_)
        verdicts[entity] = verdicts.get(entity, True) and ok
    tally = Tally()
    for ok in verdicts.values():
        tally.add(ok)
    return tally


def retyped_unjudged(pairs: Iterable[tuple[Judgement, ProducedTriple]]) -> list[str]:
    """Entities produced with a type other than the one judged, whose judgement lists no
    right types ("Name (TYPE, judged as TYPE) in file"): :func:`entity_type_tally` counts
    them wrong until they are judged."""
    found = set()
    for j, triple in pairs:
        sides = (
            (j.subject, j.subject_type, triple.subject_type, j.subject_right_types),
            (j.object, j.object_type, triple.object_type, j.object_right_types),
        )
        for name, judged_type, produced_type, right in sides:
            if produced_type != judged_type and right is None:
                found.add(f"{name} ({produced_type}, judged as {judged_type}) in {j.file}")
    return sorted(found)


def _type_verdicts(
    judgements: Iterable[Judgement | tuple[Judgement, ProducedTriple]],
) -> Iterable[tuple[str, str, str, bool | None]]:
    """(file, name, type, right?) of each side of each judgement, at the produced type."""
    for item in judgements:
        judgement, triple = item if isinstance(item, tuple) else (item, None)
        sides = (
            (
                judgement.subject,
                judgement.subject_type,
                judgement.subject_type_ok,
                judgement.subject_right_types,
                triple.subject_type if triple else None,
            ),
            (
                judgement.object,
                judgement.object_type,
                judgement.object_type_ok,
                judgement.object_right_types,
                triple.object_type if triple else None,
            ),
        )
        for name, judged_type, ok, right, produced_type in sides:
            if produced_type is None or produced_type == judged_type:
                yield judgement.file, name, judged_type, ok
            else:
                yield judgement.file, name, produced_type, produced_type in (right or ())
