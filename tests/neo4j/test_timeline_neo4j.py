"""Sources and event dates on Neo4j: the same answers as the local graph, windows included."""

from __future__ import annotations

import pytest

from kgraph.query.cypher_files import find_query, read_cypher_file, run_local
from kgraph.store.local import read_graph
from tests.test_timeline import dated_folder

from .conftest import kgraph
from .test_cypher_library import normalized
from .test_loader import local_snapshot, neo4j_snapshot


@pytest.fixture(scope="module")
def stores(neo4j_settings, tmp_path_factory):
    from kgraph.store.neo4j import Neo4jGraphStore

    folder = dated_folder(tmp_path_factory.mktemp("dated"))
    local = folder.parent / "graph.json"
    store = Neo4jGraphStore(neo4j_settings)
    store.clear()
    for args in (["--graph", str(local)], ["--store", "neo4j"]):
        result = kgraph("ingest", str(folder), "--quiet", "--workers", "1", *args)
        assert result.returncode == 0, result.stderr
    yield local, store
    store.clear()
    store.close()


def test_sources_and_whens_are_stored_alike(stores):
    local, store = stores
    neo, loc = neo4j_snapshot(store), local_snapshot(local)
    assert neo["relations"] == loc["relations"]
    whens = [w for r in neo["relations"].values() for w in r["whens"] if w]
    sources = [s for r in neo["relations"].values() for s in r["sources"] if s]
    assert "2020-07-31/2020-07-31" in whens and "Microsoft" in sources


@pytest.mark.parametrize(
    ("name", "params"),
    [
        (
            "relations-over-time",
            {"entity": "Donald Trump", "since": "2020-07-31", "until": "2020-07-31"},
        ),
        ("relations-over-time", {"entity": "European Union", "until": "2022-12-31"}),
        ("claims-by-source", {"source": "Microsoft"}),
    ],
)
def test_windows_and_sources_answer_the_same(stores, name, params):
    local, store = stores
    query = read_cypher_file(find_query(name))
    on_neo4j = store.run(query.text, query.bind(params))
    assert on_neo4j
    assert normalized(name, run_local(read_graph(local), query, params)) == normalized(
        name, on_neo4j
    )
