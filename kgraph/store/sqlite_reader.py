"""Questions answered from a graph database file (``.db``): each read takes only the rows it
needs from the file's tables (:mod:`kgraph.store.sqlite`), never the whole graph.

A :class:`SqliteReader` reads one snapshot: its reads share one SQLite read transaction, so
a question sees the graph before or after a write that commits meanwhile (WAL mode), never
a part of it. It opens the file read-only and never waits for a writer.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.errors import StoreError
from kgraph.store.base import ARTICLE_PREFIX, GraphStats
from kgraph.store.reader import ranked_counts

__all__ = ["SqliteReader", "entity_node", "is_database", "relation_properties"]

#: File name endings of graph database files.
SUFFIXES = (".db", ".sqlite", ".sqlite3")
#: The first bytes of every SQLite database file.
MAGIC = b"SQLite format 3\x00"
#: Entity columns holding JSON lists.
ENTITY_LISTS = ("type_votes", "aliases", "merges")


def is_database(path: Path) -> bool:
    """True for a graph database file: an existing SQLite file, or a new path ending in
    one of :data:`SUFFIXES`."""
    if path.exists():
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    return path.suffix.lower() in SUFFIXES


def entity_node(row: sqlite3.Row) -> dict[str, Any]:
    """An ``entities`` row as the properties of the local graph's entity node."""
    node = {"label": "Entity", "id": row["id"], "name": row["name"], "type": row["type"]}
    node["type_votes"] = json.loads(row["type_votes"])
    node["aliases"] = json.loads(row["aliases"])
    node["mentions"] = row["mentions"]
    node["merges"] = json.loads(row["merges"])
    return node


def relation_properties(row: sqlite3.Row) -> dict[str, Any]:
    """A ``relations`` row as the properties of the local graph's relation edge."""
    return {
        "label": "RELATION",
        "type": row["type"],
        "relation": row["relation"],
        "predicate": row["predicate"],
        "negated": bool(row["negated"]),
        "modality": row["modality"],
        "confidence": row["confidence"],
        "evidence_count": row["evidence_count"],
        **json.loads(row["evidence"]),
    }


class SqliteReader:
    """A :class:`~kgraph.store.reader.GraphReader` on a graph database file."""

    def __init__(self, path: Path) -> None:
        try:
            self.db = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
            self.db.isolation_level = None  # transactions as written below
            self.db.row_factory = sqlite3.Row
            self.db.create_function("casefold", 1, _casefold, deterministic=True)
            self.db.execute("BEGIN")  # one snapshot for every read of this reader
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise StoreError(f"{path} is not a kgraph graph database ({exc})") from exc
        if meta.get("format") != "kgraph":
            self.db.close()
            raise StoreError(f"{path} is a SQLite database, but not a kgraph graph")

    def __enter__(self) -> SqliteReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def entities_called(self, name: str) -> nx.MultiDiGraph:
        return self._entities("id = ? OR casefold(name) = ?", (name, name.casefold()))

    def entities_named(self, name: str) -> nx.MultiDiGraph:
        folded = name.casefold()
        return self._entities(
            "id = ?1 OR casefold(id) = ?2 OR instr(casefold(name), ?2)"
            " OR EXISTS (SELECT 1 FROM json_each(aliases) WHERE casefold(value) = ?2)",
            (name, folded),
        )

    def entity_details(self, ids: Collection[str]) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT * FROM entities WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(list(ids)),),
        )
        return [entity_node(row) for row in rows]

    def all_names(self) -> nx.MultiDiGraph:
        return self._entities("1", ())

    def around(self, entity_id: str) -> nx.MultiDiGraph:
        relations = self._relations("subject = ?1 OR object = ?1", (entity_id,))
        return self._subgraph(relations, [entity_id])

    def predicates(self) -> list[str]:
        rows = self.db.execute("SELECT DISTINCT predicate FROM relations ORDER BY predicate")
        return [predicate for (predicate,) in rows]

    def with_predicates(self, predicates: Collection[str]) -> nx.MultiDiGraph:
        where = "predicate IN (SELECT value FROM json_each(?))"
        return self._subgraph(self._relations(where, (json.dumps(list(predicates)),)))

    def with_relation(self, relation: str) -> nx.MultiDiGraph:
        where = "relation = ?1 OR lower(type) = ?1"
        return self._subgraph(self._relations(where, (relation,)))

    def neighbours(
        self, ids: Collection[str], *, dated: bool = False
    ) -> Iterator[tuple[str, str, dict[str, Any]]]:
        wanted = json.dumps(list(ids))
        members = set(ids)
        for subject, object_, _, data in self._relations(
            "subject IN (SELECT value FROM json_each(?1))"
            " OR object IN (SELECT value FROM json_each(?1))",
            (wanted,),
        ):
            if subject in members:
                yield subject, object_, data
            if object_ in members and object_ != subject:
                yield object_, subject, data

    def between(self, pairs: Collection[tuple[str, str]]) -> nx.MultiDiGraph:
        relations = []
        for a, b in pairs:
            relations += self._relations(
                "(subject = ?1 AND object = ?2) OR (subject = ?2 AND object = ?1)", (a, b)
            )
        return self._subgraph(relations)

    def claims(self, source: str, entity_ids: Collection[str]) -> nx.MultiDiGraph:
        relations = self._relations(
            "EXISTS (SELECT 1 FROM json_each(evidence, '$.sources') WHERE casefold(value) = ?1)"
            " OR EXISTS (SELECT 1 FROM json_each(evidence, '$.source_ids') WHERE value = ?2"
            " OR value IN (SELECT value FROM json_each(?3)))",
            (source.casefold(), source, json.dumps(list(entity_ids))),
        )
        speakers = {i for *_, data in relations for i in data.get("source_ids") or () if i}
        return self._subgraph(relations, sorted(speakers))

    def stats(self) -> GraphStats:
        (articles,) = self.db.execute("SELECT count(*) FROM articles").fetchone()
        types = ranked_counts(self.db.execute("SELECT type, count(*) FROM entities GROUP BY 1"))
        predicates = ranked_counts(
            self.db.execute("SELECT predicate, count(*) FROM relations GROUP BY 1")
        )
        return GraphStats(
            articles, sum(types.values()), sum(predicates.values()), types, predicates
        )

    def most_connected(self, limit: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT e.id, e.name, e.type, coalesce(r.n, 0) AS relations, e.mentions"
            " FROM entities e LEFT JOIN (SELECT id, count(*) AS n FROM"
            " (SELECT subject AS id FROM relations UNION ALL SELECT object FROM relations)"
            " GROUP BY id) r ON r.id = e.id"
            " ORDER BY relations DESC, e.mentions DESC, e.id LIMIT ?",
            (int(limit),),
        )
        return [
            {
                "id": row["id"],
                "name": row["name"],
                "type": row["type"],
                "relations": row["relations"],
                "mentions": row["mentions"] or 0,
            }
            for row in rows
        ]

    def _entities(self, where: str, parameters: tuple[Any, ...]) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        for row in self.db.execute(f"SELECT * FROM entities WHERE {where}", parameters):
            graph.add_node(row["id"], **entity_node(row))
        return graph

    def _relations(
        self, where: str, parameters: tuple[Any, ...]
    ) -> list[tuple[str, str, str, dict[str, Any]]]:
        rows = self.db.execute(
            f"SELECT * FROM relations WHERE {where} ORDER BY subject, object, key", parameters
        )
        return [
            (row["subject"], row["object"], row["key"], relation_properties(row)) for row in rows
        ]

    def _subgraph(
        self,
        relations: list[tuple[str, str, str, dict[str, Any]]],
        entity_ids: Iterable[str] = (),
    ) -> nx.MultiDiGraph:
        """The relations with their entities (and ``entity_ids``) and their articles."""
        ids = sorted({*entity_ids, *(end for u, v, *_ in relations for end in (u, v))})
        graph = self._entities("id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))
        articles = sorted({a for *_, data in relations for a in data.get("articles") or ()})
        for row in self.db.execute(
            "SELECT id, title, published FROM articles"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(articles),),
        ):
            graph.add_node(
                ARTICLE_PREFIX + row["id"],
                label="Article",
                id=row["id"],
                title=row["title"],
                published=row["published"],
            )
        for u, v, key, data in relations:
            graph.add_edge(u, v, key, **data)
        return graph


def _casefold(text: str | None) -> str | None:
    return text.casefold() if text is not None else None
