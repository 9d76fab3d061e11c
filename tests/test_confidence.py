"""A triple's confidence from the fitted model, and --min-confidence on every command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.confidence import (
    ConfidenceModel,
    calibrate,
    default_cut,
    features,
    load_model,
    read_model,
)
from kgraph.extract import extract_doc, parse_articles
from kgraph.models import Article, EntityRef, Triple
from tests.conftest import EXAMPLES

TIKTOK = str(EXAMPLES / "tiktok-microsoft.txt")
HALDEN = Article(
    "Porter takes charge at Halden\n\n"
    "Halden Motors chairman Ruth Porter said on Monday that sales of the Vela would rise.\n"
    "Later she unveiled the new car in Chicago.\n"
    "Halden Motors, a Swedish carmaker, bought Brisk Cycles for $20m last year.\n"
    "It was her idea, she told Reuters.",
    title="Porter takes charge at Halden",
)
PORTER = EntityRef.make("Ruth Porter", "PERSON")
HALDEN_MOTORS = EntityRef.make("Halden Motors", "ORG")
CHICAGO = EntityRef.make("Chicago", "GPE")


def triple(subject, predicate, object_, sentence, *, pattern="svo", **fields) -> Triple:
    return Triple(
        subject, predicate, object_, HALDEN, sentence, 0, len(sentence),
        extras={"pattern": pattern}, **fields,
    )  # fmt: skip


def test_features_read_the_shape_of_a_triple():
    named = triple(PORTER, "chairman-of", HALDEN_MOTORS, "Halden Motors chairman Ruth Porter said")
    found = features(named)
    assert found["pattern:svo"] == 1 and found["relation:head-of"] == 1
    assert found["relation-subject:head-of:PERSON"] == 1
    assert found["relation-object:head-of:ORG"] == 1
    assert found["predicate:role"] == 1
    assert "subject:unnamed" not in found and "predicate:adjunct" not in found

    adjunct = triple(
        PORTER, "unveils-car-in", CHICAGO, "Later she unveiled the new car in Chicago."
    )
    found = features(adjunct, raw=0.56)
    assert found["raw"] == 0.56 and found["relation:other"] == 1
    assert found["predicate:adjunct"] == 1 and found["subject:unnamed"] == 1
    assert not any(name.startswith("relation-subject") for name in found)

    odd = EntityRef.make("He (Bridge", "PERSON")
    pronoun = triple(odd, "he-of", CHICAGO, "He (Bridge) is in Chicago.")
    assert features(pronoun)["predicate:pronoun"] == 1
    assert features(pronoun)["name:odd"] == 1


def test_features_read_what_the_article_and_the_word_lists_say_of_each_entity():
    often = EntityRef.make("Ruth Porter", "PERSON", type_votes=(("PERSON", 5), ("ORG", 1)))
    first_name = EntityRef.make("Ruth", "PERSON", type_votes=(("PERSON", 1),))
    not_a_place = EntityRef.make("Vela", "GPE", type_votes=(("GPE", 1),))
    found = features(triple(often, "unveils-car-in", CHICAGO, "Ruth Porter unveiled it."))
    assert found["subject:mentions"] == pytest.approx((6 / 16) ** 0.5)
    assert found["subject:first-name-known"] == 1 and "subject:one-word-person" not in found
    assert "subject:named-once" not in found and "object:unknown-place" not in found
    assert found["predicate-last:in"] == 1

    found = features(triple(first_name, "sells", not_a_place, "Ruth sold the Vela."))
    assert found["subject:one-word-person"] == 1 and found["subject:named-once"] == 1
    assert found["object:unknown-place"] == 1 and found["predicate-last:sells"] == 1

    unnamed = triple(often, "unveils-car-in", CHICAGO, "Later she unveiled the new car.")
    found = features(unnamed)
    assert found["subject-unnamed:svo"] == 1 and found["object-unnamed:svo"] == 1
    unknown_first = EntityRef.make("Zxq Porter", "PERSON")
    found = features(triple(unknown_first, "visits", CHICAGO, "Zxq Porter visits Chicago."))
    assert found["subject:first-name-unknown"] == 1 and "subject-unnamed:svo" not in found


def test_a_model_scores_a_logistic_of_its_weights(tmp_path):
    model = ConfidenceModel(-1.0, {"raw": 2.0, "predicate:adjunct": -3.0}, cut=0.4)
    assert model.score({}) == pytest.approx(1 / (1 + 2.718281828**1))
    assert model.score({"raw": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-1))
    assert model.score({"raw": 1.0, "predicate:adjunct": 1.0}) < model.score({"raw": 1.0})
    assert model.score({"unknown": 5.0}) == model.score({})
    path = tmp_path / "confidence.json"
    path.write_text(model.to_json(), encoding="utf-8")
    assert read_model(path) == model


def test_calibrate_replaces_the_raw_score_with_the_model_s():
    model = ConfidenceModel(0.0, {"predicate:adjunct": -2.0})
    adjunct = triple(PORTER, "unveils-car-in", CHICAGO, "She unveiled the car in Chicago.")
    (calibrated,) = calibrate([adjunct], model)
    assert calibrated.confidence == pytest.approx(0.119, abs=0.001)
    assert calibrated.key() == adjunct.key() and adjunct.confidence == 0.5


def test_the_shipped_model_was_fitted_on_the_judged_pool():
    model = load_model()
    assert model is not None and model.weights
    assert 0.0 <= default_cut() == model.cut <= 1.0
    assert model.about["judged"] >= 400
    assert "fit_confidence.py" in model.about["fitted"]


def test_extraction_gives_the_model_s_confidence_and_drops_what_is_below_the_cut(nlp):
    (doc, article), *_ = parse_articles(nlp, [HALDEN])
    raw = extract_doc(doc, article, calibrated=False).triples
    calibrated = extract_doc(doc, article).triples
    assert [t.key() for t in raw] == [t.key() for t in calibrated]
    title = [t for t in calibrated if t.predicate == "chairman-of"]
    assert [(t.subject.name, t.object.name) for t in title] == [("Ruth Porter", "Halden Motors")]
    model = load_model()
    for before, after in zip(raw, calibrated):
        assert after.confidence == round(model.score(features(before)), 3)
    cut = sorted(t.confidence for t in calibrated)[len(calibrated) // 2]
    kept = extract_doc(doc, article, min_confidence=cut).triples
    assert [t.key() for t in kept] == [t.key() for t in calibrated if t.confidence >= cut]
    assert 0 < len(kept) < len(calibrated) or len({t.confidence for t in calibrated}) == 1


@pytest.fixture()
def runner():
    return CliRunner()


def _extract(runner, *options):
    result = runner.invoke(cli, ["extract", TIKTOK, *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def _middle_cut(records) -> float:
    values = sorted({r["confidence"] for r in records})
    assert len(values) > 1, values
    return values[len(values) // 2]


def test_extract_min_confidence_keeps_the_triples_at_or_above_it(runner):
    everything = _extract(runner, "--min-confidence", "0")
    cut = _middle_cut(everything)
    kept = _extract(runner, "--min-confidence", str(cut))
    assert kept == [r for r in everything if r["confidence"] >= cut]
    assert 0 < len(kept) < len(everything)


def test_without_the_option_the_shipped_cut_is_kept(runner, monkeypatch):
    """The default cut is the shipped model's (the tests set $KGRAPH_MIN_CONFIDENCE to 0
    for every other command): the examples hold triples below it."""
    monkeypatch.delenv("KGRAPH_MIN_CONFIDENCE", raising=False)
    everything = _extract(runner, "--min-confidence", "0")
    shipped = default_cut()
    assert shipped > 0
    assert _extract(runner) == [r for r in everything if r["confidence"] >= shipped]
    assert any(r["confidence"] < shipped for r in everything)


def test_the_environment_sets_the_default_cut(runner, monkeypatch):
    everything = _extract(runner, "--min-confidence", "0")
    cut = _middle_cut(everything)
    monkeypatch.setenv("KGRAPH_MIN_CONFIDENCE", str(cut))
    assert _extract(runner) == [r for r in everything if r["confidence"] >= cut]
    monkeypatch.setenv("KGRAPH_MIN_CONFIDENCE", "2")
    result = runner.invoke(cli, ["extract", TIKTOK])
    assert result.exit_code == 2 and "2.0 is not in the range 0.0<=x<=1.0" in result.output


def test_min_confidence_outside_0_to_1_is_a_usage_error(runner):
    result = runner.invoke(cli, ["extract", TIKTOK, "--min-confidence", "1.5"])
    assert result.exit_code == 2
    assert "Invalid value for '--min-confidence'" in result.output
    assert "1.5 is not in the range 0.0<=x<=1.0" in result.output


def test_ingest_query_and_export_leave_out_what_is_below_the_cut(runner, tmp_path):
    everything = _extract(runner, "--min-confidence", "0")
    cut = _middle_cut(everything)
    full, cut_graph = tmp_path / "full.json", tmp_path / "cut.json"
    for path, least in ((full, "0"), (cut_graph, str(cut))):
        result = runner.invoke(
            cli, ["ingest", TIKTOK, "--graph", str(path), "--min-confidence", least]
        )
        assert result.exit_code == 0, result.output

    def evidence(path, *options):
        out = tmp_path / "out.jsonl"
        result = runner.invoke(
            cli, ["export", "--graph", str(path), "--out", str(out), "--format", "jsonl", *options]
        )
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return sorted((r["predicate"], r["sentence"], r["confidence"]) for r in rows)

    stored = evidence(full, "--min-confidence", "0")
    assert sorted(c for *_, c in stored) == sorted(r["confidence"] for r in everything)
    above = [row for row in stored if row[2] >= cut]
    assert evidence(cut_graph, "--min-confidence", "0") == above
    assert evidence(full, "--min-confidence", str(cut)) == above

    every = runner.invoke(cli, ["query", "--entity", "TikTok", "--graph", str(full), "--json",
                                "--min-confidence", "0"])  # fmt: skip
    some = runner.invoke(cli, ["query", "--entity", "TikTok", "--graph", str(full), "--json",
                               "--min-confidence", str(cut)])  # fmt: skip
    assert every.exit_code == 0 and some.exit_code == 0, every.output + some.output
    shown = [json.loads(line) for line in some.output.splitlines()]
    assert shown and all(e["confidence"] >= cut for r in shown for e in r["evidence"])
    assert len(shown) < len(every.output.splitlines())

    none = runner.invoke(
        cli, ["query", "--entity", "TikTok", "--graph", str(full), "--min-confidence", "1"]
    )
    assert none.exit_code == 0
    assert none.output == (
        "TikTok has no relations at confidence 1.00 or more (--min-confidence 0: all)\n"
    )


def test_query_cypher_takes_no_min_confidence(runner, tmp_path):
    result = runner.invoke(
        cli, ["query", "--cypher", "most-connected", "--min-confidence", "0.5",
              "--graph", str(tmp_path / "g.json")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--min-confidence does not apply to --cypher" in result.output
