"""Graph tables from a Dask run load into Neo4j as plain ingestion writes the graph."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES, kgraph
from .test_loader import neo4j_snapshot

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")


def test_graph_tables_load_as_ingest_writes_and_ingest_then_skips(neo4j_store, tmp_path):
    tables = tmp_path / "tables"
    plain = kgraph("ingest", str(EXAMPLES), "--store", "neo4j", "--quiet", "--workers", "1")
    assert plain.returncode == 0, plain.stderr
    expected = neo4j_snapshot(neo4j_store)
    neo4j_store.clear()
    dask = kgraph(
        "ingest", str(EXAMPLES), "--dask", "local", "--workers", "1", "--quiet",
        "--out-parquet", str(tables),
    )  # fmt: skip
    assert dask.returncode == 0, dask.stderr

    loaded = kgraph("load", str(tables))
    assert loaded.returncode == 0, loaded.stderr
    assert "Neo4j now holds 4 articles" in loaded.stdout
    assert neo4j_snapshot(neo4j_store) == expected

    again = kgraph("load", str(tables))  # articles already there: records, then resolve
    assert again.returncode == 0, again.stderr
    assert neo4j_snapshot(neo4j_store) == expected
    ingest = kgraph("ingest", str(EXAMPLES), "--store", "neo4j", "--quiet", "--workers", "1")
    assert "0 articles ingested, 4 skipped (already stored)" in ingest.stdout
