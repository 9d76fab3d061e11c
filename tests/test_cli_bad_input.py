"""Bad command-line input: exit status 1 or 2 and one line naming the file, option or
parameter, never a traceback (issue 11, "One line, never a traceback")."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from tests.conftest import EXAMPLES, ROOT

GOLD = ROOT / "examples" / "gold" / "triples.jsonl"
CYPHER = ROOT / "cypher"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "graph.json"
    result = CliRunner().invoke(
        cli, ["ingest", str(EXAMPLES / "tiktok-microsoft.txt"), "--graph", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def predictions(tmp_path_factory):
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES / "tiktok-microsoft.txt")])
    assert result.exit_code == 0, result.output
    path = tmp_path_factory.mktemp("pred") / "pred.jsonl"
    path.write_text(result.output, encoding="utf-8")
    return path


def one_line_error(result, *names: str) -> str:
    """The single error line of a failed run, checked to name each of ``names``."""
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    for name in names:
        assert name in lines[0]
    return lines[0]


def test_rejects_file_in_a_missing_folder(tmp_path):
    target = tmp_path / "nonexistent" / "dir" / "r.jsonl"
    result = CliRunner().invoke(
        cli,
        ["ingest", str(EXAMPLES), "--graph", str(tmp_path / "g.json"), "--rejects", str(target)],
    )
    one_line_error(result, "--rejects", str(target))
    assert not (tmp_path / "g.json").exists()


def test_cypher_number_parameter_given_text(graph):
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "--graph",
            str(graph),
            "--cypher",
            str(CYPHER / "most-connected.cypher"),
            "--param",
            "limit=abc",
        ],
    )
    one_line_error(result, "limit=abc", "most-connected.cypher", "integer")


def test_misspelled_cypher_parameter_names_the_allowed_ones(graph):
    result = CliRunner().invoke(
        cli,
        [
            "query",
            "--graph",
            str(graph),
            "--cypher",
            str(CYPHER / "entity-profile.cypher"),
            "--param",
            "entty=Microsoft",
        ],
    )
    line = one_line_error(result, "'entty'", "entity-profile.cypher")
    assert "entity" in line.split("'entty'")[1]


def test_stats_of_a_missing_graph_file(tmp_path):
    typo = tmp_path / "typo.json"
    result = CliRunner().invoke(cli, ["stats", "--graph", str(typo)])
    one_line_error(result, "no graph file", str(typo))


def test_eval_triples_prediction_file_of_articles(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "A", "text": "Microsoft bought a company."}) + "\n")
    result = CliRunner().invoke(cli, ["eval", "triples", str(GOLD), str(feed)])
    one_line_error(result, f"{feed}:1", "not a triple record")


def test_eval_triples_arguments_swapped(predictions):
    result = CliRunner().invoke(cli, ["eval", "triples", str(predictions), str(GOLD)])
    one_line_error(result, f"{predictions}:1", "swapped")


def test_eval_triples_empty_predictions_is_not_perfect_precision(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    result = CliRunner().invoke(cli, ["eval", "triples", str(GOLD), str(empty)])
    assert result.exit_code == 0
    assert result.stdout.startswith("precision 0.000  recall 0.000  F1 0.000")
    assert "precision is undefined" in result.stderr


def test_cypher_query_by_name(graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the checkout: the name alone finds the library's file
    args = ["query", "--graph", str(graph), "--cypher", "entity-profile", "--json"]
    result = CliRunner().invoke(cli, [*args, "--param", "entity=Microsoft"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and all(row["name"] == "Microsoft" for row in rows)


def test_unknown_cypher_query_lists_the_library(graph):
    result = CliRunner().invoke(cli, ["query", "--graph", str(graph), "--cypher", "entity-profil"])
    line = one_line_error(result, "--cypher entity-profil", "entity-profile")
    assert "most-connected" in line


def test_installed_query_library_is_found(tmp_path, monkeypatch):
    from kgraph.query import cypher_files

    installed = tmp_path / "share" / "kgraph" / "cypher"
    installed.mkdir(parents=True)
    (installed / "only-installed.cypher").write_text("// x\nMATCH (e:Entity) RETURN e.name\n")
    monkeypatch.setattr(cypher_files.sys, "prefix", str(tmp_path))
    assert cypher_files.find_query("only-installed") == installed / "only-installed.cypher"
    assert cypher_files.find_query("cypher/only-installed.cypher").parent == installed
