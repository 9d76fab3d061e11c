"""Ingestion: read articles, skip the ones already stored, extract in parallel, write.

Extraction streams: articles go to ``workers`` processes in small batches, at most a few
batches in flight, so memory does not grow with the number of articles; results come
back in input order, so a resumed run writes exactly what an uninterrupted one would.
Each article is written with its own entities; the store joins them across articles
(:mod:`kgraph.entities.identity`) at checkpoints, so the graph does not depend on article order.
The local graph is saved at checkpoints (at most every ``save_interval`` seconds) and at
the end; a run killed between checkpoints redoes the unsaved articles when re-run.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kgraph.defaults import SAVE_INTERVAL, SAVE_SPACING, WORK_BATCH
from kgraph.errors import KgraphError, RejectedInput
from kgraph.extract import extract_doc, parse_articles
from kgraph.models import Article, Extraction, Reject, Skip
from kgraph.nlp.spacy_pipeline import load_pipeline
from kgraph.readers import ReadOptions, read_articles
from kgraph.relations import Vocabulary
from kgraph.store.base import GraphStore
from kgraph.text.boilerplate import blanked_lines
from kgraph.text.language import is_language_reason

#: Articles written to the store per batch.
WRITE_BATCH = 64
#: Most characters of text in a worker batch (a budget on all of them together: the
#: old count-times-longest rule gave 11.5 BBC articles a batch, where spaCy runs ~10%
#: slower than on 16; 30,000 keeps a worker's peak below what it was).
WORK_CHARS = 30_000
#: Allocations between the garbage collector's young collections (Python's default: 700).
GC_THRESHOLD = 20_000
#: Batches in flight per worker: enough to keep every worker busy, few enough for memory.
IN_FLIGHT = 2
#: Characters of text parsed in one spaCy memory zone (see :class:`_MemoryZone`).
ZONE_CHARS = 1_000_000

__all__ = ["IngestReport", "Interrupted", "extract_stream", "ingest"]


@dataclass
class IngestReport:
    """What an ingestion run did."""

    ingested: int = 0
    #: Of the ingested: articles that replaced a stored version with other content.
    updated: int = 0
    skipped: int = 0
    #: Inputs that are no article (a WARC record of an image, an empty feed item).
    not_articles: int = 0
    rejected: int = 0
    foreign: int = 0  # of the rejected: articles not in the pipeline's language
    triples: int = 0
    blanked: int = 0  # boilerplate lines blanked in the ingested articles
    #: Runs of bytes of the ingested articles that were not UTF-8, read as Windows-1252.
    repaired: int = 0
    seconds: float = 0.0

    def summary(self, entities: int, relations: int) -> str:
        passed = f"{self.not_articles} skipped (not articles), " if self.not_articles else ""
        blanked = f"{self.blanked} boilerplate lines blanked; " if self.blanked else ""
        runs = "byte run" if self.repaired == 1 else "byte runs"
        repaired = (
            f"{self.repaired} {runs} not UTF-8 read as Windows-1252; " if self.repaired else ""
        )
        foreign = f" ({self.foreign} not in the pipeline's language)" if self.foreign else ""
        updated = f" ({self.updated} updated)" if self.updated else ""
        return (
            f"{self.ingested} articles ingested{updated}, {self.skipped} skipped (already stored), "
            f"{passed}{self.rejected} rejected{foreign}; graph: {entities} entities, "
            f"{relations} relations; {blanked}{repaired}{self.seconds:.1f} s"
        )


class Interrupted(KgraphError):
    """Ctrl-C stopped an ingestion; every article extracted before it was saved."""

    def __init__(self, report: IngestReport) -> None:
        super().__init__(
            f"interrupted: the {report.ingested} articles extracted before it are saved; "
            "run the same command again to go on (stored articles are skipped)"
        )
        self.report = report


def reject_handler(
    report: IngestReport,
    stop: list[Reject],
    *,
    strict: bool,
    on_reject: Callable[[Reject], None] | None,
    on_skip: Callable[[Reject], None] | None,
) -> Callable[[Reject], None]:
    """What to do with each reject of a run: count it (a :class:`Skip` as not an article),
    keep it in ``stop`` under ``strict``, else hand it to ``on_reject``."""

    def rejected(reject: Reject) -> None:
        if isinstance(reject, Skip):
            report.not_articles += 1
            if on_skip:
                on_skip(reject)
            return
        report.rejected += 1
        report.foreign += is_language_reason(reject.reason)
        if strict:
            stop.append(reject)
        elif on_reject:
            on_reject(reject)

    return rejected


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    model: str | Language,
    *,
    options: ReadOptions | None = None,
    workers: int = 1,
    on_article: Callable[[Article], None] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    strict: bool = False,
    batch_size: int = WRITE_BATCH,
    work_batch: int = WORK_BATCH,
    save_interval: float = SAVE_INTERVAL,
    vocabulary: Vocabulary | None = None,
    min_confidence: float = 0.0,
) -> IngestReport:
    """Read ``paths``, extract every new article and write it to ``store``.

    Args:
        model: an installed spaCy pipeline's name, or a loaded pipeline.
        workers: processes parsing and extracting; 1 works in this process.
        on_reject: called with each bad input (file, line, reason); the rest lands.
        on_skip: called with each input that is no article (counted in ``not_articles``).
        strict: stop reading at the first bad input, finish and store the articles read
            before it, then raise :class:`RejectedInput` naming it (``on_reject`` is not
            called for it).
        batch_size: articles per ``store.write``.
        work_batch: articles per batch a worker parses (spaCy's ``nlp.pipe`` batch).
        save_interval: least seconds between saves of a store that has ``save()``.
        vocabulary: the relation vocabulary (default: the shipped one).
        min_confidence: triples of lower confidence are not stored.
    """
    report = IngestReport()
    started = time.perf_counter()
    stop: list[Reject] = []

    rejected = reject_handler(report, stop, strict=strict, on_reject=on_reject, on_skip=on_skip)

    replacing: set[str] = set()
    articles = _new_articles(
        read_articles(paths, options), store, report, rejected, stop, replacing
    )
    writer = _Writer(store, batch_size, save_interval)
    interrupted = False
    stream = extract_stream(
        model,
        articles,
        workers=workers,
        batch_size=work_batch,
        vocabulary=vocabulary,
        min_confidence=min_confidence,
    )
    try:
        for item in stream:
            if isinstance(item, Reject):
                rejected(item)
                if stop:
                    break
                continue
            writer.add(item)
            report.ingested += 1
            report.updated += item.article.id in replacing
            report.triples += len(item.triples)
            report.blanked += len(blanked_lines(item.article.text))
            report.repaired += item.article.repairs
            if on_article:
                on_article(item.article)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        stream.close()  # the worker pool stops now, not when the generator is collected
        writer.flush(final=True)
    report.seconds = time.perf_counter() - started
    if interrupted:
        raise Interrupted(report)
    if stop:
        raise RejectedInput(f"{stop[0]} (--strict stops at the first rejected input)")
    return report


def _new_articles(
    items: Iterable[Article | Reject],
    store: GraphStore,
    report: IngestReport,
    rejected: Callable[[Reject], None],
    stop: list[Reject],
    replacing: set[str],
) -> Iterator[Article]:
    """The articles not stored yet, or stored with other content (their ids go to
    ``replacing``: the store replaces the stored version)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Reject):
            rejected(item)
            if stop:
                return
        elif item.id in seen or store.has_article(item.id, item.content_hash):
            report.skipped += 1
        else:
            seen.add(item.id)
            if store.stored_hash(item.id) is not None:
                replacing.add(item.id)
            yield item


class _Writer:
    """Writes extractions in batches and saves at checkpoints, and at the end."""

    def __init__(self, store: GraphStore, batch_size: int, save_interval: float) -> None:
        self.store = store
        self.batch: list[Extraction] = []
        self.batch_size = batch_size
        self.interval = save_interval
        self.last_save = time.monotonic()

    def add(self, extraction: Extraction) -> None:
        self.batch.append(extraction)
        due = time.monotonic() - self.last_save >= self.interval
        if len(self.batch) >= self.batch_size or due:
            self.flush(save=due)

    def flush(self, *, save: bool = True, final: bool = False) -> None:
        if self.batch:
            self.store.write(self.batch)
            self.batch.clear()
        if not save:
            return
        # A checkpoint of the local store skips recomputing the entities (they are when
        # the file is read, or at the end); Neo4j recomputes its entities each time.
        store_save = (
            getattr(self.store, "save" if final else "checkpoint", None)
            or getattr(self.store, "save", None)
            or getattr(self.store, "resolve", None)
        )
        if store_save:
            began = time.monotonic()
            store_save()
            self.last_save = time.monotonic()
            self.interval = max(self.interval, SAVE_SPACING * (self.last_save - began))


def extract_stream(
    model: str | Language,
    articles: Iterable[Article],
    *,
    workers: int = 1,
    batch_size: int = WORK_BATCH,
    vocabulary: Vocabulary | None = None,
    min_confidence: float = 0.0,
) -> Iterator[Extraction | Reject]:
    """Parse and extract ``articles`` in input order, in ``workers`` processes.

    An article whose extraction fails becomes a :class:`Reject` instead of stopping
    the stream. Triples below ``min_confidence`` are left out.
    """
    batches = _batches(articles, batch_size)
    if workers <= 1:
        nlp = load_pipeline(model) if isinstance(model, str) else model
        zone = _MemoryZone(nlp)
        with _collector_for_long_runs(), zone:
            for batch in batches:
                yield from _extract_batch(batch, nlp, vocabulary, min_confidence, zone)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    initargs = (model, vocabulary, min_confidence)
    with context.Pool(workers, initializer=_init_worker, initargs=initargs) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_extract_batch, (batch,)))
            if len(pending) >= IN_FLIGHT * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _batches(
    articles: Iterable[Article], size: int, budget: int = WORK_CHARS
) -> Iterator[list[Article]]:
    """Batches of at most ``size`` articles whose texts together fit ``budget`` characters.

    A worker's peak memory follows its batch, so one long article travels with few
    others: the peak then depends on the longest article, not on the corpus size.
    """
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and chars + len(article.text) > budget:
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


#: The pipeline of a worker process, loaded once by :func:`_init_worker`.
_worker_nlp: Language | None = None
#: The relation vocabulary of a worker process.
_worker_vocabulary: Vocabulary | None = None
#: The least confidence of the triples a worker process keeps.
_worker_min_confidence: float = 0.0
#: The memory zone a worker process parses in, renewed as it fills.
_worker_zone: _MemoryZone | None = None


class _MemoryZone:
    """spaCy's memory zone held over consecutive batches of up to :data:`ZONE_CHARS`
    characters of text, then ended (freeing the words and strings they added) and begun anew.

    A zone per batch kept memory flat too, but every batch then set up again each word the
    model's vocabulary lacks (names, rare words): about 5% of the parsing time. Extractions
    hold no spaCy objects, so nothing outlives its zone.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.held: ExitStack | None = None
        self.chars = 0

    def admit(self, batch: list[Article]) -> None:
        """Make room for ``batch``: end the zone first when the batch would overfill it."""
        chars = sum(len(article.text) for article in batch)
        if self.held is not None and self.chars + chars > ZONE_CHARS:
            self.close()
        if self.held is None:
            self.held = ExitStack()
            self.held.enter_context(self.nlp.memory_zone())
            self.chars = 0
        self.chars += chars

    def close(self) -> None:
        if self.held is not None:
            self.held.close()
            self.held = None

    def __enter__(self) -> _MemoryZone:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _init_worker(
    model: str | Language, vocabulary: Vocabulary | None = None, min_confidence: float = 0.0
) -> None:
    global _worker_nlp, _worker_vocabulary, _worker_min_confidence, _worker_zone
    # Ctrl-C is the parent's to handle: it stops the pool and saves what was extracted.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_nlp = load_pipeline(model) if isinstance(model, str) else model
    _worker_zone = _MemoryZone(_worker_nlp)  # for the worker's life
    _worker_vocabulary = vocabulary
    _worker_min_confidence = min_confidence
    _collector_for_long_runs().__enter__()  # for the worker's life


@contextmanager
def _collector_for_long_runs() -> Iterator[None]:
    """Keep the garbage collector off the loaded pipeline and collecting less often.

    Its full collections otherwise walk the loaded pipeline's objects again and again
    (about 4% of an ingest's time). Objects that exist now are frozen (never scanned, still freed
    by reference counting); the thresholds and the freeze are undone at the end.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _extract_batch(
    batch: list[Article],
    nlp: Language | None = None,
    vocabulary: Vocabulary | None = None,
    min_confidence: float | None = None,
    zone: _MemoryZone | None = None,
) -> list[Extraction | Reject]:
    """Parse and extract ``batch`` (a worker process's own pipeline when ``nlp`` is None).

    Strings and lexemes the batch adds are freed after it (spaCy's memory zone), so a long
    run does not grow the vocabulary: after ``zone`` fills when one is given, else at once.
    """
    if nlp is None:
        nlp, zone = _worker_nlp, _worker_zone
    vocabulary = vocabulary or _worker_vocabulary
    least = _worker_min_confidence if min_confidence is None else min_confidence
    if zone is not None:
        zone.admit(batch)
    try:
        with nlp.memory_zone() if zone is None else nullcontext():
            return [
                extract_doc(doc, art, vocabulary=vocabulary, min_confidence=least)
                for doc, art in parse_articles(nlp, batch)
            ]
    except Exception:  # one article broke the batch: find it, keep the others
        if len(batch) == 1:
            raise
    results: list[Extraction | Reject] = []
    for article in batch:
        try:
            results.extend(_extract_batch([article], nlp, vocabulary, least, zone))
        except Exception as exc:  # noqa: BLE001 - a reject, not a crash
            where = article.source or f"article {article.id}"
            results.append(Reject(path=where, reason=f"extraction failed ({exc!r})"))
    return results
