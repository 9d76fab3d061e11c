"""Relationship types are relations of the vocabulary; a database written by an older kgraph
(types from predicates) is refused with one line until `kgraph migrate` retypes it."""

from __future__ import annotations

import pytest

from kgraph.errors import StoreError
from kgraph.models import relationship_type as predicate_type
from kgraph.store.neo4j import Neo4jGraphStore

from .conftest import EXAMPLES, kgraph
from .test_loader import ingest_neo4j, neo4j_snapshot


def _types(store: Neo4jGraphStore) -> dict[str, str]:
    rows = store.run("MATCH (:Entity)-[r]->(:Entity) RETURN r.predicate AS p, type(r) AS t")
    return {row["p"]: row["t"] for row in rows}


def test_relationship_types_are_relations_with_the_predicate_a_property(neo4j_store):
    ingest_neo4j(str(EXAMPLES))
    types = _types(neo4j_store)
    assert types["negotiates-acquisition-of"] == "ACQUIRES"
    assert types["chief-executive-of"] == "HEAD_OF"
    assert types["secretary-of"] == "MINISTER_OF"
    assert types["shares-data-with"] == "RELATED_TO"
    assert len(set(types.values())) < len(types)  # fewer types than predicates


def _make_legacy(store: Neo4jGraphStore, *, marked: bool = False) -> int:
    """Retype every relationship as kgraph did before relations: by predicate, no relation
    (and drop the state node's ``relations_typed`` mark, which that kgraph never set,
    unless ``marked``)."""
    if not marked:
        store.execute("MATCH (s:KgraphState) REMOVE s.relations_typed")
    rows = store.run(
        "MATCH (:Entity)-[r]->(:Entity) RETURN elementId(r) AS id, r.predicate AS predicate"
    )
    for row in rows:
        store.execute(
            "MATCH (s)-[r]->(o) WHERE elementId(r) = $id "
            f"CREATE (s)-[n:`{predicate_type(row['predicate'])}`]->(o) "
            "SET n = properties(r) REMOVE n.relation DELETE r",
            {"id": row["id"]},
        )
    return len(rows)


def test_a_database_of_an_older_kgraph_is_refused_then_migrated(neo4j_store, neo4j_settings):
    ingest_neo4j(str(EXAMPLES))
    current = neo4j_snapshot(neo4j_store)
    count = _make_legacy(neo4j_store)
    assert _types(neo4j_store)["secretary-of"] == "SECRETARY_OF"

    with pytest.raises(StoreError, match="run `kgraph migrate --store neo4j` once"):
        Neo4jGraphStore(neo4j_settings)
    refused = kgraph("stats", "--store", "neo4j")
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and refused.stderr.startswith("Error: Neo4j database")

    migrated = kgraph("migrate", "--store", "neo4j")
    assert migrated.returncode == 0, migrated.stderr
    assert migrated.stdout == f"retyped {count} relationships in Neo4j database 'neo4j'\n"
    assert neo4j_snapshot(neo4j_store) == current
    again = kgraph("migrate", "--store", "neo4j")
    assert again.stdout == "retyped 0 relationships in Neo4j database 'neo4j'\n"
    assert kgraph("stats", "--store", "neo4j").returncode == 0


def test_load_replace_needs_no_migration(neo4j_store, tmp_path):
    ingest_neo4j(str(EXAMPLES))
    _make_legacy(neo4j_store)
    triples = tmp_path / "triples.jsonl"
    triples.write_text(kgraph("extract", str(EXAMPLES)).stdout, encoding="utf-8")
    result = kgraph("load", "--replace", str(triples))
    assert result.returncode == 0, result.stderr
    assert _types(neo4j_store)["secretary-of"] == "MINISTER_OF"


def _relations_typed(store: Neo4jGraphStore) -> bool | None:
    rows = store.run("MATCH (s:KgraphState {id: 'graph'}) RETURN s.relations_typed AS typed")
    return rows[0]["typed"] if rows else None


def test_a_write_marks_the_database_typed_and_the_check_is_not_run_again(
    neo4j_store, neo4j_settings
):
    """Looking for relationships typed by predicate reads every relationship, at every
    command; a write of this kgraph (which writes none) marks the database instead, and
    a marked database is not read again (round 10)."""
    ingest_neo4j(str(EXAMPLES))
    assert _relations_typed(neo4j_store) is True
    _make_legacy(neo4j_store, marked=True)
    with Neo4jGraphStore(neo4j_settings) as store:  # not looked for: opens
        assert store.relations_typed
    assert kgraph("stats", "--store", "neo4j").returncode == 0


def test_a_writer_that_did_not_check_leaves_the_database_unmarked(neo4j_store, neo4j_settings):
    """Only a writer that looked for relationships typed by predicate, and found none,
    marks the database: one opened without the check leaves the mark unset."""
    ingest_neo4j(str(EXAMPLES))
    neo4j_store.execute("MATCH (s:KgraphState) REMOVE s.relations_typed")
    first, second = sorted(neo4j_store.article_ids())[:2]
    with Neo4jGraphStore(neo4j_settings, check_legacy=False) as store:
        assert store.remove([first]) == 1
    assert _relations_typed(neo4j_store) is None
    with Neo4jGraphStore(neo4j_settings) as store:
        assert store.remove([second]) == 1
    assert _relations_typed(neo4j_store) is True
