"""Entities across articles: a later article's short name joins the known full name."""

from __future__ import annotations

from kgraph.pipeline import ingest
from kgraph.store.local import LocalGraphStore


def _node(graph, name):
    """The key of the entity node named ``name`` (tests compare names, never ids)."""
    (key,) = [
        n for n, d in graph.nodes(data=True) if d.get("label") == "Entity" and d["name"] == name
    ]
    return key


def test_later_short_name_joins_known_entity(tmp_path, nlp):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Donald Trump met Emmanuel Macron in Paris on Monday.\n")
    (folder / "b.txt").write_text("Trump criticized Angela Merkel on Tuesday.\n")
    store = LocalGraphStore(tmp_path / "graph.json")
    report = ingest([folder], store, nlp)
    store.close()
    assert report.ingested == 2
    graph = LocalGraphStore(tmp_path / "graph.json").graph
    assert "Trump" not in {d.get("name") for _, d in graph.nodes(data=True)}
    trump = _node(graph, "Donald Trump")
    assert graph.nodes[trump]["aliases"] == ["Trump"]
    assert graph.nodes[trump]["mentions"] == 2
    assert graph.nodes[trump]["type_votes"] == ["PERSON:2"]
    targets = {graph.nodes[v]["name"] for _, v in graph.out_edges(trump)}
    assert {"Emmanuel Macron", "Angela Merkel"} <= targets
