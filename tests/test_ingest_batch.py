"""Ingesting a batch that mixes good and bad inputs of every kind: the good ones land."""

from __future__ import annotations

import gzip
import json
import random
import shutil

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.errors import RejectedInput
from kgraph.extract import extract_articles
from kgraph.models import Article, Reject
from kgraph.pipeline import ingest
from kgraph.readers import ReadOptions, read_articles
from kgraph.store.base import ARTICLE_PREFIX, relation_key
from kgraph.store.local import LocalGraphStore
from tests.conftest import EXAMPLES
from tests.test_readers_formats import PAGE

LONG_LIMIT = 3000


def _node(graph, name):
    """The key of the entity node named ``name`` (tests compare names, never ids)."""
    (key,) = [
        n for n, d in graph.nodes(data=True) if d.get("label") == "Entity" and d["name"] == name
    ]
    return key


def _record(path: str, **fields: str) -> str:
    return json.dumps({"text": (EXAMPLES / path).read_text(encoding="utf-8"), **fields})


@pytest.fixture()
def batch(tmp_path):
    """A folder of good and bad inputs, and the rejects expected from it (in order)."""
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(EXAMPLES / "tiktok-microsoft.txt", folder / "a-good.txt")
    (folder / "b-page.html").write_text(PAGE, encoding="utf-8")
    (folder / "c-empty.txt").write_bytes(b"")
    (folder / "d-binary.md").write_bytes(b"\x00\x01\x02PK")
    (folder / "e-junk.txt").write_bytes(b"Story\n\xe9\x07\x1b\n")
    (folder / "f-latin1.txt").write_bytes("Caf\xe9 Nero is based in London.".encode("latin-1"))
    lines = [
        _record("twitter-musk.txt", id="musk", published="2022-04-25"),
        '{"text": "cut',
        json.dumps({"headline": "no text"}),
        _record("brexit-talks.txt"),
    ]
    (folder / "g-feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    csv_text = (EXAMPLES / "activision-blizzard.txt").read_text(encoding="utf-8")
    (folder / "h-table.csv").write_text(
        'id,title,text\nab,Activision,"' + csv_text.replace('"', '""') + '"\nshort,only two\n',
        encoding="utf-8",
    )
    rng = random.Random(5)
    records = (
        {"id": f"gz{n}", "text": "Acme Corp is based in Chicago.", "pad": rng.randbytes(200).hex()}
        for n in range(80)
    )
    whole = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    (folder / "i-cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    long = "Widget Co is based in Ohio. Its chief executive Jane Roe spoke. " * 100
    (folder / "j-long.txt").write_text(long, encoding="utf-8")
    expected = [
        f"{folder / 'c-empty.txt'}: empty file",
        f"{folder / 'd-binary.md'}: binary file (contains NUL bytes), expected UTF-8 or UTF-16 "
        "text",
        f"{folder / 'e-junk.txt'}:2: not valid UTF-8 (byte 0xe9 at offset 6) nor Windows-1252 text",
        f"{folder / 'g-feed.jsonl'}:2: malformed JSON (Unterminated string starting at: "
        "line 1 column 10 (char 9))",
        f"{folder / 'g-feed.jsonl'}:3: no text field (looked for text, content, body)",
        f"{folder / 'h-table.csv'}:{3 + csv_text.count(chr(10))}: row has 2 of 3 fields (no text)",
    ]
    return folder, expected


def test_every_good_article_lands_and_every_bad_input_is_reported(batch, tmp_path, nlp):
    folder, expected = batch
    options = ReadOptions(max_chars=LONG_LIMIT)
    rejects: list[Reject] = []
    with LocalGraphStore(tmp_path / "g.json") as store:
        report = ingest([folder], store, nlp, options=options, on_reject=rejects.append)
    good = [a for a in read_articles([folder], options) if isinstance(a, Article)]
    assert [str(r) for r in rejects[:-1]] == expected
    assert rejects[-1].path.endswith("i-cut.jsonl.gz")
    assert rejects[-1].reason == "truncated gzip file (compressed data ends early)"
    cut_lines = sum(a.source.endswith("i-cut.jsonl.gz") for a in good)
    assert cut_lines > 10 and rejects[-1].line == cut_lines + 1
    long_parts = [a for a in good if a.source.endswith("j-long.txt")]
    assert len(long_parts) == 3 and all(len(a.text) <= LONG_LIMIT for a in long_parts)
    assert (report.rejected, report.skipped, report.ingested) == (len(expected) + 1, 0, len(good))

    graph = LocalGraphStore(tmp_path / "g.json").graph
    by_id = {a.id: a for a in good}
    for article_id, article in by_id.items():
        node = graph.nodes[ARTICLE_PREFIX + article_id]
        assert (node["title"], node["published"], node["url"]) == (
            article.title,
            article.published,
            article.url,
        )
    assert graph.nodes[ARTICLE_PREFIX + "musk"]["published"] == "2022-04-25"
    triples = [t for e in extract_articles(nlp, by_id.values()) for t in e.triples]
    assert len(triples) > 30
    for triple in triples:
        edge = graph.edges[triple.subject.id, triple.object.id, relation_key(triple)]
        assert triple.article.id in edge["articles"]


def test_strict_stops_at_the_first_reject_and_keeps_what_landed(batch, tmp_path, nlp):
    folder, expected = batch
    store = LocalGraphStore(tmp_path / "g.json")
    with pytest.raises(RejectedInput) as raised:
        ingest([folder], store, nlp, strict=True)
    assert str(raised.value) == f"{expected[0]} (--strict stops at the first rejected input)"
    titles = {data.get("title") for _, data in LocalGraphStore(store.path).graph.nodes(data=True)}
    assert titles >= {"a-good", "Acme agrees to buy Widget Co"}  # the two files before it


def test_cli_writes_rejects_as_json_lines(batch, tmp_path):
    folder, expected = batch
    rejects = tmp_path / "rejects.jsonl"
    args = ["ingest", str(folder), "--graph", str(tmp_path / "g.json"), "--rejects", str(rejects)]
    result = CliRunner().invoke(cli, [*args, "--workers", "2"])
    assert result.exit_code == 3, result.output
    good = sum(isinstance(a, Article) for a in read_articles([folder]))
    (summary,) = result.stdout.splitlines()
    assert good > 40
    assert summary.startswith(f"{good} articles ingested, 0 skipped (already stored), 7 rejected; ")
    assert "; 1 byte run not UTF-8 read as Windows-1252; " in summary
    assert result.stderr == (
        f"warning: {folder / 'f-latin1.txt'}: 1 byte run not valid UTF-8 (line 1) "
        "read as Windows-1252\n"
    )
    records = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [str(Reject(**r)) for r in records[:-1]] == expected
    assert set(records[0]) == {"path", "reason", "line"}
    again = CliRunner().invoke(cli, [*args, "--workers", "1"])
    assert again.stdout.startswith(
        f"0 articles ingested, {good} skipped (already stored), 7 rejected; "
    )


def test_cli_strict_is_a_one_line_error(batch, tmp_path):
    folder, expected = batch
    result = CliRunner().invoke(
        cli, ["ingest", str(folder), "--graph", str(tmp_path / "g.json"), "--strict"]
    )
    assert result.exit_code == 1
    assert result.output == (f"Error: {expected[0]} (--strict stops at the first rejected input)\n")


def test_cli_reads_json_lines_from_standard_input_with_field_options(tmp_path):
    graph = tmp_path / "g.json"
    line = json.dumps(
        {
            "story": "ByteDance, the parent company of TikTok, is based in Beijing.",
            "name": "TikTok owner",
            "day": "2020-08-03",
            "key": "bd-1",
        }
    )
    result = CliRunner().invoke(
        cli,
        ["ingest", "-", "--graph", str(graph), "--input-format", "jsonl", "--workers", "1"]
        + ["--text-field", "story", "--title-field", "name", "--published-field", "day"]
        + ["--id-field", "key"],
        input=line + "\n",
    )
    assert result.exit_code == 0, result.output
    store = LocalGraphStore(graph)
    stats = store.stats()
    assert result.output.startswith(
        "1 articles ingested, 0 skipped (already stored), 0 rejected; "
        f"graph: {stats.entities} entities, {stats.relations} relations; "
    )
    node = store.graph.nodes[ARTICLE_PREFIX + "bd-1"]
    assert (node["title"], node["published"], node["source"]) == (
        "TikTok owner",
        "2020-08-03",
        "<stdin>",
    )
    edge = store.graph.edges[
        _node(store.graph, "ByteDance"), _node(store.graph, "TikTok"), "parent-of|asserted|affirmed"
    ]
    assert edge["published"] == ["2020-08-03"]


class _CountingStore(LocalGraphStore):
    saves = 0

    def save(self) -> None:
        type(self).saves += 1
        super().save()


def test_saves_are_throttled_and_the_last_one_is_at_the_end(tmp_path, nlp):
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(40):
        (folder / f"{n:02}.txt").write_text(f"Acme {n} Corp is based in Chicago.")
    store = _CountingStore(tmp_path / "g.json")
    report = ingest([folder], store, nlp, batch_size=8, save_interval=3600)
    assert (report.ingested, _CountingStore.saves) == (40, 1)
    assert LocalGraphStore(tmp_path / "g.json").stats().articles == 40
