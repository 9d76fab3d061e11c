"""Scoring entity triples against gold (parse-independent) and through the CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.evaluate.triples import read_gold_triples, read_predictions, score_triples

GOLD = [
    {
        "article": "a1",
        "subject": ["Microsoft"],
        "predicate": ["acquisition", "buys"],
        "object": ["TikTok"],
    },
    {
        "article": "a1",
        "subject": ["TikTok"],
        "predicate": "shares-data-with",
        "object": ["Beijing"],
        "negated": True,
    },
    {"article": "a1", "subject": ["ByteDance"], "predicate": ["parent-of"], "object": "TikTok"},
]


def _record(subject, predicate, obj, negated=False, title="a1"):
    return json.dumps(
        {
            "subject": {"id": None, "name": subject, "type": "ORG"},
            "predicate": predicate,
            "object": {"id": None, "name": obj, "type": "ORG"},
            "article": {"id": "x", "title": title, "published": None},
            "negated": negated,
        }
    )


def _files(tmp_path, predictions):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("// comment\n" + "\n".join(json.dumps(g) for g in GOLD) + "\n")
    predicted = tmp_path / "pred.jsonl"
    predicted.write_text("\n".join(predictions) + "\n")
    return gold, predicted


def test_predicate_words_negation_and_duplicates(tmp_path):
    gold, predicted = _files(
        tmp_path,
        [
            _record("Microsoft", "negotiates-acquisition-of", "TikTok"),
            _record("Microsoft", "negotiates-acquisition-of", "TikTok"),  # same triple again
            _record("tiktok", "shares-data-with", "Beijing", negated=False),  # wrong polarity
            _record("ByteDance", "parent-of", "TikTok", title="another article"),  # not judged
        ],
    )
    with predicted.open() as handle:
        result = score_triples(read_gold_triples(gold), read_predictions(handle))
    assert (result.precision, result.recall) == (0.5, 1 / 3)
    assert [m.describe() for m in result.misses] == [
        "a1: TikTok -[shares-data-with]-> Beijing",
        "a1: ByteDance -[parent-of]-> TikTok",
    ]
    assert [f.describe() for f in result.false_hits] == ["a1: tiktok -[shares-data-with]-> Beijing"]


def test_word_must_be_whole_segments(tmp_path):
    gold, predicted = _files(tmp_path, [_record("Microsoft", "rebuys", "TikTok")])
    with predicted.open() as handle:
        assert score_triples(read_gold_triples(gold), read_predictions(handle)).recall == 0


def test_cli_output(tmp_path):
    gold, predicted = _files(
        tmp_path,
        [
            _record("Microsoft", "buys", "TikTok"),
            _record("TikTok", "shares-data-with", "Beijing", True),
        ],
    )
    result = CliRunner().invoke(cli, ["eval", "triples", str(gold), str(predicted)])
    assert result.exit_code == 0
    assert result.output == (
        "precision 1.000  recall 0.667  F1 0.800\nmissed: a1: ByteDance -[parent-of]-> TikTok\n"
    )


def test_a_gold_relation_accepts_any_predicate_of_that_relation(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"article": "a1", "subject": "Shanda", "predicate": ["stake"], "object": "Sina"},
        {
            "article": "a1",
            "subject": "Glazer",
            "predicate": ["bid"],
            "relation": "acquires",
            "object": "Man Utd",
            "path": "business/179.txt",
        },
        {"article": "a1", "subject": "Fox", "predicate": ["x"], "relation": "other", "object": "Y"},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    records = [
        json.loads(_record("Glazer", "stalks", "Man Utd")) | {"relation": "acquires"},
        json.loads(_record("Shanda", "buys", "Sina")) | {"relation": "acquires"},
        json.loads(_record("Fox", "meets", "Y")),
    ]
    result = score_triples(
        read_gold_triples(gold), read_predictions(json.dumps(r) for r in records)
    )
    assert [m.label for m in result.misses] == ["Shanda -[stake]-> Sina", "Fox -[x]-> Y"]
    assert result.recall == 1 / 3 and result.precision == 1 / 3
