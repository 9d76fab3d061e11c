"""A graph made to test the questions of ``kgraph query`` (stored through the real local
store): two shortest paths between two entities, relations ranked equal, claims by name,
alias and id, event dates and undated evidence, a name with ß, an entity without relations.
"""

from __future__ import annotations

from pathlib import Path

from kgraph.models import Article, EntityRef, Extraction, Triple
from kgraph.store.local import LocalGraphStore

TONY = EntityRef.make("Tony Blair", "PERSON")
CHERIE = EntityRef.make("Cherie Blair", "PERSON")
STRASSE = EntityRef.make("Straße Werke", "ORG", aliases=("SW Group",))
NORTH = EntityRef.make("Northwind", "ORG")
SOUTH = EntityRef.make("Southwind", "ORG")
WEST = EntityRef.make("Westwind", "ORG")
FAR = EntityRef.make("Farland", "GPE")
QUIET = EntityRef.make("Quiet Holdings", "ORG")

JANUARY = Article("one", id="jan", title="Winter deals", published="2021-01-10")
MARCH = Article("two", id="mar", title="Spring talks", published="2021-03-05")
UNDATED = Article("three", id="und", title=None, published=None)


def _triple(s, p, o, article, sentence, start=0, **kw) -> Triple:
    return Triple(s, p, o, article, sentence, start, start + len(sentence), **kw)


def _extraction(article, entities, triples) -> Extraction:
    return Extraction(article, entities, {e.id: 1 + i for i, e in enumerate(entities)}, triples)


EXTRACTIONS = [
    _extraction(
        JANUARY,
        (TONY, CHERIE, NORTH, SOUTH, STRASSE, QUIET),
        (
            _triple(TONY, "advises", NORTH, JANUARY, "Tony Blair advises Northwind.", 0),
            _triple(TONY, "advises", SOUTH, JANUARY, "Tony Blair advises Southwind.", 40),
            # ranked equal: the same predicate and object, one negated
            _triple(TONY, "meets", CHERIE, JANUARY, "Tony Blair met Cherie Blair.", 80),
            _triple(TONY, "meets", CHERIE, JANUARY, "Tony did not meet Cherie.", 120, negated=True),
            _triple(
                STRASSE,
                "supplies",
                NORTH,
                JANUARY,
                "Straße Werke supplied Northwind in December, Tony Blair said.",
                160,
                modality="reported",
                source={"id": TONY.id, "name": "Tony Blair", "type": "PERSON"},
                when={"text": "in December", "start": "2020-12-01", "end": "2020-12-31"},
            ),
        ),
    ),
    _extraction(
        MARCH,
        (NORTH, SOUTH, WEST, STRASSE, CHERIE, FAR),
        (
            _triple(NORTH, "owns", WEST, MARCH, "Northwind owns Westwind.", 0, confidence=0.8),
            _triple(SOUTH, "owns", WEST, MARCH, "Southwind owns Westwind.", 30, confidence=0.8),
            _triple(
                STRASSE,
                "supplies",
                SOUTH,
                MARCH,
                "Straße Werke supplies Southwind, officials said.",
                60,
                modality="reported",
                source={"name": "officials"},
            ),
            _triple(
                CHERIE,
                "criticises",
                FAR,
                MARCH,
                "SW Group says Cherie Blair criticised Farland.",
                120,
                modality="reported",
                source={"id": STRASSE.id, "name": "SW Group", "type": "ORG"},
            ),
        ),
    ),
    _extraction(
        UNDATED,
        (WEST, FAR),
        (_triple(WEST, "based-in", FAR, UNDATED, "Westwind is based in Farland.", 0),),
    ),
]


def query_graph_file(directory: Path) -> Path:
    """Store the sample through LocalGraphStore (which writes its index); the graph file."""
    path = directory / "query-graph.json"
    with LocalGraphStore(path) as store:
        store.write(EXTRACTIONS)
    return path


#: Questions asked of every store (arguments after ``kgraph``, before the store options).
QUESTIONS = [
    ["query", "--entity", "Tony Blair"],
    ["query", "--entity", "tony blair", "--evidence", "all"],
    ["query", "--entity", "tony-blair", "--json"],
    ["query", "--entity", "blair", "--evidence", "none"],
    ["query", "--entity", "strasse werke"],
    ["query", "--entity", "SW GROUP"],
    ["query", "--entity", "wind"],
    ["query", "--entity", "Quiet Holdings"],
    ["query", "--entity", "Tony Blaire"],
    ["query", "--entity", "Zebedee"],
    ["query", "--entity", "Tony Blair", "--since", "2021-02-01"],
    ["query", "--entity", "Straße Werke", "--until", "2020-12-31", "--json"],
    ["query", "--entity", "Farland", "--since", "2000-01-01"],
    ["query", "--entity", "Northwind", "--min-confidence", "0.7"],
    ["query", "--entity", "Cherie Blair", "--min-confidence", "0.9"],
    ["query", "--predicate", "owns"],
    ["query", "--predicate", "OWNS", "--json"],
    ["query", "--predicate", "own"],
    ["query", "--predicate", "owns", "--since", "2022-01-01"],
    ["query", "--predicate", "owns", "--min-confidence", "0.9"],
    ["query", "--relation", "other"],
    ["query", "--relation", "RELATED_TO", "--json"],
    ["query", "--relation", "no-such-relation"],
    ["query", "--path", "Tony Blair", "Westwind"],
    ["query", "--path", "Cherie Blair", "Westwind", "--evidence", "all"],
    ["query", "--path", "Tony Blair", "Westwind", "--since", "2021-03-01"],
    ["query", "--path", "Tony Blair", "Quiet Holdings"],
    ["query", "--path", "Tony Blair", "Westwind", "--min-confidence", "0.7"],
    ["query", "--path", "Tony Blair", "Nobody"],
    ["query", "--source", "Tony Blair"],
    ["query", "--source", "tony-blair", "--json"],
    ["query", "--source", "sw group"],
    ["query", "--source", "OFFICIALS"],
    ["query", "--source", "Tony Blair", "--since", "2021-01-01"],
    ["query", "--source", "Nobody"],
    ["query", "--source", "Tony Blair", "--min-confidence", "0.7", "--json"],
    ["stats"],
    ["stats", "--top", "3", "--json"],
    ["entity", "Tony Blair"],
    ["entity", "sw group"],
    ["entity", "Nobody"],
]
