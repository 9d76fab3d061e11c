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


def test_export_writes_the_records_extract_prints(tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import cli
    from tests.conftest import EXAMPLES

    runner = CliRunner()
    article = str(EXAMPLES / "tiktok-microsoft.txt")
    extracted = runner.invoke(cli, ["extract", article])
    assert extracted.exit_code == 0, extracted.output
    graph = tmp_path / "g.json"
    assert runner.invoke(cli, ["ingest", article, "--graph", str(graph)]).exit_code == 0
    out = tmp_path / "t.jsonl"
    result = runner.invoke(cli, ["export", "--graph", str(graph), "--out", str(out)])
    assert result.exit_code == 0, result.output
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    printed = [json.loads(line) for line in extracted.output.splitlines()]
    key = lambda r: (r["start"], r["end"], r["predicate"], r["object"]["name"])  # noqa: E731
    assert sorted(exported, key=key) == sorted(printed, key=key)
    assert any("surface" in r for r in exported)


def test_with_articles_does_not_apply_to_jsonl(tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import cli

    from .export_sample import sample_graph_file

    graph = sample_graph_file(tmp_path)
    result = CliRunner().invoke(
        cli, ["export", "--graph", str(graph), "--out", str(tmp_path / "t.jsonl"), "--no-articles"]
    )
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: --with-articles/--no-articles do not apply to jsonl: every triple record "
        "names its article (id, title, date)"
    )
