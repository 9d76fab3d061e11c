"""Answers people can read: evidence under relations, did-you-mean, stats' top lists.

Exact output on the sample graph of tests/export_sample.py (stored through the real local
store), so the text does not depend on the parser.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.query.answers import trim_sentence
from tests.export_sample import sample_graph_file


@pytest.fixture()
def ask(tmp_path):
    graph = sample_graph_file(tmp_path)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, [*args, "--graph", str(graph)])

    return invoke


def test_query_shows_the_best_evidence_with_title_and_date(ask):
    result = ask("query", "--entity", "zürich")
    assert result.exit_code == 0
    assert result.output == (
        "José Müller -[based-in]-> Zürich  (2 evidence, confidence 0.70)\n"
        '    "Müller, in Zürich, said so."\n'
        "    Zürich news, 2021-03-05\n"
        'Acme "Widgets", Inc. -[based-in]-> Zürich  (1 evidence, confidence 0.90)\n'
        '    "Acme is based in Zürich."\n'
        "    Zürich news, 2021-03-05\n"
    )


def test_query_evidence_all_lists_every_piece_best_first(ask):
    result = ask("query", "--predicate", "based-in", "--evidence", "all")
    assert result.output == (
        "José Müller -[based-in]-> Zürich  (2 evidence, confidence 0.70)\n"
        '    "Müller, in Zürich, said so."\n'
        "    Zürich news, 2021-03-05\n"
        '    "Müller lives in Zürich."\n'
        '    Deal "done", finally, 2020-08-01\n'
        'Acme "Widgets", Inc. -[based-in]-> Zürich  (1 evidence, confidence 0.90)\n'
        '    "Acme is based in Zürich."\n'
        "    Zürich news, 2021-03-05\n"
    )


def test_query_evidence_none_and_modality_in_words(ask):
    result = ask("query", "--entity", "Acme", "--evidence", "none")
    assert result.output == (
        'Acme "Widgets", Inc. -[based-in]-> Zürich  (1 evidence, confidence 0.90)\n'
        'Acme "Widgets", Inc. -[owns]-> Line Break Ltd  (hypothetical; 1 evidence, '
        "confidence 0.50)\n"
        'José Müller -[chief-executive-of]-> Acme "Widgets", Inc.  (1 evidence, '
        "confidence 0.80)\n"
    )


def test_query_json_carries_every_evidence_entry(ask):
    result = ask("query", "--entity", "José Müller", "--json")
    based_in = json.loads(result.output.splitlines()[0])
    assert based_in["evidence_count"] == 2
    assert based_in["evidence"] == [
        {
            "article": "b2",
            "title": "Zürich\nnews",
            "published": "2021-03-05",
            "sentence": "Müller, in Zürich, said so.",
            "start": 30,
            "end": 57,
            "confidence": 0.7,
        },
        {
            "article": "a1",
            "title": 'Deal "done", finally',
            "published": "2020-08-01",
            "sentence": "Müller lives in Zürich.",
            "start": 80,
            "end": 103,
            "confidence": 0.5,
        },
    ]


def test_no_match_suggests_the_closest_names_and_aliases(ask):
    result = ask("query", "--entity", "Jose Muller")
    assert result.exit_code == 1
    assert result.output == (
        "Error: no entity named 'Jose Muller' in the graph; closest names: José Müller\n"
    )
    result = ask("query", "--entity", "the firm AW")  # an alias of Acme, words swapped
    assert result.output == (
        "Error: no entity named 'the firm AW' in the graph; closest names: Acme \"Widgets\", Inc.\n"
    )
    result = ask("query", "--path", "Zurich", "Acme")
    assert result.output == "Error: no entity named 'Zurich' in the graph; closest names: Zürich\n"


def test_an_entity_without_relations_says_so(ask):
    result = ask("query", "--entity", "O'Brien, Pat")
    assert result.exit_code == 0
    assert result.output == "O'Brien, Pat has no relations (mentioned once)\n"


def test_no_predicate_suggests_the_closest_predicates(ask):
    result = ask("query", "--predicate", "own")
    assert result.exit_code == 0
    assert result.output == "no relations with predicate 'own'; closest predicates: owns\n"


def test_stats_lists_top_predicates_and_most_connected(ask):
    result = ask("stats", "--top", "1")
    assert result.exit_code == 0
    assert result.output == (
        "articles: 2\n"
        "entities: 5\n"
        "  ORG: 2\n"
        "  PERSON: 2\n"
        "  GPE: 1\n"
        "relations: 4, 3 predicates\n"
        "  based-in: 2\n"
        "  (2 more predicates)\n"
        "most connected entities:\n"
        '  Acme "Widgets", Inc. (ORG): 3 relations, 5 mentions\n'
    )
    data = json.loads(ask("stats", "--json", "--top", "1").output)
    assert [(r["name"], r["relations"]) for r in data["most_connected"]] == [
        ('Acme "Widgets", Inc.', 3)
    ]
    assert data["predicates"] == {"based-in": 2, "owns": 1, "chief-executive-of": 1}


SENTENCE = (
    "Microsoft thus confirmed on Sunday that negotiations were underway to buy the "
    "American branch of TikTok from its Chinese parent company, ByteDance."
)


def test_trim_keeps_both_names_and_marks_the_cut():
    assert trim_sentence(SENTENCE, ("ByteDance", "TikTok"), width=90) == (
        "…underway to buy the American branch of TikTok from its Chinese parent company, ByteDance."
    )
    assert trim_sentence(SENTENCE, ("Microsoft", "ByteDance"), width=60) == (
        "Microsoft thus confirmed on Sunday … Chinese parent company, ByteDance."
    )
    assert trim_sentence("Short one.", ("A", "B")) == "Short one."
