"""Entities across articles: a later article's short name joins the known full name."""

from __future__ import annotations

from kgraph.pipeline import ingest
from kgraph.store.local import LocalGraphStore


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
    assert "person:trump" not in graph
    assert graph.nodes["person:donald-trump"]["aliases"] == ["Trump"]
    assert graph.nodes["person:donald-trump"]["mentions"] == 2
    targets = {graph.nodes[v]["name"] for _, v in graph.out_edges("person:donald-trump")}
    assert {"Emmanuel Macron", "Angela Merkel"} <= targets
