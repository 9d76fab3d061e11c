"""Language and date checks every reader's articles pass through (issue 11)."""

from __future__ import annotations

import json
import os
from datetime import datetime

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.models import Article
from kgraph.readers import ReadOptions, read_articles
from kgraph.text.dates import parse_published
from kgraph.text.language import language_mismatch

GERMAN = (
    "Microsoft will die Gespräche über den Kauf von TikTok bis zum 15. September abschließen. "
    "Die Regierung in Washington wirft der Plattform seit Monaten vor, Daten nach Peking "
    "zu schicken, was das Unternehmen bestreitet."
)
ENGLISH = "Satya Nadella is the chief executive of Microsoft. Microsoft is based in Redmond."


def test_language_mismatch_names_both_languages():
    assert language_mismatch(GERMAN, "en") == "language de, pipeline is en"
    assert language_mismatch(ENGLISH, "en") is None
    assert language_mismatch(GERMAN, "any") is None
    assert language_mismatch("Microsoft kauft TikTok", "en") is None  # too short to judge


def test_foreign_page_is_rejected_with_the_reason(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>TikTok</title></head><body><p>{GERMAN}</p></body></html>")
    result = CliRunner().invoke(cli, ["ingest", str(page), "--graph", str(tmp_path / "g.json")])
    assert result.exit_code == 3, result.output
    assert f"rejected: {page}: language de, pipeline is en" in result.stderr
    assert "1 rejected (1 not in the pipeline's language)" in result.stdout


def test_language_any_lets_it_in(tmp_path):
    page = tmp_path / "seite.txt"
    page.write_text(GERMAN)
    args = ["ingest", str(page), "--graph", str(tmp_path / "g.json"), "--language", "any"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 articles ingested")


def test_unknown_language_code_is_one_line_error(tmp_path):
    page = tmp_path / "a.txt"
    page.write_text(ENGLISH)
    result = CliRunner().invoke(cli, ["extract", str(page), "--language", "english"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: --language english: not a language code")
    assert result.output.count("\n") == 1


def test_every_reader_passes_the_check_and_feeds_name_the_article(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [{"title": "Nadella", "text": ENGLISH}, {"title": "TikTok", "text": GERMAN}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    items = list(read_articles([feed]))
    assert isinstance(items[0], Article)
    assert str(items[1]) == f"{feed}: article 'TikTok': language de, pipeline is en"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("March 3, 2021", "2021-03-03"),
        ("Tue, 03 Mar 2021 10:00:00 GMT", "2021-03-03"),
        ("2021-03-03T10:00:00+01:00", "2021-03-03T10:00:00+01:00"),
        ("2021-03", "2021-03"),
    ],
)
def test_dates_become_iso_8601(given, expected):
    assert parse_published(given).value == expected


def test_relative_dates_read_against_the_file_time():
    parsed = parse_published("yesterday", datetime(2024, 5, 10, 12))
    assert parsed.value == "2024-05-09"
    assert "relative date 'yesterday'" in parsed.note
    assert parse_published("3 days ago").value is None  # no file time


def test_reader_dates_iso_relative_and_unparseable(tmp_path, caplog):
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "text": ENGLISH, "published": "March 3, 2021"},
        {"id": "b", "text": ENGLISH, "published": "yesterday"},
        {"id": "c", "text": ENGLISH, "published": "soon-ish"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    stamp = datetime(2024, 5, 10, 12).timestamp()
    os.utime(feed, (stamp, stamp))
    with caplog.at_level("WARNING", logger="kgraph"):
        dates = [a.published for a in read_articles([feed], ReadOptions())]
    assert dates == ["2021-03-03", "2024-05-09", None]
    assert "unparseable date 'soon-ish' stored as null" in caplog.text


def test_export_since_drops_an_article_dated_in_words(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "old", "text": ENGLISH, "published": "March 3, 2021"},
        {
            "id": "new",
            "text": "Elon Musk is the chief executive of Tesla.",
            "published": "June 5, 2022",
        },
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    graph = tmp_path / "g.json"
    assert CliRunner().invoke(cli, ["ingest", str(feed), "--graph", str(graph)]).exit_code == 0
    out = tmp_path / "since.jsonl"
    args = ["export", "--graph", str(graph), "--out", str(out), "--since", "2022-01-01"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    names = {r["subject"]["name"] for r in records}
    assert "Elon Musk" in names
    assert "Satya Nadella" not in names


def test_cli_prints_date_warnings(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"title": "T", "text": ENGLISH, "published": "soon-ish"}) + "\n")
    for _ in range(2):  # a second run in the same process prints it again
        result = CliRunner().invoke(cli, ["extract", str(feed)])
        assert result.exit_code == 0, result.output
        assert (
            f"warning: {feed}: article 'T': unparseable date 'soon-ish' stored as null"
            in result.stderr
        )
