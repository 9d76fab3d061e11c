"""Ingestion on a Dask cluster: extraction as a map over partitions, the graph as a reduce,
the graph tables written by the tasks themselves (:class:`kgraph.scale.tables.TableFolder`).

- **Map** (:func:`extract_partition`, one task per partition of articles, on the workers):
  parse and extract each article exactly as ``kgraph extract`` does; each worker loads the
  spaCy pipeline once (:class:`PipelinePlugin`, cached in this module). The task writes
  its partition's ``articles`` and ``records`` parts (:func:`kgraph.entities.records.to_record`)
  and returns counts and rejects.
- **Reduce**: entity resolution is one task over every article-level entity of the
  records (:func:`kgraph.entities.identity.resolve_entities`, a pure function of the set, so the
  result does not depend on the partitioning); it writes no table, its result stays on a
  worker. The ``entities`` table is written from it (:func:`write_entities`); each
  partition then maps its articles onto the graph entities (:func:`apply_partition`),
  writes its ``mentions`` part and its evidence, hashed by relation into one of
  :data:`BUCKETS` bucket folders (the shuffle); each bucket task merges its relations'
  evidence in publication order, as the local store does, and writes one ``relations``
  part (:func:`merge_bucket`).

The client reads the articles (the readers' rejects keep their file and line, duplicates
and ``--strict`` behave as in a local run), sends them to the workers in partitions and
gathers counts and rejects only. A task lost with its worker is run again on another
(``retries``) and writes the same parts again, so a killed worker costs a retry.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgraph.entities.identity import LocalEntity, Overrides, Resolution, resolve_entities
from kgraph.entities.records import apply, from_record, local_entities, to_record
from kgraph.errors import KgraphError, RejectedInput
from kgraph.models import Article, Extraction, Reject, Skip
from kgraph.pipeline import IngestReport, reject_handler
from kgraph.relations import Vocabulary
from kgraph.scale.tables import PART_ROWS, RELATION_COLUMNS, SHUFFLE, TableFolder, add_records
from kgraph.store.base import entity_properties, relation_row
from kgraph.store.rows import ARTICLE_PROPS, EVIDENCE_FIELDS
from kgraph.text.boilerplate import blanked_lines

#: Articles per map task (``--partition-size``).
PARTITION_SIZE = 64
#: Relation buckets of the reduce (relations hashed by subject, object and key).
BUCKETS = 8
#: Partitions in flight per worker thread (waiting or running).
IN_FLIGHT = 4
#: Times a task is run again when its worker dies.
RETRIES = 3
#: Name of the worker plugin.
PLUGIN_NAME = "kgraph-pipeline"

#: Loaded pipelines of this process by model name (a worker's cache; see PipelinePlugin).
_PIPELINES: dict[str, Any] = {}

__all__ = [
    "PipelinePlugin",
    "connect",
    "extract_partition",
    "ingest_dask",
]


def pipeline(model: str) -> Any:
    """The spaCy pipeline ``model`` of this process, loaded on first use."""
    if model not in _PIPELINES:
        from kgraph.nlp.spacy_pipeline import load_pipeline

        _PIPELINES[model] = load_pipeline(model)
    return _PIPELINES[model]


def _plugin_class() -> type:
    from distributed import WorkerPlugin

    class _Plugin(WorkerPlugin):
        """Loads the spaCy pipeline once per worker, before its first task."""

        name = PLUGIN_NAME

        def __init__(self, model: str) -> None:
            self.model = model

        def setup(self, worker: Any) -> None:
            from kgraph.nlp.memory import reuse_heap_for_large_blocks

            reuse_heap_for_large_blocks()  # Dask workers start with MALLOC_TRIM_THRESHOLD_
            worker.kgraph_nlp = pipeline(self.model)

    return _Plugin


def PipelinePlugin(model: str) -> Any:  # noqa: N802 - a class, built lazily (Dask optional)
    """A ``distributed.WorkerPlugin`` loading ``model`` once on every worker (present and
    joining later); register it with ``client.register_plugin``."""
    return _plugin_class()(model)


@dataclass
class PartitionSummary:
    """What a map task returns to the client: counts and rejects (its tables are files)."""

    articles: int = 0
    rejects: list[Reject] = field(default_factory=list)
    triples: int = 0
    blanked: int = 0
    repaired: int = 0


def extract_partition(
    number: int,
    articles: list[Article],
    model: str,
    vocabulary: Vocabulary | None,
    folder: TableFolder,
    min_confidence: float = 0.0,
) -> PartitionSummary:
    """Parse and extract one partition of articles (a map task); write its ``articles``
    and ``records`` parts, numbered ``number``, to ``folder`` (triples below
    ``min_confidence`` left out)."""
    from kgraph.defaults import WORK_BATCH
    from kgraph.pipeline import _batches, _collector_for_long_runs, _extract_batch

    nlp = pipeline(model)
    summary = PartitionSummary()
    rows: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    with _collector_for_long_runs():  # as in a local worker: the GC skips the pipeline
        for batch in _batches(articles, WORK_BATCH):
            for item in _extract_batch(batch, nlp, vocabulary, min_confidence):
                if isinstance(item, Reject):
                    summary.rejects.append(item)
                    continue
                article = item.article
                props = {p: getattr(article, p) for p in ARTICLE_PROPS}
                rows.append({"id": article.id, **props})
                records.append({"article": article.id, "record": to_record(item)})
                summary.triples += len(item.triples)
                summary.blanked += len(blanked_lines(article.text))
                summary.repaired += article.repairs
    folder.write("articles", number, rows)
    folder.write("records", number, records)
    summary.articles = len(rows)
    return summary


def stored_extraction(row: dict[str, Any], record: str) -> Extraction:
    """The article-level extraction of an article row and its record."""
    article = Article("", row["id"], row.get("title"), row.get("published"), row.get("url"))
    return from_record(record, article)


def _extractions(folder: TableFolder, number: int) -> Iterator[Extraction]:
    """The article-level extractions of part ``number`` (its articles and records)."""
    records = {r["article"]: r["record"] for r in folder.read_number("records", number)}
    for row in folder.read_number("articles", number):
        yield stored_extraction(row, records[row["id"]])


def resolve_folder(folder: TableFolder, numbers: list[int], overrides: Overrides) -> Resolution:
    """The reduce's entity step: every article-level entity of the parts ``numbers``
    resolved (one task; the records are read part by part)."""

    def local(number: int) -> Iterator[LocalEntity]:
        for row in folder.read_number("records", number):
            yield from local_entities(from_record(row["record"], Article("", row["article"])))

    return resolve_entities((e for number in numbers for e in local(number)), overrides)


def entity_rows(resolution: Resolution) -> list[dict[str, Any]]:
    """The ``entities`` table: one row per graph entity, sorted by id."""
    rows = []
    for entity in sorted(resolution.entities.values(), key=lambda e: e.id):
        props = entity_properties(entity)
        props.pop("label")
        rows.append(props)
    return rows


def write_entities(folder: TableFolder, resolution: Resolution) -> int:
    """Write the ``entities`` table (parts of :data:`PART_ROWS`); returns its rows."""
    rows = entity_rows(resolution)
    for number, start in enumerate(range(0, max(len(rows), 1), PART_ROWS)):
        folder.write("entities", number, rows[start : start + PART_ROWS])
    return len(rows)


def apply_partition(
    folder: TableFolder, number: int, resolution: Resolution, buckets: int = BUCKETS
) -> int:
    """Map part ``number``'s articles onto the graph entities: write its ``mentions`` part
    and its evidence, by bucket, to the shuffle folder; returns its mention rows."""
    mentions: list[dict[str, Any]] = []
    evidence: list[list[dict[str, Any]]] = [[] for _ in range(buckets)]
    for extraction in _extractions(folder, number):
        resolved = apply(resolution, extraction)
        article = extraction.article.id
        for entity in resolved.entities:
            count = resolved.mention_counts.get(entity.id, 1)
            mentions.append({"article": article, "entity": entity.id, "count": count})
        for index, triple in enumerate(resolved.triples):
            row = relation_row(triple)
            row["order"] = index
            evidence[bucket_of(row, buckets)].append(row)
    mentions.sort(key=lambda m: (m["article"], m["entity"]))
    folder.write("mentions", number, mentions)
    for bucket, rows in enumerate(evidence):
        if rows:
            folder.write(_bucket_table(bucket), number, rows, schema="evidence")
    return len(mentions)


def bucket_of(row: dict[str, Any], buckets: int = BUCKETS) -> int:
    """The bucket of a relation row: a hash of its subject, object and key."""
    key = f"{row['subject']}\0{row['object']}\0{row['key']}".encode()
    return zlib.crc32(key) % buckets


def _bucket_table(bucket: int) -> str:
    return f"{SHUFFLE}/bucket-{bucket:05d}"


def merge_bucket(folder: TableFolder, bucket: int, after: Any = None) -> int:
    """Merge one bucket's evidence into relations and write them as ``relations`` part
    ``bucket``; returns its relation rows. ``after``: the tasks it waits for."""
    rows = [row for part in folder.read(_bucket_table(bucket)) for row in part]
    relations = merge_relations(rows)
    folder.write("relations", bucket, relations)
    return len(relations)


def merge_relations(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Relations (sorted by subject, object, key) from evidence rows: their evidence in
    publication order (then article id, then order in the article), deduplicated by
    article and offsets, as the local store merges it."""
    rows = sorted(rows, key=lambda r: (r["published"] or "", r["article"], r["order"]))
    relations: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        rel = relations.setdefault(
            (row["subject"], row["object"], row["key"]),
            {
                **{k: row[k] for k in RELATION_COLUMNS},
                "confidence": 0.0,
                "evidence": [],
                "_seen": set(),
            },
        )
        where = (row["article"], row["start"], row["end"])
        if where in rel["_seen"]:
            continue
        rel["_seen"].add(where)
        rel["evidence"].append({f: row[f] for f in EVIDENCE_FIELDS})
        rel["confidence"] = max(rel["confidence"], row["confidence"])
    out = []
    for key in sorted(relations):
        rel = relations[key]
        del rel["_seen"]
        rel["evidence_count"] = len(rel["evidence"])
        out.append(rel)
    return out


def connect(address: str, workers: int = 2) -> Any:
    """A ``distributed.Client``: to the scheduler at ``address``, or ``"local"`` for a
    ``LocalCluster`` of ``workers`` single-threaded processes on this machine."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise KgraphError("--dask needs Dask distributed: pip install 'kgraph[dask]'") from exc
    try:
        if address == "local":
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
            client.kgraph_cluster = cluster
            return client
        return Client(address, timeout=30)
    except OSError as exc:
        raise KgraphError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


@dataclass
class TableCounts:
    """Rows written per table by a Dask run (the tables themselves are files)."""

    articles: int = 0
    entities: int = 0
    mentions: int = 0
    relations: int = 0


def ingest_dask(
    articles: Iterable[Article | Reject],
    client: Any,
    model: str,
    folder: str | Path | TableFolder,
    *,
    overrides: Overrides | None = None,
    vocabulary: Vocabulary | None = None,
    partition_size: int = PARTITION_SIZE,
    buckets: int = BUCKETS,
    on_article: Callable[[Any], None] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    strict: bool = False,
    skip: Callable[[Article], bool] | None = None,
    reduce: bool = True,
    min_confidence: float = 0.0,
) -> tuple[IngestReport, TableCounts]:
    """Extract ``articles`` (as :func:`kgraph.readers.read_articles` yields them) on the
    cluster of ``client``; the workers write the graph tables to ``folder`` (a local path
    the workers share with this machine, or an fsspec URL). The client keeps counts and
    rejects only.

    Args:
        skip: true for an article already stored (counted as skipped, not extracted).
        strict: stop reading at the first bad input, finish the articles read before it,
            then raise :class:`RejectedInput` naming it (its ``counts``: the tables written).
        reduce: False stops after the map: only the ``articles`` and ``records`` tables
            are written, for a store that resolves the graph from them itself
            (:func:`kgraph.scale.tables.add_records`).
    """
    from distributed import as_completed

    target = TableFolder.of(folder)
    target.clear()
    report = IngestReport()
    started = time.perf_counter()
    stop: list[Reject] = []

    rejected = reject_handler(report, stop, strict=strict, on_reject=on_reject, on_skip=on_skip)

    client.register_plugin(PipelinePlugin(model), name=PLUGIN_NAME)
    # At most IN_FLIGHT partitions per worker thread wait or run: the articles' texts
    # travel with their tasks, so memory follows the window, not the corpus.
    window = IN_FLIGHT * max(sum(client.nthreads().values()), 1)
    pending = as_completed()

    def done(future: Any) -> None:
        summary: PartitionSummary = future.result()
        future.release()  # its parts are written: the scheduler may forget the task
        for reject in summary.rejects:
            rejected(reject)
        report.ingested += summary.articles
        report.triples += summary.triples
        report.blanked += summary.blanked
        report.repaired += summary.repaired
        for _ in range(summary.articles if on_article else 0):
            on_article(None)

    numbers: list[int] = []
    for number, batch in enumerate(
        _partitions(articles, partition_size, report, rejected, stop, skip)
    ):
        numbers.append(number)
        pending.add(
            client.submit(
                extract_partition, number, batch, model, vocabulary, target,
                min_confidence=min_confidence, retries=RETRIES, pure=False,
            )
        )  # fmt: skip
        while pending.count() >= window:
            done(next(pending))
    for future in pending:
        done(future)
    _check_parts(target, numbers)
    counts = (
        reduce_partitions(client, target, numbers, overrides or Overrides(), buckets)
        if reduce
        else TableCounts()
    )
    counts.articles = report.ingested
    report.seconds = time.perf_counter() - started
    if stop:
        error = RejectedInput(f"{stop[0]} (--strict stops at the first rejected input)")
        error.counts = counts
        raise error
    return report, counts


def _check_parts(folder: TableFolder, numbers: list[int]) -> None:
    """Stop if the workers wrote their parts where this machine does not see them."""
    missing = [n for n in numbers if not folder.has_part("records", n)]
    if missing:
        raise KgraphError(
            f"{len(missing)} of {len(numbers)} parts the workers wrote are not in "
            f"{folder.url}: give --out-parquet a folder or URL all workers and this "
            "machine share (s3://..., a shared filesystem)"
        )


def reduce_partitions(
    client: Any, folder: TableFolder, numbers: list[int], overrides: Overrides, buckets: int
) -> TableCounts:
    """The reduce, as tasks writing their tables: resolve entities over all parts, write
    the entities, each part's mentions and bucketed evidence, then each bucket's
    relations. The client gathers row counts."""
    counts = TableCounts()
    if not numbers:
        return counts
    resolution = client.submit(resolve_folder, folder, numbers, overrides, retries=RETRIES)
    entities = client.submit(write_entities, folder, resolution, retries=RETRIES)
    applied = [
        client.submit(apply_partition, folder, n, resolution, buckets, retries=RETRIES)
        for n in numbers
    ]
    merged = [
        client.submit(merge_bucket, folder, b, applied, retries=RETRIES) for b in range(buckets)
    ]
    counts.entities = client.gather(entities)
    counts.mentions = sum(client.gather(applied))
    counts.relations = sum(client.gather(merged))
    folder.remove_shuffle()
    return counts


def _partitions(
    items: Iterable[Article | Reject],
    size: int,
    report: IngestReport,
    rejected: Callable[[Reject], None],
    stop: list[Reject],
    skip: Callable[[Article], bool] | None,
) -> Iterator[list[Article]]:
    """New articles in partitions of ``size`` (first of each id wins, as in a local run)."""
    seen: set[str] = set()
    batch: list[Article] = []
    for item in items:
        if stop:  # --strict and a worker rejected an article
            break
        if isinstance(item, Reject):
            rejected(item)
            if stop:
                break
        elif item.id in seen or (skip and skip(item)):
            report.skipped += 1
        else:
            seen.add(item.id)
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def ingest_on_dask(
    articles: Iterable[Article | Reject],
    address: str,
    model: str,
    *,
    store: Any = None,
    out_parquet: str | Path | None = None,
    workers: int = 2,
    partition_size: int = PARTITION_SIZE,
    buckets: int = BUCKETS,
    vocabulary: Vocabulary | None = None,
    on_article: Callable[[Any], None] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    strict: bool = False,
    min_confidence: float = 0.0,
) -> tuple[IngestReport, int, int]:
    """``kgraph ingest --dask``: extract on the cluster at ``address``; the workers write
    the graph tables to ``out_parquet`` (else to a temporary folder on this machine),
    from which ``store`` gets the articles part by part (and resolves them with the
    articles it holds). Returns the report and the graph's entity and relation counts.
    """
    import tempfile

    from kgraph.entities.overrides import read_overrides

    overrides_file = getattr(store, "overrides_path", None)
    overrides = read_overrides(overrides_file) if overrides_file else Overrides()
    skip = (lambda a: store.has_article(a.id, a.content_hash)) if store is not None else None
    client = connect(address, workers)
    with tempfile.TemporaryDirectory(prefix="kgraph-tables-") as scratch:
        folder = TableFolder.of(out_parquet if out_parquet is not None else scratch)
        try:
            try:
                report, counts = ingest_dask(
                    articles,
                    client,
                    model,
                    folder,
                    overrides=overrides,
                    vocabulary=vocabulary,
                    min_confidence=min_confidence,
                    partition_size=partition_size,
                    buckets=buckets,
                    on_article=on_article,
                    on_reject=on_reject,
                    on_skip=on_skip,
                    strict=strict,
                    skip=skip,
                    # A store resolves the graph from the records with the articles it
                    # holds: the cluster's reduce only matters for tables that are kept.
                    reduce=store is None or out_parquet is not None,
                )
            finally:
                client.close()
                cluster = getattr(client, "kgraph_cluster", None)
                if cluster is not None:
                    cluster.close()
        except RejectedInput:
            # --strict: the articles read before the bad input still land, then the error.
            if store is not None:
                add_records(folder, store)
            raise
        if store is None:
            return report, counts.entities, counts.relations
        add_records(folder, store)
    stats = store.stats()
    return report, stats.entities, stats.relations
