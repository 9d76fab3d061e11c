"""`kgraph remove --source` matches the file each article was read from, for every reader;
a source matching nothing is an error and removes nothing."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.store.local import open_local_store
from tests.feeds import Response, page, rss, rss_item, stories, write_warc


def _inputs(tmp_path):
    story = stories()[0]
    text = story.title + "\n\n" + "\n\n".join(story.paragraphs)
    files = {
        "page.html": page(story),
        "feed.rss": rss([rss_item(story)]),
        "news.jsonl": (json.dumps({"id": "j1", "text": text}) + "\n").encode(),
        "story.txt": text.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    write_warc(tmp_path / "crawl.warc", [Response(story.url, page(story))], gzip=False)
    return [tmp_path / n for n in (*files, "crawl.warc")]


@pytest.mark.parametrize("store", ["graph.json", "graph.db"])
def test_every_reader_keeps_where_it_read_each_article(tmp_path, store):
    runner = CliRunner()
    for path in _inputs(tmp_path):
        graph = tmp_path / f"{path.stem}-{store}"
        result = runner.invoke(cli, ["ingest", str(path), "--graph", str(graph), "--quiet"])
        assert result.exit_code == 0, (path, result.output)
        nothing = runner.invoke(cli, ["remove", "--source", "/nonexistent", "--graph", str(graph)])
        assert nothing.exit_code == 1
        assert nothing.output == (
            "Error: no article in the graph was read from /nonexistent (nothing removed)\n"
        )
        removed = runner.invoke(cli, ["remove", "--source", str(path), "--graph", str(graph)])
        assert removed.exit_code == 0, (path, removed.output)
        assert removed.output.startswith("1 article removed ("), (path, removed.output)
        assert open_local_store(graph).article_ids() == []
