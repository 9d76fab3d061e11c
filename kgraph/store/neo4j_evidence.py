"""A Neo4j write combining its relationships' evidence in the server.

A relationship keeps its evidence as parallel lists (:data:`kgraph.store.cypher.EVIDENCE_LISTS`).
:class:`Neo4jEvidence` never reads a relationship's lists whole into the client: the
write's new pieces are kept on ``KgraphEvidence`` nodes as they come (the (article,
relationship) pairs whose stored pieces it replaces on ``KgraphReplaced`` nodes), and each
rewritten relationship is combined by one Cypher statement (its kept pieces and the new
ones, in publication order) onto a ``KgraphCombined`` node, which the write's apply turns into the
relationship (:func:`write_combined`). Those nodes are created and deleted inside the
write's transaction: no reader ever sees them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kgraph.relations import relationship_type
from kgraph.store import cypher
from kgraph.store.evidence import Combined, FirstMeta, Piece, RelationKey
from kgraph.store.neo4j_transaction import Statements

#: A relationship's fields besides its evidence (taken from its first piece), type aside.
_FIELDS = ("relation", "predicate", "negated", "modality")
#: New pieces sent to the server in one statement, and the characters of their sentences
#: (held in the client till then, with the statement being packed: a merge's peak memory
#: rises with them).
PIECES_PER_STATEMENT = 50
SENTENCE_CHARS_PER_STATEMENT = 10_000
#: Relationships combined in one statement (and their fields set in one more).
RELATIONS_PER_STATEMENT = 100
#: The piece field of each evidence list, in the order of the lists.
_PIECE_OF_LIST = tuple(cypher.EVIDENCE_LISTS.values())


class Neo4jEvidence:
    """A write's evidence kept and combined in Neo4j (a
    :class:`~kgraph.store.evidence.RelationEvidence`), inside the write's transaction."""

    def __init__(self, tx: Statements) -> None:
        self.tx = tx
        self._seq = 0
        self._rows: list[dict[str, Any]] = []
        self._chars = 0  # of the sentences of the pieces in _rows
        self._replaced: list[dict[str, Any]] = []
        self._rewritten: set[str] = set()
        for label in cypher.WRITE_LABELS:
            tx.run(cypher.delete_write_evidence(label)).consume()

    def stored_pieces(self, keys: Iterable[RelationKey], articles: list[str]) -> dict[tuple, Piece]:
        rows = [{"subject": s, "object": o, "key": k} for s, o, k in keys]
        if not rows:
            return {}
        found = self.tx.run(cypher.evidence_pieces_of(), rows=rows, ids=articles)
        out: dict[tuple, Piece] = {}
        for row in found.single(strict=True)["rows"]:
            piece = dict(zip(_PIECE_OF_LIST, row["values"]))
            key = (row["subject"], row["object"], row["key"])
            out[key, piece["article"], piece["start"], piece["end"]] = piece
        rows.clear()
        return out

    def add(self, key: RelationKey, pieces: list[Piece]) -> None:
        """Buffered: sent :data:`PIECES_PER_STATEMENT` at a time (and before any read)."""
        for piece in pieces:
            self._seq += 1
            row = {f: piece[f] for f in _PIECE_OF_LIST}
            row.update(subject=key[0], object=key[1], key=key[2], seq=self._seq)
            row["meta"] = json.dumps(piece.get("_meta"))
            self._rows.append(row)
            self._chars += len(piece.get("sentence") or "")
        if len(self._rows) >= PIECES_PER_STATEMENT or self._chars >= SENTENCE_CHARS_PER_STATEMENT:
            self._flush()

    def _flush(self) -> None:
        for query, rows in (
            (cypher.put_evidence(), self._rows),
            (cypher.put_replaced(), self._replaced),
        ):
            if rows:
                self.tx.run(query, rows=rows).consume()
                rows.clear()  # the driver keeps a statement's parameters till the end
        self._chars = 0

    def replace(self, pairs: Iterable[tuple[str, RelationKey]]) -> None:
        """Kept in the server (:data:`cypher.REPLACED_LABEL` nodes), sent
        :data:`PIECES_PER_STATEMENT` at a time: a merge replaces a piece of every relation
        of every article it moves."""
        for article, (subject, object_, key) in pairs:
            self._replaced.append(
                {"subject": subject, "object": object_, "key": key, "article": article}
            )
        if len(self._replaced) >= PIECES_PER_STATEMENT:
            self._flush()

    def rewrite(self, articles: Iterable[str]) -> None:
        self._rewritten.update(articles)

    def combine(self, keys: list[RelationKey], first_meta: FirstMeta) -> Combined:
        """Combined :data:`RELATIONS_PER_STATEMENT` relationships a statement, their fields
        set by one more statement (two round trips a batch, not two a relationship)."""
        self._flush()
        out = Combined()
        rewritten = sorted(self._rewritten)
        for start in range(0, len(keys), RELATIONS_PER_STATEMENT):
            batch = keys[start : start + RELATIONS_PER_STATEMENT]
            self._combine_batch(batch, start, rewritten, first_meta, out)
        return out

    def _combine_batch(
        self,
        keys: list[RelationKey],
        first_seq: int,
        rewritten: list[str],
        first_meta: FirstMeta,
        out: Combined,
    ) -> None:
        """Combine ``keys`` (numbered from ``first_seq``) and set their fields."""
        rows = [
            {
                "subject": key[0],
                "object": key[1],
                "key": key[2],
                "seq": first_seq + n,
            }
            for n, key in enumerate(keys)
        ]
        found = self.tx.run(cypher.combine_evidence(), rows=rows, rewritten=rewritten)
        results = sorted(found, key=lambda row: row["seq"])
        rows.clear()  # the driver keeps a statement's parameters till the end
        fields_rows: list[dict[str, Any]] = []
        for key, row in zip(keys, results, strict=True):
            stored = _stored_head(row["stored"])
            if not row["count"]:
                if stored is not None:
                    out.removed.append(key)
                continue
            first = dict(row["first"])
            src, meta_text = first.pop("src"), first.pop("meta")
            if src == 1:
                first["_meta"] = json.loads(meta_text)
            meta = first_meta(key, first, stored, [first] if src == 1 else [])
            fields = {f: meta[f] for f in _FIELDS}
            rel_type = relationship_type(meta["relation"])
            fields_rows.append({"id": row["combined"], "fields": fields, "type": rel_type})
            out.in_store += 1
        if fields_rows:
            self.tx.run(cypher.set_combined_fields(), rows=fields_rows).consume()
            fields_rows.clear()


def _stored_head(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored relationship's fields, with its first piece's (article, start, end) as
    its ``evidence``; None if it is not stored."""
    if row is None:
        return None
    head = {f: row[f] for f in _FIELDS}
    head["type"] = relationship_type(row["relation"] or "other")
    head["evidence"] = [{f: row[f] for f in ("article", "start", "end")}]
    return head


def write_combined(tx: Statements, dynamic_types: bool) -> None:
    """Put the relationships the write combined in place of the stored ones and let the
    nodes that kept its evidence go."""
    if dynamic_types:
        tx.run(cypher.put_combined()).consume()
    else:
        types = tx.run(cypher.combined_types()).single(strict=True)["rows"]
        for rel_type in sorted(types):
            tx.run(cypher.put_combined(rel_type), type=rel_type).consume()
    for label in cypher.WRITE_LABELS:
        tx.run(cypher.delete_write_evidence(label)).consume()
