"""The judged pool: reading judgements, matching them to a run's output, the tallies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgraph.evaluate.judged import (
    PoolError,
    ProducedTriple,
    entity_type_tally,
    match_pool,
    read_pool,
    retyped_unjudged,
    tally_by,
    wilson_interval,
)

POOL = Path(__file__).resolve().parents[1] / "bench" / "gold" / "judged-triples.jsonl"
SENTENCE = "Microsoft bought GitHub on Sunday, its chief executive Satya Nadella said."


def judged(**changes) -> dict:
    line = {
        "file": "tech/001.txt",
        "article": "abc",
        "sentence": SENTENCE,
        "subject": "Microsoft",
        "predicate": "buys",
        "object": "GitHub",
        "relation": "acquires",
        "modality": "reported",
        "negated": False,
        "subject_type": "ORG",
        "object_type": "ORG",
        "pattern": "svo",
        "correct": True,
        "kind": None,
        "reason": "Microsoft bought GitHub",
        "subject_type_ok": True,
        "object_type_ok": True,
        "batch": "seed 1, 1 of 1 triples",
    }
    return {**line, **changes}


def produced(**changes) -> ProducedTriple:
    fields = {
        "file": "tech/001.txt",
        "article": "abc",
        "sentence": SENTENCE,
        "start": 0,
        "subject": "Microsoft",
        "subject_type": "ORG",
        "predicate": "buys",
        "relation": "acquires",
        "object": "GitHub",
        "object_type": "ORG",
        "modality": "reported",
    }
    return ProducedTriple(**{**fields, **changes})


def write_pool(tmp_path: Path, *lines: dict | str) -> Path:
    path = tmp_path / "pool.jsonl"
    text = "".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_judgement_still_applies_to_the_same_triple_produced_again(tmp_path):
    wrong = judged(
        subject="Satya Nadella",
        predicate="chief-executive-of",
        relation="head-of",
        correct=False,
        kind="coreference",
        reason="'its' is Microsoft",
    )
    pool = read_pool(write_pool(tmp_path, judged(), wrong))
    output = [produced(start=5), produced(subject="Satya Nadella", predicate="says")]
    match = match_pool(pool, output)
    assert [(j.subject, t.start) for j, t in match.still] == [("Microsoft", 5)]
    assert [j.predicate for j in match.gone] == ["chief-executive-of"]
    assert [t.predicate for t in match.unjudged] == ["says"]
    assert match.output_size == 2


def test_another_relation_or_modality_makes_a_triple_to_judge_again(tmp_path):
    pool = read_pool(write_pool(tmp_path, judged()))
    match = match_pool(pool, [produced(modality="asserted")])
    assert match.still == [] and match.gone == []
    assert [t.modality for _, t in match.changed] == ["asserted"]
    match = match_pool(pool, [produced(relation="other")])
    assert [t.relation for _, t in match.changed] == ["other"]


def test_a_triple_judged_again_with_its_new_relation_matches_that_judgement(tmp_path):
    again = judged(relation="other", correct=False, kind="relation-misfit", reason="x")
    pool = read_pool(write_pool(tmp_path, judged(), again))
    match = match_pool(pool, [produced(relation="other")])
    assert [(j.relation, j.correct) for j, _ in match.still] == [("other", False)]
    assert match.changed == [] and match.gone == []
    match = match_pool(pool, [produced()])
    assert [(j.relation, j.correct) for j, _ in match.still] == [("acquires", True)]


def test_a_run_on_other_articles_says_nothing_of_the_pool(tmp_path):
    pool = read_pool(write_pool(tmp_path, judged()))
    match = match_pool(pool, [produced(file="sport/002.txt")])
    assert match.gone == [] and len(match.unjudged) == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "pool.jsonl:2: not JSON"),
        (json.dumps(judged(correct=False)), "pool.jsonl:2: a wrong triple needs a kind"),
        (json.dumps(judged(kind="cut-name")), "pool.jsonl:2: a correct triple has no error kind"),
        (json.dumps(judged(correct="yes")), "pool.jsonl:2: 'correct' must be true or false"),
        (json.dumps(judged(subject="")), "pool.jsonl:2: no subject"),
        (json.dumps(judged()), "pool.jsonl:2: the same triple is judged on line 1"),
    ],
)
def test_a_bad_pool_line_is_named_by_file_and_line(tmp_path, line, message):
    path = write_pool(tmp_path, judged(), line)
    with pytest.raises(PoolError) as error:
        read_pool(path)
    assert message in str(error.value)


def test_entity_types_count_each_entity_once_and_wrong_if_ever_judged_wrong(tmp_path):
    lines = [
        judged(),
        judged(predicate="owns", object_type_ok=False),
        judged(subject="Satya Nadella", subject_type="PERSON", predicate="says"),
    ]
    pool = read_pool(write_pool(tmp_path, *lines))
    tally = entity_type_tally(pool.judgements.values())
    # Microsoft (right), GitHub (judged wrong once), Satya Nadella (right)
    assert (tally.correct, tally.judged) == (2, 3)


def test_tallies_by_group_and_the_wilson_interval(tmp_path):
    lines = [judged(), judged(predicate="acquires", correct=False, kind="other")]
    pool = read_pool(write_pool(tmp_path, *lines, judged(predicate="x", relation="other")))
    tallies = tally_by(pool.judgements.values(), lambda j: j.relation)
    assert [(k, t.correct, t.judged) for k, t in tallies.items()] == [
        ("acquires", 1, 2),
        ("other", 1, 1),
    ]
    low, high = wilson_interval(86, 100)
    assert 0.77 < low < 0.80 and 0.91 < high < 0.92
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_the_shipped_pool_reads_and_records_how_each_batch_was_drawn():
    pool = read_pool(POOL)
    assert len(pool) >= 400
    drawn = ("seed ", "judged again: ")  # a random sample, or a changed triple of one
    assert all(batch.startswith(drawn) for batch in pool.batches())
    wrong = [j for j in pool.judgements.values() if not j.correct]
    assert wrong and all(j.reason for j in pool.judgements.values())


def test_entity_types_are_scored_at_the_types_produced(tmp_path):
    lines = [
        judged(object_type="PERSON", object_type_ok=False, object_right_types=["ORG"]),
        judged(predicate="owns", subject_right_types=["ORG", "GPE"]),
    ]
    pool = read_pool(write_pool(tmp_path, *lines))
    buys, owns = sorted(pool.judgements.values(), key=lambda j: j.predicate)
    as_judged = [(buys, produced(object_type="PERSON")), (owns, produced(predicate="owns"))]
    # GitHub judged wrong as PERSON (and right as ORG in "owns"); Microsoft right as ORG
    assert (entity_type_tally(as_judged).correct, entity_type_tally(as_judged).judged) == (2, 3)
    retyped = [(buys, produced()), (owns, produced(predicate="owns", subject_type="GPE"))]
    # GitHub now ORG (listed right), Microsoft now GPE (listed right as well)
    assert (entity_type_tally(retyped).correct, entity_type_tally(retyped).judged) == (3, 3)
    assert retyped_unjudged(retyped) == []
    unlisted = [(buys, produced(subject_type="PERSON"))]
    assert (entity_type_tally(unlisted).correct, entity_type_tally(unlisted).judged) == (1, 2)
    assert retyped_unjudged(unlisted) == ["Microsoft (PERSON, judged as ORG) in tech/001.txt"]


def test_right_types_must_be_a_list(tmp_path):
    path = write_pool(tmp_path, judged(subject_right_types="ORG"))
    with pytest.raises(PoolError, match="pool.jsonl:1: 'subject_right_types' must be a list"):
        read_pool(path)
