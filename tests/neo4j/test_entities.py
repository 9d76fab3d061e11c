"""Entity resolution on Neo4j: same graph as the local store whatever the order; merge and
split through the overrides file, undone exactly."""

from __future__ import annotations

from .conftest import kgraph
from .test_loader import local_snapshot, neo4j_snapshot

TEXTS = {
    "a-gordon.txt": "Gordon Brown met Tony Blair in London on Monday.\n",
    "b-chancellor.txt": "The chancellor Brown criticised the Tories on Tuesday.\n",
    "c-singer.txt": "Singer Ian Brown was arrested after a concert in San Francisco.\n",
}


def _folder(tmp_path, names):
    folder = tmp_path / "-".join(n[0] for n in names)
    folder.mkdir()
    for name in names:
        (folder / name).write_text(TEXTS[name])
    return folder


def _ingest(*paths, env):
    result = kgraph("ingest", *map(str, paths), "--store", "neo4j", "--quiet", env=env)
    assert result.returncode == 0, result.stderr


def _names(store):
    return {
        r["name"]: r
        for r in store.run(
            "MATCH (e:Entity) RETURN e.name AS name, e.aliases AS aliases, e.merges AS merges"
        )
    }


def test_order_does_not_matter_and_matches_the_local_graph(neo4j_store, tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "KGRAPH_GRAPH": ""}
    names = sorted(TEXTS)
    for name in reversed(names):  # one article per run, in reverse order
        _ingest(_folder(tmp_path, [name]), env=env)
    local = tmp_path / "graph.json"
    assert (
        kgraph("ingest", str(_folder(tmp_path, names)), "--graph", str(local), "--quiet").returncode
        == 0
    )
    neo = neo4j_snapshot(neo4j_store)
    loc = local_snapshot(local)
    assert neo["entities"] == loc["entities"]
    assert neo["relations"] == loc["relations"]
    people = _names(neo4j_store)
    assert "Gordon Brown" not in people["Ian Brown"]["aliases"]


def test_merge_then_split_returns_the_original_graph(neo4j_store, tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "KGRAPH_GRAPH": ""}
    _ingest(_folder(tmp_path, sorted(TEXTS)), env=env)
    before = neo4j_snapshot(neo4j_store)
    merged = kgraph("merge", "Gordon Brown", "Ian Brown", "--store", "neo4j", env=env)
    assert merged.returncode == 0, merged.stderr
    people = _names(neo4j_store)
    assert "Ian Brown" not in people and "Ian Brown" in people["Gordon Brown"]["aliases"]
    assert any(m.startswith("override|") for m in people["Gordon Brown"]["merges"])
    shown = kgraph("entity", "Ian Brown", "--store", "neo4j", env=env)
    assert "override" in shown.stdout
    split = kgraph("split", "Gordon Brown", "Ian Brown", "--store", "neo4j", env=env)
    assert split.returncode == 0, split.stderr
    assert neo4j_snapshot(neo4j_store) == before
