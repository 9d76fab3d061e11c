"""Shared fixtures: the real spaCy pipeline and the example articles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from kgraph.nlp.spacy_pipeline import load_pipeline

# Every command of the tests keeps all triples, as the expectations were written, whatever
# cut a refit of the confidence model ships; tests of the shipped cut unset it.
os.environ.setdefault("KGRAPH_MIN_CONFIDENCE", "0")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"
#: Debian's Chromium, headless and offline, as root.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def bbc_and_example_extractions(nlp, stories: list[str]) -> list:
    """The extractions of ``stories`` (paths inside the BBC corpus, read in place) and of
    the example articles, each article's id its folder and stem; skipped without the corpus."""
    from kgraph.extract import extract_article
    from kgraph.models import Article

    bbc = SHARED / "corpora" / "bbc"
    if not bbc.is_dir():
        pytest.skip("the BBC corpus is not in ../shared")
    paths = [bbc / name for name in stories] + sorted(EXAMPLES.glob("*.txt"))
    return [
        extract_article(nlp, Article(p.read_text("latin-1"), id=f"{p.parent.name}-{p.stem}"))
        for p in paths
    ]


def missing(reason: str) -> NoReturn:
    """Skip a test whose tool or server is missing; under CI (``CI=true``) fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def types_of(nlp):
    """A function from a text to its entities' types, by name."""
    from kgraph.extract import extract_article
    from kgraph.models import Article

    def run(text: str) -> dict[str, str]:
        return {e.name: e.type for e in extract_article(nlp, Article(text)).entities}

    return run


@pytest.fixture(scope="session")
def relation_triples_of(nlp):
    """A function from a text to its triples as (subject, relation, predicate, object)."""
    from kgraph.extract import extract_article
    from kgraph.models import Article

    def run(text: str) -> set[tuple[str, str, str, str]]:
        extraction = extract_article(nlp, Article(text))
        return {
            (t.subject.name, t.relation, t.predicate, t.object.name) for t in extraction.triples
        }

    return run


@pytest.fixture(scope="session")
def stated(nlp):
    """A function from a text to its triples as (subject, predicate, object, modality)."""
    from kgraph.extract import extract_article
    from kgraph.models import Article

    def run(text: str) -> set[tuple[str, str, str, str]]:
        extraction = extract_article(nlp, Article(text))
        return {
            (t.subject.name, t.predicate, t.object.name, t.modality) for t in extraction.triples
        }

    return run


@pytest.fixture(scope="session")
def coref_links(nlp):
    """A function from a text to its coreference links as (first word, entity name)."""
    from kgraph.entities.coref import resolve_coreferences
    from kgraph.entities.mentions import resolve_mentions

    def run(text: str) -> set[tuple[str, str]]:
        doc = nlp(text)
        mentions = resolve_mentions(doc)
        return {(doc[m.start].text, m.entity.name) for m in resolve_coreferences(doc, mentions)}

    return run


@pytest.fixture(scope="session")
def tiktok_text() -> str:
    return (EXAMPLES / "tiktok-microsoft.txt").read_text(encoding="utf-8")
