"""Ingestion: read articles, skip the ones already stored, extract, write in batches."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from kgraph.extract import extract_articles
from kgraph.models import Article, Reject
from kgraph.readers import read_articles
from kgraph.store.base import GraphStore

#: Articles written to the store per batch (and saved, for the local graph).
WRITE_BATCH = 64


@dataclass
class IngestReport:
    """What an ingestion run did."""

    ingested: int = 0
    skipped: int = 0
    rejected: list[Reject] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    def summary(self, entities: int, relations: int) -> str:
        return (
            f"{self.ingested} articles ingested, {self.skipped} skipped (already stored), "
            f"{len(self.rejected)} rejected; graph: {entities} entities, {relations} relations; "
            f"{self.seconds:.1f} s"
        )


def _new_articles(
    items: Iterable[Article | Reject], store: GraphStore, report: IngestReport
) -> Iterator[Article]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Reject):
            report.rejected.append(item)
        elif item.id in seen or store.has_article(item.id, item.content_hash):
            report.skipped += 1
        else:
            seen.add(item.id)
            yield item


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    nlp: Language,
    *,
    on_article: Callable[[Article], None] | None = None,
    batch_size: int = WRITE_BATCH,
) -> IngestReport:
    """Read ``paths``, extract every new article and write it to ``store``.

    Bad inputs become :class:`Reject` records in the report; the rest of the batch lands.
    """
    report = IngestReport()
    started = time.perf_counter()
    articles = _new_articles(read_articles(paths), store, report)
    batch = []
    for extraction in extract_articles(nlp, articles):
        batch.append(extraction)
        report.ingested += 1
        report.triples += len(extraction.triples)
        if on_article:
            on_article(extraction.article)
        if len(batch) >= batch_size:
            _flush(store, batch)
    _flush(store, batch)
    report.seconds = time.perf_counter() - started
    return report


def _flush(store: GraphStore, batch: list) -> None:
    if batch:
        store.write(batch)
        save = getattr(store, "save", None)
        if save:
            save()
        batch.clear()
