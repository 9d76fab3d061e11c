"""Articles that change: a new version replaces the stored one, a removed one leaves no trace.

Property: ingesting versions v1 then v2 of a set of articles (some changed, some removed,
some new) ends with the graph of ingesting only the final versions into an empty store.
"""

from __future__ import annotations

import json
import os
import random
import time

import networkx as nx
import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.extract import extract_article
from kgraph.models import Article, content_hash
from kgraph.store.local import LocalGraphStore, read_graph
from tests.conftest import EXAMPLES


def _texts() -> list[str]:
    """Eight texts: the four example articles and a shortened version of each."""
    full = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    short = ["\n\n".join(t.split("\n\n")[:2]) for t in full]
    return full + short


@pytest.fixture(scope="module")
def extractions(nlp):
    """Every (article id, text) pair the trials use, extracted once."""
    texts = _texts()
    return {
        (article_id, i): extract_article(
            nlp, Article(text, id=article_id, published=f"2024-0{1 + i % 4}-01")
        )
        for article_id in ("a", "b", "c", "d", "e")
        for i, text in enumerate(texts)
    }


def snapshot(graph: nx.MultiDiGraph):
    nodes = {n: d for n, d in graph.nodes(data=True)}
    edges = {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    return nodes, edges


def _versions(rng: random.Random) -> tuple[dict[str, int], dict[str, int]]:
    """v1 and v2: article id -> text number; some kept, some changed, some removed, some new."""
    ids = ["a", "b", "c", "d", "e"]
    v1 = {i: rng.randrange(8) for i in rng.sample(ids, 4)}
    v2 = {}
    for article_id in ids:
        fate = rng.choice(["keep", "change", "remove", "add"])
        if article_id in v1 and fate == "keep":
            v2[article_id] = v1[article_id]
        elif fate in ("change", "add"):
            v2[article_id] = rng.randrange(8)
    return v1, v2


@pytest.mark.parametrize("seed", range(6))
def test_v1_then_v2_equals_v2_alone(tmp_path, extractions, seed):
    rng = random.Random(seed)
    v1, v2 = _versions(rng)
    with LocalGraphStore(tmp_path / "updated.json") as store:
        store.write([extractions[i, t] for i, t in v1.items()])
        store.save()
        store.write([extractions[i, t] for i, t in v2.items()])
        store.remove([i for i in v1 if i not in v2])
    with LocalGraphStore(tmp_path / "fresh.json") as store:
        store.write([extractions[i, t] for i, t in v2.items()])
    assert snapshot(read_graph(tmp_path / "updated.json")) == snapshot(
        read_graph(tmp_path / "fresh.json")
    ), (v1, v2)


def test_removing_every_article_leaves_an_empty_graph(tmp_path, extractions):
    with LocalGraphStore(tmp_path / "g.json") as store:
        store.write([extractions["a", 0], extractions["b", 1]])
        assert store.stats().relations > 0
        assert store.remove(["a", "b", "zzz"]) == 2
        assert store.stats().__dict__ == {
            "articles": 0,
            "entities": 0,
            "relations": 0,
            "entity_types": {},
            "predicates": {},
        }


def test_a_changed_article_loses_its_old_evidence(tmp_path, extractions):
    """The TikTok article replaced by the Twitter one: no TikTok relation is left."""
    texts = _texts()
    tiktok = next(i for i, t in enumerate(texts) if "TikTok" in t)
    twitter = next(i for i, t in enumerate(texts) if "Twitter" in t and "TikTok" not in t)
    with LocalGraphStore(tmp_path / "g.json") as store:
        store.write([extractions["a", tiktok]])
        names = {d["name"] for _, d in store.graph.nodes(data=True) if d.get("name")}
        assert "TikTok" in names
        store.write([extractions["a", twitter]])
        graph = store.graph
        names = {d["name"] for _, d in graph.nodes(data=True) if d.get("name")}
        assert "TikTok" not in names
        sentences = {s for *_, d in graph.edges(data=True) for s in d.get("sentences", ())}
        assert not any("TikTok" in s for s in sentences)
        (article,) = [d for _, d in graph.nodes(data=True) if d.get("label") == "Article"]
        assert article["content_hash"] == extractions["a", twitter].article.content_hash


def _jsonl(path, version: dict[str, int]) -> None:
    texts = _texts()
    lines = [
        json.dumps({"id": i, "text": texts[t], "published": "2024-03-01"})
        for i, t in sorted(version.items())
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_cli_update_and_remove(tmp_path):
    """`kgraph ingest` counts updated articles; `kgraph remove` takes ids and --source."""
    feed, graph, fresh = tmp_path / "feed.jsonl", tmp_path / "g.json", tmp_path / "fresh.json"
    runner = CliRunner()
    _jsonl(feed, {"a": 0, "b": 1, "c": 2})
    first = runner.invoke(cli, ["ingest", str(feed), "--graph", str(graph), "--workers", "1"])
    assert first.exit_code == 0, first.output
    _jsonl(feed, {"a": 0, "b": 5, "c": 3})
    second = runner.invoke(cli, ["ingest", str(feed), "--graph", str(graph), "--workers", "1"])
    assert second.exit_code == 0, second.output
    assert second.output.startswith("2 articles ingested (2 updated), 1 skipped"), second.output
    removed = runner.invoke(cli, ["remove", "c", "--graph", str(graph)])
    assert removed.exit_code == 0 and removed.output.startswith("1 article removed"), removed.output

    _jsonl(feed, {"a": 0, "b": 5})
    ref = runner.invoke(cli, ["ingest", str(feed), "--graph", str(fresh), "--workers", "1"])
    assert ref.exit_code == 0, ref.output
    assert snapshot(read_graph(graph)) == snapshot(read_graph(fresh))

    by_source = runner.invoke(cli, ["remove", "--source", str(tmp_path), "--graph", str(graph)])
    assert by_source.output.startswith("2 articles removed"), by_source.output
    assert read_graph(graph).number_of_nodes() == 0
    unknown = runner.invoke(cli, ["remove", "nope", "--graph", str(graph)])
    assert "no article nope" in unknown.output


@pytest.mark.slow
def test_killed_update_resumes_to_the_final_graph(tmp_path):
    """v1 stored; the v2 ingest SIGKILLed mid-update, re-run, removals applied: the graph
    of v2 alone."""
    from tests.updates import bbc_versions, changed_hashes, kill_during_update, run, write_feed

    seed = int(os.environ.get("KGRAPH_KILL_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    v1, v2 = bbc_versions()
    feed, graph, fresh = tmp_path / "feed.jsonl", tmp_path / "g.json", tmp_path / "fresh.json"
    write_feed(feed, v2)
    run("ingest", str(feed), "--graph", str(fresh), "--quiet", "--workers", "1")

    write_feed(feed, v1)
    run("ingest", str(feed), "--graph", str(graph), "--quiet", "--workers", "1")
    write_feed(feed, v2)
    wanted = changed_hashes(v1, v2)

    def written() -> int:
        try:
            nodes = read_graph(graph).nodes(data=True)
        except Exception:  # noqa: BLE001 - the file is replaced while we read it
            return 0
        return sum(d.get("content_hash") in wanted for _, d in nodes)

    stored_v1 = graph.read_bytes()
    for linger in (1.0, 0.3, 0.1, 0.0):  # a fast run may finish every update within the wait
        graph.write_bytes(stored_v1)
        kill_during_update(feed, ["--graph", str(graph)], written, rng, linger=linger)
        stored = {
            d["id"]: d["content_hash"]
            for _, d in read_graph(graph).nodes(data=True)
            if "content_hash" in d
        }
        left = [i for i in v2 if i in v1 and stored[i] != content_hash(v2[i])]
        if left:
            break
    assert written() > 0 and left, (seed, written())
    out = run("ingest", str(feed), "--graph", str(graph), "--quiet", "--workers", "1").stdout
    assert f"({len(left)} updated)" in out, (seed, left, out)
    run("remove", *(i for i in v1 if i not in v2), "--graph", str(graph))
    assert snapshot(read_graph(graph)) == snapshot(read_graph(fresh)), seed
