"""CaRB scorer for open relation extraction (Bhardwaj, Aggarwal and Mausam, EMNLP 2019).

A clean reimplementation of the official scorer's default mode (``carb.py`` with the
``binary_linient_tuple_match`` matcher, without ``--binary``). Its figures match the
official ones; the behaviour that matters for that, including the quirks, is:

* **Sentence keys.** Gold and system extractions are paired by a normalised sentence key:
  spaces removed, Penn-treebank bracket escapes (``-LRB-`` ...) undone, ASCII punctuation
  removed. If several raw sentences collapse to one key, the last one read wins (the
  official scorer builds a plain ``dict`` from them). System sentences absent from the gold
  are ignored, except that their confidences still count as thresholds.
* **Context arguments.** Gold arguments containing ``C: `` (attribution context such as
  ``C: A spokesman said``) are dropped before matching, as the gold reader of the CaRB
  copy shipped with OpenIE6 does; the arguments after them move up. ``L: `` and ``T: ``
  (location, time) arguments are kept. The reference figures need this (without it the
  textacy dev F1 comes out 0.186 instead of 0.189). :func:`read_gold` keeps every argument.
* **Matching a pair** (:func:`tuple_match`). Both tuples are reduced to (arg1, predicate,
  all other arguments joined by a space). Tokens are whitespace-split and compared
  case-sensitively, with no stopword or punctuation removal (the official matcher is passed
  ``ignoreStopwords``/``ignoreCase`` but ignores them). Overlap is a multiset intersection
  per part. A pair scores (0, 0) unless the predicates share a token; argument overlap may be
  zero. A predicted ``be`` may additionally match any form of *be* in the gold predicate. If
  the gold has an argument slot (first or second) that the extraction lacks, the pair scores
  (0, 0); an extra second argument in the extraction, where the gold has only one, is not
  counted in precision's denominator at all. When the gold predicate contains ``said``,
  ``told``, ``added``, ``adds`` or ``says`` as a *substring*, the extraction is also scored
  with its two argument parts swapped, and the larger (precision, recall) pair, compared
  lexicographically, is kept.
* **Per sentence, per threshold.** Extractions with confidence >= the threshold are kept.
  Recall credits each gold tuple with its best recall against any kept extraction (no
  one-to-one constraint). Precision credits extractions through a greedy one-to-one match:
  repeatedly take the free (gold, extraction) pair of highest precision (ties: lowest gold
  index, then lowest extraction index), ``min(#gold, #kept)`` times; unmatched extractions
  score 0. Precision divides by the number of kept extractions (1.0 when there are none),
  recall by the number of gold tuples in every gold sentence.
* **Curve.** Thresholds are all distinct system confidences, ascending. The reported point
  is the first threshold of maximal F1. AUC is the trapezoid area under the (recall,
  precision) points with an extra point (recall 0, precision 1) appended.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from os import PathLike
from typing import TextIO

__all__ = [
    "CarbScore",
    "Extraction",
    "read_gold",
    "read_system",
    "score",
    "sentence_key",
    "tuple_match",
    "write_system",
]

_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
_PTB_ESCAPES: tuple[tuple[str, str], ...] = (
    ("(", "-LRB-"),
    (")", "-RRB-"),
    ("[", "-LSB-"),
    ("]", "-RSB-"),
    ("{", "-LCB-"),
    ("}", "-RCB-"),
)
_FORMS_OF_BE: tuple[str, ...] = ("be", "is", "am", "are", "was", "were", "been", "being")
_SAID_VERBS: tuple[str, ...] = ("said", "told", "added", "adds", "says")
_CONTEXT_MARK = "C: "
#: Match scores and their sums are exact fractions, so figures that are equal in exact
#: arithmetic are equal floats: float sums drift in the last bit between equal
#: thresholds, and a recall curve that rises by 1e-16 is no curve to take an area under.
ZERO = Fraction(0)


@dataclass(frozen=True)
class Extraction:
    """One open-IE tuple: a predicate and its arguments, found in ``sentence``."""

    sentence: str
    predicate: str
    arguments: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class CarbScore:
    """CaRB figures: the best-F1 point of the P-R curve, its threshold, and the curve's area."""

    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float


# --------------------------------------------------------------------------- reading/writing


def _fields(line: str) -> list[str] | None:
    """Split one tab-separated line the way CaRB's readers do; ``None`` for a blank line.

    The whole line is stripped first, so trailing empty arguments disappear; each field is
    then stripped of surrounding whitespace.
    """
    stripped = line.strip()
    if not stripped:
        return None
    return [field.strip() for field in stripped.split("\t")]


def read_gold(path: str | PathLike[str]) -> dict[str, list[Extraction]]:
    """Read a CaRB gold file (``sentence<TAB>predicate<TAB>arg1<TAB>arg2...``).

    Returns the extractions keyed by sentence, as written in the file, in file order.
    """
    gold: dict[str, list[Extraction]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            fields = _fields(line)
            if fields is None:
                continue
            if len(fields) < 2:
                raise ValueError(f"{path}:{number}: expected sentence and predicate")
            sentence, predicate, *arguments = fields
            gold.setdefault(sentence, []).append(
                Extraction(sentence, predicate, tuple(arguments), 1.0)
            )
    return gold


def read_system(path: str | PathLike[str]) -> dict[str, list[Extraction]]:
    """Read a system file in CaRB's tabbed format.

    Each line is ``sentence<TAB>confidence<TAB>predicate<TAB>arg1<TAB>arg2...``. Returns the
    extractions keyed by sentence, in file order.
    """
    system: dict[str, list[Extraction]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            fields = _fields(line)
            if fields is None:
                continue
            if len(fields) < 3:
                raise ValueError(f"{path}:{number}: expected sentence, confidence and predicate")
            sentence, confidence, predicate, *arguments = fields
            try:
                value = float(confidence)
            except ValueError as error:
                raise ValueError(f"{path}:{number}: bad confidence {confidence!r}") from error
            system.setdefault(sentence, []).append(
                Extraction(sentence, predicate, tuple(arguments), value)
            )
    return system


def write_system(extractions: Iterable[Extraction], out: TextIO) -> None:
    """Write extractions in CaRB's tabbed system format, one per line.

    Confidences are written with ``repr`` so they read back exactly. Fields may not contain
    tabs or line breaks. Note that CaRB's readers (and :func:`read_system`) strip each line
    and field, so trailing empty arguments and surrounding whitespace do not survive a
    round trip.
    """
    for extraction in extractions:
        fields = [
            extraction.sentence,
            repr(float(extraction.confidence)),
            extraction.predicate,
            *extraction.arguments,
        ]
        for field in fields:
            if "\t" in field or "\n" in field or "\r" in field:
                raise ValueError(f"field contains a tab or line break: {field!r}")
        out.write("\t".join(fields) + "\n")


# --------------------------------------------------------------------------- matching


def sentence_key(sentence: str) -> str:
    """CaRB's sentence key: no spaces, PTB brackets unescaped, ASCII punctuation removed."""
    key = sentence.replace(" ", "")
    for bracket, escape in _PTB_ESCAPES:
        key = key.replace(escape, bracket)
    return _PUNCTUATION.sub("", key)


def _binary_arguments(arguments: Sequence[str]) -> tuple[str, ...]:
    """Reduce arguments to at most two: arg1 and the rest joined by a space."""
    if len(arguments) >= 2:
        return (arguments[0], " ".join(arguments[1:]))
    return tuple(arguments)


def _overlap(gold_words: Sequence[str], predicted_words: list[str]) -> int:
    """Count gold tokens found in ``predicted_words``, consuming each match (multiset overlap).

    ``predicted_words`` is modified: matched tokens are removed from it.
    """
    matches = 0
    for word in gold_words:
        if word in predicted_words:
            predicted_words.remove(word)
            matches += 1
    return matches


def _lenient_match(
    gold_predicate: str,
    gold_arguments: Sequence[str],
    predicate: str,
    arguments: Sequence[str],
) -> tuple[Fraction, Fraction]:
    """Token-overlap (precision, recall) of one extraction against one gold tuple.

    Zero unless the predicates share a token, or when the extraction lacks an argument slot
    (first or second) that the gold has.
    """
    gold_words = gold_predicate.split()
    predicted_words = predicate.split()
    precision_total = len(predicted_words)
    recall_total = len(gold_words)
    matched = _overlap(gold_words, predicted_words)
    if "be" in predicted_words and any(form in gold_words for form in _FORMS_OF_BE):
        matched += 1
    if matched == 0:
        return (ZERO, ZERO)
    precision_hits = recall_hits = matched

    for index, gold_argument in enumerate(gold_arguments):
        gold_words = gold_argument.split()
        recall_total += len(gold_words)
        if index >= len(arguments):
            if index < 2:
                return (ZERO, ZERO)
            continue
        predicted_words = arguments[index].split()
        precision_total += len(predicted_words)
        matched = _overlap(gold_words, predicted_words)
        precision_hits += matched
        recall_hits += matched

    precision = Fraction(precision_hits, precision_total) if precision_total else ZERO
    recall = Fraction(recall_hits, recall_total) if recall_total else ZERO
    return (precision, recall)


def _gold_arguments(gold: Extraction) -> tuple[str, ...]:
    """The gold arguments CaRB scores: those without a ``C: `` context marker."""
    return tuple(argument for argument in gold.arguments if _CONTEXT_MARK not in argument)


def tuple_match(gold: Extraction, predicted: Extraction) -> tuple[float, float]:
    """CaRB's binary lenient tuple match: (precision, recall) of ``predicted`` against ``gold``.

    See the module docstring for the exact rules. Sentences and confidences are ignored.
    """
    precision, recall = _exact_match(gold, predicted)
    return (float(precision), float(recall))


def _exact_match(gold: Extraction, predicted: Extraction) -> tuple[Fraction, Fraction]:
    """:func:`tuple_match` as exact fractions."""
    gold_arguments = _binary_arguments(_gold_arguments(gold))
    predicted_arguments = _binary_arguments(predicted.arguments)
    straight = _lenient_match(
        gold.predicate, gold_arguments, predicted.predicate, predicted_arguments
    )
    if not any(verb in gold.predicate for verb in _SAID_VERBS):
        return straight
    swapped = predicted_arguments[::-1]
    reverse = _lenient_match(gold.predicate, gold_arguments, predicted.predicate, swapped)
    return max(straight, reverse)


# --------------------------------------------------------------------------- scoring


def _by_key(extractions: Mapping[str, list[Extraction]]) -> dict[str, list[Extraction]]:
    """Re-key a sentence mapping by :func:`sentence_key`; on a key collision the last wins."""
    return {sentence_key(sentence): list(items) for sentence, items in extractions.items()}


def _greedy_precision(
    scores: Sequence[Sequence[tuple[Fraction, Fraction]]], kept: Sequence[int]
) -> Fraction:
    """Sum of precisions over a greedy one-to-one match of gold rows to kept columns.

    Pairs are taken in order of decreasing precision (ties: lower row, then lower column)
    whenever both the row and the column are still free, ``min(rows, columns)`` times.
    """
    candidates = sorted(
        (-scores[row][column][0], row, column) for row in range(len(scores)) for column in kept
    )
    wanted = min(len(scores), len(kept))
    used_rows: set[int] = set()
    used_columns: set[int] = set()
    total = ZERO
    for negative_precision, row, column in candidates:
        if len(used_rows) == wanted:
            break
        if row in used_rows or column in used_columns:
            continue
        used_rows.add(row)
        used_columns.add(column)
        total -= negative_precision
    return total


def _f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall; 0 when both are 0."""
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _trapezoid_area(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Area under a curve given by points with monotonic ``xs`` (as ``sklearn.metrics.auc``)."""
    if len(xs) != len(ys):
        raise ValueError("need as many y values as x values")
    steps = [b - a for a, b in pairwise(xs)]
    if all(step <= 0 for step in steps):
        direction = -1.0
    elif all(step >= 0 for step in steps):
        direction = 1.0
    else:
        raise ValueError("x values are neither increasing nor decreasing")
    heights = [(y0 + y1) / 2 for y0, y1 in pairwise(ys)]
    area = sum(step * height for step, height in zip(steps, heights, strict=True))
    return direction * area


def score(
    gold: Mapping[str, list[Extraction]], system: Mapping[str, list[Extraction]]
) -> CarbScore:
    """Score ``system`` against ``gold`` with CaRB; both map sentences to extractions.

    Returns precision, recall and F1 at the confidence threshold of best F1, that threshold,
    and the area under the precision-recall curve. With no system extractions at all, every
    figure is 0.
    """
    gold_by_key = _by_key(gold)
    system_by_key = _by_key(system)
    thresholds = sorted({e.confidence for items in system_by_key.values() for e in items})
    if not thresholds:
        return CarbScore(precision=0.0, recall=0.0, f1=0.0, auc=0.0, threshold=0.0)
    position = {value: index for index, value in enumerate(thresholds)}
    count = len(thresholds)

    # Per-threshold sums, accumulated as difference arrays: a sentence's figures at its
    # confidence c hold for every threshold in (previous confidence of the sentence, c].
    precision_sum = [ZERO] * (count + 1)
    precision_count = [0] * (count + 1)
    recall_sum = [ZERO] * (count + 1)
    gold_total = 0

    for key, gold_items in gold_by_key.items():
        gold_total += len(gold_items)
        predicted = system_by_key.get(key, [])
        if not predicted:
            continue
        scores = [[_exact_match(g, p) for p in predicted] for g in gold_items]
        start = 0
        for confidence in sorted({p.confidence for p in predicted}):
            kept = [j for j, p in enumerate(predicted) if p.confidence >= confidence]
            recall = sum(max(row[j][1] for j in kept) for row in scores)
            precision = _greedy_precision(scores, kept)
            end = position[confidence] + 1
            precision_sum[start] += precision
            precision_sum[end] -= precision
            precision_count[start] += len(kept)
            precision_count[end] -= len(kept)
            recall_sum[start] += recall
            recall_sum[end] -= recall
            start = end

    precisions: list[float] = []
    recalls: list[float] = []
    p_sum = r_sum = ZERO
    p_count = 0
    for index in range(count):
        p_sum += precision_sum[index]
        p_count += precision_count[index]
        r_sum += recall_sum[index]
        precisions.append(float(p_sum / p_count) if p_count else 1.0)
        recalls.append(float(r_sum / gold_total) if gold_total else 0.0)

    f1s = [_f1(p, r) for p, r in zip(precisions, recalls, strict=True)]
    best = max(range(count), key=lambda index: (f1s[index], -index))
    area = _trapezoid_area([*recalls, 0.0], [*precisions, 1.0])
    return CarbScore(
        precision=precisions[best],
        recall=recalls[best],
        f1=f1s[best],
        auc=area,
        threshold=thresholds[best],
    )
