"""A write's evidence combined in the graph database file, never read whole into the client."""

from __future__ import annotations

import sqlite3

import networkx as nx
import pytest

from kgraph.entities.identity import Overrides
from kgraph.entities.overrides import write_overrides
from kgraph.store.delta import relation_from_pieces
from kgraph.store.local import LocalGraphStore
from kgraph.store.sqlite import SqliteGraphStore, _Index, _relation_values
from tests.conftest import SHARED, bbc_and_example_extractions

BBC = SHARED / "corpora" / "bbc"
STORIES = ["politics/001.txt", "politics/002.txt", "politics/003.txt", "business/008.txt"]
MERGE = Overrides(merges=(("Tony Blair", "Michael Howard"), ("Elon Musk", "Donald Trump")))


@pytest.fixture(scope="module")
def extractions(nlp):
    return bbc_and_example_extractions(nlp, STORIES)


def _from_scratch(path, extractions, overrides) -> nx.MultiDiGraph:
    store = LocalGraphStore(path)
    write_overrides(store.overrides_path, overrides)
    store.write(extractions)
    store.close()
    return LocalGraphStore(path).graph


def test_merge_split_and_remove_never_read_a_relation_whole(tmp_path, extractions, monkeypatch):
    kept = [e for e in extractions if e.article.id != "politics-002"]
    with SqliteGraphStore(tmp_path / "graph.db") as store:
        store.write(extractions)
        store.save()

        def whole(*args):
            raise AssertionError("a relation read whole into the client")

        monkeypatch.setattr(_Index, "relations", whole)
        assert store.set_overrides(MERGE)
        assert nx.utils.graphs_equal(
            store.graph, _from_scratch(tmp_path / "m.json", extractions, MERGE)
        )
        assert store.remove(["politics-002"]) == 1  # Howard and Blair both named there
        assert nx.utils.graphs_equal(store.graph, _from_scratch(tmp_path / "r.json", kept, MERGE))
        assert store.set_overrides(Overrides())  # the merged entities split again
        assert nx.utils.graphs_equal(
            store.graph, _from_scratch(tmp_path / "s.json", kept, Overrides())
        )


def _piece(article, published, confidence, sentence, **more):
    piece = dict.fromkeys(("surface", "pattern", "source", "source_id", "when", "when_text"), "")
    piece.update(article=article, published=published, confidence=confidence)
    piece.update(sentence=sentence, start=len(sentence), end=len(sentence) + 7, **more)
    return piece


META = {"type": "LEADS", "relation": "leads", "predicate": "lead", "negated": False}
META["modality"] = "asserted"
KEY = ("ann-lee", "acme", "lead|asserted|affirmed")
STORED = [
    _piece("a1", "2024-01-02", 0.832, 'She said "we lead"\nand left.', source="Ann Lee"),
    _piece("a2", "2024-01-02", 0.1 + 0.2, "Tab\there, back\\slash, \x01 and \u2028 é 中"),
    _piece("a3", "2024-02-01", 1 / 3, "Kept third."),
    _piece("a4", "", 1.0, "No date."),
]
NEW = [
    {**_piece("b1", "2024-01-02", 0.99, 'New "one".'), "_meta": META},
    {**_piece("a0", "2024-01-01", 0.5, "Earliest."), "_meta": {**META, "relation": "heads"}},
]


def _stored(conn: sqlite3.Connection) -> None:
    relation = relation_from_pieces(KEY, META, STORED)
    conn.execute(
        "INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _relation_values(relation)
    )


def _combined_in_client(first_meta) -> tuple:
    from kgraph.store.evidence import ClientEvidence

    client = ClientEvidence(
        lambda keys: {KEY: relation_from_pieces(KEY, META, STORED)}, relation_from_pieces
    )
    client.replace([("a3", KEY)])
    client.rewrite(["a2"])
    client.add(KEY, NEW)
    (relation,) = client.combine([KEY], first_meta).relations
    return _relation_values(relation)


def test_the_combined_evidence_is_the_text_python_writes_byte_for_byte(tmp_path):
    from kgraph.store.sqlite_evidence import SqliteEvidence, write_combined

    firsts = []

    def first_meta(key, first, current, new):
        firsts.append((first["article"], first.get("_meta")))
        return first.get("_meta") or {f: current[f] for f in META}

    with SqliteGraphStore(tmp_path / "graph.db") as store:
        conn = store.conn
        _stored(conn)
        evidence = SqliteEvidence(conn)
        evidence.replace([("a3", KEY)])
        evidence.rewrite(["a2"])
        evidence.add(KEY, NEW)
        assert evidence.stored_pieces([KEY], ["a2", "a4"]) == {
            (KEY, p["article"], p["start"], p["end"]): p for p in (STORED[1], STORED[3])
        }
        assert evidence.combine([KEY], first_meta).in_store == 1
        write_combined(conn)
        row = conn.execute("SELECT * FROM relations").fetchone()
    expected = _combined_in_client(first_meta)
    assert tuple(row) == expected
    assert firsts[0] == firsts[1] == ("a4", None)  # the undated piece comes first, as stored
