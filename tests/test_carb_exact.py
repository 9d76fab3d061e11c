"""CaRB scoring sums exactly: many extractions with repeated confidences (issue 11)."""

from __future__ import annotations

import json
import random
from fractions import Fraction
from itertools import pairwise

from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.evaluate.carb import read_gold, read_system, sentence_key, tuple_match

WORDS = "the company said it would buy a small maker of games in Seattle for cash".split()  # noqa: SIM905
CONFIDENCES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def _phrase(rng: random.Random, least: int, most: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(least, most)))


def _files(tmp_path, seed: int = 11, sentences: int = 150):
    """Generated gold and system files: 1-3 gold tuples and 1-9 extractions a sentence, with
    argument lengths that make recalls like 1/3, 2/7 and 5/11, seven confidences, and a
    lowest one whose extractions match nothing (so two thresholds have equal recall)."""
    rng = random.Random(seed)
    gold, system = [], []
    for number in range(sentences):
        sentence = f"Sentence {number} says the company would buy a maker ."
        for _ in range(rng.randint(1, 3)):
            arg1, arg2 = _phrase(rng, 1, 5), _phrase(rng, 1, 6)
            gold.append(f"{sentence}\tbuy {_phrase(rng, 0, 2)}\t{arg1}\t{arg2}")
        for _ in range(rng.randint(1, 9)):
            confidence = rng.choice(CONFIDENCES)
            arg1, arg2 = _phrase(rng, 1, 7), _phrase(rng, 1, 7)
            system.append(f"{sentence}\t{confidence}\tbuy {_phrase(rng, 0, 2)}\t{arg1}\t{arg2}")
        if number % 3 == 0:  # below every other confidence, and no match: recall unchanged
            system.append(f"{sentence}\t0.05\tsells\t{_phrase(rng, 1, 3)}\t{_phrase(rng, 1, 3)}")
    (tmp_path / "gold.tsv").write_text("\n".join(gold) + "\n")
    (tmp_path / "system.tsv").write_text("\n".join(system) + "\n")
    return tmp_path / "gold.tsv", tmp_path / "system.tsv"


def _reference_recalls(gold_path, system_path) -> list[Fraction]:
    """Recall at each threshold, recomputed from scratch in exact arithmetic."""
    gold = {sentence_key(s): items for s, items in read_gold(gold_path).items()}
    system = {sentence_key(s): items for s, items in read_system(system_path).items()}
    total = sum(len(items) for items in gold.values())
    recalls = []
    for threshold in sorted({e.confidence for items in system.values() for e in items}):
        found = Fraction(0)
        for key, gold_items in gold.items():
            kept = [p for p in system.get(key, []) if p.confidence >= threshold]
            for g in gold_items:
                best = max((tuple_match(g, p)[1] for p in kept), default=0.0)
                found += Fraction(best).limit_denominator(1000)
        recalls.append(found / total)
    return recalls


def test_recall_curve_is_exact_and_monotone(tmp_path):
    gold, system = _files(tmp_path)
    reference = _reference_recalls(gold, system)
    assert len(reference) == len(CONFIDENCES) + 1
    assert any(a == b for a, b in pairwise(reference))  # equal thresholds: the drift case
    assert all(a >= b for a, b in pairwise(reference))
    result = CliRunner().invoke(cli, ["eval", "carb", str(gold), str(system), "--json"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["recall"] in {float(r) for r in reference}
    assert 0 < scored["auc"] <= 1
