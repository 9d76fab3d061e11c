"""A small graph whose names and sentences carry quotes, commas, semicolons, non-ASCII
text and newlines, stored through the real local store (tests of kgraph export)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kgraph.models import Article, EntityRef, Extraction, Triple
from kgraph.store.local import LocalGraphStore, read_graph

ACME = EntityRef.make('Acme "Widgets", Inc.', "ORG", aliases=("Acme", "AW, the firm"))
JOSE = EntityRef.make("José Müller", "PERSON")
ZURICH = EntityRef.make("Zürich", "GPE")
LINE = EntityRef.make("Line\nBreak Ltd", "ORG")
OBRIEN = EntityRef.make("O'Brien, Pat", "PERSON")

OLD = Article(
    'José Müller runs Acme; "yes", really.',
    id="a1",
    title='Deal "done", finally',
    published="2020-08-01",
)
NEW = Article("Acme is based in Zürich.", id="b2", title="Zürich\nnews", published="2021-03-05")


def _triple(s, p, o, article, sentence, start, **kw) -> Triple:
    return Triple(s, p, o, article, sentence, start, start + len(sentence), **kw)


EXTRACTIONS = [
    Extraction(
        OLD,
        (ACME, JOSE, ZURICH, LINE, OBRIEN),
        {ACME.id: 3, JOSE.id: 2, ZURICH.id: 1, LINE.id: 1, OBRIEN.id: 1},
        (
            _triple(
                JOSE, "chief-executive-of", ACME, OLD, 'Müller runs "Acme"; yes.', 0, confidence=0.8
            ),
            _triple(
                ACME, "owns", LINE, OLD, "Acme may own Line\nBreak.", 40, modality="hypothetical"
            ),
            # stored as based-in (a user's vocabulary, an older graph): what the export
            # writes of a stored relation, whatever the shipped domain says of a person
            _triple(
                JOSE, "based-in", ZURICH, OLD, "Müller lives in Zürich.", 80, relation="based-in"
            ),
        ),
    ),
    Extraction(
        NEW,
        (ACME, JOSE, ZURICH),
        {ACME.id: 2, JOSE.id: 1, ZURICH.id: 2},
        (
            _triple(ACME, "based-in", ZURICH, NEW, "Acme is based in Zürich.", 0, confidence=0.9),
            _triple(
                JOSE,
                "based-in",
                ZURICH,
                NEW,
                "Müller, in Zürich, said so.",
                30,
                confidence=0.7,
                relation="based-in",
            ),
        ),
    ),
]


def sample_graph_file(directory: Path) -> Path:
    """Store the sample through LocalGraphStore; return the graph file."""
    path = directory / "sample-graph.json"
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS)
    return path


def sample_graph(directory: Path) -> nx.MultiDiGraph:
    """The sample as read back from its graph file."""
    return read_graph(sample_graph_file(directory))
