"""`kgraph merge`, `kgraph split` and `kgraph entity` on a local graph of real articles."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.extract import extract_article
from kgraph.models import Article
from kgraph.store.local import LocalGraphStore

TEXTS = [
    "Gordon Brown met Tony Blair in London on Monday.",
    "The chancellor Brown criticised the Conservatives on Tuesday.",
    "Singer Ian Brown was arrested after a concert in San Francisco.",
]


def _graph(tmp_path, nlp):
    path = tmp_path / "graph.json"
    store = LocalGraphStore(path)
    store.write([extract_article(nlp, Article(text)) for text in TEXTS])
    store.close()
    return path


def _names(path):
    graph = LocalGraphStore(path).graph
    return {d["name"]: d for _, d in graph.nodes(data=True) if d.get("label") == "Entity"}


def test_merge_then_split_returns_the_original_graph(tmp_path, nlp):
    path = _graph(tmp_path, nlp)
    original = path.read_bytes()
    runner = CliRunner()
    merged = runner.invoke(cli, ["merge", "Gordon Brown", "Ian Brown", "--graph", str(path)])
    assert merged.exit_code == 0, merged.output
    names = _names(path)
    assert "Ian Brown" not in names and "Ian Brown" in names["Gordon Brown"]["aliases"]
    assert any(m.startswith("override|") for m in names["Gordon Brown"]["merges"])
    overrides = json.loads((tmp_path / "graph.overrides.json").read_text())
    assert overrides["merge"] == [["Gordon Brown", "Ian Brown"]]
    shown = runner.invoke(cli, ["entity", "Ian Brown", "--graph", str(path)])
    assert "override" in shown.output and "Gordon Brown" in shown.output
    split = runner.invoke(cli, ["split", "Gordon Brown", "Ian Brown", "--graph", str(path)])
    assert split.exit_code == 0, split.output
    assert path.read_bytes() == original


def test_a_split_is_honoured_by_later_ingests(tmp_path, nlp):
    path = _graph(tmp_path, nlp)
    runner = CliRunner()
    result = runner.invoke(cli, ["split", "Ian Brown", "Brown", "--graph", str(path)])
    assert result.exit_code == 0, result.output
    store = LocalGraphStore(path)
    store.write([extract_article(nlp, Article("Ian Brown said Brown would tour in May."))])
    store.close()
    names = _names(path)
    assert "Brown" not in names["Ian Brown"]["aliases"]


def test_unknown_names_are_one_line_errors(tmp_path, nlp):
    path = _graph(tmp_path, nlp)
    result = CliRunner().invoke(cli, ["merge", "Nobody Here", "Ian Brown", "--graph", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: no entity named 'Nobody Here'")
    assert len(result.output.strip().splitlines()) == 1
