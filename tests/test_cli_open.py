"""``kgraph extract --open`` and ``kgraph eval carb`` through click's CliRunner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli

CARB_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "carb"


@pytest.fixture()
def runner():
    return CliRunner()


def test_extract_open_carb_format_is_tabbed(runner, tmp_path):
    sentences = tmp_path / "sentences.txt"
    sentences.write_text(
        "She wants to learn French .\n\nThe company moved to Seattle in 1986 .\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["extract", "--open", "--format", "carb", str(sentences)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "She wants to learn French .\t0.9\twants to learn\tShe\tFrench\n"
        "The company moved to Seattle in 1986 .\t0.9\tmoved to\tThe company\tSeattle\tin 1986\n"
    )


def test_extract_open_carb_tokenized_keeps_the_given_tokens(runner):
    result = runner.invoke(
        cli,
        ["extract", "--open", "--format", "carb", "--tokenized", "-"],
        input="Rockwell re-designated the MPTA as MPTA-098 .\n",
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Rockwell re-designated the MPTA as MPTA-098 .\t0.9\tre-designated\tRockwell"
        "\tthe MPTA\tas MPTA-098\n"
    )


def test_extract_tokenized_needs_carb_format(runner, tmp_path):
    result = runner.invoke(cli, ["extract", "--tokenized", str(tmp_path)])
    assert result.exit_code == 2
    assert "Error: --tokenized applies to --format carb only" in result.output


def test_extract_open_carb_reads_standard_input(runner):
    result = runner.invoke(
        cli, ["extract", "--open", "--format", "carb", "-"], input="She wants to learn French .\n"
    )
    assert result.exit_code == 0, result.output
    assert result.output == "She wants to learn French .\t0.9\twants to learn\tShe\tFrench\n"


def test_extract_carb_format_needs_open(runner, tmp_path):
    result = runner.invoke(cli, ["extract", "--format", "carb", str(tmp_path)])
    assert result.exit_code == 2
    assert "Error: --format carb lists open extractions: add --open" in result.output


def test_extract_carb_format_rejects_a_folder(runner, tmp_path):
    result = runner.invoke(cli, ["extract", "--open", "--format", "carb", str(tmp_path)])
    assert result.exit_code == 2
    assert f"'{tmp_path}' is not a file" in result.output


def test_extract_open_adds_phrase_triples(runner, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("The painting was bought by a private collector.\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", "--open", str(article)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    (passive,) = [r for r in records if r.get("pattern") == "open-passive"]
    assert passive["subject"] == {"id": None, "name": "The painting", "type": None}
    assert passive["predicate"] == "was bought by"
    assert passive["object"] == {"id": None, "name": "a private collector", "type": None}
    assert passive["sentence"] == "The painting was bought by a private collector."


@pytest.fixture()
def carb_files():
    if not CARB_DIR.is_dir():
        pytest.fail(f"CaRB reference files missing: {CARB_DIR}")
    return CARB_DIR


@pytest.mark.parametrize(
    ("system_file", "expected"),
    [
        ("dev-openie5.tsv", "precision 0.526  recall 0.406  F1 0.458  AUC 0.240\n"),
        ("dev-textacy-svo.tsv", "precision 0.708  recall 0.109  F1 0.189  AUC 0.093\n"),
    ],
)
def test_eval_carb_prints_the_official_figures(runner, carb_files, system_file, expected):
    gold = str(carb_files / "dev-gold.tsv")
    result = runner.invoke(cli, ["eval", "carb", gold, str(carb_files / system_file)])
    assert result.exit_code == 0, result.output
    assert result.output == expected


def test_eval_carb_json(runner, carb_files):
    gold, system = carb_files / "dev-gold.tsv", carb_files / "dev-openie5.tsv"
    result = runner.invoke(cli, ["eval", "carb", str(gold), str(system), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert set(figures) == {"precision", "recall", "f1", "auc", "threshold"}
    assert figures["f1"] == pytest.approx(0.458, abs=0.005)


def test_eval_carb_reports_a_bad_system_file(runner, tmp_path, carb_files):
    system = tmp_path / "system.tsv"
    system.write_text("a sentence\tnot-a-number\tverb\targ\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", "carb", str(carb_files / "dev-gold.tsv"), str(system)])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot score: {system}:1: bad confidence 'not-a-number'\n"


def test_eval_group_has_help_with_an_example(runner):
    result = runner.invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0
    assert "kgraph eval carb" in result.output
    commands = [
        line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line
    ]
    assert commands == ["carb", "dwie", "dwie-texts", "entities", "triples"]
    assert re.search(r"^  carb +Score a CaRB system file", result.output, re.MULTILINE)
