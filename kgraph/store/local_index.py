"""The index beside a local graph file: questions read only the part of the graph they need.

A graph file of 1 MiB or more (:data:`MIN_GRAPH_BYTES`, about a hundred articles),
``graph.json`` or ``graph.json.gz``, gets ``graph.index.sqlite``, a SQLite database
holding each entity (its id, name and aliases case-folded for lookup, its relation count),
each article's title and date, each relation with all its properties, who each reported
relation is attributed to, and the graph's counts. :func:`kgraph.store.local.write_graph`
writes it with every complete save of the graph, before it renames the new graph file into
place (and removes it when the graph is smaller).

An index names the graph file it was written with (device, inode, size, modification
time: a save always makes a new file). :func:`open_local_reader` uses it only while the
graph file is still that one; otherwise (no index, a graph saved at an ingest's
checkpoint, by an older kgraph, copied, edited by hand, or replaced between the two
renames) it reads the whole graph, as it always did. An index is never changed in place:
each is written under a temporary name and renamed over the last, so a reader that opened
one reads it whole. Deleting it loses nothing: reads get slower until the next save
(``kgraph migrate --graph FILE`` rewrites a graph file and its index).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph.store.base import ARTICLE_PREFIX, GraphStats
from kgraph.store.reader import GraphReader, MemoryReader, ranked_counts

if TYPE_CHECKING:
    import sqlite3

__all__ = ["IndexReader", "index_path", "open_local_reader", "write_index"]

#: Changes whenever the tables change; an index of another version is not used.
INDEX_VERSION = 1
#: Graph files smaller than this get no index: reading them whole takes about as long
#: as opening one (a graph file is read at about 0.1-0.2 s per MB).
MIN_GRAPH_BYTES = 1 << 20

SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE entities (id TEXT PRIMARY KEY, folded_id TEXT NOT NULL, "
    "folded_name TEXT NOT NULL, relations INTEGER NOT NULL, mentions INTEGER NOT NULL, "
    "node TEXT NOT NULL)",
    "CREATE TABLE aliases (folded TEXT NOT NULL, entity TEXT NOT NULL)",
    "CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT, published TEXT)",
    "CREATE TABLE relations (n INTEGER PRIMARY KEY, subject TEXT NOT NULL, "
    "object TEXT NOT NULL, key TEXT NOT NULL, predicate TEXT NOT NULL, relation TEXT, "
    "type TEXT NOT NULL, data TEXT NOT NULL)",
    "CREATE TABLE sources (folded TEXT NOT NULL, entity TEXT NOT NULL, relation INTEGER NOT NULL)",
)
#: Created after the rows are in (faster than keeping them up to date row by row).
INDEXES = (
    "CREATE INDEX entities_folded_name ON entities (folded_name)",
    "CREATE INDEX entities_folded_id ON entities (folded_id)",
    "CREATE INDEX entities_ranked ON entities (relations DESC, mentions DESC, id)",
    "CREATE INDEX aliases_folded ON aliases (folded)",
    "CREATE INDEX relations_subject ON relations (subject, object)",
    "CREATE INDEX relations_object ON relations (object)",
    "CREATE INDEX relations_predicate ON relations (predicate)",
    "CREATE INDEX relations_relation ON relations (relation)",
    "CREATE INDEX sources_folded ON sources (folded)",
    "CREATE INDEX sources_entity ON sources (entity)",
)


def index_path(graph_path: Path) -> Path:
    """The index of a graph file: ``graph.json`` (or ``.json.gz``) → ``graph.index.sqlite``."""
    stem = graph_path.name.removesuffix(".gz").removesuffix(".json")
    return graph_path.with_name(stem + ".index.sqlite")


def file_identity(stat: os.stat_result) -> dict[str, int]:
    """What tells one save of a graph file from another."""
    return {
        "device": stat.st_dev,
        "inode": stat.st_ino,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


def write_index(graph: nx.MultiDiGraph, graph_path: Path, written: os.stat_result) -> None:
    """Write the index of ``graph``, about to be saved as ``graph_path`` from a file whose
    status is ``written``, under a temporary name, then rename it into place.

    Reads fall back to the whole graph when the index is missing, so a failure to write
    it (a full disk, a read-only folder) only leaves the previous one, which no longer
    matches the graph file.
    """
    path = index_path(graph_path)
    if written.st_size < MIN_GRAPH_BYTES:
        path.unlink(missing_ok=True)  # a graph grown small again: no index, none stale
        return
    import sqlite3

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        return
    try:
        with sqlite3.connect(tmp) as db:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            _fill(db, graph, file_identity(written))
        db.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except (OSError, sqlite3.Error):
        Path(tmp).unlink(missing_ok=True)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fill(db: sqlite3.Connection, graph: nx.MultiDiGraph, identity: dict[str, int]) -> None:
    for statement in SCHEMA:
        db.execute(statement)
    degree: Counter[str] = Counter()
    predicates: Counter[str] = Counter()
    relations, sources = [], []
    for n, (u, v, key, data) in enumerate(_relations(graph)):
        degree[u] += 1
        degree[v] += 1
        predicates[data["predicate"]] += 1
        relations.append(
            (n, u, v, str(key), data["predicate"], data.get("relation"), data["type"], _json(data))
        )
        ids = data.get("source_ids") or [""] * len(data.get("sources") or ())
        for name, entity in zip(data.get("sources") or (), ids):
            if name or entity:
                sources.append((name.casefold(), entity, n))
    db.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?)", relations)
    db.executemany("INSERT INTO sources VALUES (?, ?, ?)", sources)
    types: Counter[str] = Counter()
    entities, aliases, articles = [], [], []
    for node, data in graph.nodes(data=True):
        if data.get("label") == "Article":
            articles.append((data["id"], data.get("title"), data.get("published")))
            continue
        types[data.get("type", "")] += 1
        if data.get("label") == "Entity":
            folded = (str(node).casefold(), data["name"].casefold())
            counts = (degree[node], data.get("mentions", 0))
            entities.append((node, *folded, *counts, _json(data)))
            aliases.extend((a.casefold(), node) for a in data.get("aliases", ()))
    db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)", entities)
    db.executemany("INSERT INTO aliases VALUES (?, ?)", aliases)
    db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", articles)
    for statement in INDEXES:
        db.execute(statement)
    stats = GraphStats(
        len(articles),
        sum(types.values()),
        sum(predicates.values()),
        ranked_counts(types.items()),
        ranked_counts(predicates.items()),
    )
    meta = {"version": INDEX_VERSION, "graph_file": identity, "stats": stats.__dict__}
    db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])


#: One encoder for every row (``json.dumps`` with options makes one per call).
_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _relations(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, Any, dict[str, Any]]]:
    for u, v, key, data in graph.edges(keys=True, data=True):
        if data.get("label") == "RELATION":
            yield u, v, key, data


def open_local_reader(graph_path: Path) -> GraphReader:
    """A reader of a local graph file: its index while it is current, else the whole
    graph read into memory (:func:`kgraph.store.local.read_graph`)."""
    reader = IndexReader.open(graph_path)
    if reader is not None:
        return reader
    from kgraph.store.local import read_graph

    return MemoryReader(read_graph(graph_path))


class IndexReader:
    """A :class:`~kgraph.store.reader.GraphReader` on the index of a graph file."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    @classmethod
    def open(cls, graph_path: Path) -> IndexReader | None:
        """The reader of ``graph_path``'s index; None when there is none, or it was not
        written with the graph file there now."""
        path = index_path(graph_path)
        if not path.exists():
            return None
        import sqlite3

        try:
            # Never changed in place (a new index is renamed over it): no locks needed.
            db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
            meta = dict(db.execute("SELECT key, value FROM meta"))
            current = file_identity(os.stat(graph_path))
        except (OSError, sqlite3.Error):
            return None
        if json.loads(meta.get("version", "0")) != INDEX_VERSION or (
            json.loads(meta.get("graph_file", "{}")) != current
        ):
            db.close()
            return None
        return cls(db)

    def __enter__(self) -> IndexReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def entities_called(self, name: str) -> nx.MultiDiGraph:
        rows = self.db.execute(
            "SELECT node FROM entities WHERE id = ? OR folded_name = ?", (name, name.casefold())
        )
        return _graph(_entity_nodes(rows))

    def entities_named(self, name: str) -> nx.MultiDiGraph:
        folded = name.casefold()
        rows = self.db.execute(
            "SELECT node FROM entities WHERE id = ? OR folded_id = ? OR instr(folded_name, ?)"
            " UNION SELECT e.node FROM aliases a JOIN entities e ON e.id = a.entity"
            " WHERE a.folded = ?",
            (name, folded, folded, folded),
        )
        return _graph(_entity_nodes(rows))

    def entity_details(self, ids: Collection[str]) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT node FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(list(ids)),),
        )
        return [json.loads(node) for (node,) in rows]

    def all_names(self) -> nx.MultiDiGraph:
        return _graph(_entity_nodes(self.db.execute("SELECT node FROM entities")))

    def around(self, entity_id: str) -> nx.MultiDiGraph:
        rows = self._relations("subject = ? OR object = ?", (entity_id, entity_id))
        return self._subgraph(rows, [entity_id])

    def predicates(self) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT predicate FROM relations ORDER BY predicate")
        return [p for (p,) in rows]

    def with_predicates(self, predicates: Collection[str]) -> nx.MultiDiGraph:
        rows = self._relations(
            "predicate IN (SELECT value FROM json_each(?))", (json.dumps(list(predicates)),)
        )
        return self._subgraph(rows)

    def with_relation(self, relation: str) -> nx.MultiDiGraph:
        rows = self._relations("relation = ? OR lower(type) = ?", (relation, relation))
        return self._subgraph(rows)

    def neighbours(
        self, ids: Collection[str], *, dated: bool = False
    ) -> Iterator[tuple[str, str, dict[str, Any]]]:
        wanted = json.dumps(list(ids))
        rows = self.db.execute(
            f"SELECT subject, object, {'data' if dated else 'NULL'} FROM relations"
            " WHERE subject IN (SELECT value FROM json_each(?1))"
            " OR object IN (SELECT value FROM json_each(?1))",
            (wanted,),
        )
        members = set(ids)
        for subject, object_, data in rows:
            props = json.loads(data) if data else {}
            if subject in members:
                yield subject, object_, props
            if object_ in members and object_ != subject:
                yield object_, subject, props

    def between(self, pairs: Collection[tuple[str, str]]) -> nx.MultiDiGraph:
        rows = []
        for a, b in pairs:
            rows += self._relations(
                "(subject = ? AND object = ?) OR (subject = ? AND object = ?)", (a, b, b, a)
            )
        return self._subgraph(rows)

    def claims(self, source: str, entity_ids: Collection[str]) -> nx.MultiDiGraph:
        rows = self._relations(
            "n IN (SELECT relation FROM sources WHERE folded = ?1 OR entity = ?2"
            " OR entity IN (SELECT value FROM json_each(?3)))",
            (source.casefold(), source, json.dumps(list(entity_ids))),
        )
        speakers = {i for *_, data in rows for i in data.get("source_ids") or () if i}
        return self._subgraph(rows, sorted(speakers))

    def stats(self) -> GraphStats:
        (stats,) = self.db.execute("SELECT value FROM meta WHERE key = 'stats'").fetchone()
        return GraphStats(**json.loads(stats))

    def most_connected(self, limit: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT node, relations FROM entities ORDER BY relations DESC, mentions DESC, id"
            " LIMIT ?",
            (int(limit),),
        )
        return [
            {
                "id": node["id"],
                "name": node["name"],
                "type": node["type"],
                "relations": relations,
                "mentions": node.get("mentions", 0),
            }
            for node, relations in ((json.loads(n), r) for n, r in rows)
        ]

    def _relations(
        self, where: str, parameters: tuple[Any, ...]
    ) -> list[tuple[str, str, str, dict[str, Any]]]:
        rows = self.db.execute(
            f"SELECT subject, object, key, data FROM relations WHERE {where} ORDER BY n",
            parameters,
        )
        return [(u, v, key, json.loads(data)) for u, v, key, data in rows]

    def _subgraph(
        self,
        relations: list[tuple[str, str, str, dict[str, Any]]],
        entity_ids: Iterable[str] = (),
    ) -> nx.MultiDiGraph:
        """The relations with their entities (and ``entity_ids``) and their articles."""
        ids = sorted({*entity_ids, *(end for u, v, *_ in relations for end in (u, v))})
        articles = sorted({a for *_, data in relations for a in data["articles"]})
        graph = _graph(
            _entity_nodes(
                self.db.execute(
                    "SELECT node FROM entities WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(ids),),
                )
            )
        )
        for article_id, title, published in self.db.execute(
            "SELECT id, title, published FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(articles),),
        ):
            graph.add_node(
                ARTICLE_PREFIX + article_id,
                label="Article",
                id=article_id,
                title=title,
                published=published,
            )
        for u, v, key, data in relations:
            graph.add_edge(u, v, key, **data)
        return graph


def _entity_nodes(rows: Iterable[tuple[str]]) -> Iterator[dict[str, Any]]:
    for (node,) in rows:
        yield json.loads(node)


def _graph(entities: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for data in entities:
        graph.add_node(data["id"], **data)
    return graph
