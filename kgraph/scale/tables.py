"""The graph as Parquet tables: ``articles/``, ``records/``, ``entities/``, ``mentions/``,
``relations/`` folders of ``part-NNNNN.parquet`` files (schema in README, "Graph tables in
Parquet"), written by ``kgraph ingest --out-parquet`` and read by ``kgraph load DIR``.

Workers write the part files themselves (:mod:`kgraph.scale.dask_ingest`); readers and loaders
go through them one part at a time (:class:`TableFolder`, :func:`load_folder`).

``records/`` keeps each article's own entities and triples (:mod:`kgraph.entities.records`), so the
graph can be resolved again, with other articles or overrides.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.store.base import ARTICLE_PREFIX
from kgraph.store.local import EVIDENCE_FIELDS as EVIDENCE_LISTS
from kgraph.store.rows import ARTICLE_PROPS, EVIDENCE_FIELDS

#: Rows per Parquet file of the entities table.
PART_ROWS = 100_000
#: The table folders, in load order.
TABLES = ("articles", "records", "entities", "mentions", "relations")
#: Folder of the reduce's intermediate files (evidence by bucket), removed after a run.
SHUFFLE = "_shuffle"
#: Columns of a relation besides its evidence, in the order of the ``relations`` table.
RELATION_COLUMNS = (
    "subject", "object", "type", "key", "relation", "predicate", "negated", "modality",
)  # fmt: skip


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
    types.update(negated=pa.bool_(), order=pa.int64())
    evidence_fields = [(name, types.get(name, text)) for name in EVIDENCE_FIELDS]
    evidence = pa.struct(evidence_fields)
    relation = [(name, types.get(name, text)) for name in RELATION_COLUMNS]
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
                *relation,
                ("confidence", pa.float64()),
                ("evidence_count", pa.int64()),
                ("evidence", pa.list_(evidence)),
            ]
        ),
        # one piece of evidence with its relation and its order in the article (shuffle)
        "evidence": pa.schema([*relation, *evidence_fields, ("order", pa.int64())]),
        # the reduce's blocking (shuffle): records' name keys, their resolve buckets, the
        # records sent there, and the entity each record was resolved to
        "keys": pa.schema([("article", text), ("local", text), ("keys", texts)]),
        "blocks": pa.schema([("article", text), ("local", text), ("bucket", pa.int64())]),
        "blocked": pa.schema(
            [
                ("article", text),
                ("local", text),
                ("part", pa.int64()),
                ("name", text),
                ("aliases", texts),
                ("type_votes", texts),
                ("mentions", pa.int64()),
                ("type", text),
            ]
        ),
        "mapping": pa.schema(
            [
                ("article", text),
                ("local", text),
                ("entity", text),
                ("name", text),
                ("type", text),
                ("aliases", texts),
            ]
        ),
    }


@dataclass(frozen=True)
class TableFolder:
    """A folder of graph tables: a local path (made absolute, so that workers started
    elsewhere write to the same place) or an fsspec URL (``s3://bucket/tables``).

    Each table is a subfolder of ``part-NNNNN.parquet`` files; a part is written whole by
    one task, so a task run again replaces its own parts and nothing else. A part is
    written under a hidden temporary name and then moved into place, so readers never see
    half a part, even from a task killed mid-write.
    """

    url: str

    @classmethod
    def of(cls, folder: str | Path | TableFolder) -> TableFolder:
        if isinstance(folder, TableFolder):
            return folder
        text = str(folder)
        return cls(text if "://" in text else str(Path(text).absolute()))

    def filesystem(self) -> tuple[Any, str]:
        """The pyarrow filesystem of the folder and the folder's path on it."""
        import pyarrow.fs as pafs

        if "://" not in self.url:
            return pafs.LocalFileSystem(), self.url
        import fsspec

        try:
            fs, path = fsspec.core.url_to_fs(self.url)
        except (ImportError, ValueError) as exc:
            raise KgraphError(f"cannot open {self.url}: {exc}") from exc
        return pafs.PyFileSystem(pafs.FSSpecHandler(fs)), path

    def clear(self) -> None:
        """Remove the part files of every table (a new run replaces the old tables)."""
        fs, root = self.filesystem()
        for name in TABLES:
            fs.create_dir(f"{root}/{name}", recursive=True)
            fs.delete_dir_contents(f"{root}/{name}")
        self.remove_shuffle()

    def remove_shuffle(self) -> None:
        """Remove the reduce's intermediate files (``_shuffle/``)."""
        fs, root = self.filesystem()
        if _exists(fs, f"{root}/{SHUFFLE}"):
            fs.delete_dir(f"{root}/{SHUFFLE}")

    def write(self, table: str, number: int, rows: list[dict[str, Any]], schema: str = "") -> str:
        """Write ``rows`` as part ``number`` of ``table`` (schema of ``schema`` or of the
        table); returns the part's path."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        fs, root = self.filesystem()
        fs.create_dir(f"{root}/{table}", recursive=True)
        name = f"part-{number:05d}.parquet"
        path = f"{root}/{table}/{name}"
        writing = f"{root}/{table}/.{name}.{uuid.uuid4().hex}.tmp"  # skipped by readers
        arrow = pa.Table.from_pylist(rows, schema=_schemas()[schema or table])
        pq.write_table(arrow, writing, filesystem=fs)
        fs.move(writing, path)
        return path

    def parts(self, table: str) -> list[str]:
        """The part files of ``table``, in name order (none if the folder is missing)."""
        import pyarrow.fs as pafs

        fs, root = self.filesystem()
        found = fs.get_file_info(pafs.FileSelector(f"{root}/{table}", allow_not_found=True))
        names = (info.path for info in found if info.type == pafs.FileType.File)
        return sorted(p for p in names if p.rsplit("/", 1)[-1].endswith(".parquet"))

    def has_part(self, table: str, number: int) -> bool:
        import pyarrow.fs as pafs

        fs, root = self.filesystem()
        info = fs.get_file_info(f"{root}/{table}/part-{number:05d}.parquet")
        return info.type == pafs.FileType.File

    def read_part(self, path: str) -> list[dict[str, Any]]:
        """The rows of one part file."""
        import pyarrow.parquet as pq

        fs, _ = self.filesystem()
        try:
            return pq.read_table(path, filesystem=fs).to_pylist()
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds
            raise KgraphError(f"cannot read {path}: {exc}") from exc

    def read_number(self, table: str, number: int) -> list[dict[str, Any]]:
        """The rows of part ``number`` of ``table``."""
        _, root = self.filesystem()
        return self.read_part(f"{root}/{table}/part-{number:05d}.parquet")

    def read(self, table: str) -> Iterator[list[dict[str, Any]]]:
        """The rows of ``table``, one part at a time."""
        for path in self.parts(table):
            yield self.read_part(path)

    def is_tables(self) -> bool:
        """True for a folder of graph tables (it has ``records/`` and ``entities/``)."""
        import pyarrow.fs as pafs

        fs, root = self.filesystem()
        kinds = [fs.get_file_info(f"{root}/{name}").type for name in ("records", "entities")]
        return all(kind == pafs.FileType.Directory for kind in kinds)


def _exists(fs: Any, path: str) -> bool:
    import pyarrow.fs as pafs

    return fs.get_file_info(path).type != pafs.FileType.NotFound


def is_table_folder(path: str | Path) -> bool:
    """True for a folder of graph tables (it has ``records/`` and ``entities/``)."""
    return TableFolder.of(path).is_tables()


def read_tables(folder: str | Path | TableFolder) -> GraphTables:
    """All the tables of a folder in memory (tests, small graphs; loading reads them part
    by part, see :func:`load_folder`).

    Raises:
        KgraphError: a table folder is missing or unreadable.
    """
    tables = GraphTables()
    source = TableFolder.of(folder)
    if not source.is_tables():
        raise KgraphError(f"{folder} is not a graph-table folder (no records/ or entities/)")
    for name in TABLES:
        setattr(tables, name, [row for part in source.read(name) for row in part])
    return tables


def graph_from_tables(tables: GraphTables) -> nx.MultiDiGraph:
    """The local graph (as ``kgraph ingest`` builds it) the tables describe."""
    graph = nx.MultiDiGraph()
    for row in sorted(tables.articles, key=lambda r: r["id"]):
        props = {p: row.get(p) for p in ARTICLE_PROPS if p != "text_kind"}
        if row.get("text_kind"):
            props["text_kind"] = row["text_kind"]
        graph.add_node(ARTICLE_PREFIX + row["id"], label="Article", id=row["id"], **props)
    for row in sorted(tables.entities, key=lambda r: r["id"]):
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


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def load_folder(folder: str | Path | TableFolder, store: Any) -> dict[str, int]:
    """Load a folder of graph tables into a store (the local graph file, or Neo4j): its
    articles and their records, the graph resolved with what the store holds (and its
    overrides), so the store can take later writes. Returns the rows read per table.

    A graph file written from the tables of a run equals the one ``kgraph ingest`` writes.
    """
    return add_records(folder, store)


def add_records(folder: str | Path | TableFolder, store: Any) -> dict[str, int]:
    """Add a table folder's articles and records to ``store`` (the local graph file, or
    Neo4j) and resolve its graph again; returns the rows read per table."""
    source = TableFolder.of(folder)
    counts = dict.fromkeys(TABLES, 0)
    for articles, records in _article_records(source):
        store.add_records(articles, records)
        counts["records"] += len(records)
    counts["articles"] = counts["records"]
    counts["entities"] = sum(len(part) for part in source.read("entities"))
    counts["relations"] = sum(len(part) for part in source.read("relations"))
    store.save()
    return counts


def _article_records(source: TableFolder) -> Iterator[tuple[list[dict], dict[str, str]]]:
    """The article rows and records by article id, one ``records`` part at a time (the
    article rows, small, are read first)."""
    articles = {row["id"]: row for part in source.read("articles") for row in part}
    for part in source.read("records"):
        yield [articles[r["article"]] for r in part], {r["article"]: r["record"] for r in part}
