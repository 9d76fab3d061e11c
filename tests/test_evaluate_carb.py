"""Tests for the CaRB scorer: the official dev-split figures and the matcher's rules."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kgraph.evaluate import (
    CarbScore,
    Extraction,
    read_gold,
    read_system,
    score,
    sentence_key,
    tuple_match,
    write_system,
)

CARB_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "carb"
SENTENCE = "The cat sat on the mat ."


def _ex(predicate: str, *arguments: str, confidence: float = 1.0) -> Extraction:
    return Extraction(SENTENCE, predicate, arguments, confidence)


# ------------------------------------------------------------------ official figures


@pytest.fixture(scope="module")
def carb_gold() -> dict[str, list[Extraction]]:
    if not CARB_DIR.is_dir():
        pytest.fail(f"CaRB reference files missing: {CARB_DIR}")
    return read_gold(CARB_DIR / "dev-gold.tsv")


@pytest.mark.parametrize(
    ("system_file", "expected"),
    [
        ("dev-openie5.tsv", (0.526, 0.406, 0.458, 0.240)),
        ("dev-textacy-svo.tsv", (0.708, 0.109, 0.189, 0.093)),
    ],
)
def test_reproduces_official_figures(
    carb_gold: dict[str, list[Extraction]],
    system_file: str,
    expected: tuple[float, float, float, float],
) -> None:
    result = score(carb_gold, read_system(CARB_DIR / system_file))
    got = (result.precision, result.recall, result.f1, result.auc)
    # The official scorer prints figures rounded to three decimals.
    assert got == pytest.approx(expected, abs=0.0005)


def test_gold_file_shape(carb_gold: dict[str, list[Extraction]]) -> None:
    assert len(carb_gold) == 638
    assert sum(len(items) for items in carb_gold.values()) == 2548
    first = next(iter(carb_gold.values()))[0]
    assert first.predicate.startswith("made a final")
    assert first.arguments[0] == "President Bush"


# ------------------------------------------------------------------ matcher


def test_exact_match_scores_one() -> None:
    gold = _ex("sat on", "The cat", "the mat")
    assert tuple_match(gold, gold) == (1.0, 1.0)


def test_no_shared_predicate_token_is_no_match() -> None:
    gold = _ex("sat on", "The cat", "the mat")
    assert tuple_match(gold, _ex("slept under", "The cat", "the mat")) == (0.0, 0.0)


def test_partial_overlap_is_token_level() -> None:
    gold = _ex("sat on", "The cat", "the mat")
    # predicate 1/1 vs 1/2, arg1 1/1 vs 1/2, arg2 2/3 vs 2/2: precision 4/5, recall 4/6
    precision, recall = tuple_match(gold, _ex("sat", "cat", "the red mat"))
    assert precision == pytest.approx(4 / 5)
    assert recall == pytest.approx(4 / 6)


def test_matching_is_case_sensitive() -> None:
    gold = _ex("sat on", "The cat", "the mat")
    assert tuple_match(gold, _ex("Sat On", "The cat", "the mat")) == (0.0, 0.0)


def test_arguments_beyond_the_first_are_joined() -> None:
    gold = _ex("sat", "The cat", "on the mat", "yesterday")
    flattened = _ex("sat", "The cat", "on the mat yesterday")
    assert tuple_match(gold, flattened) == (1.0, 1.0)


def test_gold_context_arguments_are_ignored() -> None:
    gold = _ex("sat on", "The cat", "the mat", "C: Bob said that")
    assert tuple_match(gold, _ex("sat on", "The cat", "the mat")) == (1.0, 1.0)


def test_be_matches_any_form_of_be() -> None:
    gold = _ex("is", "The cat", "black")
    assert tuple_match(gold, _ex("be", "The cat", "black")) == (1.0, 1.0)


def test_said_relations_also_try_swapped_arguments() -> None:
    gold = _ex("said", "Bob", "it rained")
    assert tuple_match(gold, _ex("said", "it rained", "Bob")) == (1.0, 1.0)
    not_said = _ex("thinks", "Bob", "it rained")
    assert tuple_match(not_said, _ex("thinks", "it rained", "Bob")) == (1 / 4, 1 / 4)


def test_missing_argument_slot_is_no_match() -> None:
    gold = _ex("sat on", "The cat", "the mat")
    assert tuple_match(gold, _ex("sat on", "The cat")) == (0.0, 0.0)
    assert tuple_match(gold, _ex("sat on")) == (0.0, 0.0)


def test_gold_without_arguments_matches_on_predicate() -> None:
    gold = _ex("sat")
    # Extra predicted arguments are not counted when the gold has no such slot.
    assert tuple_match(gold, _ex("sat", "The cat", "the mat")) == (1.0, 1.0)


def test_empty_argument_strings_have_no_tokens() -> None:
    gold = _ex("sat on", "The cat", "")
    # The empty second argument is a slot without tokens: it adds nothing to recall.
    assert tuple_match(gold, _ex("sat on", "The cat", "the mat")) == (4 / 6, 1.0)


# ------------------------------------------------------------------ scoring


def test_perfect_system_scores_one() -> None:
    gold = {SENTENCE: [_ex("sat on", "The cat", "the mat"), _ex("is", "the mat", "red")]}
    result = score(gold, gold)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)
    assert result.auc == pytest.approx(1.0)
    assert result.threshold == 1.0


def test_system_without_extractions_gets_zero_recall() -> None:
    gold = {SENTENCE: [_ex("sat on", "The cat", "the mat")]}
    assert score(gold, {}) == CarbScore(0.0, 0.0, 0.0, 0.0, 0.0)
    other = {"Another sentence .": [_ex("sat on", "The cat", "the mat")]}
    result = score(gold, other)
    assert result.recall == 0.0
    assert result.f1 == 0.0


def test_sentences_pair_by_normalised_key() -> None:
    gold = {"The cat ( a tabby ) sat .": [_ex("sat", "The cat")]}
    system = {"The cat -LRB- a tabby -RRB- sat": [_ex("sat", "The cat")]}
    assert sentence_key("The cat ( a tabby ) sat .") == sentence_key(
        "The cat -LRB- a tabby -RRB- sat"
    )
    assert score(gold, system).f1 == 1.0


def test_threshold_sweep_picks_best_f1() -> None:
    gold = {SENTENCE: [_ex("sat on", "The cat", "the mat")]}
    system = {
        SENTENCE: [
            _ex("sat on", "The cat", "the mat", confidence=0.9),
            _ex("slept", "a dog", "outside", confidence=0.2),
        ]
    }
    result = score(gold, system)
    assert result.threshold == 0.9
    assert (result.precision, result.recall) == (1.0, 1.0)
    # Points (r=1, p=0.5) at 0.2 and (1, 1) at 0.9, then (0, 1): area 1.
    assert result.auc == pytest.approx(1.0)


def test_precision_matching_is_one_to_one() -> None:
    gold = {SENTENCE: [_ex("sat on", "The cat", "the mat")]}
    duplicate = _ex("sat on", "The cat", "the mat")
    result = score(gold, {SENTENCE: [duplicate, duplicate]})
    assert result.precision == 0.5
    assert result.recall == 1.0


# ------------------------------------------------------------------ tabbed format


def test_writer_round_trips_through_read_system(tmp_path: Path) -> None:
    extractions = [
        _ex("sat on", "The cat", "the mat", confidence=0.123456789),
        _ex("is", "the mat", "", "red", confidence=1.0),
        Extraction("Another sentence .", "has", ("it", "no period"), 0.5),
    ]
    buffer = io.StringIO()
    write_system(extractions, buffer)
    path = tmp_path / "system.tsv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    read = read_system(path)
    assert read == {SENTENCE: extractions[:2], "Another sentence .": extractions[2:]}


def test_writer_rejects_tabs_in_fields() -> None:
    with pytest.raises(ValueError):
        write_system([_ex("sat\ton", "The cat")], io.StringIO())
