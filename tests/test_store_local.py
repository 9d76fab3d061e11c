"""The local graph store: file format, round trip, idempotence, atomic saves."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kgraph.errors import StoreError
from kgraph.extract import extract_article
from kgraph.models import Article
from kgraph.store.local import LocalGraphStore, read_graph, write_graph


def _node(graph, name):
    """The key of the entity node named ``name`` (tests compare names, never ids)."""
    (key,) = [
        n for n, d in graph.nodes(data=True) if d.get("label") == "Entity" and d["name"] == name
    ]
    return key


@pytest.fixture(scope="module")
def extraction(nlp, tiktok_text):
    return extract_article(nlp, Article(tiktok_text, title="TikTok", published="2020-08-02"))


def _snapshot(graph: nx.MultiDiGraph):
    return (
        sorted(graph.nodes(data=True), key=str),
        sorted(graph.edges(keys=True, data=True), key=str),
    )


def test_round_trip_keeps_nodes_edges_and_attributes(tmp_path, extraction):
    path = tmp_path / "graph.json"
    with LocalGraphStore(path) as store:
        store.write([extraction])
        before = _snapshot(store.graph)
    assert _snapshot(LocalGraphStore(path).graph) == before
    envelope = json.loads(path.read_text(encoding="utf-8"))
    assert envelope["format"] == "kgraph" and envelope["version"] == 2


def test_gzip_round_trip(tmp_path, extraction):
    path = tmp_path / "graph.json.gz"
    with LocalGraphStore(path) as store:
        store.write([extraction])
        before = _snapshot(store.graph)
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert _snapshot(read_graph(path)) == before


def test_writing_the_same_article_twice_changes_nothing(tmp_path, extraction):
    path = tmp_path / "graph.json"
    with LocalGraphStore(path) as store:
        store.write([extraction])
    first = path.read_bytes()
    with LocalGraphStore(path) as store:
        assert store.has_article(extraction.article.id, extraction.article.content_hash)
        store.write([extraction, extraction])
    assert path.read_bytes() == first


def test_schema_of_stored_relations(tmp_path, extraction):
    store = LocalGraphStore(tmp_path / "g.json")
    store.write([extraction])
    edges = [
        d
        for u, v, d in store.graph.edges(_node(store.graph, "ByteDance"), data=True)
        if d["label"] == "RELATION"
    ]
    (parent,) = [d for d in edges if d["predicate"] == "parent-of"]
    assert parent["type"] == "PARENT_OF"
    assert parent["evidence_count"] == 1
    assert parent["articles"] == [extraction.article.id]
    assert parent["published"] == ["2020-08-02"]
    assert parent["sentences"][0].endswith("parent company, ByteDance.")
    article = store.graph.nodes["article:" + extraction.article.id]
    assert article["label"] == "Article" and article["title"] == "TikTok"
    assert store.graph.has_edge(
        "article:" + extraction.article.id, _node(store.graph, "Microsoft"), "MENTIONS"
    )


def test_evidence_from_a_new_article_joins_the_relation(tmp_path, nlp):
    texts = {
        "2020-08-01": "ByteDance, the parent company of TikTok, is based in Beijing.",
        "2020-08-02": "ByteDance, the parent company of TikTok, has offices in London.",
    }
    store = LocalGraphStore(tmp_path / "g.json")
    for published, text in texts.items():
        store.write([extract_article(nlp, Article(text, published=published))])
    (edge,) = [
        d
        for _, v, d in store.graph.out_edges(_node(store.graph, "ByteDance"), data=True)
        if v == _node(store.graph, "TikTok")
    ]
    assert edge["evidence_count"] == 2
    assert edge["published"] == ["2020-08-01", "2020-08-02"]


def test_failed_save_leaves_the_old_file(tmp_path, extraction, monkeypatch):
    path = tmp_path / "graph.json"
    write_graph(nx.MultiDiGraph(), path)
    before = path.read_bytes()
    store = LocalGraphStore(path)
    store.write([extraction])

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("kgraph.store.local.json.dumps", crash)
    with pytest.raises(KeyboardInterrupt):
        store.save()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_foreign_file_is_refused(tmp_path):
    path = tmp_path / "g.json"
    path.write_text('{"nodes": []}')
    with pytest.raises(StoreError, match="not a kgraph graph file"):
        LocalGraphStore(path)


def test_relations_are_typed_by_relation_with_the_predicate_kept(tmp_path, extraction):
    store = LocalGraphStore(tmp_path / "g.json")
    store.write([extraction])
    edges = {
        (d["predicate"], d["relation"], d["type"])
        for _, _, d in store.graph.edges(data=True)
        if d["label"] == "RELATION"
    }
    assert ("negotiates-acquisition-of", "acquires", "ACQUIRES") in edges
    assert ("secretary-of", "minister-of", "MINISTER_OF") in edges
    assert ("shares-data-with", "other", "RELATED_TO") in edges


def _as_version_1(path):
    """Rewrite a graph file the way kgraph wrote it before relations had a ``relation``."""
    from kgraph.models import relationship_type as predicate_type

    envelope = json.loads(path.read_text(encoding="utf-8"))
    envelope["version"] = 1
    for link in envelope["graph"]["links"]:
        if link["label"] == "RELATION":
            del link["relation"]
            link["type"] = predicate_type(link["predicate"])
    path.write_text(json.dumps(envelope), encoding="utf-8")


def test_a_version_1_file_is_migrated_when_read(tmp_path, extraction):
    path = tmp_path / "g.json"
    with LocalGraphStore(path) as store:
        store.write([extraction])
        current = _snapshot(store.graph)
    _as_version_1(path)
    old = LocalGraphStore(path)
    assert _snapshot(old.graph) == current
    old.write([extraction])  # already stored: nothing changes, nothing is saved
    old.close()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def test_kgraph_migrate_rewrites_a_version_1_file(tmp_path, extraction):
    from click.testing import CliRunner

    from kgraph.cli import cli

    path = tmp_path / "g.json"
    with LocalGraphStore(path) as store:
        store.write([extraction])
        current = _snapshot(store.graph)
    _as_version_1(path)
    result = CliRunner().invoke(cli, ["migrate", "--graph", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{path} is a version 2 graph file\n"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
    assert _snapshot(read_graph(path)) == current


def test_a_file_from_a_newer_kgraph_is_refused(tmp_path):
    path = tmp_path / "g.json"
    write_graph(nx.MultiDiGraph(), path)
    envelope = json.loads(path.read_text(encoding="utf-8"))
    envelope["version"] = 3
    path.write_text(json.dumps(envelope), encoding="utf-8")
    with pytest.raises(StoreError, match="version 3 graph file; this kgraph reads up to"):
        read_graph(path)


def test_a_checkpoint_skips_resolving_and_reading_it_resolves(tmp_path, nlp, extraction):
    other = extract_article(
        nlp, Article("Microsoft said TikTok would keep its offices in Los Angeles.", title="Later")
    )
    path, whole = tmp_path / "checkpoint.json", tmp_path / "whole.json"
    store = LocalGraphStore(path)
    store.write([extraction])
    store.save()
    store.write([other])
    store.checkpoint()
    envelope = json.loads(path.read_text())
    assert envelope["stale"] is True and len(envelope["records"]) == 2
    on_disk = nx.node_link_graph(
        envelope["graph"], directed=True, multigraph=True, key="edge_key", name="key", edges="links"
    )
    later = "article:" + other.article.id
    assert on_disk.has_node(later) and on_disk.out_degree(later) == 0  # not resolved yet
    with LocalGraphStore(whole) as full:
        full.write([extraction, other])
    assert "stale" not in json.loads(whole.read_text())
    assert _snapshot(read_graph(path)) == _snapshot(read_graph(whole))
    assert _snapshot(LocalGraphStore(path).graph) == _snapshot(read_graph(whole))
    assert read_graph(whole).out_degree(later) > 0
    store.close()
    assert "stale" not in json.loads(path.read_text())
