"""Blocking: resolving block by block gives the graph resolving everything at once gives."""

from __future__ import annotations

import pytest

from kgraph.entities.blocks import components, record_keys
from kgraph.entities.identity import LocalEntity, Overrides, resolve_block, resolve_entities
from kgraph.entities.records import local_entities
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
