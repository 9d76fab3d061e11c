"""kgraph export through click's CliRunner, with exact output checks."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from kgraph.cli import cli

from .export_sample import sample_graph_file


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def graph(tmp_path):
    return sample_graph_file(tmp_path)


def _export(runner, graph, *args):
    return runner.invoke(cli, ["export", "--graph", str(graph), *args])


def test_graphml(runner, graph, tmp_path):
    out = tmp_path / "g.graphml"
    result = _export(runner, graph, "--format", "graphml", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 5 nodes and 4 relationships to {out} (graphml)\n"
    assert out.read_text(encoding="utf-8").startswith("<?xml")


def test_format_from_suffix_and_articles_by_default_for_csv(runner, graph, tmp_path):
    result = _export(runner, graph, "--out", str(tmp_path / "g.gexf"))
    assert result.output == f"wrote 5 nodes and 4 relationships to {tmp_path / 'g.gexf'} (gexf)\n"
    result = _export(runner, graph, "--out", str(tmp_path / "neo4j"))
    assert result.output == f"wrote 7 nodes and 12 relationships to {tmp_path / 'neo4j'} (csv)\n"
    result = _export(runner, graph, "--out", str(tmp_path / "n2"), "--no-articles")
    assert result.output == f"wrote 5 nodes and 4 relationships to {tmp_path / 'n2'} (csv)\n"
    result = _export(runner, graph, "--out", str(tmp_path / "g.json"), "--with-articles")
    assert result.output == f"wrote 7 nodes and 12 relationships to {tmp_path / 'g.json'} (json)\n"


def test_filters(runner, graph, tmp_path):
    out = tmp_path / "g.cyjs"
    result = _export(
        runner, graph, "--out", str(out), "--type", "person,gpe", "--predicate", "based-in"
    )
    assert result.output == f"wrote 2 nodes and 1 relationships to {out} (cytoscape)\n"
    result = _export(runner, graph, "--out", str(out), "--entity", "Zürich", "--hops", "1")
    assert result.output == f"wrote 3 nodes and 3 relationships to {out} (cytoscape)\n"
    result = _export(runner, graph, "--out", str(out), "--since", "2021-01-01")
    assert result.output == f"wrote 3 nodes and 2 relationships to {out} (cytoscape)\n"
    result = _export(runner, graph, "--out", str(out), "--min-mentions", "5")
    assert result.output == f"wrote 1 nodes and 0 relationships to {out} (cytoscape)\n"


def test_jsonl(runner, graph, tmp_path):
    out = tmp_path / "t.jsonl"
    result = _export(runner, graph, "--out", str(out))
    assert result.output == f"wrote 5 triple records (4 relations) to {out} (jsonl)\n"


def test_pictures(runner, graph, tmp_path):
    result = _export(runner, graph, "--out", str(tmp_path / "g.png"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = _export(runner, graph, "--format", "svg", "--out", str(tmp_path / "g.svg"))
    assert result.exit_code == 0, result.output
    svg = (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "José Müller" in svg


def test_html_has_no_network_references(runner, graph, tmp_path):
    out = tmp_path / "g.html"
    result = _export(runner, graph, "--out", str(out))  # O'Brien, Pat: no relation, not drawn
    assert result.output == f"wrote 4 nodes and 4 relationships to {out} (html)\n"
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*(src|href)=[\"']?(https?:)?//", page)
    assert "@import" not in page and "neo4j-viz-data" in page and "nodeCount" in page
    assert json.dumps("Müller lives in Zürich.")[1:-1] in page  # evidence is in the page


def test_errors(runner, graph, tmp_path):
    result = _export(runner, tmp_path / "none.json", "--out", str(tmp_path / "g.dot"))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: no graph file at {tmp_path / 'none.json'} (run kgraph ingest first)\n"
    )
    result = _export(runner, graph, "--out", str(tmp_path / "g.txt"))
    assert result.exit_code == 1
    assert result.output == (
        "Error: cannot tell the format of 'g.txt' from its suffix: give --format "
        "(graphml, gexf, json, cytoscape, dot, csv, jsonl, geojson, map, html, png, svg)\n"
    )
    result = _export(runner, graph, "--out", str(tmp_path / "g.dot"), "--type", "person,city")
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown entity type CITY (allowed: EVENT, FAC, ")
    result = _export(runner, graph, "--out", str(tmp_path / "g.dot"), "--entity", "Nobody")
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    result = _export(runner, graph, "--format", "csv", "--out", str(graph))
    assert result.output == f"Error: {graph} is a file; --format csv writes a folder of CSV files\n"


def test_help(runner):
    result = runner.invoke(cli, ["export", "--help"])
    assert result.exit_code == 0
    assert "kgraph export --format html --out tiktok.html --entity TikTok --hops 2" in result.output
