"""jsonl export: triple records rebuilt from stored relations, as kgraph extract prints."""

from __future__ import annotations

import json

from kgraph.export import ExportFilter, export_graph, filter_graph

from .export_sample import EXTRACTIONS, sample_graph


def test_records_match_the_extracted_triples(tmp_path):
    graph = filter_graph(sample_graph(tmp_path), ExportFilter(with_articles=True))
    out = tmp_path / "triples.jsonl"
    result = export_graph(graph, "jsonl", out)
    assert result.summary() == f"wrote 5 triple records (4 relations) to {out} (jsonl)"
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [t.to_dict() for e in EXTRACTIONS for t in e.triples]
    key = lambda r: (r["article"]["id"], r["start"], r["end"], r["predicate"])  # noqa: E731
    assert records == sorted(expected, key=key)


def test_without_article_nodes_titles_are_null(tmp_path):
    graph = filter_graph(sample_graph(tmp_path), ExportFilter(with_articles=False))
    out = tmp_path / "triples.jsonl"
    export_graph(graph, "jsonl", out)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["article"] == {"id": "a1", "title": None, "published": "2020-08-01"}
