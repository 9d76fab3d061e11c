"""Every query of cypher/ gives the same answer on Neo4j and on the local graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgraph.query.cypher_files import read_cypher_file, run_local
from kgraph.store.local import read_graph
from kgraph.store.neo4j import Neo4jGraphStore

from .conftest import EXAMPLES, ROOT, kgraph

QUERIES = sorted(p for p in (ROOT / "cypher").glob("*.cypher") if p.name != "schema.cypher")
#: Other parameters to ask each query with, besides its defaults.
MORE_PARAMS = {
    "entity-profile": [{"entity": "TikTok"}, {"entity": "bytedance"}],
    "related-by-predicate": [{"predicate": "PARENT_OF"}],
    "shortest-path": [{"source": "Elon Musk", "target": "Twitter"}],
    "most-connected": [{"limit": 3}],
    "relations-over-time": [{"entity": "Donald Trump"}],
    "relation-evidence": [{"subject": "Donald Trump", "object": "TikTok"}],
    "co-mentioned": [{"entity": "Elon Musk", "limit": 100}],
    "denied-or-reported": [{"modalities": ["hypothetical"]}],
    "entity-articles": [{"entity": "TikTok"}],
    "claims-by-source": [{"source": "microsoft"}, {"source": "Trump"}],
    "relation-members": [{"relation": "acquires"}, {"relation": "other"}],
}
HOSTILE = {"entity": 'x" OR 1 = 1 OR "', "predicate": "`]->() DETACH DELETE", "limit": 5}


@pytest.fixture(scope="module")
def both_stores(neo4j_settings, tmp_path_factory):
    """The example articles ingested into a local graph file and into Neo4j, by the CLI."""
    local = tmp_path_factory.mktemp("cypher") / "graph.json"
    store = Neo4jGraphStore(neo4j_settings)
    store.clear()
    for args in (["--graph", str(local)], ["--store", "neo4j"]):
        result = kgraph("ingest", str(EXAMPLES), "--quiet", "--workers", "1", *args)
        assert result.returncode == 0, result.stderr
    yield read_graph(local), store, local
    store.clear()
    store.close()


def normalized(name: str, rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)


def cases():
    for path in QUERIES:
        yield pytest.param(path, {}, id=f"{path.stem}-defaults")
        for i, params in enumerate(MORE_PARAMS.get(path.stem, [])):
            yield pytest.param(path, params, id=f"{path.stem}-{i}")


@pytest.mark.parametrize(("path", "params"), list(cases()))
def test_query_answers_the_same_on_both_stores(both_stores, path: Path, params: dict):
    graph, store, _ = both_stores
    query = read_cypher_file(path)
    on_neo4j = store.run(query.text, query.bind(params))
    local = run_local(graph, query, params)

    assert on_neo4j, f"{path.name} found nothing; pick parameters the examples answer"
    assert normalized(query.name, local) == normalized(query.name, on_neo4j)


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_hostile_parameters_are_values(both_stores, path: Path):
    graph, store, _ = both_stores
    query = read_cypher_file(path)
    params = {k: v for k, v in HOSTILE.items() if k in query.parameters}
    on_neo4j = store.run(query.text, query.bind(params))
    local = run_local(graph, query, params)
    assert normalized(query.name, local) == normalized(query.name, on_neo4j)
    relations = sum(1 for *_, d in graph.edges(data=True) if d["label"] == "RELATION")
    assert store.stats().relations == relations  # nothing was deleted


def test_cli_runs_a_file_on_either_store(both_stores):
    _, _, local = both_stores
    args = ["query", "--cypher", "cypher/co-mentioned.cypher", "--param", "entity=TikTok", "--json"]
    on_neo4j = kgraph(*args, "--store", "neo4j")
    on_local = kgraph(*args, "--graph", str(local))
    assert on_neo4j.returncode == 0, on_neo4j.stderr
    assert on_local.returncode == 0, on_local.stderr
    assert sorted(on_neo4j.stdout.splitlines()) == sorted(on_local.stdout.splitlines())
    assert '"name": "ByteDance"' in on_neo4j.stdout
