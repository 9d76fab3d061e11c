"""Time windows: a text file's Date: header, --published, and --since/--until on event dates."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.query.local import relations_over_time
from kgraph.query.timeline import evidence_dates, in_window
from kgraph.readers import ReadOptions, read_articles
from kgraph.readers.text import split_header
from kgraph.store.local import read_graph
from tests.conftest import EXAMPLES

#: Example articles with the date a header block gives them.
DATED = {"tiktok-microsoft.txt": "2020-08-02", "brexit-talks.txt": "2023-02-28"}


def dated_folder(folder):
    for name, day in DATED.items():
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        (folder / name).write_text(f"Date: {day}\n\n{text}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    folder = dated_folder(tmp_path_factory.mktemp("dated"))
    graph = folder / "graph.json"
    result = CliRunner().invoke(
        cli, ["ingest", str(folder), "--graph", str(graph), "--workers", "1", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    return graph


def test_the_header_block_gives_the_date_and_is_not_text(tmp_path):
    folder = dated_folder(tmp_path)
    articles = {a.title: a for a in read_articles([folder], ReadOptions())}
    assert sorted(a.published for a in articles.values()) == sorted(DATED.values())
    assert not any(a.text.startswith("Date:") for a in articles.values())
    assert split_header("Published: March 3, 2021\nDate: 2021-03-04\n\nText")[0] == "2021-03-04"
    assert split_header("Dateline Paris\n\nText") == (None, "Dateline Paris\n\nText")


def test_published_option_dates_only_the_undated(tmp_path):
    folder = dated_folder(tmp_path)
    (folder / "plain.txt").write_text("Microsoft bought GitHub.\n", encoding="utf-8")
    options = ReadOptions(published="August 3, 2020")
    days = {a.source.rsplit("/", 1)[1]: a.published for a in read_articles([folder], options)}
    assert days == {**DATED, "plain.txt": "2020-08-03"}


def test_evidence_dates_prefer_the_event():
    data = {
        "published": ["2020-08-02", "2020-08-02", ""],
        "whens": ["2019-01-01/2019-12-31", "", ""],
    }
    assert evidence_dates(data, 0) == ("2019-01-01", "2019-12-31")
    assert evidence_dates(data, 1) == ("2020-08-02", "2020-08-02")
    assert evidence_dates(data, 2) == ("", "")
    assert in_window("2019-01-01", "2019-12-31", "2019-06-01", "2019-06-30")
    assert not in_window("2020-08-02", "2020-08-02", None, "2020-08-01")
    assert not in_window("", "", "2000-01-01", None)
    assert in_window("", "", None, None)


def test_relations_over_time_by_event_date(graph_file):
    graph = read_graph(graph_file)
    rows = relations_over_time(graph, "Donald Trump", since="2020-07-31", until="2020-07-31")
    assert rows and {r["date"] for r in rows} == {"2020-07-31"}  # "Friday" before 2 August
    assert {r["predicate"] for r in rows} >= {"bans"}
    everything = relations_over_time(graph, "Donald Trump")
    assert len(everything) > len(rows)


def _query(graph_file, *args):
    result = CliRunner().invoke(cli, ["query", "--graph", str(graph_file), "--json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_query_since_until(graph_file):
    everything = _query(graph_file, "--entity", "TikTok")
    friday = _query(
        graph_file, "--entity", "TikTok", "--since", "2020-07-31", "--until", "2020-07-31"
    )
    assert friday and len(friday) < len(everything)
    later = CliRunner().invoke(
        cli, ["query", "--graph", str(graph_file), "--entity", "TikTok", "--since", "2024-01-01"]
    )
    assert "TikTok has no relations from 2024-01-01" in later.output
    bad = CliRunner().invoke(
        cli, ["query", "--graph", str(graph_file), "--entity", "TikTok", "--until", "soon"]
    )
    assert bad.exit_code != 0 and "--until 'soon' is not a date" in bad.output


def test_export_since_until(graph_file, tmp_path):
    out = tmp_path / "t.jsonl"
    result = CliRunner().invoke(
        cli,
        [
            "export",
            "--graph",
            str(graph_file),
            "--out",
            str(out),
            "--since",
            "2022-01-01",
            "--until",
            "2022-12-31",
        ],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    # the Brexit article of 2023 tells of a threat "last year": the only 2022 evidence
    assert records and all(r["when"]["start"] == "2022-01-01" for r in records)
    assert {r["predicate"] for r in records} == {"threatens-action-against"}
