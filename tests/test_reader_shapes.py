"""Shapes people have: JSON arrays and objects, .ndjson, semicolon CSV, piped input to
extract (issue 11)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.models import Article, Reject
from kgraph.readers import read_articles
from tests.conftest import EXAMPLES

NADELLA = "Satya Nadella is the chief executive of Microsoft."
MUSK = "Elon Musk is the chief executive of Tesla."


def _articles(path):
    return [a for a in read_articles([path]) if isinstance(a, Article)]


def test_json_array_of_articles(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([{"id": "a", "text": NADELLA}, {"id": "b", "text": MUSK}]))
    assert [(a.id, a.text) for a in _articles(path)] == [("a", NADELLA), ("b", MUSK)]


def test_json_array_bad_item_is_rejected_by_number(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([{"id": "a", "text": NADELLA}, {"id": "b", "body": ""}]))
    items = list(read_articles([path]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Reject) and str(items[1]) == f"{path}: item 2: empty text field"


def test_pretty_printed_json_object(tmp_path):
    path = tmp_path / "article.json"
    path.write_text(json.dumps({"title": "Nadella", "text": NADELLA}, indent=2))
    (article,) = _articles(path)
    assert (article.title, article.text) == ("Nadella", NADELLA)


def test_json_object_wrapping_a_list(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"articles": [{"text": NADELLA}, {"text": MUSK}]}, indent=1))
    assert [a.text for a in _articles(path)] == [NADELLA, MUSK]


def test_malformed_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"text": "x"},\n  {"text": \n]\n')
    (reject,) = list(read_articles([path]))
    assert isinstance(reject, Reject) and reject.line == 4 and "malformed JSON" in reject.reason


def test_json_lines_in_a_json_file_and_ndjson(tmp_path):
    lines = json.dumps({"text": NADELLA}) + "\n" + json.dumps({"text": MUSK}) + "\n"
    for name in ("feed.json", "feed.ndjson"):
        (tmp_path / name).write_text(lines)
        assert [a.text for a in _articles(tmp_path / name)] == [NADELLA, MUSK]


def test_semicolon_separated_csv(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(
        "id;title;text\n"
        f'1;Nadella;"{NADELLA} Microsoft, the software maker, agreed."\n'
        f"2;Musk;{MUSK}\n"
    )
    articles = _articles(path)
    assert [(a.id, a.title) for a in articles] == [("1", "Nadella"), ("2", "Musk")]
    assert articles[0].text.endswith("Microsoft, the software maker, agreed.")


def _triples(output: str) -> set[tuple[str, str, str]]:
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {(r["subject"]["name"], r["predicate"], r["object"]["name"]) for r in records}


def test_extract_piped_html():
    page = f"<html><body><article><p>{NADELLA}</p><p>{MUSK}</p></article></body></html>"
    result = CliRunner().invoke(cli, ["extract", "-", "--input-format", "html"], input=page)
    assert result.exit_code == 0, result.output
    assert ("Satya Nadella", "chief-executive-of", "Microsoft") in _triples(result.output)
    assert "p>" not in result.output


def test_extract_piped_jsonl():
    text = (EXAMPLES / "tiktok-microsoft.txt").read_text()
    line = json.dumps({"id": "t", "title": "TikTok", "text": text})
    result = CliRunner().invoke(cli, ["extract", "-", "--input-format", "jsonl"], input=line)
    assert result.exit_code == 0, result.output
    assert ("ByteDance", "parent-of", "TikTok") in _triples(result.output)


def test_extract_help_names_the_suffixes():
    result = CliRunner().invoke(cli, ["extract", "--help"])
    for suffix in (".txt", ".html", ".jsonl", ".ndjson", ".json", ".csv", ".gz"):
        assert suffix in result.output


def test_json_lines_in_a_json_file_with_a_bad_line(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"text": NADELLA}) + "\n{broken\n" + json.dumps({"text": MUSK}))
    items = list(read_articles([path]))
    assert [a.text for a in items if isinstance(a, Article)] == [NADELLA, MUSK]
    (reject,) = [r for r in items if isinstance(r, Reject)]
    assert reject.line == 2 and "malformed JSON" in reject.reason
