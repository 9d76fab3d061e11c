"""When it happened: time expressions of the evidence sentence as ISO intervals."""

from __future__ import annotations

import pytest

from kgraph.extract import extract_article
from kgraph.extract.when import interval_of
from kgraph.models import Article
from tests.conftest import EXAMPLES

#: The TikTok article's date (a Sunday).
SUNDAY = "2020-08-02"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Sunday", SUNDAY, ("2020-08-02", "2020-08-02")),
        ("Friday", SUNDAY, ("2020-07-31", "2020-07-31")),
        ("by September 15", SUNDAY, ("2020-09-15", "2020-09-15")),
        ("last year", SUNDAY, ("2019-01-01", "2019-12-31")),
        ("in 2010", SUNDAY, ("2010-01-01", "2010-12-31")),
        ("next week", SUNDAY, ("2020-08-03", "2020-08-09")),
        ("July", SUNDAY, ("2020-07-01", "2020-07-31")),
        ("January 2004", "2005-02-04T10:00:00+00:00", ("2004-01-01", "2004-01-31")),
        ("in 2010", None, ("2010-01-01", "2010-12-31")),
        ("March 3, 2021", None, ("2021-03-03", "2021-03-03")),
        ("last year", None, None),
        ("Sunday", None, None),
        ("the coming days", SUNDAY, None),
    ],
)
def test_expressions_read_against_the_published_date(text, published, expected):
    assert interval_of(text, published) == expected


def _triples(nlp, name: str, published: str | None):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    return extract_article(nlp, Article(text, published=published)).triples


def test_on_sunday_in_the_tiktok_article(nlp):
    (triple,) = [
        t for t in _triples(nlp, "tiktok-microsoft.txt", SUNDAY) if t.predicate.startswith("negot")
    ]
    assert triple.when == {"text": "Sunday", "start": SUNDAY, "end": SUNDAY}
    assert triple.to_dict()["when"] == triple.when


def test_last_year_in_the_brexit_article(nlp):
    (triple,) = [
        t for t in _triples(nlp, "brexit-talks.txt", "2023-02-28") if "threat" in t.predicate
    ]
    assert triple.when == {"text": "last year", "start": "2022-01-01", "end": "2022-12-31"}


def test_relative_expressions_need_a_published_date(nlp):
    triples = _triples(nlp, "tiktok-microsoft.txt", None)
    assert triples and all(t.when is None for t in triples)


def test_a_presupposed_relation_takes_no_date_of_its_clause(nlp):
    triples = _triples(nlp, "tiktok-microsoft.txt", SUNDAY)
    (parent,) = [t for t in triples if t.predicate == "parent-of"]
    assert parent.when is None


def test_on_friday_in_a_bbc_sentence(nlp):
    """Published on Friday 4 February 2005: "on Friday" is that day."""
    text = "Time Warner said on Friday that it now owns 8% of search-engine Google."
    triples = extract_article(nlp, Article(text, published="2005-02-04")).triples
    (owns,) = [t for t in triples if t.object.name == "Google"]
    assert owns.when == {"text": "Friday", "start": "2005-02-04", "end": "2005-02-04"}
