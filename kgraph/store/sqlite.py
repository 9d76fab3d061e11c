"""The graph database file: the local graph in SQLite, written block by block.

A graph file whose name ends in ``.db``, ``.sqlite`` or ``.sqlite3`` is a SQLite database
(Python's own ``sqlite3``) holding the same graph as a JSON graph file, in tables:
``articles`` (with each article's record), ``entity_records`` and ``record_keys`` (each
article-level entity with its name keys and the entity it belongs to: the key index),
``entities``, ``mentions``, ``relations`` (evidence as JSON lists) and ``overrides``.

A write costs what it touches, not the graph: it finds the blocks of the name keys it
adds or removes through the key index and rewrites only their entities, mentions and
relations (:mod:`kgraph.store.delta`), in one transaction. The database is in WAL mode:
readers see the graph before or after a write, never a part, and never wait for it. A
writer also holds the file's lock for its whole run (:mod:`kgraph.store.lock`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.entities.identity import LocalEntity, Overrides
from kgraph.entities.records import from_record
from kgraph.entities.summaries import surname_clashes
from kgraph.errors import StoreError
from kgraph.models import Article, EntityRef, Extraction
from kgraph.store.base import ARTICLE_PREFIX, GraphStats, entity_properties
from kgraph.store.delta import (
    PIECE_FIELDS,
    RELATION_FIELDS,
    GraphDelta,
    PageSize,
    RelationKey,
    StoredGroup,
    StoredRecord,
    load_new_articles,
    loaded_extraction,
    plan,
    plan_loaded,
    relation_from_pieces,
)
from kgraph.store.evidence import ClientEvidence, RelationEvidence
from kgraph.store.local import EVIDENCE_FIELDS, read_from_source
from kgraph.store.lock import WriterLock
from kgraph.store.rows import ARTICLE_PROPS
from kgraph.store.sqlite_evidence import SqliteEvidence, write_combined
from kgraph.store.sqlite_reader import SqliteReader, entity_node, relation_properties

FORMAT = "kgraph"
VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT, published TEXT, url TEXT, source TEXT,
    content_hash TEXT, text_kind TEXT, read_from TEXT, record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_read_from ON articles (read_from);
CREATE TABLE IF NOT EXISTS entity_records (
    article TEXT NOT NULL, local TEXT NOT NULL, name TEXT, aliases TEXT, type_votes TEXT,
    mentions INTEGER, type TEXT, keys TEXT, entity TEXT, entity_name TEXT, clash INTEGER,
    PRIMARY KEY (article, local)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS record_keys (
    key TEXT NOT NULL, article TEXT NOT NULL, local TEXT NOT NULL,
    PRIMARY KEY (key, article, local)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, name TEXT, type TEXT, type_votes TEXT, aliases TEXT,
    mentions INTEGER, merges TEXT);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name);
CREATE TABLE IF NOT EXISTS mentions (
    article TEXT NOT NULL, entity TEXT NOT NULL, count INTEGER,
    PRIMARY KEY (article, entity)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity);
CREATE TABLE IF NOT EXISTS relations (
    subject TEXT NOT NULL, object TEXT NOT NULL, key TEXT NOT NULL, type TEXT,
    relation TEXT, predicate TEXT, negated INTEGER, modality TEXT, confidence REAL,
    evidence_count INTEGER, evidence TEXT, PRIMARY KEY (subject, object, key));
CREATE INDEX IF NOT EXISTS relations_object ON relations (object);
CREATE TABLE IF NOT EXISTS overrides (
    position INTEGER PRIMARY KEY, kind TEXT NOT NULL, first TEXT NOT NULL,
    second TEXT NOT NULL);
"""


class SqliteGraphStore:
    """A :class:`~kgraph.store.base.GraphStore` in a SQLite graph database file.

    Args:
        lock: take the writer's lock now; a store takes it anyway at its first write.
        wait: wait for another writer to finish (else fail at once).
        on_wait: told once, in a line, that this writer waits for another.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        lock: bool = False,
        wait: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.overrides_path = self.path
        self._wait, self._on_wait = wait, on_wait
        self._lock: WriterLock | None = None
        if lock:
            self._lock = WriterLock(self.path, wait=wait, on_wait=on_wait)
        self._pending: dict[str, Extraction] = {}
        self._graph: nx.MultiDiGraph | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._check_format()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a kgraph graph database ({exc})") from exc

    def _check_format(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master")}
        if tables and "meta" not in tables:
            raise StoreError(f"{self.path} is a SQLite database, but not a kgraph graph")
        self.conn.executescript(SCHEMA)
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        if not meta:
            self.conn.execute(
                "INSERT INTO meta VALUES ('format', ?), ('version', ?)", (FORMAT, str(VERSION))
            )
        elif meta.get("format") != FORMAT or int(meta.get("version", 0)) > VERSION:
            raise StoreError(
                f"{self.path} is a version {meta.get('version')} kgraph graph database; this "
                f"kgraph reads up to version {VERSION} (upgrade kgraph)"
            )

    def __enter__(self) -> SqliteGraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # reading

    def has_article(self, article_id: str, content_hash: str) -> bool:
        return self.stored_hash(article_id) == content_hash

    def stored_hash(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return (row[0] or "") if row else None

    def article_ids(self, source: str | None = None) -> list[str]:
        rows = self.conn.execute("SELECT id, source, read_from FROM articles ORDER BY id")
        return [row["id"] for row in rows if read_from_source(dict(row), source)]

    def overrides(self) -> Overrides:
        return _Index(self.conn).overrides()

    def entities(self) -> Iterator[EntityRef]:
        for row in self.conn.execute("SELECT id, name, type, aliases FROM entities"):
            yield EntityRef(row["id"], row["name"], row["type"], tuple(json.loads(row["aliases"])))

    def entities_named(self, name: str, *, aliases: bool = False) -> list[dict[str, Any]]:
        """Entities whose id or name is ``name``, else whose name is in another case (or,
        with ``aliases``, who have it as an alias): their properties."""
        rows = self.conn.execute(
            "SELECT * FROM entities WHERE id = ? UNION SELECT * FROM entities WHERE name = ?",
            (name, name),
        ).fetchall()
        if not rows:
            alias = " OR instr(lower(aliases), lower(?))" if aliases else ""
            query = f"SELECT * FROM entities WHERE lower(name) = lower(?){alias}"
            rows = self.conn.execute(
                query, (name, json.dumps(name, ensure_ascii=False)) if aliases else (name,)
            )
        found = []
        for row in rows:
            entity = dict(row)
            for field in ("type_votes", "aliases", "merges"):
                entity[field] = json.loads(entity[field])
            found.append(entity)
        return found

    def counts(self) -> tuple[int, int, int]:
        """Articles, entities and relations."""
        return tuple(
            self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "entities", "relations")
        )

    def stats(self) -> GraphStats:
        with SqliteReader(self.path) as reader:  # the graph as last committed
            return reader.stats()

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The whole graph as networkx (the shape of a JSON graph file's)."""
        self.save()
        if self._graph is None:
            self._graph = self._read_graph()
        return self._graph

    def _read_graph(self) -> nx.MultiDiGraph:
        """The whole graph, read in one transaction (a snapshot: never a write's part)."""
        graph = nx.MultiDiGraph()
        self.conn.execute("BEGIN")
        try:
            for row in self.conn.execute(f"SELECT id, {', '.join(ARTICLE_PROPS)} FROM articles"):
                props = {p: row[p] for p in ARTICLE_PROPS if p not in ("text_kind", "read_from")}
                props.update({p: row[p] for p in ("text_kind", "read_from") if row[p]})
                graph.add_node(ARTICLE_PREFIX + row["id"], label="Article", id=row["id"], **props)
            for row in self.conn.execute("SELECT * FROM entities ORDER BY id"):
                graph.add_node(row["id"], **entity_node(row))
            for row in self.conn.execute("SELECT * FROM mentions"):
                graph.add_edge(
                    ARTICLE_PREFIX + row["article"],
                    row["entity"],
                    key="MENTIONS",
                    label="MENTIONS",
                    type="MENTIONS",
                    count=row["count"],
                )
            for row in self.conn.execute("SELECT * FROM relations"):
                graph.add_edge(
                    row["subject"], row["object"], key=row["key"], **relation_properties(row)
                )
        finally:
            self.conn.execute("COMMIT")
        return graph

    # writing

    def _writing(self) -> None:
        if self._lock is None:
            self._lock = WriterLock(self.path, wait=self._wait, on_wait=self._on_wait)

    def write(self, extractions: list[Extraction]) -> None:
        """Keep new articles for the next :meth:`save` (one transaction)."""
        self._writing()
        for extraction in extractions:
            article = extraction.article
            if article.id not in self._pending and not self.has_article(
                article.id, article.content_hash
            ):
                self._pending[article.id] = extraction

    def save(self) -> GraphDelta | None:
        """Write the pending articles in one transaction."""
        if not self._pending:
            return None
        added = list(self._pending.values())
        delta = self._transaction(lambda index: plan(index, added=added))
        self._pending.clear()
        return delta

    checkpoint = save
    resolve = save

    def remove(self, article_ids: list[str]) -> int:
        self._writing()
        ids = list(article_ids)
        return len(self._transaction(lambda index: plan(index, removed=ids)).removed_articles)

    def add_records(self, articles: list[dict[str, Any]], records: dict[str, str]) -> int:
        """Add articles (rows of their properties) with their article-level records, in
        transactions of :data:`~kgraph.store.delta.LOAD_ARTICLES`; returns how many were new."""
        self._writing()
        if not self.stats().articles:  # an empty graph: one resolution of everything
            batch = [(loaded_extraction(row, records[row["id"]]), row) for row in articles]
            return len(self._transaction(lambda index: plan_loaded(index, batch)).articles)
        return load_new_articles(articles, records, self.has_article, self._transaction)

    def set_overrides(self, overrides: Overrides) -> bool:
        """Resolve the graph with ``overrides`` and keep them, if that changes the graph;
        returns whether it did (the transaction is rolled back otherwise)."""
        self._writing()

        def planned(index: _Index) -> GraphDelta:
            delta = plan(index, overrides=overrides)
            return delta if delta.changes_graph() else _unchanged()

        return self._transaction(planned) is not None

    def _transaction(self, planner: Callable[[Any], GraphDelta | None]) -> GraphDelta | None:
        self._graph = None
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            add_surname_clashes(self.conn)
            delta = planner(_Index(self.conn))
            if delta is None:
                self.conn.execute("ROLLBACK")
                return None
            _apply(self.conn, delta)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return delta

    def close(self) -> None:
        try:
            if getattr(self, "conn", None) is not None:
                self.save()
                self.conn.close()
                self.conn = None
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None


def _unchanged() -> None:
    return None


def add_surname_clashes(conn: sqlite3.Connection) -> int:
    """Give the entity records written without their surname clash (by a kgraph before
    records kept it) the ``clash`` column, computed from each article's records, inside
    the caller's write transaction. A partial index finds them at once (none: nothing to
    do). Returns how many articles it gave it."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(entity_records)")}
    if "clash" not in columns:
        conn.execute("ALTER TABLE entity_records ADD COLUMN clash INTEGER")
    conn.execute(
        "CREATE INDEX IF NOT EXISTS entity_records_without_clash ON entity_records (article) "
        "WHERE clash IS NULL"
    )
    articles = [
        row[0]
        for row in conn.execute("SELECT DISTINCT article FROM entity_records WHERE clash IS NULL")
    ]
    for start in range(0, len(articles), 500):
        chunk = articles[start : start + 500]
        rows = conn.execute(
            "SELECT article, local, name, type FROM entity_records "
            f"WHERE article IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        records = [LocalEntity(a, local, name, type=t or "") for a, local, name, t in rows]
        conn.executemany(
            "UPDATE entity_records SET clash = ? WHERE article = ? AND local = ?",
            [(int(c), r.article, r.id) for r, c in zip(records, surname_clashes(records))],
        )
    return len(articles)


class _Index:
    """The key index of a graph database (a :class:`kgraph.store.delta.StoreIndex`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _many(self, query: str, values: list, after: list | None = None) -> list[sqlite3.Row]:
        """The rows of ``query`` for ``values`` (its ``{marks}``) 500 at a time, each run
        given the ``after`` values too."""
        out: list[sqlite3.Row] = []
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            params = [*chunk, *(after or [])]
            out.extend(self.conn.execute(query.format(marks=marks), params).fetchall())
        return out

    def stored_articles(self, article_ids: list[str]) -> dict[str, str]:
        rows = self._many(
            "SELECT id, content_hash FROM articles WHERE id IN ({marks})", article_ids
        )
        return {r["id"]: r["content_hash"] or "" for r in rows}

    def groups_with_keys(self, keys: list[str], excluding: list[str]) -> list[StoredGroup]:
        """The groups of the records having any of ``keys`` (500 keys a query). A record is
        read once per key of the query it has, never gathered into a set first (SQLite
        would hold that set in memory, growing with the blocks' records): the records of
        one group all have the same keys, so each row's ``count`` and ``mentions`` are
        divided by how many of the query's keys its group has."""
        out = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = self.conn.execute(
                "SELECT name, aliases, type_votes, type, clash, keys, entity, entity_name, "
                "min(r.article || char(9) || r.local) AS first, count(*) AS count, "
                "sum(mentions) AS mentions FROM record_keys k JOIN entity_records r "
                "ON r.article = k.article AND r.local = k.local "
                f"WHERE k.key IN ({', '.join('?' * len(chunk))}) "
                "AND r.article NOT IN (SELECT value FROM json_each(?)) "
                "GROUP BY name, aliases, type_votes, type, clash, keys, entity, entity_name",
                [*chunk, json.dumps(excluding)],
            )
            asked = set(chunk)
            for row in rows:
                data = _lists(dict(row))
                times = len(asked.intersection(data["keys"]))
                data["count"], data["mentions"] = data["count"] // times, data["mentions"] // times
                out.append(StoredGroup.from_row(data))
        return out

    def articles_of_groups(
        self, groups: list[StoredGroup], excluding: list[str], page: PageSize
    ) -> Iterator[list[str]]:
        """The ids gathered in a temporary table (``temp.touched_articles``), read back a
        page at a time in order."""
        self.conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS touched_articles (article TEXT PRIMARY KEY) "
            "WITHOUT ROWID"
        )
        self.conn.execute("DELETE FROM temp.touched_articles")
        for group in groups:
            self._records_of_group(
                group, excluding, "r.article", into="INSERT OR IGNORE INTO temp.touched_articles "
            )
        return self._touched_pages(page)

    def _touched_pages(self, page: PageSize) -> Iterator[list[str]]:
        after = ""
        while ids := page.cut(
            self.conn.execute(
                "SELECT t.article, length(a.record), (SELECT count(*) FROM entity_records r "
                "WHERE r.article = t.article) FROM temp.touched_articles t "
                "LEFT JOIN articles a ON a.id = t.article WHERE t.article > ? "
                "ORDER BY t.article LIMIT ?",
                (after, page.articles),
            ).fetchall()
        ):
            yield ids
            after = ids[-1]
        self.conn.execute("DELETE FROM temp.touched_articles")

    def _records_of_group(
        self, group: StoredGroup, excluding: list[str], columns: str, into: str = ""
    ) -> sqlite3.Cursor:
        """The ``columns`` of the records of ``group`` (alike in every field) but those of
        the ``excluding`` articles, found through its name key (``into``: an ``INSERT``
        clause the rows go to instead)."""
        row = group.row()
        for name in _RECORD_LISTS:
            row[name] = "\t".join(row[name])
        return self.conn.execute(
            f"{into}SELECT {columns} FROM record_keys k JOIN entity_records r "
            "ON r.article = k.article AND r.local = k.local WHERE k.key = ? "
            "AND r.name = ? AND r.aliases = ? AND r.type_votes = ? "
            "AND coalesce(r.type, '') = ? AND r.clash = ? AND r.keys = ? "
            "AND coalesce(r.entity, '') = ? AND coalesce(r.entity_name, '') = ? "
            "AND r.article NOT IN (SELECT value FROM json_each(?))",
            (
                *(row[f] for f in ("key", "name", "aliases", "type_votes", "type")),
                int(row["clash"]),
                *(row[f] for f in ("keys", "entity", "entity_name")),
                json.dumps(excluding),
            ),
        )

    def apply_piece(self, piece: GraphDelta) -> bool:
        """Apply part of the write in its transaction (later reads of it see the piece)."""
        _apply(self.conn, piece)
        return True

    def records_of(self, article_ids: list[str]) -> list[StoredRecord]:
        rows = self._many("SELECT * FROM entity_records WHERE article IN ({marks})", article_ids)
        return [_record(r) for r in rows]

    def extractions(self, article_ids: list[str]) -> dict[str, Extraction]:
        rows = self._many(
            "SELECT id, title, published, url, source, record FROM articles WHERE id IN ({marks})",
            article_ids,
        )
        return {
            r["id"]: from_record(
                r["record"], Article("", r["id"], r["title"], r["published"], r["url"], r["source"])
            )
            for r in rows
        }

    def entity_maps(self, article_ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
        """Read row by row (the rows are not gathered first)."""
        out: dict[str, dict[str, tuple[str, str]]] = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            rows = self.conn.execute(
                "SELECT article, local, entity, entity_name FROM entity_records "
                f"WHERE article IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for article, local, entity, name in rows:
                out.setdefault(article, {})[local] = (entity or "", name or "")
        return out

    def group_refs_in(
        self, groups: list[StoredGroup], article_ids: list[str]
    ) -> list[tuple[int, str, str]]:
        """One query: the groups as a JSON list of their fields, matched on every one."""
        fields = []
        for group in groups:
            row = group.row()
            fields.append(
                [
                    *("\t".join(row[f]) if f in _RECORD_LISTS else row[f] for f in _GROUP_FIELDS),
                    int(row["clash"]),
                ]
            )
        rows = self.conn.execute(
            "WITH g AS MATERIALIZED (SELECT key AS n, "
            + ", ".join(
                f"json_extract(value, '$[{i}]') AS {f}" for i, f in enumerate(_GROUP_FIELDS)
            )
            + f", json_extract(value, '$[{len(_GROUP_FIELDS)}]') AS clash FROM json_each(?)) "
            "SELECT g.n, r.article, r.local FROM entity_records r JOIN g "
            "ON r.name = g.name AND r.aliases = g.aliases AND r.type_votes = g.type_votes "
            "AND coalesce(r.type, '') = g.type AND r.clash = g.clash AND r.keys = g.keys "
            "AND coalesce(r.entity, '') = g.entity AND coalesce(r.entity_name, '') = g.entity_name "
            "WHERE r.article IN (SELECT value FROM json_each(?))",
            (json.dumps(fields), json.dumps(article_ids)),
        )
        return [(n, article, local) for n, article, local in rows]

    def article_records(self, article_ids: list[str]) -> Iterator[tuple[str, str]]:
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT id, record FROM articles WHERE id IN ({marks})"
            for row in self.conn.execute(query, chunk):
                yield row["id"], row["record"]

    def evidence(self) -> RelationEvidence:
        """Combined in SQLite; in the client when no relation is stored (a first load: no
        stored evidence to keep, and the new pieces are the client's already)."""
        if self.conn.execute("SELECT 1 FROM relations LIMIT 1").fetchone() is None:
            return ClientEvidence(self.relations, relation_from_pieces)
        return SqliteEvidence(self.conn)

    def relations(self, keys: list[RelationKey]) -> dict[RelationKey, dict[str, Any]]:
        out = {}
        for subject, obj, key in keys:
            row = self.conn.execute(
                "SELECT * FROM relations WHERE subject = ? AND object = ? AND key = ?",
                (subject, obj, key),
            ).fetchone()
            if row is None:
                continue
            lists = json.loads(row["evidence"])
            columns = [lists[name] for name in EVIDENCE_FIELDS]
            relation = {f: row[f] for f in RELATION_FIELDS}
            relation["negated"] = bool(relation["negated"])
            relation["evidence"] = [dict(zip(PIECE_FIELDS, values)) for values in zip(*columns)]
            out[subject, obj, key] = relation
        return out

    def overrides(self) -> Overrides:
        rows = self.conn.execute("SELECT kind, first, second FROM overrides ORDER BY position")
        merges, splits = [], []
        for row in rows:
            (merges if row["kind"] == "merge" else splits).append((row["first"], row["second"]))
        return Overrides(tuple(merges), tuple(splits))


#: The lists of an entity record, kept as tab-separated text (names hold no tabs).
_RECORD_LISTS = ("aliases", "type_votes", "keys")
#: The text fields a group's records share (:meth:`_Index.group_refs_in`), its clash aside.
_GROUP_FIELDS = ("name", "aliases", "type_votes", "type", "keys", "entity", "entity_name")


def _lists(data: dict[str, Any]) -> dict[str, Any]:
    for name in _RECORD_LISTS:
        data[name] = data[name].split("\t") if data[name] else []
    return data


def _record(row: sqlite3.Row) -> StoredRecord:
    return StoredRecord.from_row(_lists(dict(row)))


def _apply(conn: sqlite3.Connection, delta: GraphDelta) -> None:
    """Rewrite what ``delta`` changes, inside the caller's transaction."""
    gone = delta.removed_articles
    conn.executemany(
        "DELETE FROM relations WHERE subject = ? AND object = ? AND key = ?",
        [
            *delta.removed_relations,
            *((r["subject"], r["object"], r["key"]) for r in delta.relations),
        ],
    )
    conn.executemany(
        "DELETE FROM mentions WHERE article = ?", [(a,) for a in {*delta.remapped_articles, *gone}]
    )
    conn.executemany(
        "DELETE FROM mentions WHERE article = ? AND entity = ?", delta.dropped_mentions
    )
    for table in ("articles",):
        conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(a,) for a in gone])
    conn.executemany("DELETE FROM entity_records WHERE article = ?", [(a,) for a in gone])
    conn.executemany(  # by the whole key: record_keys has no index on article
        "DELETE FROM record_keys WHERE key = ? AND article = ? AND local = ?",
        [(key, *ref) for ref, keys in delta.removed_records for key in keys],
    )
    conn.executemany("DELETE FROM entities WHERE id = ?", [(e,) for e in delta.removed_entities])
    conn.executemany(
        f"INSERT INTO articles (id, {', '.join(ARTICLE_PROPS)}, record) "
        f"VALUES (?, {', '.join('?' * len(ARTICLE_PROPS))}, ?)",
        [
            (row["id"], *(row["props"].get(p) for p in ARTICLE_PROPS), row["record"])
            for row in delta.articles
        ],
    )
    entities = []
    for entity in delta.entities:
        props = entity_properties(entity)
        entities.append(
            (
                entity.id,
                entity.name,
                entity.type,
                json.dumps(props["type_votes"], ensure_ascii=False),
                json.dumps(props["aliases"], ensure_ascii=False),
                entity.mentions,
                json.dumps(props["merges"], ensure_ascii=False),
            )
        )
    conn.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", entities)
    conn.executemany(
        "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?)",
        [(m["article"], m["entity"], m["count"]) for m in delta.mentions],
    )
    conn.executemany(
        "INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_relation_values(r) for r in delta.relations],
    )
    if delta.combined_relations:
        write_combined(conn)
    records, keys = [], []
    for record in delta.records:
        row = record.to_row()
        for name in _RECORD_LISTS:
            row[name] = "\t".join(row[name])
        records.append(tuple(row.values()))
        keys.extend((key, record.local.article, record.local.id) for key in record.keys)
    conn.executemany(
        "INSERT OR REPLACE INTO entity_records (article, local, name, aliases, type_votes, "
        "mentions, type, keys, entity, entity_name, clash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        records,
    )
    conn.executemany("INSERT OR IGNORE INTO record_keys VALUES (?, ?, ?)", keys)
    conn.executemany(
        "UPDATE entity_records SET entity = ?, entity_name = ? WHERE article = ? AND local = ?",
        [(entity, name, article, local) for article, local, entity, name in delta.reassigned],
    )
    if delta.overrides is not None:
        conn.execute("DELETE FROM overrides")
        rows = [("split", *p) for p in delta.overrides.splits]
        rows += [("merge", *p) for p in delta.overrides.merges]
        conn.executemany(
            "INSERT INTO overrides (position, kind, first, second) VALUES (?, ?, ?, ?)",
            [(n, *row) for n, row in enumerate(rows)],
        )


def _relation_values(relation: dict[str, Any]) -> tuple:
    lists = {name: [p[field] for p in relation["evidence"]] for name, field in _LISTS}
    return (
        relation["subject"],
        relation["object"],
        relation["key"],
        relation["type"],
        relation["relation"],
        relation["predicate"],
        int(bool(relation["negated"])),
        relation["modality"],
        relation["confidence"],
        relation["evidence_count"],
        json.dumps(lists, ensure_ascii=False),
    )


#: A relation's evidence lists (local graph names) and the piece field each holds.
_LISTS = tuple(zip(EVIDENCE_FIELDS, PIECE_FIELDS))
