"""Exporting from Neo4j gives the same graph as exporting the local file."""

from __future__ import annotations

import networkx as nx

from kgraph.store.local import read_graph

from .conftest import EXAMPLES, kgraph


def _ingest_both(tmp_path):
    local = tmp_path / "graph.json"
    for store in (["--graph", str(local)], ["--store", "neo4j"]):
        result = kgraph("ingest", str(EXAMPLES), *store, "--quiet", "--workers", "1")
        assert result.returncode == 0, result.stderr
    return local


def _export(tmp_path, name, *args):
    out = tmp_path / name
    result = kgraph("export", "--out", str(out), *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wrote ")
    return nx.read_graphml(out, force_multigraph=True)


def test_export_from_neo4j_equals_export_from_the_local_graph(neo4j_store, tmp_path):
    local = _ingest_both(tmp_path)
    from_file = _export(tmp_path, "local.graphml", "--graph", str(local))
    from_neo4j = _export(tmp_path, "neo4j.graphml", "--store", "neo4j")
    assert sorted(from_neo4j.nodes(data=True)) == sorted(from_file.nodes(data=True))
    assert sorted(from_neo4j.edges(keys=True, data=True), key=str) == sorted(
        from_file.edges(keys=True, data=True), key=str
    )
    assert neo4j_store.read_graph().number_of_nodes() == read_graph(local).number_of_nodes()


def test_export_limited_by_a_cypher_query(neo4j_store, tmp_path):
    _ingest_both(tmp_path)
    query = "MATCH p = (:Entity {name: 'TikTok'})<-[:PARENT_OF]-(:Entity) RETURN p"
    graph = _export(tmp_path, "part.graphml", "--store", "neo4j", "--cypher", query)
    assert sorted(data["name"] for _, data in graph.nodes(data=True)) == ["ByteDance", "TikTok"]
    assert [data["predicate"] for *_, data in graph.edges(data=True)] == ["parent-of"]


def test_cypher_needs_neo4j(tmp_path):
    result = kgraph("export", "--out", str(tmp_path / "x.json"), "--cypher", "RETURN 1")
    assert result.returncode == 2
    assert "--cypher needs --store neo4j" in result.stderr


def test_first_questions_get_the_same_answers_from_neo4j(neo4j_store, tmp_path):
    local = _ingest_both(tmp_path)
    for question in (
        ["--entity", "Microsoft"],
        ["--predicate", "parent-of"],
        ["--relation", "head-of"],
        ["--relation", "ACQUIRES"],
        ["--path", "Satya Nadella", "ByteDance"],
    ):
        from_file = kgraph("query", *question, "--graph", str(local))
        from_neo4j = kgraph("query", *question, "--store", "neo4j")
        assert from_neo4j.returncode == 0, from_neo4j.stderr
        assert from_neo4j.stdout == from_file.stdout
        assert from_file.stdout.strip()
