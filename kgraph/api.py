"""kgraph in a few lines of Python: extract, ingest, read a graph, get its triples as a table.

The functions a notebook needs on top of the modules that do the work; each takes plain
values (text, paths) and returns kgraph's records or a networkx graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.defaults import DEFAULT_MODEL

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from kgraph.models import Article, Triple
    from kgraph.pipeline import IngestReport

__all__ = ["extract_triples", "ingest", "read_graph", "triples_frame"]

#: Columns of :func:`triples_frame`, one row per piece of evidence.
FRAME_COLUMNS = (
    "subject",
    "subject_type",
    "predicate",
    "object",
    "object_type",
    "modality",
    "negated",
    "confidence",
    "sentence",
    "surface",
    "article",
    "title",
    "published",
)


def extract_triples(
    text: str | Article,
    *,
    title: str | None = None,
    published: str | None = None,
    model: str = DEFAULT_MODEL,
) -> list[Triple]:
    """The triples of one article, given as text (with an optional title and date) or as
    an :class:`~kgraph.models.Article`."""
    from kgraph.extract import extract_article
    from kgraph.models import Article
    from kgraph.nlp.spacy_pipeline import load_pipeline

    article = text if isinstance(text, Article) else Article(text, title=title, published=published)
    return list(extract_article(load_pipeline(model), article).triples)


def ingest(
    paths: str | Path | Iterable[str | Path],
    graph: str | Path,
    *,
    workers: int = 1,
    model: str = DEFAULT_MODEL,
) -> IngestReport:
    """Add the articles of ``paths`` (files or folders) to the local graph file ``graph``;
    articles already in it are skipped. Rejected inputs raise nothing: see the report."""
    from kgraph.pipeline import ingest as run_ingest
    from kgraph.store.local import LocalGraphStore

    if isinstance(paths, (str, Path)):
        paths = [paths]
    with LocalGraphStore(graph) as store:
        return run_ingest([str(p) for p in paths], store, model, workers=workers)


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """A local graph file as the networkx ``MultiDiGraph`` every query and export takes."""
    from kgraph.store.local import read_graph as read

    return read(Path(path))


def triples_frame(graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The graph's triples as a pandas DataFrame, one row per piece of evidence
    (columns :data:`FRAME_COLUMNS`). Needs pandas: ``pip install 'kgraph[pandas]'``."""
    try:
        import pandas as pd
    except ImportError as exc:
        from kgraph.errors import KgraphError

        raise KgraphError("triples_frame needs pandas: pip install 'kgraph[pandas]'") from exc
    from kgraph.export.triples import triple_records

    return pd.DataFrame([_row(r) for r in triple_records(graph)], columns=list(FRAME_COLUMNS))


def _row(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "subject": record["subject"]["name"],
        "subject_type": record["subject"]["type"],
        "predicate": record["predicate"],
        "object": record["object"]["name"],
        "object_type": record["object"]["type"],
        "modality": record["modality"],
        "negated": record["negated"],
        "confidence": record["confidence"],
        "sentence": record["sentence"],
        "surface": record.get("surface", ""),
        "article": record["article"]["id"],
        "title": record["article"]["title"],
        "published": record["article"]["published"],
    }
