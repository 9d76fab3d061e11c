"""A graph database file's write combining its relations' evidence in SQLite.

A relation keeps its evidence as one JSON text of parallel lists (``{"articles": [...],
"sentences": [...], ...}``, :data:`~kgraph.store.local.EVIDENCE_FIELDS`, written by
``json.dumps``). :class:`SqliteEvidence` never reads a relation's whole evidence into the
client: the write's new pieces go into a temporary table as they come, and each rewritten
relation's text is built by one SQL statement (JSON1's ``json_each`` over the stored lists,
the pieces kept, the new ones, in publication order) into another temporary table, which
the write's apply moves into ``relations`` (:func:`write_combined`). The text is byte for
byte what ``json.dumps`` gives: SQLite's ``json_quote`` escapes strings as Python does,
and a confidence (rounded to 3 places by kgraph) is written with the fewest of 15, 16 or
17 significant digits that give it back, as Python's ``repr``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from kgraph.relations import relationship_type
from kgraph.store.base import PIECE_FIELDS
from kgraph.store.evidence import Combined, FirstMeta, Piece, RelationKey
from kgraph.store.local import EVIDENCE_FIELDS

#: A relation's fields besides its evidence (taken from its first piece).
_RELATION_FIELDS = ("type", "relation", "predicate", "negated", "modality")
#: Text columns of a new piece: its value of each evidence list, as JSON.
_COLUMNS = tuple(f"c{n}" for n in range(len(EVIDENCE_FIELDS)))
_CONFIDENCE = EVIDENCE_FIELDS.index("confidences")

_SCHEMA = f"""
CREATE TEMP TABLE IF NOT EXISTS evidence_new (
    seq INTEGER PRIMARY KEY, subject TEXT, object TEXT, key TEXT, published TEXT,
    article TEXT, start INTEGER, "end" INTEGER, confidence REAL, meta TEXT,
    {", ".join(f"{c} TEXT" for c in _COLUMNS)});
CREATE INDEX IF NOT EXISTS temp.evidence_new_relation ON evidence_new (subject, object, key);
CREATE TEMP TABLE IF NOT EXISTS evidence_replaced (
    subject TEXT, object TEXT, key TEXT, article TEXT,
    PRIMARY KEY (subject, object, key, article)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS evidence_rewritten (article TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS relations_combined (
    seq INTEGER PRIMARY KEY, subject TEXT, object TEXT, key TEXT, type TEXT, relation TEXT,
    predicate TEXT, negated INTEGER, modality TEXT, confidence REAL, evidence_count INTEGER,
    evidence TEXT);
"""
_TEMP_TABLES = ("evidence_new", "evidence_replaced", "evidence_rewritten", "relations_combined")

#: The stored relation (``r``) and its kept pieces (``kept``: index ``n`` and article), for
#: the relation ``:s``, ``:o``, ``:k``.
_KEPT = """
WITH r AS (SELECT evidence FROM relations WHERE subject = :s AND object = :o AND key = :k),
kept AS (
    SELECT CAST(j.key AS INTEGER) AS n, j.value AS article
    FROM r, json_each(r.evidence, '$.articles') AS j
    WHERE j.value NOT IN (SELECT article FROM temp.evidence_rewritten)
    AND j.value NOT IN (
        SELECT article FROM temp.evidence_replaced
        WHERE subject = :s AND object = :o AND key = :k))"""


def _kept_list(name: str) -> str:
    """The kept pieces' values of one stored list (``n``, value, its JSON type)."""
    return (
        f"{name} AS (SELECT CAST(j.key AS INTEGER) AS n, j.value AS v, j.type AS t "
        f"FROM r, json_each(r.evidence, '$.{name}') AS j "
        "WHERE CAST(j.key AS INTEGER) IN (SELECT n FROM kept))"
    )


def _as_json(value: str, kind: str) -> str:
    """SQL giving a stored list value as the JSON ``json.dumps`` writes for it."""
    real = (
        f"CASE WHEN CAST(printf('%!.15g', {value}) AS REAL) = {value} "
        f"THEN printf('%!.15g', {value}) "
        f"WHEN CAST(printf('%!.16g', {value}) AS REAL) = {value} "
        f"THEN printf('%!.16g', {value}) ELSE printf('%!.17g', {value}) END"
    )
    return f"CASE WHEN {kind} = 'real' THEN {real} ELSE json_quote({value}) END"


def _pieces_sql() -> str:
    """Every piece of the relation ``:s``, ``:o``, ``:k``, kept and new, in its order:
    (published, article, source 0 kept or 1 new, n, start, end, JSON of each list)."""
    names = list(EVIDENCE_FIELDS)
    lists = ",\n".join(_kept_list(name) for name in names)
    joins = " ".join(
        f'JOIN "{name}" ON "{name}".n = kept.n' for name in names if name != "articles"
    )
    kept_columns = ", ".join(
        (_as_json(f'"{name}".v', f'"{name}".t') if name != "articles" else "json_quote(article)")
        + f" AS {column}"
        for name, column in zip(names, _COLUMNS)
    )
    new_columns = ", ".join(_COLUMNS)
    return (
        f"{_KEPT},\n{lists},\n"
        "pieces AS (\n"
        "SELECT coalesce(\"published\".v, '') AS o1, kept.article AS o2, 0 AS src, "
        f'kept.n AS n, "starts".v AS start, "ends".v AS "end", {kept_columns} '
        f"FROM kept {joins}\n"
        "UNION ALL\n"
        "SELECT coalesce(published, ''), article, 1, seq, start, \"end\", "
        f"{new_columns} FROM temp.evidence_new "
        "WHERE subject = :s AND object = :o AND key = :k)\n"
    )


_PIECES = _pieces_sql()
_EVIDENCE_TEXT = (
    "'{' || "
    + " || ', ' || ".join(
        f"'\"{name}\": [' || coalesce(group_concat({col}, ', '), '') || ']'"
        for name, col in zip(EVIDENCE_FIELDS, _COLUMNS)
    )
    + " || '}'"
)
#: The first piece, how many and the highest confidence (as JSON text) of the relation.
_HEAD = (
    _PIECES + 'SELECT src, n, start, "end", o2 AS article, o1 AS published, '
    "(SELECT count(*) FROM pieces) AS count, "
    f"(SELECT c{_CONFIDENCE} FROM pieces ORDER BY CAST(c{_CONFIDENCE} AS REAL) DESC LIMIT 1) "
    "AS confidence FROM pieces ORDER BY o1, o2, src, n LIMIT 1"
)
#: The relation's evidence text, written into ``relations_combined``.
_COMBINE = (
    _PIECES
    + "INSERT INTO temp.relations_combined (subject, object, key, type, relation, predicate, "
    "negated, modality, confidence, evidence_count, evidence) "
    "SELECT :s, :o, :k, :type, :relation, :predicate, :negated, :modality, :confidence, "
    f"count(*), {_EVIDENCE_TEXT} FROM (SELECT * FROM pieces ORDER BY o1, o2, src, n)"
)
#: A stored relation's fields and the (article, start, end) of its first piece.
_STORED_HEAD = (
    "SELECT type, relation, predicate, negated, modality, "
    "evidence ->> '$.articles[0]' AS article, evidence ->> '$.starts[0]' AS start, "
    "evidence ->> '$.ends[0]' AS \"end\" "
    "FROM relations WHERE subject = ? AND object = ? AND key = ?"
)


class SqliteEvidence:
    """A write's evidence kept and combined in SQLite (a
    :class:`~kgraph.store.evidence.RelationEvidence`), on the write's connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        for table in _TEMP_TABLES:
            self.conn.execute(f"DELETE FROM temp.{table}")

    def stored_pieces(self, keys: Iterable[RelationKey], articles: list[str]) -> dict[tuple, Piece]:
        out: dict[tuple, Piece] = {}
        wanted = json.dumps(sorted(set(articles)))
        for key in keys:
            for piece in self._pieces_at(key, wanted):
                out[key, piece["article"], piece["start"], piece["end"]] = piece
        return out

    def _pieces_at(self, key: RelationKey, wanted: str) -> list[Piece]:
        """The stored pieces of ``key`` from the ``wanted`` articles (a JSON list), each
        value parsed by Python from its JSON text."""
        select = ", ".join(
            f"json_quote(json_extract(r.evidence, '$.{name}[' || n || ']'))"
            if name != "confidences"
            else f"r.evidence -> ('$.{name}[' || n || ']')"
            for name in EVIDENCE_FIELDS
        )
        rows = self.conn.execute(
            f"SELECT {select} FROM relations r, (SELECT CAST(j.key AS INTEGER) AS n "
            "FROM relations r2, json_each(r2.evidence, '$.articles') AS j "
            "WHERE r2.subject = :s AND r2.object = :o AND r2.key = :k "
            "AND j.value IN (SELECT value FROM json_each(:wanted))) "
            "WHERE r.subject = :s AND r.object = :o AND r.key = :k ORDER BY n",
            {**dict(zip("sok", key)), "wanted": wanted},
        )
        return [dict(zip(PIECE_FIELDS, map(json.loads, row))) for row in rows]

    def add(self, key: RelationKey, pieces: list[Piece]) -> None:
        self.conn.executemany(
            "INSERT INTO temp.evidence_new (subject, object, key, published, article, start, "
            f'"end", confidence, meta, {", ".join(_COLUMNS)}) '
            f"VALUES ({', '.join('?' * (9 + len(_COLUMNS)))})",
            [
                (
                    *key,
                    p["published"],
                    p["article"],
                    p["start"],
                    p["end"],
                    p["confidence"],
                    json.dumps(p.get("_meta")),
                    *(json.dumps(p[f], ensure_ascii=False) for f in PIECE_FIELDS),
                )
                for p in pieces
            ],
        )

    def replace(self, pairs: Iterable[tuple[str, RelationKey]]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO temp.evidence_replaced VALUES (?, ?, ?, ?)",
            [(*key, article) for article, key in pairs],
        )

    def rewrite(self, articles: Iterable[str]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO temp.evidence_rewritten VALUES (?)", [(a,) for a in articles]
        )

    def combine(self, keys: list[RelationKey], first_meta: FirstMeta) -> Combined:
        out = Combined()
        for key in keys:
            params: dict[str, Any] = dict(zip("sok", key))
            head = self.conn.execute(_HEAD, params).fetchone()
            stored = self._stored_head(key)
            if head is None:
                if stored is not None:
                    out.removed.append(key)
                continue
            src, n, start, end, article, published, _, confidence = head
            first: Piece = {"article": article, "start": start, "end": end}
            first["published"] = published
            new = []
            if src == 1:
                (meta,) = self.conn.execute(
                    "SELECT meta FROM temp.evidence_new WHERE seq = ?", (n,)
                ).fetchone()
                first["_meta"] = json.loads(meta)
                new = [first]
            meta = first_meta(key, first, stored, new)
            params.update({f: meta[f] for f in _RELATION_FIELDS})
            params["type"] = relationship_type(meta["relation"])
            params["negated"] = int(bool(meta["negated"]))
            params["confidence"] = json.loads(confidence)
            self.conn.execute(_COMBINE, params)
            out.in_store += 1
        return out

    def _stored_head(self, key: RelationKey) -> dict[str, Any] | None:
        """The stored relation's fields, with its first piece's (article, start, end) as
        its ``evidence``; None if it is not stored."""
        row = self.conn.execute(_STORED_HEAD, key).fetchone()
        if row is None:
            return None
        head = dict(zip((*_RELATION_FIELDS, "article", "start", "end"), row))
        head["negated"] = bool(head["negated"])
        head["evidence"] = [{f: head.pop(f) for f in ("article", "start", "end")}]
        return head


def write_combined(conn: sqlite3.Connection) -> None:
    """Put the relations the write combined (in ``relations_combined``) in place of the
    stored ones, in the order they were combined, and let the temporary tables go."""
    conn.execute(
        "DELETE FROM relations WHERE (subject, object, key) IN "
        "(SELECT subject, object, key FROM temp.relations_combined)"
    )
    conn.execute(
        "INSERT INTO relations SELECT subject, object, key, type, relation, predicate, "
        "negated, modality, confidence, evidence_count, evidence "
        "FROM temp.relations_combined ORDER BY seq"
    )
    for table in _TEMP_TABLES:
        conn.execute(f"DELETE FROM temp.{table}")
