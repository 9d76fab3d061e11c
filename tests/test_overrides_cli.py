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


def test_a_merge_is_honoured_by_later_ingests(tmp_path, nlp):
    path = _graph(tmp_path, nlp)
    assert "Brown" in _names(path)  # two full names fit: "Brown" stays apart
    runner = CliRunner()
    result = runner.invoke(cli, ["merge", "Ian Brown", "Brown", "--graph", str(path)])
    assert result.exit_code == 0, result.output
    store = LocalGraphStore(path)
    later = Article("Brown said he would tour in May.", id="later")
    store.write([extract_article(nlp, later)])
    store.close()
    graph = LocalGraphStore(path).graph
    assert "Brown" not in _names(path)
    assert "ian-brown" in graph["article:later"]


def test_merge_and_split_that_change_nothing_exit_1_and_keep_nothing(tmp_path, nlp):
    path = _graph(tmp_path, nlp)
    runner = CliRunner()
    merged = runner.invoke(cli, ["merge", "Ian Brown", "ian-brown", "--graph", str(path)])
    assert merged.exit_code == 1
    assert merged.output == (
        "Error: nothing to merge: 'ian-brown' is already part of 'Ian Brown' (id ian-brown)\n"
    )
    split = runner.invoke(cli, ["split", "Ian Brown", "Gordon", "--graph", str(path)])
    assert split.exit_code == 1
    assert "no mention of 'Ian Brown' (id ian-brown) is named 'Gordon'" in split.output
    assert not (tmp_path / "graph.overrides.json").exists()


def test_unknown_names_are_one_line_errors(tmp_path, nlp):
    path = _graph(tmp_path, nlp)
    result = CliRunner().invoke(cli, ["merge", "Nobody Here", "Ian Brown", "--graph", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: no entity has the id or name 'Nobody Here'")
    assert len(result.output.strip().splitlines()) == 1
