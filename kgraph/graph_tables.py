"""The graph as Parquet tables: ``articles/``, ``records/``, ``entities/``, ``mentions/``,
``relations/`` folders of ``part-NNNNN.parquet`` files (schema in README, "Graph tables in
Parquet"), written by ``kgraph ingest --out-parquet`` and read by ``kgraph load DIR``.

``records/`` keeps each article's own entities and triples (:mod:`kgraph.records`), so the
graph can be resolved again, with other articles or overrides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.store.base import ARTICLE_PREFIX
from kgraph.store.local import EVIDENCE_FIELDS as EVIDENCE_LISTS
from kgraph.store.rows import ARTICLE_PROPS, EVIDENCE_FIELDS, GraphRows

#: Rows per Parquet file of a table folder.
PART_ROWS = 100_000
#: The table folders, in load order.
TABLES = ("articles", "records", "entities", "mentions", "relations")


@dataclass
class GraphTables:
    """The graph as tables (see README, "Graph tables in Parquet")."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    text, texts = pa.string(), pa.list_(pa.string())
    types = {"start": pa.int64(), "end": pa.int64(), "confidence": pa.float64()}
    evidence = pa.struct([(name, types.get(name, text)) for name in EVIDENCE_FIELDS])
    return {
        "articles": pa.schema([("id", text), *((p, text) for p in ARTICLE_PROPS)]),
        "records": pa.schema([("article", text), ("record", text)]),
        "entities": pa.schema(
            [
                ("id", text),
                ("name", text),
                ("type", text),
                ("type_votes", texts),
                ("aliases", texts),
                ("mentions", pa.int64()),
                ("merges", texts),
            ]
        ),
        "mentions": pa.schema([("article", text), ("entity", text), ("count", pa.int64())]),
        "relations": pa.schema(
            [
                ("subject", text),
                ("object", text),
                ("type", text),
                ("key", text),
                ("relation", text),
                ("predicate", text),
                ("negated", pa.bool_()),
                ("modality", text),
                ("confidence", pa.float64()),
                ("evidence_count", pa.int64()),
                ("evidence", pa.list_(evidence)),
            ]
        ),
    }


def write_tables(tables: GraphTables, folder: str | Path, part_rows: int = PART_ROWS) -> None:
    """Write ``tables`` under ``folder`` (each table's old part files replaced)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = _schemas()
    for name in TABLES:
        target = Path(folder) / name
        target.mkdir(parents=True, exist_ok=True)
        for old in target.glob("part-*.parquet"):
            old.unlink()
        rows = getattr(tables, name)
        for number, start in enumerate(range(0, max(len(rows), 1), part_rows)):
            chunk = rows[start : start + part_rows]
            table = pa.Table.from_pylist(chunk, schema=schemas[name])
            pq.write_table(table, target / f"part-{number:05d}.parquet")


def is_table_folder(path: Path) -> bool:
    """True for a folder of graph tables (it has ``records/`` and ``entities/``)."""
    return path.is_dir() and (path / "records").is_dir() and (path / "entities").is_dir()


def read_tables(folder: str | Path) -> GraphTables:
    """The tables of a folder written by :func:`write_tables` (or by Spark, DuckDB …).

    Raises:
        KgraphError: a table folder is missing or unreadable.
    """
    import pyarrow.parquet as pq

    tables = GraphTables()
    for name in TABLES:
        target = Path(folder) / name
        if not target.is_dir():
            raise KgraphError(f"{folder} is not a graph-table folder (no {name}/ folder)")
        try:
            rows = pq.read_table(target).to_pylist() if any(target.iterdir()) else []
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds
            raise KgraphError(f"cannot read {target}: {exc}") from exc
        setattr(tables, name, rows)
    return tables


def graph_from_tables(tables: GraphTables) -> nx.MultiDiGraph:
    """The local graph (as ``kgraph ingest`` builds it) the tables describe."""
    graph = nx.MultiDiGraph()
    for row in sorted(tables.articles, key=lambda r: r["id"]):
        props = {p: row.get(p) for p in ARTICLE_PROPS if p != "text_kind"}
        if row.get("text_kind"):
            props["text_kind"] = row["text_kind"]
        graph.add_node(ARTICLE_PREFIX + row["id"], label="Article", id=row["id"], **props)
    for row in tables.entities:
        graph.add_node(row["id"], label="Entity", **{k: _plain(v) for k, v in row.items()})
    for row in tables.mentions:
        graph.add_edge(
            ARTICLE_PREFIX + row["article"],
            row["entity"],
            key="MENTIONS",
            label="MENTIONS",
            type="MENTIONS",
            count=row["count"],
        )
    for row in tables.relations:
        lists = {
            name: [e[field] for e in row["evidence"]]
            for name, field in zip(EVIDENCE_LISTS, EVIDENCE_FIELDS)
        }
        graph.add_edge(
            row["subject"],
            row["object"],
            key=row["key"],
            label="RELATION",
            type=row["type"],
            relation=row["relation"],
            predicate=row["predicate"],
            negated=row["negated"],
            modality=row["modality"],
            confidence=row["confidence"],
            evidence_count=row["evidence_count"],
            **lists,
        )
    return graph


def rows_from_tables(tables: GraphTables) -> GraphRows:
    """The rows the Neo4j loader writes (entities with their votes and merges)."""
    rows = GraphRows()
    for row in tables.articles:
        rows.add_article(row["id"], **{p: row.get(p) for p in ARTICLE_PROPS})
    for row in tables.entities:
        rows.add_entity(row["id"], row["name"], row["type"], row["aliases"] or ())
        rows.entities[row["id"]]["type_votes"] = list(row["type_votes"] or ())
        rows.entities[row["id"]]["merges"] = list(row["merges"] or ())
    for row in tables.mentions:
        rows.add_mention(row["article"], row["entity"], row["count"])
    for rel in tables.relations:
        base = {k: rel[k] for k in ("subject", "object", "key", "relation", "predicate")}
        base.update(negated=rel["negated"], modality=rel["modality"])
        for evidence in rel["evidence"]:
            rows.add_relation({**base, **evidence})
    return rows


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def load_tables(tables: GraphTables, store: Any, *, batch_size: int = 10_000) -> None:
    """Load graph tables into a store.

    The local graph file gets the articles and their records and resolves its entities
    again (with the articles it already holds and its overrides file): a graph file
    written from the tables of a run equals the one ``kgraph ingest`` writes. An empty
    Neo4j database gets the tables' rows through the batched loader, then the records;
    one that holds articles already gets the records and resolves again.
    """
    from kgraph.distributed import write_to_store

    if hasattr(store, "add_records") or store.stats().articles:
        write_to_store(tables, store)
        return
    store.load(rows_from_tables(tables), batch_size=batch_size)
    write_neo4j_records(tables, store)


def write_neo4j_records(tables: GraphTables, store: Any, chunk_size: int = 1000) -> None:
    """Keep the tables' articles with their article-level records in Neo4j (the articles
    were just loaded with their mentions, which must stay: nothing is replaced here)."""

    records = {row["article"]: row["record"] for row in tables.records}
    for start in range(0, len(tables.articles), chunk_size):
        chunk = tables.articles[start : start + chunk_size]
        rows = GraphRows()
        for row in chunk:
            rows.add_article(row["id"], **{p: row.get(p) for p in ARTICLE_PROPS})
        batch = [{"article": row["id"], "record": records[row["id"]]} for row in chunk]
        with store._driver.session(database=store.settings.database) as session:
            session.execute_write(_add_records, rows, batch)


def _add_records(tx: Any, rows: GraphRows, records: list[dict]) -> None:
    from kgraph.store import cypher
    from kgraph.store.neo4j import _unwind

    _unwind(tx, cypher.merge_articles(), rows.articles.values())
    _unwind(tx, cypher.merge_extractions(), records)
