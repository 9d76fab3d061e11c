"""Blocking: resolving block by block gives the graph resolving everything at once gives."""

from __future__ import annotations

import pytest

from kgraph.entities.blocks import components, record_keys
from kgraph.entities.identity import LocalEntity, Overrides, resolve_block, resolve_entities
from kgraph.entities.records import local_entities
from kgraph.entities.summaries import resolve_summaries, summarise
from kgraph.extract import extract_article
from kgraph.models import Article
from tests.conftest import EXAMPLES, SHARED

BBC = SHARED / "corpora" / "bbc"


def _rec(article, name, type_="PERSON", aliases=()):
    return LocalEntity(article, name.lower(), name, tuple(aliases), ((type_, 1),), 1)


def test_the_rules_keys_join_what_the_rules_compare():
    gordon, brown = _rec("a1", "Gordon Brown"), _rec("a2", "Brown")
    bernie, bernard = _rec("a3", "Bernie Ebbers"), _rec("a4", "Bernard Ebbers")
    ucu = _rec("a5", "University and College Union", "ORG", ("UCU",))
    acronym = _rec("a6", "UCU", "ORG")
    place = _rec("a7", "Brown", "GPE")
    keysets = [record_keys(r) for r in (gordon, brown, bernie, bernard, ucu, acronym, place)]
    parts = components(keysets)
    assert [0, 1] in [p[:2] for p in parts]  # surname
    assert [2, 3] in parts  # nickname (same surname)
    assert [4, 5] in parts  # acronym
    assert any(0 in p and 6 in p for p in parts)  # "Brown" the place shares the name key


@pytest.fixture(scope="module")
def records(nlp):
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not in ../shared")
    paths = sorted(BBC.glob("politics/0[0-3]?.txt")) + sorted(EXAMPLES.glob("*.txt"))
    articles = [Article(p.read_text("latin-1"), id=p.parent.name + "-" + p.stem) for p in paths]
    return [r for a in articles for r in local_entities(extract_article(nlp, a))]


def test_block_by_block_equals_all_at_once_on_real_articles(records):
    overrides = Overrides(merges=(("Tony Blair", "Blair"),), splits=(("Gordon Brown", "Brown"),))
    for given in (Overrides(), overrides):
        assert resolve_entities(records, given) == resolve_block(records, given)
    assert len(components([record_keys(r) for r in records])) > len(records) // 4


def _copies(records, copies):
    """The records as if their articles were stored ``copies`` times under other ids."""
    return [
        LocalEntity(f"{r.article}~{n}", r.id, r.name, r.aliases, r.type_votes, r.mentions, r.type)
        for r in records
        for n in range(copies)
    ]


def test_summaries_resolve_as_the_records_they_stand_for(records):
    overrides = Overrides(merges=(("Tony Blair", "Blair"),), splits=(("Gordon Brown", "Brown"),))
    for given in (Overrides(), overrides):
        assert resolve_summaries(summarise(records), given) == resolve_block(records, given)
    three = _copies(records, 3)
    assert resolve_summaries(summarise(three), overrides) == resolve_block(three, overrides)


def test_a_popular_names_records_summarise_to_the_ways_it_is_written(records):
    once, ten = summarise(records), summarise(_copies(records, 10))
    assert len(once) < len(records)
    assert len(ten) == len(once)  # ten times the articles, the same signatures
    assert sum(len(s.refs) for s in ten) == 10 * len(set(records))


def test_summaries_keep_what_differs_between_alike_names():
    # "Brown" in an article that names Gordon Brown does not join by surname; elsewhere it does
    gordon = _rec("a1", "Gordon Brown")
    clashing, free = _rec("a1", "Brown"), _rec("a2", "Brown")
    # the first "Bernie Ebbers" takes the nickname join, the later ones the same name
    bernard, bernies = _rec("a3", "Bernard Ebbers"), [_rec(a, "Bernie Ebbers") for a in "bcd"]
    records = [gordon, clashing, free, bernard, *bernies, _rec("a4", "Ebbers", "PERSON")]
    summaries = summarise(records)
    assert {s.clash for s in summaries if s.record.name == "Brown"} == {True, False}
    merges = (("Ebbers", "Bernard Ebbers"),)
    for given in (Overrides(), Overrides(merges=merges)):
        expected = resolve_block(records, given)
        assert resolve_summaries(summaries, given) == expected
    reasons = {m.rule for e in expected.entities.values() for m in e.merges}
    assert {"nickname", "override"} <= reasons
