"""``query``, ``stats`` and ``entity`` with ``--store neo4j`` answer on the server and print
what the local store prints for the same graph: one graph loaded into both, every question
asked of each (text and JSON, windows, suggestions, claims, errors)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.store.local_index import index_path
from kgraph.store.neo4j_reader import Neo4jReader
from tests.query_sample import QUESTIONS, query_graph_file
from tests.test_timeline import dated_folder

#: Questions on the example articles (real extraction), dated by tests/test_timeline.py.
EXAMPLE_QUESTIONS = [
    ["query", "--entity", "Microsoft", "--evidence", "all"],
    ["query", "--entity", "tiktok", "--json"],
    ["query", "--entity", "TikTok", "--since", "2020-07-31", "--until", "2020-07-31"],
    ["query", "--entity", "Microsfot"],
    ["query", "--predicate", "parent-of"],
    ["query", "--relation", "head-of", "--json"],
    ["query", "--path", "Donald Trump", "ByteDance"],
    ["query", "--source", "Microsoft"],
    ["stats", "--top", "5"],
    ["stats", "--json"],
    ["entity", "Microsoft"],
]


def _answers(runner, questions, store_args):
    answers = []
    for args in questions:
        result = runner.invoke(cli, [*args, *store_args])
        answers.append((" ".join(args), result.exit_code, result.output))
    return answers


def _load(graph, settings) -> list[str]:
    """Load ``graph`` into the (emptied) database; the Neo4j store options."""
    options = ["--neo4j-uri", settings.uri]
    result = CliRunner().invoke(cli, ["load", str(graph), "--replace", *options])
    assert result.exit_code == 0, result.output
    return ["--store", "neo4j", *options]


def _whole_graph_refused(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the whole graph was read")

    monkeypatch.setattr("kgraph.store.neo4j.Neo4jGraphStore.read_graph", refuse)
    monkeypatch.setattr("kgraph.store.local.read_envelope", refuse)


def test_every_question_answers_the_same_on_neo4j(neo4j_store, tmp_path, monkeypatch):
    graph = query_graph_file(tmp_path)
    neo4j = _load(graph, neo4j_store.settings)
    runner = CliRunner()
    index_path(graph).unlink(missing_ok=True)  # the local answers: the whole file
    local = _answers(runner, QUESTIONS, ["--graph", str(graph)])
    _whole_graph_refused(monkeypatch)
    assert _answers(runner, QUESTIONS, neo4j) == local
    assert {code for _, code, _ in local} == {0, 1}  # answers and errors both compared


def test_the_example_articles_answer_the_same_on_neo4j(neo4j_store, tmp_path, monkeypatch):
    folder = dated_folder(tmp_path)
    graph = tmp_path / "graph.json"
    runner = CliRunner()
    ingest = ["ingest", str(folder), "--graph", str(graph), "--quiet", "--workers", "1"]
    assert runner.invoke(cli, ingest).exit_code == 0
    neo4j = _load(graph, neo4j_store.settings)
    local = _answers(runner, EXAMPLE_QUESTIONS, ["--graph", str(graph)])
    assert [code for _, code, _ in local].count(0) >= len(EXAMPLE_QUESTIONS) - 1
    _whole_graph_refused(monkeypatch)
    assert _answers(runner, EXAMPLE_QUESTIONS, neo4j) == local


def test_a_reader_writes_nothing_and_leaves_no_schema(neo4j_store):
    neo4j_store.execute("DROP CONSTRAINT entity_id IF EXISTS")
    with Neo4jReader(neo4j_store.settings) as reader:
        assert reader.stats().entities == 0
        assert reader.most_connected(5) == []
    names = {row["name"] for row in neo4j_store.run("SHOW CONSTRAINTS YIELD name")}
    assert "entity_id" not in names
    neo4j_store.ensure_schema()


def test_an_unreachable_server_is_one_line(tmp_path):
    result = CliRunner().invoke(
        cli, ["query", "--entity", "x", "--store", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:9"]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:9")
    assert len(result.output.splitlines()) == 1


@pytest.mark.parametrize("uri", ["bolt://127.0.0.1:notaport", "nonsense://x"])
def test_a_bad_uri_is_one_line(uri):
    result = CliRunner().invoke(cli, ["stats", "--store", "neo4j", "--neo4j-uri", uri])
    assert result.exit_code == 1 and len(result.output.splitlines()) == 1, result.output
    assert result.output.startswith("Error: ")
