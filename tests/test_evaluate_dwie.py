"""kgraph eval dwie: the same pair figures as DWIE's score_pairs.py, plus relation figures."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.evaluate.dwie import (
    missed_pairs,
    read_dwie,
    score_dwie,
    unannotated_pairs,
    unannotated_triples,
    write_texts,
)
from tests.conftest import SHARED, missing

DWIE = SHARED / "eval" / "dwie"

#: A DWIE-shaped article made up for the unit tests (not from the corpus).
ARTICLE = {
    "title": "made_up",
    "sents": [["Olaf", "Scholz", "leads", "Germany", "."], ["Bosch", "is", "in", "Stuttgart", "."]],
    "vertexSet": [
        [{"name": "Olaf Scholz"}, {"name": "Scholz"}],
        [{"name": "Germany"}],
        [{"name": "Bosch"}],
        [{"name": "Stuttgart"}],
        [{"name": "German"}],
    ],
    "labels": [
        {"h": 0, "t": 1, "r": "head_of_gov"},
        {"h": 0, "t": 1, "r": "citizen_of"},
        {"h": 2, "t": 3, "r": "based_in2"},
        {"h": 0, "t": 4, "r": "citizen_of-x"},
    ],
}


def _triple(subject, relation, obj, article="made_up", sentence=""):
    return {
        "subject": {"name": subject},
        "predicate": relation,
        "relation": relation,
        "object": {"name": obj},
        "article": {"id": article},
        "sentence": sentence,
    }


def test_pairs_ignore_labels_direction_and_adjective_links():
    result = score_dwie(
        [ARTICLE],
        [
            _triple("Germany", "other", "Scholz"),  # reversed, unlabelled: still the pair
            _triple("Bosch", "other", "Germany"),  # both are entities, not a gold pair
            _triple("Bosch", "other", "Siemens"),  # Siemens is no entity: not counted
        ],
    )
    assert (result.found, result.gold_pairs) == (1, 2)
    assert (result.correct, result.predicted_pairs) == (1, 2)
    assert result.f1 == pytest.approx(0.5)


def test_relations_are_read_through_dwie_labels():
    result = score_dwie(
        [ARTICLE],
        [
            _triple("Olaf Scholz", "head-of-government", "Germany"),
            _triple("Bosch", "located-in", "Stuttgart"),  # right pair, wrong label
        ],
    )
    assert result.by_label["head_of_gov"] == (1, 1, 1)
    assert result.by_label["citizen_of"] == (1, 1, 0)
    assert result.by_label["based_in2"] == (1, 1, 0)
    assert result.by_relation["head-of-government"] == (1, 1, 1)
    assert result.by_relation["located-in"] == (1, 1, 0)


def test_an_article_is_found_by_its_sentence_when_the_id_is_a_hash():
    record = _triple("Bosch", "based-in", "Stuttgart", "3fa9c0d1", "Bosch is in Stuttgart .")
    assert score_dwie([ARTICLE], [record]).found == 1


def test_bad_prediction_lines_name_file_and_line(tmp_path):
    dwie = tmp_path / "dwie.json"
    dwie.write_text(json.dumps([ARTICLE]), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(_triple("A", "other", "B")) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "dwie", str(dwie), str(pred)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {pred}:2: not a triple record")
    result = CliRunner().invoke(cli, ["eval", "dwie", str(pred), str(pred)])
    assert result.output.startswith(f"Error: cannot read DWIE file {pred}")


@pytest.fixture(scope="module")
def dev():
    if not (DWIE / "dev.json").exists():
        missing(f"no DWIE dev split at {DWIE}")
    return read_dwie(DWIE / "dev.json")


def _sample_predictions(articles, seed: int = 7) -> list[dict]:
    """Triples between mention names of a few articles: gold pairs, other pairs, non-entities,
    and spellings that only the aliases match ("U.S.")."""
    rng = random.Random(seed)
    records = []
    for article in rng.sample(articles, 12):
        names = [rng.choice(entity)["name"] for entity in article["vertexSet"]]
        for _ in range(15):
            subject, obj = rng.choice(names + ["U.S.", "Nobody Inc"]), rng.choice(names)
            by_sentence = rng.random() < 0.3
            records.append(
                _triple(
                    subject,
                    rng.choice(["other", "head-of", "based-in", "member-of"]),
                    obj,
                    article="0123abcd" if by_sentence else article["title"],
                    sentence=" ".join(article["sents"][0]) if by_sentence else "",
                )
            )
    return records


def test_pair_figures_equal_score_pairs_py(dev, tmp_path):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        "".join(json.dumps(r) + "\n" for r in _sample_predictions(dev)), encoding="utf-8"
    )
    theirs = subprocess.run(
        [sys.executable, str(DWIE / "score_pairs.py"), "score", str(DWIE / "dev.json"), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = CliRunner().invoke(cli, ["eval", "dwie", str(DWIE / "dev.json"), str(pred)])
    assert result.exit_code == 0, result.output
    ours = result.output.splitlines()[0]
    figures = re.compile(r"recall (\d\.\d{3}).*precision (\d\.\d{3}).*F1 (\d\.\d{3})")
    assert figures.search(ours).groups() == figures.search(theirs).groups()
    assert ours == theirs.strip()


def test_dwie_texts_are_score_pairs_texts(dev, tmp_path):
    subprocess.run(
        [
            sys.executable,
            str(DWIE / "score_pairs.py"),
            "texts",
            str(DWIE / "dev.json"),
            str(tmp_path / "theirs"),
        ],
        check=True,
    )
    result = CliRunner().invoke(
        cli, ["eval", "dwie-texts", str(DWIE / "dev.json"), str(tmp_path / "ours")]
    )
    assert result.output == f"wrote {len(dev)} articles to {tmp_path / 'ours'}\n"
    theirs = sorted(p.name for p in (tmp_path / "theirs").iterdir())
    assert sorted(p.name for p in (tmp_path / "ours").iterdir()) == theirs
    for name in theirs[:10]:
        assert (tmp_path / "ours" / name).read_bytes() == (tmp_path / "theirs" / name).read_bytes()
    assert write_texts([], tmp_path / "empty") == 0


def test_unannotated_pairs_by_what_connects_them():
    article = {  # made up: a name that holds an adjective entity's name
        "title": "chamber",
        "sents": [["Ludwig", "Braun", "heads", "the", "German", "Chamber", "."]],
        "vertexSet": [
            [{"name": "Ludwig Braun"}],
            [{"name": "German Chamber"}],
            [{"name": "German"}],
            [{"name": "Berlin"}],
        ],
        "labels": [{"h": 0, "t": 1, "r": "head_of"}, {"h": 1, "t": 2, "r": "based_in0-x"}],
    }
    records = [
        _triple("Ludwig Braun", "head-of", "German Chamber", "chamber"),  # and "German"
        _triple("Ludwig Braun", "other", "Berlin", "chamber"),
        _triple("German Chamber", "based-in", "Berlin", "chamber"),  # and "German"-Berlin
    ]
    found = unannotated_pairs([article], records)
    assert found == {"several entities": 1, "other": 1, "vocabulary": 2}
    assert score_dwie([article], records).predicted_pairs == 5


def test_unannotated_triples_by_relation_construction_and_types():
    def typed(subject, relation, obj, pattern, types):
        record = _triple(subject, relation, obj)
        record["pattern"] = pattern
        record["subject"]["type"], record["object"]["type"] = types
        return record

    records = [
        typed("Scholz", "head-of-government", "Germany", "title", ("PERSON", "GPE")),  # gold
        typed("Bosch", "other", "Germany", "svo", ("ORG", "GPE")),
        typed("Scholz", "other", "Stuttgart", "prepositional", ("PERSON", "GPE")),
        typed("Scholz", "other", "Bosch", "prepositional", ("PERSON", "ORG")),
        typed("Olaf Scholz", "other", "Stuttgart", "prepositional", ("PERSON", "GPE")),
        typed("Bosch", "other", "Siemens", "svo", ("ORG", "ORG")),  # Siemens: no entity
    ]
    groups = unannotated_triples([ARTICLE], records)
    assert [(key, len(found)) for key, found in groups.items()] == [
        (("other", "prepositional", "PERSON", "GPE"), 2),
        (("other", "svo", "ORG", "GPE"), 1),
        (("other", "prepositional", "PERSON", "ORG"), 1),
    ]


def test_missed_pairs_name_the_words_joining_the_two_mentions():
    article = {
        "title": "made_up_missed",
        "sents": [
            ["Acme", "'s", "chief", "Jo", "Ray", "quit", ".", "Acme", "is", "in", "Ohio", "."]
        ],
        "vertexSet": [
            [{"name": "Acme", "pos": [0, 1]}, {"name": "Acme", "pos": [7, 8]}],
            [{"name": "Jo Ray", "pos": [3, 5]}],
            [{"name": "Ohio", "pos": [10, 11]}],
        ],
        "labels": [
            {"h": 1, "t": 0, "r": "head_of"},
            {"h": 0, "t": 2, "r": "based_in2"},
            {"h": 1, "t": 2, "r": "citizen_of"},  # never named in one sentence
        ],
    }
    found = missed_pairs([article], [_triple("Acme", "based-in", "Ohio", "made_up_missed")])
    assert list(found) == [("head_of", "A 's chief B")]
    (missed,) = found[("head_of", "A 's chief B")]
    assert (missed.first, missed.second) == ("Acme", "Jo Ray")
    assert missed.sentence == "Acme 's chief Jo Ray quit ."
