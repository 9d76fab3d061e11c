"""The index beside a local graph file: the same answers as the whole file, used only while
it belongs to the graph file there (else the whole file is read), never seen half-written."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.query import questions
from kgraph.store.local import LocalGraphStore, read_graph, write_graph
from kgraph.store.local_index import IndexReader, index_path, open_local_reader
from kgraph.store.reader import MemoryReader
from tests.query_sample import EXTRACTIONS, QUESTIONS, query_graph_file


@pytest.fixture(autouse=True)
def index_any_graph(monkeypatch):
    """The sample graphs are small: index them all the same."""
    monkeypatch.setattr("kgraph.store.local_index.MIN_GRAPH_BYTES", 0)


def _whole_file_only(monkeypatch):
    """Make reading a whole graph file fail: what still answers used the index."""

    def refuse(*args, **kwargs):
        raise AssertionError("the whole graph file was read")

    monkeypatch.setattr("kgraph.store.local.read_envelope", refuse)


def _ask(graph, args):
    result = CliRunner().invoke(cli, [*args, "--graph", str(graph)])
    return result.exit_code, result.output


@pytest.fixture()
def indexed(tmp_path):
    """The sample graph with its index, and a copy of the file without one."""
    graph = query_graph_file(tmp_path)
    (tmp_path / "whole").mkdir()
    whole = tmp_path / "whole" / graph.name
    shutil.copy(graph, whole)
    return graph, whole


def test_every_save_writes_the_index_beside_the_graph(indexed):
    graph, whole = indexed
    assert index_path(graph).name == "query-graph.index.sqlite"
    assert index_path(graph).exists() and not index_path(whole).exists()
    assert index_path(graph.with_suffix(".json.gz")) == index_path(graph)
    with IndexReader.open(graph) as reader:
        assert reader.stats() == MemoryReader(read_graph(graph)).stats()


@pytest.mark.parametrize("args", QUESTIONS, ids=" ".join)
def test_the_index_answers_every_question_as_the_whole_file(indexed, args, monkeypatch):
    graph, whole = indexed
    expected = _ask(whole, args)
    _whole_file_only(monkeypatch)
    assert _ask(graph, args) == expected


def test_the_answers_compared_are_the_ones_the_sample_was_made_for(indexed):
    graph, _ = indexed
    path = _ask(graph, ["query", "--path", "Tony Blair", "Westwind", "--evidence", "none"])
    # two shortest paths (via Northwind or Southwind): the first by entity ids
    assert path == (
        0,
        "Tony Blair -[advises]-> Northwind  (1 evidence, confidence 0.50)\n"
        "Northwind -[owns]-> Westwind  (1 evidence, confidence 0.80)\n",
    )
    folded = _ask(graph, ["query", "--entity", "strasse werke", "--evidence", "none"])
    assert folded[1].startswith("Straße Werke -[supplies]-> ")
    confident = ["query", "--entity", "Northwind", "--min-confidence", "0.7", "--evidence", "none"]
    assert _ask(graph, confident) == (
        0,
        "Northwind -[owns]-> Westwind  (1 evidence, confidence 0.80)\n",
    )
    by_alias = _ask(graph, ["query", "--source", "sw group"])[1]
    assert by_alias.startswith("Straße Werke: Cherie Blair criticises Farland (reported; 2021-03")
    window = _ask(graph, ["query", "--entity", "Straße Werke", "--until", "2020-12-31"])[1]
    assert "supplies" in window and "Southwind" not in window  # the event's date counts
    assert _ask(graph, ["query", "--entity", "Tony Blaire"]) == (
        1,
        "Error: no entity named 'Tony Blaire' in the graph; closest names: Tony Blair\n",
    )


def test_an_index_of_another_save_is_not_used(tmp_path, monkeypatch):
    path = tmp_path / "graph.json"
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS[:1])
    first = tmp_path / "first.sqlite"
    shutil.copy(index_path(path), first)
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS[1:])
    shutil.copy(first, index_path(path))  # an index left from the first save

    assert IndexReader.open(path) is None
    output = _ask(path, ["query", "--entity", "Westwind"])[1]
    assert "Northwind -[owns]-> Westwind" in output


def test_a_checkpoint_is_read_whole_and_resolved(tmp_path):
    path = tmp_path / "graph.json"
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS[:1])
    store = LocalGraphStore(path)
    store.write(EXTRACTIONS[1:])
    store.checkpoint()  # records saved, entities not recomputed: "stale"

    assert IndexReader.open(path) is None
    assert json.loads(path.read_text())["stale"] is True
    assert "Northwind -[owns]-> Westwind" in _ask(path, ["query", "--entity", "Westwind"])[1]


def test_a_graph_file_edited_by_hand_is_read_whole(indexed):
    graph, _ = indexed
    envelope = json.loads(graph.read_text())
    for node in envelope["graph"]["nodes"]:
        if node.get("name") == "Farland":
            node["name"] = "Farland Republic"
    graph.write_text(json.dumps(envelope))

    assert IndexReader.open(graph) is None
    output = _ask(graph, ["query", "--entity", "farland republic", "--evidence", "none"])[1]
    assert output.startswith("Westwind -[based-in]-> Farland Republic  (1 evidence")


def test_a_reader_keeps_reading_the_index_it_opened(tmp_path):
    path = tmp_path / "graph.json"
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS[:1])
    before = open_local_reader(path)
    assert isinstance(before, IndexReader)
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS[1:])  # a new graph file and index replace both

    with before:
        assert before.stats().articles == 1
        answer = questions.entity_question(before, "Northwind")
        assert [r.line() for r in answer.relations] == [
            "Tony Blair -[advises]-> Northwind  (1 evidence, confidence 0.50)",
            "Straße Werke -[supplies]-> Northwind  (reported; 1 evidence, confidence 0.50)",
        ]
    with open_local_reader(path) as after:
        assert after.stats().articles == 3


def test_a_failed_index_write_leaves_the_graph_saved_and_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "graph.json"
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS[:1])

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("sqlite3.connect", full_disk)
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS[1:])
    monkeypatch.undo()

    assert read_graph(path).has_node("westwind")
    assert IndexReader.open(path) is None  # the first save's index, not this one's
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.index.sqlite", "graph.json"]
    assert "Northwind -[owns]-> Westwind" in _ask(path, ["query", "--entity", "Westwind"])[1]


def test_migrate_rewrites_the_index_of_a_file_without_one(tmp_path, monkeypatch):
    graph = query_graph_file(tmp_path)
    index_path(graph).unlink()
    assert isinstance(open_local_reader(graph), MemoryReader)

    assert CliRunner().invoke(cli, ["migrate", "--graph", str(graph)]).exit_code == 0
    assert isinstance(open_local_reader(graph), IndexReader)


def test_a_graph_without_relations_has_an_index_too(tmp_path):
    path = tmp_path / "empty.json.gz"
    import networkx as nx

    write_graph(nx.MultiDiGraph(), path)
    with IndexReader.open(path) as reader:
        assert reader.stats().entities == 0
        assert reader.most_connected(10) == []
    assert _ask(path, ["query", "--entity", "Anyone"])[0] == 1


def test_a_small_graph_gets_no_index_and_loses_it_when_it_shrinks(tmp_path, monkeypatch):
    path = tmp_path / "graph.json"
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS)
    size = path.stat().st_size
    assert index_path(path).exists()

    monkeypatch.setattr("kgraph.store.local_index.MIN_GRAPH_BYTES", size)
    with LocalGraphStore(path) as store:
        store.remove(["und"])
    assert path.stat().st_size < size
    assert not index_path(path).exists()
    assert "Westwind" not in _ask(path, ["query", "--entity", "Farland"])[1]
