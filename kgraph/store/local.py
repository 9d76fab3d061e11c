"""The embedded default store: a networkx ``MultiDiGraph`` saved as JSON on disk.

The file is networkx node-link JSON inside a small envelope (``{"format": "kgraph",
"version": 2, "graph": ...}``), gzip-compressed when the path ends in ``.gz``. A version 1
file (written before relations had a ``relation``) is migrated when read: each relation
gets its ``relation`` from its predicate and its ``type`` from the relation. No pickle:
the file is plain data any tool can read. Saves are atomic: the graph is written to a
temporary file beside the target, flushed to disk, then renamed over it.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.entities.identity import Overrides, resolve_entities
from kgraph.entities.overrides import overrides_path, read_overrides, write_overrides
from kgraph.entities.records import apply, from_record, local_entities, to_record
from kgraph.errors import StoreError
from kgraph.models import Article, EntityRef, Extraction, Triple
from kgraph.nlp.memory import release_free_memory
from kgraph.relations import Vocabulary, relation_of, relationship_type
from kgraph.store.base import (
    ARTICLE_PREFIX,
    GraphStats,
    entity_properties,
    evidence_row,
    relation_key,
)
from kgraph.store.local_index import write_index
from kgraph.store.lock import WriterLock
from kgraph.store.reader import graph_stats

FORMAT = "kgraph"
VERSION = 2
#: node-link field names; "key" for the node key leaves "id" free as a node property.
NODE_LINK = {"edges": "links", "name": "key", "key": "edge_key"}
#: Environment variable that overrides the default graph file.
GRAPH_ENV = "KGRAPH_GRAPH"
#: Evidence lists kept on each relationship, parallel to one another.
EVIDENCE_FIELDS = (
    "articles",
    "sentences",
    "starts",
    "ends",
    "published",
    "confidences",
    "surfaces",
    "patterns",
    "sources",
    "source_ids",
    "whens",
    "when_texts",
)
#: Evidence lists a graph written by an older kgraph may lack ("" for each piece then).
OPTIONAL_EVIDENCE = ("surfaces", "patterns", "sources", "source_ids", "whens", "when_texts")


def evidence_list(data: dict[str, Any], name: str) -> list[Any]:
    """A relation's evidence list ``name``; ``""`` for each piece where it is missing
    (:data:`OPTIONAL_EVIDENCE` in a graph written before they were kept)."""
    return data.get(name) or [""] * len(data["articles"])


def default_graph_path() -> Path:
    """``$KGRAPH_GRAPH``, else ``$XDG_DATA_HOME/kgraph/graph.json`` (``~/.local/share``)."""
    if os.environ.get(GRAPH_ENV):
        return Path(os.environ[GRAPH_ENV])
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "kgraph" / "graph.json"


def read_graph(path: Path, vocabulary: Vocabulary | None = None) -> nx.MultiDiGraph:
    """Read a graph file written by :func:`write_graph` (any version; see :func:`migrate`),
    or a graph database file (:mod:`kgraph.store.sqlite`)."""
    from kgraph.store.sqlite_reader import is_database

    if is_database(Path(path)):
        from kgraph.store.sqlite import SqliteGraphStore

        with SqliteGraphStore(path) as store:
            return store.graph
    return read_envelope(path, vocabulary)[0]


def open_local_store(path: str | Path | None = None, **options: Any) -> Any:
    """The local store of ``path``: a graph database file (``.db``, ``.sqlite``,
    ``.sqlite3``, or any SQLite file: :class:`kgraph.store.sqlite.SqliteGraphStore`) or a
    JSON graph file (:class:`LocalGraphStore`); ``options`` go to the store."""
    from kgraph.store.sqlite_reader import is_database

    where = Path(path) if path else default_graph_path()
    if is_database(where):
        from kgraph.store.sqlite import SqliteGraphStore

        return SqliteGraphStore(where, **options)
    return LocalGraphStore(where, **options)


def read_envelope(
    path: Path, vocabulary: Vocabulary | None = None
) -> tuple[nx.MultiDiGraph, dict[str, str] | None]:
    """The graph of a graph file and its article-level records (None in older files).

    A file saved at an ingest's checkpoint (``"stale": true``) has its entities, mentions
    and relations recomputed from the records here.

    Raises:
        StoreError: not a kgraph graph file, or one written by a newer kgraph.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            envelope = json.load(handle)
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read graph file {path}: {exc}") from exc
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise StoreError(f"{path} is not a kgraph graph file (no 'format': 'kgraph' header)")
    version = envelope.get("version", 1)
    if not isinstance(version, int) or version > VERSION:
        raise StoreError(
            f"{path} is a version {version} graph file; this kgraph reads up to version "
            f"{VERSION} (upgrade kgraph)"
        )
    graph = nx.node_link_graph(envelope["graph"], directed=True, multigraph=True, **NODE_LINK)
    graph = nx.MultiDiGraph(graph)
    if version < 2:
        migrate(graph, vocabulary)
    records = envelope.get("records")
    if envelope.get("stale") and records is not None:  # written at an ingest's checkpoint
        graph = resolve_graph(graph, records, read_overrides(overrides_path(path)))
    return graph, records


def migrate(graph: nx.MultiDiGraph, vocabulary: Vocabulary | None = None) -> int:
    """Give every relation without a ``relation`` one from its predicate (version 1 → 2).

    Returns:
        The number of relations changed.
    """
    changed = 0
    for u, v, data in graph.edges(data=True):
        if data.get("label") != "RELATION" or data.get("relation"):
            continue
        object_type = graph.nodes[v].get("type")
        subject_type = graph.nodes[u].get("type")
        pattern = next(iter(data.get("patterns") or ()), None) or None  # first evidence's
        data["relation"] = relation_of(
            data["predicate"], pattern, object_type, vocabulary, subject_type=subject_type
        )
        data["type"] = relationship_type(data["relation"])
        changed += 1
    return changed


def write_graph(
    graph: nx.MultiDiGraph,
    path: Path,
    records: dict[str, str] | None = None,
    *,
    stale: bool = False,
) -> None:
    """Write ``graph`` (and its article-level records) to ``path`` atomically; ``stale``:
    the graph's entities do not include every record's yet (a checkpoint)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    envelope: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if stale:
        envelope["stale"] = True
    envelope["graph"] = nx.node_link_data(graph, **NODE_LINK)
    envelope["records"] = dict(sorted((records or {}).items()))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _new_file_mode())  # mkstemp's 0600 would hide it from the group
        with os.fdopen(fd, "wb") as raw:
            if path.suffix == ".gz":
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as zipped:
                    zipped.write(json.dumps(envelope, ensure_ascii=False).encode("utf-8"))
            else:
                raw.write(json.dumps(envelope, ensure_ascii=False).encode("utf-8"))
            raw.flush()
            os.fsync(raw.fileno())
        if not stale:  # the index of this very file, renamed into place before it
            write_index(graph, path, os.stat(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    """The mode ``open()`` gives a new file: 0666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class LocalGraphStore:
    """A networkx graph kept in memory and saved to ``path`` on :meth:`save`/:meth:`close`.

    Beside the graph the file keeps each article's own entities and triples (its
    *records*); the graph's entities are recomputed from all of them, and from the
    overrides file beside the graph (:mod:`kgraph.entities.overrides`), whenever articles or
    overrides change (:meth:`resolve`), so the graph does not depend on ingestion order.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        lock: bool = False,
        wait: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """Open the graph file at ``path`` (default :func:`default_graph_path`).

        Args:
            lock: take the writer's lock now (:mod:`kgraph.store.lock`); a store takes it
                anyway at its first write, and reads the file again if it changed since.
            wait: wait for another writer to finish (else fail at once).
            on_wait: told once, in a line, that this writer waits for another.
        """
        self.path = Path(path) if path else default_graph_path()
        self.overrides_path = overrides_path(self.path)
        self._wait, self._on_wait = wait, on_wait
        self._lock: WriterLock | None = None
        if lock:
            self._lock = WriterLock(self.path, wait=wait, on_wait=on_wait)
        self._load()

    def _load(self) -> None:
        if self.path.exists():
            self._read_as = _file_state(self.path)
            self._graph, records = read_envelope(self.path)
        else:
            self._read_as = None
            self._graph, records = nx.MultiDiGraph(), {}
        legacy = records is None and any(
            str(node).startswith(ARTICLE_PREFIX) for node in self._graph
        )
        #: None for a graph file written before records were kept (read-only for ingest).
        self.records: dict[str, str] | None = None if legacy else (records or {})
        self._dirty = False
        self._stale = False
        self._incomplete = False

    def _writing(self) -> None:
        """Hold the writer's lock from the first change on (reading the file again if
        another writer saved it since it was read)."""
        if self._lock is None:
            self._lock = WriterLock(self.path, wait=self._wait, on_wait=self._on_wait)
            if _file_state(self.path) != self._read_as:
                self._load()

    def __enter__(self) -> LocalGraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The resolved graph (entities recomputed first if articles were added)."""
        if self._stale:
            self.resolve()
        return self._graph

    def has_article(self, article_id: str, content_hash: str) -> bool:
        node = self._graph.nodes.get(ARTICLE_PREFIX + article_id)
        return bool(node) and node.get("content_hash") == content_hash

    def stored_hash(self, article_id: str) -> str | None:
        """The content hash article ``article_id`` is stored with; None if not stored."""
        node = self._graph.nodes.get(ARTICLE_PREFIX + article_id)
        return (node.get("content_hash") or "") if node else None

    def article_ids(self, source: str | None = None) -> list[str]:
        """Ids of the stored articles (only those read from ``source`` or a file under it)."""
        return sorted(
            data["id"]
            for node, data in self._graph.nodes(data=True)
            if str(node).startswith(ARTICLE_PREFIX) and read_from_source(data, source)
        )

    def remove(self, article_ids: list[str]) -> int:
        """Retract articles: their records and Article nodes go, and the entities,
        mentions and relations are recomputed from the articles left.

        Returns:
            The number of articles removed (ids not stored are passed over).
        """
        self._writing()
        removed = 0
        for article_id in article_ids:
            if self._graph.has_node(ARTICLE_PREFIX + article_id):
                self._graph.remove_node(ARTICLE_PREFIX + article_id)
                if self.records is not None:
                    self.records.pop(article_id, None)
                removed += 1
        if removed:
            self._stale = self._dirty = True
        return removed

    def write(self, extractions: list[Extraction]) -> None:
        self._writing()
        if self.records is None:
            raise StoreError(
                f"{self.path} was written by an older kgraph without article records; "
                "ingest into a new graph file"
            )
        for extraction in extractions:
            if self.has_article(extraction.article.id, extraction.article.content_hash):
                continue
            try:
                # A new version replaces the old one whole: its node (no property of the
                # old version stays) and its record; resolving recomputes the rest.
                if self._graph.has_node(ARTICLE_PREFIX + extraction.article.id):
                    self._graph.remove_node(ARTICLE_PREFIX + extraction.article.id)
                self._add_article(extraction.article)
                self.records[extraction.article.id] = to_record(extraction)
            except BaseException:
                # Half an article in memory (e.g. Ctrl-C mid-write) must never reach the
                # file: it would be taken as stored and never completed by a re-run.
                self._incomplete = True
                raise
            self._stale = self._dirty = True

    def add_records(self, articles: list[dict[str, Any]], records: dict[str, str]) -> int:
        """Add articles (rows of their properties, ``content_hash`` included) with their
        article-level records, as :meth:`write` adds extractions (graph-table loads).

        Returns:
            How many articles were new.
        """
        self._writing()
        if self.records is None:
            raise StoreError(
                f"{self.path} was written by an older kgraph without article records; "
                "load into a new graph file"
            )
        added = 0
        for row in articles:
            if self.has_article(row["id"], row.get("content_hash") or ""):
                continue
            props = {k: row.get(k) for k in ("title", "published", "url", "source")}
            self._graph.add_node(
                ARTICLE_PREFIX + row["id"],
                label="Article",
                id=row["id"],
                **props,
                content_hash=row.get("content_hash"),
                **({"text_kind": row["text_kind"]} if row.get("text_kind") else {}),
                **({"read_from": row["read_from"]} if row.get("read_from") else {}),
            )
            self.records[row["id"]] = records[row["id"]]
            added += 1
        if added:
            self._stale = self._dirty = True
        return added

    def resolve(self) -> None:
        """Recompute the graph's entities, mentions and relations from the records."""
        if self.records is None:
            return
        self._graph = resolve_graph(self._graph, self.records, read_overrides(self.overrides_path))
        self._stale = False
        self._dirty = True

    def entities_named(self, name: str, *, aliases: bool = False) -> list[dict[str, Any]]:
        """Entities whose id or name is ``name``, else whose name is in another case (or,
        with ``aliases``, who have it as an alias): their properties."""
        entities = [d for _, d in self.graph.nodes(data=True) if d.get("label") == "Entity"]
        found = [d for d in entities if name in (d["id"], d["name"])]
        if found:
            return found
        wanted = name.casefold()
        return [
            d
            for d in entities
            if d["name"].casefold() == wanted
            or (aliases and wanted in (a.casefold() for a in d.get("aliases", ())))
        ]

    def overrides(self) -> Overrides:
        """The merge and split corrections of the overrides file beside the graph."""
        return read_overrides(self.overrides_path)

    def set_overrides(self, overrides: Overrides) -> bool:
        """Resolve the graph with ``overrides`` and keep them in the overrides file, if that
        changes the graph; returns whether it did (nothing is written otherwise)."""
        self._writing()
        if self.records is None:
            raise StoreError(
                f"{self.path} was written by an older kgraph without article records; "
                "ingest its articles into a new graph file to correct its entities"
            )
        before = self.graph
        after = resolve_graph(before, self.records, overrides)
        if nx.utils.graphs_equal(before, after):
            return False
        write_overrides(self.overrides_path, overrides)
        self._graph = after
        self._dirty = True
        return True

    def save(self) -> None:
        """Write the graph to disk if it changed (never after an interrupted write)."""
        if self._stale:
            self.resolve()
        self.checkpoint()

    def checkpoint(self) -> None:
        """Write what changed without recomputing the entities first (cheap, for the
        checkpoints of a long ingest): a file whose entity layer lags its records says so
        (``"stale": true``), and reading it recomputes them (:func:`read_envelope`)."""
        if self._dirty and not self._incomplete:
            write_graph(self._graph, self.path, self.records, stale=self._stale)
            self._dirty = False

    def close(self) -> None:
        """Save, then release the writer's lock."""
        try:
            self.save()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def entities(self) -> Iterator[EntityRef]:
        """The stored entities."""
        for node, data in self.graph.nodes(data=True):
            if data.get("label") == "Entity":
                yield EntityRef(node, data["name"], data["type"], tuple(data.get("aliases", ())))

    def stats(self) -> GraphStats:
        return graph_stats(self.graph)

    def _add_article(self, article: Article) -> None:
        self._graph.add_node(
            ARTICLE_PREFIX + article.id,
            label="Article",
            id=article.id,
            title=article.title,
            published=article.published,
            url=article.url,
            source=article.source,
            content_hash=article.content_hash,
            **({"text_kind": article.text_kind} if article.text_kind else {}),
            **({"read_from": article.read_from} if article.read_from else {}),
        )


def _file_state(path: Path) -> tuple[int, int, int] | None:
    """What tells a graph file was saved again: inode, size, modification time."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def resolve_graph(
    graph: nx.MultiDiGraph, records: dict[str, str], overrides: Overrides
) -> nx.MultiDiGraph:
    """A graph of ``graph``'s Article nodes with the entities, mentions and relations
    recomputed from the article ``records`` and the user's ``overrides``.

    Records are parsed one at a time, twice (entities first, then triples), so memory
    holds the finished graph, not every article's extraction besides.
    """
    release_free_memory()  # the previous graph and a run's leftovers go before the new one

    def extraction(article_id: str):
        return from_record(records[article_id], _article(graph.nodes[ARTICLE_PREFIX + article_id]))

    resolution = resolve_entities(
        (
            local
            for article_id in sorted(records)
            for local in local_entities(extraction(article_id))
        ),
        overrides,
    )
    resolved = nx.MultiDiGraph()
    for node in sorted(n for n in graph if str(n).startswith(ARTICLE_PREFIX)):
        resolved.add_node(node, **graph.nodes[node])
    for entity in sorted(resolution.entities.values(), key=lambda e: e.id):
        resolved.add_node(entity.id, **entity_properties(entity))

    # Evidence in publication order (then article id): the same whatever the ingest order.
    def order(article_id: str) -> tuple[str, str]:
        return (graph.nodes[ARTICLE_PREFIX + article_id].get("published") or "", article_id)

    for article_id in sorted(records, key=order):
        applied = apply(resolution, extraction(article_id))
        for entity in applied.entities:
            count = applied.mention_counts.get(entity.id, 1)
            _add_mention(resolved, applied.article, entity, count)
        for triple in applied.triples:
            _add_relation(resolved, triple)
    return resolved


def _add_mention(graph: nx.MultiDiGraph, article: Article, entity: EntityRef, count: int) -> None:
    graph.add_edge(
        ARTICLE_PREFIX + article.id,
        entity.id,
        key="MENTIONS",
        label="MENTIONS",
        type="MENTIONS",
        count=count,
    )


def _add_relation(graph: nx.MultiDiGraph, triple: Triple) -> None:
    key = relation_key(triple)
    u, v = triple.subject.id, triple.object.id
    if not graph.has_edge(u, v, key):
        graph.add_edge(
            u,
            v,
            key=key,
            label="RELATION",
            type=relationship_type(triple.relation),
            relation=triple.relation,
            predicate=triple.predicate,
            negated=triple.negated,
            modality=triple.modality,
            confidence=0.0,
            evidence_count=0,
            **{f: [] for f in EVIDENCE_FIELDS},
        )
    _append_evidence(graph.edges[u, v, key], evidence_row(triple))


def _article(node: dict[str, Any]) -> Article:
    """The article of an Article node (its text is not kept; its id and dates are)."""
    return Article(
        "",
        node["id"],
        node.get("title"),
        node.get("published"),
        node.get("url"),
        node.get("source"),
    )


def read_from_source(article: dict[str, Any], source: str | None) -> bool:
    """True if the article (an Article node's properties) was read from ``source``: the
    file or URL it was read from, or a folder holding it (articles stored before kgraph
    kept that: their ``source``)."""
    return from_source(article.get("read_from") or article.get("source"), source)


def from_source(stored: str | None, source: str | None) -> bool:
    """True if an article read from ``stored`` comes from ``source`` (a file, or a folder
    holding it); any article when ``source`` is None."""
    if source is None:
        return True
    if not stored:
        return False
    if stored == source or "://" in stored or "://" in source:
        return stored == source or stored.startswith(source.rstrip("/") + "/")
    if Path(stored).is_relative_to(Path(source)):
        return True
    return Path(stored).resolve().is_relative_to(Path(source).resolve())


def _append_evidence(edge: dict[str, Any], row: dict[str, Any]) -> None:
    """Add one piece of evidence to a relationship unless it is already there."""
    seen = zip(edge["articles"], edge["starts"], edge["ends"])
    if (row["article"], row["start"], row["end"]) in set(seen):
        return
    for name in OPTIONAL_EVIDENCE:
        edge[name] = evidence_list(edge, name)
    for field, value in zip(
        EVIDENCE_FIELDS,
        (
            row["article"],
            row["sentence"],
            row["start"],
            row["end"],
            row["published"],
            row["confidence"],
            row.get("surface", ""),
            row.get("pattern", ""),
            row.get("source", ""),
            row.get("source_id", ""),
            row.get("when", ""),
            row.get("when_text", ""),
        ),
    ):
        edge[field].append(value)
    edge["evidence_count"] = len(edge["articles"])
    edge["confidence"] = max(edge["confidence"], row["confidence"])
