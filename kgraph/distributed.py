"""Ingestion on a Dask cluster: extraction as a map over partitions, the graph as a reduce.

- **Map** (:func:`extract_partition`, one task per partition of articles, on the workers):
  parse and extract each article exactly as ``kgraph extract`` does; each worker loads the
  spaCy pipeline once (:class:`PipelinePlugin`, cached in this module). A partition comes
  back as article rows, each article's record (:func:`kgraph.records.to_record`) and its
  rejects.
- **Reduce**: entity resolution is one task over every article-level entity
  (:func:`kgraph.identity.resolve_entities`, a pure function of the set, so the result does
  not depend on the partitioning); each partition then maps its articles onto the graph
  entities (:func:`apply_partition`) and sends its relation evidence to one of
  :data:`BUCKETS` buckets by relation key; each bucket merges the evidence of its relations
  (:func:`merge_bucket`) in publication order, as the local store does.

Articles are read on the client (the readers' rejects keep their file and line, duplicates
and ``--strict`` behave as in a local run) and travel to the workers in partitions. A task
lost with its worker is run again on another (``retries``), so a killed worker costs a retry.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kgraph.boilerplate import blanked_lines
from kgraph.errors import KgraphError, RejectedInput
from kgraph.graph_tables import GraphTables
from kgraph.identity import Overrides, Resolution, resolve_entities
from kgraph.models import Article, Extraction, Reject, Skip
from kgraph.pipeline import IngestReport, reject_handler
from kgraph.records import apply, from_record, local_entities, to_record
from kgraph.relations import Vocabulary
from kgraph.store.base import entity_properties, relation_row
from kgraph.store.rows import ARTICLE_PROPS, EVIDENCE_FIELDS

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
        from kgraph.nlp import load_pipeline

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
            worker.kgraph_nlp = pipeline(self.model)

    return _Plugin


def PipelinePlugin(model: str) -> Any:  # noqa: N802 - a class, built lazily (Dask optional)
    """A ``distributed.WorkerPlugin`` loading ``model`` once on every worker (present and
    joining later); register it with ``client.register_plugin``."""
    return _plugin_class()(model)


@dataclass
class PartitionResult:
    """What a map task returns: its articles' rows and records, in input order."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    records: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    triples: int = 0
    blanked: int = 0


def extract_partition(
    articles: list[Article], model: str, vocabulary: Vocabulary | None = None
) -> PartitionResult:
    """Parse and extract one partition of articles (a map task)."""
    from kgraph.defaults import WORK_BATCH
    from kgraph.pipeline import _batches, _extract_batch

    nlp = pipeline(model)
    result = PartitionResult()
    for batch in _batches(articles, WORK_BATCH):
        for item in _extract_batch(batch, nlp, vocabulary):
            if isinstance(item, Reject):
                result.rejects.append(item)
                continue
            article = item.article
            result.articles.append(
                {"id": article.id, **{p: getattr(article, p) for p in ARTICLE_PROPS}}
            )
            result.records.append(to_record(item))
            result.triples += len(item.triples)
            result.blanked += len(blanked_lines(article.text))
    return result


def stored_extraction(row: dict[str, Any], record: str) -> Extraction:
    """The article-level extraction of an article row and its record."""
    article = Article("", row["id"], row.get("title"), row.get("published"), row.get("url"))
    return from_record(record, article)


def resolve_partitions(parts: list[PartitionResult], overrides: Overrides) -> Resolution:
    """The reduce's entity step: every article-level entity of every partition, resolved."""
    return resolve_entities(
        (
            local
            for part in parts
            for row, record in zip(part.articles, part.records)
            for local in local_entities(stored_extraction(row, record))
        ),
        overrides,
    )


def entity_rows(resolution: Resolution) -> list[dict[str, Any]]:
    """The ``entities`` table: one row per graph entity, sorted by id."""
    rows = []
    for entity in sorted(resolution.entities.values(), key=lambda e: e.id):
        props = entity_properties(entity)
        props.pop("label")
        rows.append(props)
    return rows


@dataclass
class AppliedPartition:
    """A partition mapped onto graph entities: mention rows and bucketed evidence rows."""

    mentions: list[dict[str, Any]]
    buckets: list[list[dict[str, Any]]]


def apply_partition(part: PartitionResult, resolution: Resolution) -> AppliedPartition:
    """Map a partition's articles onto the graph entities and bucket their evidence."""
    mentions: list[dict[str, Any]] = []
    buckets: list[list[dict[str, Any]]] = [[] for _ in range(BUCKETS)]
    for row, record in zip(part.articles, part.records):
        resolved = apply(resolution, stored_extraction(row, record))
        for entity in resolved.entities:
            count = resolved.mention_counts.get(entity.id, 1)
            mentions.append({"article": row["id"], "entity": entity.id, "count": count})
        for index, triple in enumerate(resolved.triples):
            evidence = relation_row(triple)
            evidence["order"] = index
            buckets[_bucket(evidence)].append(evidence)
    return AppliedPartition(mentions, buckets)


def _bucket(row: dict[str, Any]) -> int:
    key = f"{row['subject']}\0{row['object']}\0{row['key']}".encode()
    return zlib.crc32(key) % BUCKETS


def merge_bucket(bucket: int, applied: list[AppliedPartition]) -> list[dict[str, Any]]:
    """One bucket's relations, their evidence merged in publication order (then article
    id, then order in the article) and deduplicated by article and offsets."""
    rows = [row for part in applied for row in part.buckets[bucket]]
    rows.sort(key=lambda r: (r["published"] or "", r["article"], r["order"]))
    relations: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        rel = relations.setdefault(
            (row["subject"], row["object"], row["key"]),
            {
                **{k: row[k] for k in ("subject", "object", "type", "key", "relation")},
                **{k: row[k] for k in ("predicate", "negated", "modality")},
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


def ingest_dask(
    articles: Iterable[Article | Reject],
    client: Any,
    model: str,
    *,
    overrides: Overrides | None = None,
    vocabulary: Vocabulary | None = None,
    partition_size: int = PARTITION_SIZE,
    on_article: Callable[[Any], None] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    strict: bool = False,
    skip: Callable[[Article], bool] | None = None,
) -> tuple[IngestReport, GraphTables]:
    """Extract ``articles`` (as :func:`kgraph.readers.read_articles` yields them) on the
    cluster of ``client`` and build the graph tables.

    Args:
        skip: true for an article already stored (counted as skipped, not extracted).
        strict: stop reading at the first bad input, finish the articles read before it,
            then raise :class:`RejectedInput` naming it.
    """
    from distributed import as_completed

    report = IngestReport()
    started = time.perf_counter()
    stop: list[Reject] = []

    rejected = reject_handler(report, stop, strict=strict, on_reject=on_reject, on_skip=on_skip)

    client.register_plugin(PipelinePlugin(model), name=PLUGIN_NAME)
    # At most IN_FLIGHT partitions per worker thread wait or run: the articles' texts
    # travel with their tasks, so memory follows the window, not the corpus.
    window = IN_FLIGHT * max(sum(client.nthreads().values()), 1)
    futures: list[Any] = []
    pending = as_completed()

    def done(future: Any) -> None:
        for _ in range(len(future.result().articles) if on_article else 0):
            on_article(None)

    for batch in _partitions(articles, partition_size, report, rejected, stop, skip):
        future = client.submit(
            extract_partition, batch, model, vocabulary, retries=RETRIES, pure=False
        )
        futures.append(future)
        pending.add(future)
        while pending.count() >= window:
            done(next(pending))
    for future in pending:
        done(future)
    parts: list[PartitionResult] = client.gather(futures)
    for part in parts:
        for reject in part.rejects:
            rejected(reject)
        report.ingested += len(part.articles)
        report.triples += part.triples
        report.blanked += part.blanked
    tables = reduce_partitions(client, futures, overrides or Overrides())
    report.seconds = time.perf_counter() - started
    if stop:
        error = RejectedInput(f"{stop[0]} (--strict stops at the first rejected input)")
        error.tables = tables
        raise error
    return report, tables


def reduce_partitions(client: Any, futures: list[Any], overrides: Overrides) -> GraphTables:
    """The reduce: resolve entities over all partitions, then merge relations by bucket."""
    tables = GraphTables()
    if not futures:
        return tables
    resolution = client.submit(resolve_partitions, futures, overrides, retries=RETRIES)
    entities = client.submit(entity_rows, resolution, retries=RETRIES)
    applied = [
        client.submit(apply_partition, part, resolution, retries=RETRIES) for part in futures
    ]
    buckets = [client.submit(merge_bucket, b, applied, retries=RETRIES) for b in range(BUCKETS)]
    parts = client.gather(futures)
    for part in parts:
        tables.articles.extend(part.articles)
        tables.records.extend(
            {"article": row["id"], "record": record}
            for row, record in zip(part.articles, part.records)
        )
    tables.articles.sort(key=lambda row: row["id"])
    tables.records.sort(key=lambda row: row["article"])
    tables.entities = client.gather(entities)
    tables.mentions = sorted(
        (m for part in client.gather(applied) for m in part.mentions),
        key=lambda m: (m["article"], m["entity"]),
    )
    tables.relations = sorted(
        (rel for bucket in client.gather(buckets) for rel in bucket),
        key=lambda r: (r["subject"], r["object"], r["key"]),
    )
    return tables


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
    out_parquet: Any = None,
    workers: int = 2,
    partition_size: int = PARTITION_SIZE,
    vocabulary: Vocabulary | None = None,
    on_article: Callable[[Any], None] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_skip: Callable[[Skip], None] | None = None,
    strict: bool = False,
) -> tuple[IngestReport, int, int]:
    """``kgraph ingest --dask``: extract on the cluster at ``address``, then write the graph
    tables to ``out_parquet`` and/or the articles to ``store`` (which resolves them with
    the articles it holds). Returns the report and the graph's entity and relation counts.
    """
    from kgraph.graph_tables import write_tables
    from kgraph.overrides import read_overrides

    overrides_file = getattr(store, "overrides_path", None)
    overrides = read_overrides(overrides_file) if overrides_file else Overrides()
    skip = (lambda a: store.has_article(a.id, a.content_hash)) if store is not None else None
    client = connect(address, workers)
    try:
        try:
            report, tables = ingest_dask(
                articles,
                client,
                model,
                overrides=overrides,
                vocabulary=vocabulary,
                partition_size=partition_size,
                on_article=on_article,
                on_reject=on_reject,
                on_skip=on_skip,
                strict=strict,
                skip=skip,
            )
        except RejectedInput as exc:
            # --strict: the articles read before the bad input still land, then the error.
            tables = getattr(exc, "tables", None)
            if tables is not None:
                _write_out(tables, store, out_parquet, write_tables)
            raise
    finally:
        client.close()
        cluster = getattr(client, "kgraph_cluster", None)
        if cluster is not None:
            cluster.close()
    _write_out(tables, store, out_parquet, write_tables)
    if store is not None:
        stats = store.stats()
        return report, stats.entities, stats.relations
    return report, len(tables.entities), len(tables.relations)


def _write_out(tables: GraphTables, store: Any, out_parquet: Any, write_tables) -> None:
    if out_parquet is not None:
        write_tables(tables, out_parquet)
    if store is not None:
        write_to_store(tables, store)


def write_to_store(tables: GraphTables, store: Any) -> None:
    """Add the tables' articles and records to ``store`` and resolve its graph again (the
    local graph file, or Neo4j through its batched loader)."""
    records = {row["article"]: row["record"] for row in tables.records}
    if hasattr(store, "add_records"):
        store.add_records(tables.articles, records)
        store.save()
        return
    from kgraph.graph_tables import write_neo4j_records

    write_neo4j_records(tables, store)
    store.resolve()
