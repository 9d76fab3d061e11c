"""Feeds and web archives through ingestion: what lands in the graph, what is skipped."""

from __future__ import annotations

import json

from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from kgraph.cli import cli
from kgraph.models import Article, Extraction
from kgraph.pipeline import ingest
from kgraph.store.base import ARTICLE_PREFIX
from kgraph.store.local import LocalGraphStore
from kgraph.store.rows import rows_from_extractions, rows_from_graph
from tests.feeds import atom, atom_entry, news_warc, rss, rss_item, stories


def _names(store: LocalGraphStore) -> set[str]:
    return {entity.name for entity in store.entities()}


def test_a_feed_read_again_after_it_gained_an_item_ingests_only_the_new_one(tmp_path, nlp):
    older, newest = stories()[:3], stories()[3]  # newest: Elon Musk buys Twitter
    path = tmp_path / "news.rss"
    path.write_bytes(rss([rss_item(s) for s in older]))
    with LocalGraphStore(tmp_path / "g.json") as store:
        first = ingest([path], store, nlp)
        assert (first.ingested, first.skipped) == (3, 0)
        assert "Elon Musk" not in _names(store)
        path.write_bytes(rss([rss_item(s) for s in [newest, *older]]))  # new items on top
        second = ingest([path], store, nlp)
        assert (second.ingested, second.skipped, second.rejected) == (1, 3, 0)
        assert {"Elon Musk", "Twitter"} <= _names(store)
        assert store.stats().articles == 4


def test_summaries_are_marked_on_the_article_node(tmp_path):
    items = stories()
    feed = atom([atom_entry(items[0]), atom_entry(items[3], full=False)])
    graph = tmp_path / "g.json"
    result = CliRunner().invoke(
        cli,
        ["ingest", "-", "--input-format", "rss", "--graph", str(graph), "--workers", "1"],
        input=feed,
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 articles ingested, 0 skipped (already stored), 0 rejected;")
    nodes = LocalGraphStore(graph).graph.nodes
    full = nodes[ARTICLE_PREFIX + f"tag:news.example,2024:{items[0].slug}"]
    summary = nodes[ARTICLE_PREFIX + f"tag:news.example,2024:{items[3].slug}"]
    assert "text_kind" not in full
    assert (summary["text_kind"], summary["url"]) == ("summary", items[3].url)
    assert summary["published"] == f"{items[3].day}T08:00:00Z"


def test_a_malformed_item_is_reported_and_the_rest_of_the_feed_lands(tmp_path):
    items = stories()
    broken = rss_item(items[0]).replace("<link>", "<link><br>", 1)
    path = tmp_path / "news.rss"
    path.write_bytes(rss([broken] + [rss_item(s) for s in items[1:]]))
    graph = tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--graph", str(graph), "--workers", "1"])
    assert result.exit_code == 3
    rejected, summary = result.output.splitlines()
    assert rejected.startswith(f"rejected: {path}:7: item 1: malformed XML (")
    assert summary.startswith("3 articles ingested, 0 skipped (already stored), 1 rejected;")
    assert "Activision Blizzard" not in _names(LocalGraphStore(graph))
    assert "Elon Musk" in _names(LocalGraphStore(graph))


def test_a_warc_lands_with_skips_counted_and_listed_in_rejects(tmp_path):
    archive = news_warc(tmp_path / "crawl.warc.gz")
    graph, rejects = tmp_path / "g.json", tmp_path / "rejects.jsonl"
    args = ["ingest", str(archive), "--graph", str(graph), "--workers", "2"]
    result = CliRunner().invoke(cli, [*args, "--rejects", str(rejects)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "4 articles ingested, 0 skipped (already stored), 3 skipped (not articles), 0 rejected;"
    )
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [(r["reason"].split(": ")[1], r["skipped"]) for r in lines] == [
        ("HTTP status 404", True),
        ("not HTML (image/png)", True),
        ("no article text found in the page", True),
    ]
    store = LocalGraphStore(graph)
    assert {"Elon Musk", "Twitter", "Microsoft", "ByteDance"} <= _names(store)
    again = CliRunner().invoke(cli, [*args, "--strict"])  # skips are no rejects, only counted
    assert again.exit_code == 0
    assert again.output.startswith(
        "0 articles ingested, 4 skipped (already stored), 3 skipped (not articles), 0 rejected;"
    )


def test_a_truncated_warc_keeps_the_pages_before_the_cut(tmp_path):
    archive = news_warc(tmp_path / "crawl.warc.gz")
    with archive.open("rb") as handle:
        records = ArchiveIterator(handle)
        pages = (r for r in records if r.rec_type == "response")
        next(pages), next(pages), next(pages)
        cut = records.get_record_offset() + 40
    archive.write_bytes(archive.read_bytes()[:cut])
    graph = tmp_path / "g.json"
    result = CliRunner().invoke(
        cli,
        ["ingest", "-", "--input-format", "warc", "--graph", str(graph), "--workers", "1"],
        input=archive.read_bytes(),
    )
    assert result.exit_code == 3
    rejected, summary = result.output.splitlines()
    assert rejected.startswith("rejected: <stdin>: record ")
    assert "the records before it were read" in rejected
    assert summary.startswith("2 articles ingested, 0 skipped (already stored), 1 rejected;")
    assert {"Microsoft", "Activision Blizzard", "Rishi Sunak"} <= _names(LocalGraphStore(graph))


def test_neo4j_rows_carry_text_kind_only_when_set(tmp_path):
    summary = Article(text="Elon Musk has bought Twitter.", id="s", text_kind="summary")
    full = Article(text="Elon Musk has bought Twitter after weeks of talks.", id="f")
    extractions = [Extraction(a, (), {}, ()) for a in (summary, full)]
    rows = rows_from_extractions(extractions)
    assert rows.articles["s"]["props"]["text_kind"] == "summary"
    assert "text_kind" not in rows.articles["f"]["props"]
    with LocalGraphStore(tmp_path / "g.json") as store:
        store.write(extractions)
    saved = rows_from_graph(LocalGraphStore(tmp_path / "g.json").graph)
    assert saved.articles["s"]["props"]["text_kind"] == "summary"
    assert "text_kind" not in saved.articles["f"]["props"]
