"""Text that used to disappear: real sentences through the real model (issue 11)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kgraph.cli import cli


def _triples(output: str) -> set[tuple[str, str, str]]:
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {(r["subject"]["name"], r["predicate"], r["object"]["name"]) for r in records}


def _names(output: str) -> set[str]:
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {r[side]["name"] for r in records for side in ("subject", "object")}


def test_one_line_article_without_final_period(tmp_path):
    path = tmp_path / "deal.txt"
    path.write_text(
        "Microsoft has agreed to buy the video game maker Activision Blizzard for $69bn"
    )
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert "Microsoft" in _names(result.output)


def test_headline_only_file_is_parsed(tmp_path):
    path = tmp_path / "headline.txt"
    path.write_text("Microsoft buys Activision Blizzard\n")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert any(s == "Microsoft" and "buy" in p for s, p, _ in _triples(result.output))


def test_paragraph_with_a_url_is_kept_and_the_next_one_parsed(tmp_path):
    path = tmp_path / "url.txt"
    path.write_text(
        "Microsoft completes Activision Blizzard takeover\n\n"
        "The deal was announced on the company's blog at "
        "https://blogs.microsoft.com/blog/2023/10/13/ and welcomed by investors.\n\n"
        "Satya Nadella is the chief executive of Microsoft.\n"
    )
    result = CliRunner().invoke(cli, ["extract", str(path), "--explain-blanks"])
    assert result.exit_code == 0, result.output
    assert "blanked:" not in result.output
    assert ("Satya Nadella", "chief-executive-of", "Microsoft") in _triples(result.output)


def test_explain_blanks_lists_each_line_with_its_reason(tmp_path):
    path = tmp_path / "teaser.txt"
    path.write_text(
        "Satya Nadella is the chief executive of Microsoft.\n\n"
        "Photo: Reuters\n\n"
        "High Tech\n\n"
        "More than half of the world's population is active on social media\n"
    )
    result = CliRunner().invoke(cli, ["extract", str(path), "--explain-blanks"])
    assert result.exit_code == 0, result.output
    blanked = [line for line in result.stderr.splitlines() if line.startswith("blanked:")]
    teaser = "after a section label at the end (teaser, label or tag)"
    assert blanked == [
        f"blanked: {path}:3: caption, credit or byline: Photo: Reuters",
        f"blanked: {path}:5: {teaser}: High Tech",
        f"blanked: {path}:7: {teaser}: More than half of the world's population is active "
        "on social media",
    ]


def test_ingest_counts_blanked_lines(tmp_path):
    path = tmp_path / "teaser.txt"
    path.write_text("Satya Nadella is the chief executive of Microsoft.\n\nPhoto: Reuters\n")
    result = CliRunner().invoke(
        cli, ["ingest", str(path), "--graph", str(tmp_path / "g.json"), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert " relations; 1 boilerplate lines blanked; " in result.stdout
