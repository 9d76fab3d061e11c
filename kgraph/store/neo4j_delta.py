"""One Neo4j write transaction: lock the graph, read the blocks a write touches through the
key index, and rewrite them (:mod:`kgraph.store.delta`).

:func:`write_delta` is the body of a managed write transaction: the driver may run it
again on a transient fault, so it only reads and writes through ``tx``. Readers see the
graph before the transaction or after it, never a part; a second writer waits on the
lock of the ``:KgraphState`` node until the first commits, then reads what it wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from neo4j import ManagedTransaction

from kgraph.entities.identity import LocalEntity, Overrides
from kgraph.entities.records import from_record
from kgraph.entities.summaries import surname_clashes
from kgraph.models import Article, Extraction
from kgraph.store import cypher
from kgraph.store.base import entity_properties
from kgraph.store.delta import (
    PIECE_FIELDS,
    RELATION_FIELDS,
    GraphDelta,
    PageSize,
    RelationKey,
    StoredGroup,
    StoredRecord,
)
from kgraph.store.evidence import RelationEvidence
from kgraph.store.neo4j_evidence import Neo4jEvidence, write_combined
from kgraph.store.neo4j_transaction import LeanTransaction, Statements

#: Rows per UNWIND statement.
STATEMENT_ROWS = 2000
#: Relationship evidence lists, by the piece field each holds (see cypher.EVIDENCE_LISTS).
_LISTS = {field: name for name, field in cypher.EVIDENCE_LISTS.items()}


def overrides_from_json(text: str | None) -> Overrides:
    """The overrides kept on the state node (none when it has none)."""
    if not text:
        return Overrides()
    data = json.loads(text)
    return Overrides(
        tuple((str(a), str(b)) for a, b in data.get("merge", [])),
        tuple((str(a), str(b)) for a, b in data.get("split", [])),
    )


def overrides_to_json(overrides: Overrides) -> str:
    merges, splits = [list(p) for p in overrides.merges], [list(p) for p in overrides.splits]
    return json.dumps({"merge": merges, "split": splits}, ensure_ascii=False)


class TransactionIndex:
    """The stored graph's key index, read inside a write transaction
    (a :class:`kgraph.store.delta.StoreIndex`)."""

    def __init__(self, tx: Statements, overrides: Overrides, dynamic_types: bool = True) -> None:
        self.tx = tx
        self._overrides = overrides
        self._dynamic_types = dynamic_types

    def _rows(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """The rows of ``query``, which returns them as one list ``rows`` (one record: the
        driver turns one list of maps into dicts two to three times faster than as many
        records)."""
        return self.tx.run(query, **params).single(strict=True)["rows"]

    def stored_articles(self, article_ids: list[str]) -> dict[str, str]:
        rows = self._rows(cypher.stored_hashes(), ids=article_ids)
        return {row["id"]: row["content_hash"] or "" for row in rows}

    def groups_with_keys(self, keys: list[str], excluding: list[str]) -> list[StoredGroup]:
        rows = self._rows(cypher.groups_with_keys(), keys=keys, excluding=excluding)
        return [StoredGroup.from_row(row) for row in rows]

    def articles_of_groups(
        self, groups: list[StoredGroup], excluding: list[str], page: PageSize
    ) -> Iterator[list[str]]:
        """The ids kept on a node of the transaction (:data:`cypher.TOUCHED_LABEL`), read
        back a page at a time; the node is deleted after the last page."""
        rows = [group.row() for group in groups]
        query = cypher.keep_articles_of_groups()
        found = self.tx.run(query, groups=rows, excluding=excluding).single(strict=True)
        rows.clear()  # the driver keeps a statement's parameters till the end
        return self._kept_pages(found["count"], page)

    def _kept_pages(self, count: int, page: PageSize) -> Iterator[list[str]]:
        start = 0
        while start < count:
            end = start + page.articles
            ids = page.cut(self._rows(cypher.kept_articles_page(), start=start, end=end))
            yield ids
            start += len(ids)
        self.tx.run(cypher.delete_kept_articles()).consume()

    def apply_piece(self, piece: GraphDelta) -> bool:
        """Apply part of the write in its transaction (later reads of it see the piece)."""
        apply_delta(self.tx, piece, self._dynamic_types)
        return True

    def records_of(self, article_ids: list[str]) -> list[StoredRecord]:
        rows = self._rows(cypher.records_of_articles(), ids=article_ids)
        return [StoredRecord.from_row(row["record"]) for row in rows]

    def extractions(self, article_ids: list[str]) -> dict[str, Extraction]:
        out = {}
        for row in self._rows(cypher.extractions_of(), ids=article_ids):
            article = Article(
                "", row["id"], row["title"], row["published"], row["url"], row["source"]
            )
            out[row["id"]] = from_record(row["record"], article)
        return out

    def entity_maps(self, article_ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
        out: dict[str, dict[str, tuple[str, str]]] = {}
        for article, local, entity, name in self._rows(cypher.entity_maps_of(), ids=article_ids):
            out.setdefault(article, {})[local] = (entity or "", name or "")
        return out

    def group_refs_in(
        self, groups: list[StoredGroup], article_ids: list[str]
    ) -> list[tuple[int, str, str]]:
        rows = [{**group.row(), "n": n} for n, group in enumerate(groups)]
        found = self._rows(cypher.group_refs_in(), groups=rows, ids=article_ids)
        return [(n, article, local) for n, article, local in found]

    def article_records(self, article_ids: list[str]) -> Iterator[tuple[str, str]]:
        """Read row by row: the records are a piece's largest read, and one message holding
        them all would grow the driver's receive buffer (kept for the connection's life)
        to their size."""
        for row in self.tx.run(cypher.article_records_of(), ids=article_ids):
            yield row["id"], row["record"]

    def evidence(self) -> RelationEvidence:
        return Neo4jEvidence(self.tx)

    def relations(self, keys: list[RelationKey]) -> dict[RelationKey, dict[str, Any]]:
        rows = [{"subject": s, "object": o, "key": k} for s, o, k in keys]
        out = {}
        for row in self._rows(cypher.relations_of(), rows=rows):
            props = row["props"]
            count = len(props["articles"])
            lists = [props.get(_LISTS[f]) or [""] * count for f in PIECE_FIELDS]
            relation = {f: props.get(f) for f in RELATION_FIELDS if f != "type"}
            relation["type"] = cypher_type(relation["relation"])
            relation["evidence"] = [dict(zip(PIECE_FIELDS, values)) for values in zip(*lists)]
            out[row["subject"], row["object"], row["key"]] = relation
        return out

    def overrides(self) -> Overrides:
        return self._overrides


def cypher_type(relation: str | None) -> str:
    from kgraph.relations import relationship_type

    return relationship_type(relation or "other")


def write_delta(
    tx: ManagedTransaction,
    planner: Callable[[TransactionIndex], GraphDelta],
    dynamic_types: bool,
    relations_typed: bool = False,
) -> GraphDelta:
    """Lock the graph, plan the write against what is stored and apply it (one
    transaction, holding only the statements still being read: :class:`LeanTransaction`);
    returns the delta applied. ``relations_typed``: the writer found no relationship
    typed by predicate (the database is marked so)."""
    tx = LeanTransaction(tx)
    state = tx.run(cypher.lock_graph(), typed=relations_typed).single()
    if not state["record_clash"]:
        add_surname_clashes(tx)
    index = TransactionIndex(tx, overrides_from_json(state["overrides"]), dynamic_types)
    delta = planner(index)
    apply_delta(tx, delta, dynamic_types)
    return delta


def add_surname_clashes(tx: Statements, articles_per_read: int = 1000) -> int:
    """Give the entity records written before records kept their surname clash their
    ``clash``, computed from each article's records, and mark the database (inside the
    write transaction; once). Returns how many articles it read."""
    articles = tx.run(cypher.records_without_clash()).single(strict=True)["rows"]
    for start in range(0, len(articles), articles_per_read):
        ids = articles[start : start + articles_per_read]
        rows = tx.run(cypher.article_names_of(), ids=ids).single(strict=True)["rows"]
        records = [LocalEntity(a, local, name, type=t or "") for a, local, name, t in rows]
        clashes = [
            {"ref": f"{r.article}\t{r.id}", "clash": clash}
            for r, clash in zip(records, surname_clashes(records))
        ]
        _unwind(tx, cypher.set_clashes(), clashes)
    tx.run(cypher.mark_record_clash()).consume()
    return len(articles)


def apply_delta(tx: Statements, delta: GraphDelta, dynamic_types: bool) -> None:
    """Rewrite what ``delta`` changes: old links first, then nodes, then new links."""
    relation_keys = [
        {"subject": r["subject"], "object": r["object"], "key": r["key"]} for r in delta.relations
    ]
    relation_keys += [{"subject": s, "object": o, "key": k} for s, o, k in delta.removed_relations]
    _unwind(tx, cypher.delete_relations(), relation_keys)
    if delta.combined_relations:
        tx.run(cypher.delete_combined_relations()).consume()
    _unwind(tx, cypher.delete_mentions_of(), delta.remapped_articles, name="ids")
    dropped = [{"article": a, "entity": e} for a, e in delta.dropped_mentions]
    _unwind(tx, cypher.delete_mentions(), dropped)
    _unwind(tx, cypher.delete_article_records(), delta.removed_articles, name="ids")
    _unwind(tx, cypher.delete_entities_by_id(), delta.removed_entities, name="ids")
    articles = [
        {
            "id": row["id"],
            "props": {k: v for k, v in row["props"].items() if v is not None},
            "record": row["record"],
        }
        for row in delta.articles
    ]
    _unwind(tx, cypher.put_articles(), articles)
    entities = []
    for entity in delta.entities:
        props = entity_properties(entity)
        props.pop("label")
        entities.append({"id": entity.id, "props": props})
    _unwind(tx, cypher.put_entities(), entities)
    _unwind(tx, cypher.put_mentions(), delta.mentions)
    rows = [_relationship_row(r) for r in delta.relations]
    if dynamic_types:
        _unwind(tx, cypher.put_relations(), rows)
    else:
        for rel_type in sorted({r["type"] for r in rows}):
            _unwind(tx, cypher.put_relations(rel_type), [r for r in rows if r["type"] == rel_type])
    if delta.combined_relations:
        write_combined(tx, dynamic_types)
    records = []
    for record in delta.records:
        row = record.to_row()
        row["ref"] = f"{record.local.article}\t{record.local.id}"
        records.append(row)
    _unwind(tx, cypher.put_entity_records(), records)
    reassigned = [
        {"ref": f"{article}\t{local}", "entity": entity, "entity_name": name}
        for article, local, entity, name in delta.reassigned
    ]
    _unwind(tx, cypher.reassign_entity_records(), reassigned)
    _unwind(tx, cypher.delete_unused_keys(), delta.removed_keys, name="keys")
    if delta.overrides is not None:
        tx.run(cypher.set_overrides(), overrides=overrides_to_json(delta.overrides)).consume()


def _relationship_row(relation: dict[str, Any]) -> dict[str, Any]:
    """A delta's relation as a ``put_relations`` row: identity, type and every property."""
    props = cypher.relation_properties(relation["evidence"])
    props.update({f: relation[f] for f in RELATION_FIELDS if f != "type"})
    props["key"] = relation["key"]
    props["confidence"] = relation["confidence"]
    return {
        "subject": relation["subject"],
        "object": relation["object"],
        "type": relation["type"],
        "props": props,
    }


def _unwind(tx: Statements, query: str, rows: list, name: str = "rows") -> None:
    """Run ``query`` on ``rows``, :data:`STATEMENT_ROWS` a statement. Each statement's rows
    are emptied once it is done: the driver keeps every result of a transaction, with its
    parameters, until the transaction ends (a write applied in pieces lets them go)."""
    for start in range(0, len(rows), STATEMENT_ROWS):
        part = rows[start : start + STATEMENT_ROWS]
        tx.run(query, **{name: part}).consume()
        part.clear()
