"""A graph database file (``.db``) answers questions from its tables: the same answers as
the JSON graph file of the same articles, without reading the whole graph, from one
snapshot while a writer commits."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.errors import StoreError
from kgraph.query import questions
from kgraph.store.local_index import open_local_reader
from kgraph.store.sqlite import SqliteGraphStore
from kgraph.store.sqlite_reader import SqliteReader
from tests.query_sample import EXTRACTIONS, QUESTIONS, query_graph_file


def _ask(graph, args):
    result = CliRunner().invoke(cli, [*args, "--graph", str(graph)])
    return result.exit_code, result.output


def _database(path, extractions=EXTRACTIONS):
    with SqliteGraphStore(path) as store:
        store.write(extractions)
        store.save()
    return path


@pytest.fixture()
def both(tmp_path, monkeypatch):
    """The sample as a JSON graph file (read whole: no index) and as a graph database."""
    monkeypatch.setattr("kgraph.store.local_index.MIN_GRAPH_BYTES", 1 << 40)
    return query_graph_file(tmp_path), _database(tmp_path / "query-graph.db")


def _whole_graph_refused(monkeypatch):
    """Make reading the whole graph fail: what still answers read only the tables."""

    def refuse(*args, **kwargs):
        raise AssertionError("the whole graph was read")

    monkeypatch.setattr("kgraph.store.sqlite.SqliteGraphStore._read_graph", refuse)
    monkeypatch.setattr("kgraph.store.local.read_graph", refuse)


@pytest.mark.parametrize("args", QUESTIONS, ids=" ".join)
def test_the_database_answers_every_question_as_the_json_file(both, args, monkeypatch):
    json_file, database = both
    expected = _ask(json_file, args)
    _whole_graph_refused(monkeypatch)
    assert _ask(database, args) == expected


def test_the_answers_compared_are_real_ones(both, monkeypatch):
    _, database = both
    _whole_graph_refused(monkeypatch)
    code, output = _ask(database, ["query", "--path", "Tony Blair", "Westwind"])
    assert code == 0 and output.startswith("Tony Blair -[advises]-> Northwind  (1 evidence")
    assert _ask(database, ["stats", "--json"])[1].count('"articles": 3') == 1
    code, output = _ask(database, ["query", "--source", "sw group"])
    assert output.startswith("Straße Werke: Cherie Blair criticises Farland (reported; 2021-03")


def test_a_reader_keeps_the_snapshot_it_opened(tmp_path):
    path = _database(tmp_path / "graph.db", EXTRACTIONS[:1])
    before = open_local_reader(path)
    assert isinstance(before, SqliteReader)
    _database(path, EXTRACTIONS[1:])  # a write that commits while the reader reads

    with before:
        assert before.stats().articles == 1
        answer = questions.entity_question(before, "Northwind")
        assert [r.line() for r in answer.relations] == [
            "Tony Blair -[advises]-> Northwind  (1 evidence, confidence 0.50)",
            "Straße Werke -[supplies]-> Northwind  (reported; 1 evidence, confidence 0.50)",
        ]
    with open_local_reader(path) as after:
        assert after.stats().articles == 3


def test_a_reader_never_writes_the_file(tmp_path):
    path = _database(tmp_path / "graph.db")
    (tmp_path / "graph.db-wal").unlink(missing_ok=True)
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        with SqliteReader(path) as reader:
            assert reader.stats().articles == 3
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_a_sqlite_file_of_something_else_is_refused_in_one_line(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    db.close()
    with pytest.raises(StoreError, match="not a kgraph graph"):
        SqliteReader(other)
    code, output = _ask(other, ["stats"])
    assert code == 1 and output.startswith("Error: ") and output.count("\n") == 1


def test_migrate_leaves_a_graph_database_as_it_is(tmp_path):
    path = _database(tmp_path / "graph.db")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["migrate", "--graph", str(path)])
    assert (result.exit_code, result.output) == (
        0,
        f"{path} is a graph database file: nothing to migrate\n",
    )
    assert path.read_bytes() == before
    assert _ask(path, ["stats", "--json"])[1].count('"articles": 3') == 1
