"""The example article through the real model: the triples a reader expects."""

from __future__ import annotations

import pytest

from kgraph.extract import extract_article
from kgraph.models import Article


@pytest.fixture(scope="module")
def extraction(nlp, tiktok_text):
    return extract_article(nlp, Article(tiktok_text, title="TikTok"))


def _find(extraction, subject, predicate, obj):
    return [
        t
        for t in extraction.triples
        if (t.subject.name, t.predicate, t.object.name) == (subject, predicate, obj)
    ]


def test_microsoft_negotiates_to_buy_tiktok(extraction, tiktok_text):
    (triple,) = _find(extraction, "Microsoft", "negotiates-acquisition-of", "TikTok")
    assert triple.sentence.startswith("Microsoft thus confirmed on Sunday that negotiations")
    assert tiktok_text[triple.start : triple.end] == triple.sentence
    assert triple.subject.type == "ORG" and triple.object.type == "ORG"


def test_bytedance_is_parent_of_tiktok(extraction, tiktok_text):
    (triple,) = _find(extraction, "ByteDance", "parent-of", "TikTok")
    assert triple.sentence.endswith("its Chinese parent company, ByteDance.")
    assert tiktok_text[triple.start : triple.end] == triple.sentence
    assert triple.modality == "asserted" and not triple.negated


def test_title_before_name(extraction):
    (triple,) = _find(extraction, "Steven Mnuchin", "secretary-of", "US Treasury")
    assert triple.subject.type == "PERSON"


def test_denial_is_negated(extraction):
    (triple,) = _find(extraction, "TikTok", "shares-data-with", "Beijing")
    assert triple.negated and triple.modality == "denied"


def test_conditional_is_hypothetical(extraction):
    owns = _find(extraction, "Microsoft", "owns", "TikTok")
    runs = _find(extraction, "Microsoft", "runs", "TikTok")
    assert owns and runs
    assert {t.modality for t in owns + runs} == {"hypothetical"}


def test_boilerplate_yields_nothing(extraction):
    sentences = " ".join(t.sentence for t in extraction.triples)
    assert "SIPA" not in sentences
    assert "Instagram" not in sentences
    assert "High Tech" not in sentences


def test_offsets_point_at_the_evidence(extraction, tiktok_text):
    assert extraction.triples
    for triple in extraction.triples:
        assert tiktok_text[triple.start : triple.end] == triple.sentence
        assert 0 < triple.confidence <= 1


def test_entities_are_merged_within_the_article(extraction):
    names = {e.name for e in extraction.entities if e.type == "PERSON"}
    assert "Donald Trump" in names
    assert "Trump" not in names
    (trump,) = [e for e in extraction.entities if e.name == "Donald Trump"]
    assert extraction.mention_counts[trump.id] >= 2
