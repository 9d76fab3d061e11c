"""Boilerplate blanking keeps BBC prose: the articles issue 24 named, and 200 more, read in
place from ``../shared/corpora/bbc`` (never copied into the project)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.models import Article
from kgraph.readers import ReadOptions, read_articles
from kgraph.text.boilerplate import blanked_lines
from tests.conftest import SHARED, missing

BBC = SHARED / "corpora" / "bbc"
#: The articles whose lines were blanked although they are prose.
NAMED = ("business/053", "tech/139", "tech/167", "politics/050", "politics/177")
#: 40 articles of each of the five sections.
SAMPLE = [
    f"{s}/{n:03d}"
    for s in ("business", "entertainment", "politics", "sport", "tech")
    for n in range(1, 41)
]


@pytest.fixture(scope="module")
def bbc():
    if not BBC.is_dir():
        missing(f"no BBC corpus at {BBC}")
    return BBC


def test_no_line_of_200_bbc_articles_is_blanked(bbc):
    paths = [str(bbc / f"{name}.txt") for name in (*SAMPLE, *NAMED)]
    articles = [a for a in read_articles(paths, ReadOptions()) if isinstance(a, Article)]
    assert len(articles) == 205
    blanked = [(a.source, b.text) for a in articles for b in blanked_lines(a.text)]
    assert blanked == []


def test_named_lines_reach_the_parser(bbc):
    paths = [str(bbc / f"{name}.txt") for name in NAMED]
    result = CliRunner().invoke(cli, ["extract", *paths, "--explain-blanks"])
    assert result.exit_code == 0, result.output
    assert "blanked:" not in result.stderr
    assert '"title": "Scots smoking ban details set out"' in result.stdout


def test_a_headline_naming_an_agency_is_the_title(bbc):
    (article,) = read_articles([str(bbc / "business" / "053.txt")], ReadOptions())
    assert article.title == "Weak dollar hits Reuters"
    assert article.text.startswith("Weak dollar hits Reuters\n")
