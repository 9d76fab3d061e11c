"""The Neo4j loader against a real server: schema, idempotence, evidence, injection, faults."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from pathlib import Path

import pytest

from kgraph.errors import StoreError
from kgraph.store.local import read_graph
from kgraph.store.neo4j import Neo4jGraphStore, Neo4jSettings
from kgraph.store.rows import GraphRows, rows_from_graph, rows_from_triples

from .conftest import EXAMPLES, kgraph

RELATION_PROPS = (
    "relation",
    "predicate",
    "negated",
    "modality",
    "confidence",
    "evidence_count",
    "articles",
    "sentences",
    "starts",
    "ends",
    "published",
    "confidences",
    "surfaces",
    "patterns",
    "sources",
    "source_ids",
    "whens",
    "when_texts",
)


def neo4j_snapshot(store: Neo4jGraphStore) -> dict:
    """Everything in the database, keyed so two stores compare with ==."""
    entities = {
        r["e"]["id"]: r["e"] for r in store.run("MATCH (e:Entity) RETURN properties(e) AS e")
    }
    articles = {
        r["a"]["id"]: r["a"] for r in store.run("MATCH (a:Article) RETURN properties(a) AS a")
    }
    mentions = {
        (r["a"], r["e"]): r["count"]
        for r in store.run(
            "MATCH (a:Article)-[m:MENTIONS]->(e:Entity) "
            "RETURN a.id AS a, e.id AS e, m.count AS count"
        )
    }
    relations = {
        (r["s"], r["o"], r["p"]["key"]): {"type": r["type"], **r["p"]}
        for r in store.run(
            "MATCH (s:Entity)-[r]->(o:Entity) "
            "RETURN s.id AS s, o.id AS o, type(r) AS type, properties(r) AS p"
        )
    }
    return {
        "entities": entities,
        "articles": articles,
        "mentions": mentions,
        "relations": relations,
    }


def local_snapshot(path: Path) -> dict:
    """The local graph file in the shape of :func:`neo4j_snapshot`."""
    graph = read_graph(path)
    entities, articles, mentions, relations = {}, {}, {}, {}
    for _, data in graph.nodes(data=True):
        props = {k: v for k, v in data.items() if k != "label" and v is not None}
        (articles if data["label"] == "Article" else entities)[data["id"]] = props
    for u, v, key, data in graph.edges(keys=True, data=True):
        if data["label"] == "MENTIONS":
            mentions[graph.nodes[u]["id"], v] = data["count"]
        else:
            relations[u, v, key] = {
                "type": data["type"],
                "key": key,
                **{k: data[k] for k in RELATION_PROPS},
            }
    return {
        "entities": entities,
        "articles": articles,
        "mentions": mentions,
        "relations": relations,
    }


def ingest_neo4j(*paths: str) -> str:
    result = kgraph("ingest", *paths, "--store", "neo4j", "--quiet", "--workers", "1")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_ingest_matches_the_local_graph(neo4j_store, tmp_path):
    local = tmp_path / "graph.json"
    result = kgraph("ingest", str(EXAMPLES), "--graph", str(local), "--quiet", "--workers", "1")
    assert result.returncode == 0, result.stderr
    ingest_neo4j(str(EXAMPLES))

    assert neo4j_snapshot(neo4j_store) == local_snapshot(local)


def test_ingesting_twice_changes_nothing(neo4j_store):
    first = ingest_neo4j(str(EXAMPLES))
    before = neo4j_snapshot(neo4j_store)
    second = ingest_neo4j(str(EXAMPLES))

    assert "4 articles ingested" in first
    assert "0 articles ingested, 4 skipped (already stored)" in second
    assert neo4j_snapshot(neo4j_store) == before
    assert neo4j_store.has_article(*_example_article_key())


def _example_article_key() -> tuple[str, str]:
    from kgraph.models import Article

    article = Article(text=(EXAMPLES / "tiktok-microsoft.txt").read_text(encoding="utf-8"))
    return article.id, article.content_hash


def test_loading_the_saved_graph_and_the_triples_is_idempotent(neo4j_store, tmp_path):
    local = tmp_path / "graph.json"
    assert kgraph("ingest", str(EXAMPLES), "--graph", str(local), "--quiet").returncode == 0
    for _ in range(2):
        result = kgraph("load", str(local))
        assert result.returncode == 0, result.stderr
    assert neo4j_snapshot(neo4j_store) == local_snapshot(local)

    triples = tmp_path / "triples.jsonl"
    extracted = kgraph("extract", str(EXAMPLES))
    triples.write_text(extracted.stdout, encoding="utf-8")
    before = neo4j_snapshot(neo4j_store)
    assert kgraph("load", str(triples)).returncode == 0
    after = neo4j_snapshot(neo4j_store)
    # The triples restate what the graph already holds: no new relation, no new evidence.
    assert after["relations"] == before["relations"]
    assert len(after["entities"]) == len(before["entities"])


def triple(article: str, start: int, **overrides) -> dict:
    record = {
        "subject": {"id": "org:microsoft", "name": "Microsoft", "type": "ORG"},
        "predicate": "owns",
        "object": {"id": "org:tiktok", "name": "TikTok", "type": "ORG"},
        "article": {
            "id": article,
            "title": f"title {article}",
            "published": "2020-08-0" + article[-1],
        },
        "sentence": f"Microsoft owns TikTok ({article}).",
        "start": start,
        "end": start + 30,
        "confidence": 0.5,
        "negated": False,
        "modality": "asserted",
    }
    record.update(overrides)
    return record


def load_records(store: Neo4jGraphStore, *records: dict) -> None:
    store.load(rows_from_triples(json.dumps(r) for r in records))


def relation(store: Neo4jGraphStore) -> dict:
    [row] = store.run("MATCH (:Entity)-[r:OWNER_OF]->(:Entity) RETURN properties(r) AS r")
    return row["r"]


@pytest.fixture(params=["dynamic-types", "statement-per-type"])
def writer(request, neo4j_store, neo4j_settings):
    """A store writing relationships either way the loader can (on an emptied database)."""
    store = Neo4jGraphStore(neo4j_settings, dynamic_types=request.param == "dynamic-types")
    yield store
    store.close()


def test_evidence_from_a_new_article_is_appended_once(neo4j_store, writer):
    load_records(writer, triple("a1", 0))
    load_records(writer, triple("a2", 10, confidence=0.9), triple("a1", 0))
    load_records(writer, triple("a2", 10, confidence=0.9))

    rel = relation(neo4j_store)
    assert rel["articles"] == ["a1", "a2"]
    assert rel["starts"] == [0, 10]
    assert rel["published"] == ["2020-08-01", "2020-08-02"]
    assert rel["confidences"] == [0.5, 0.9]
    assert rel["evidence_count"] == 2
    assert rel["confidence"] == 0.9
    assert neo4j_store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"] == 5  # + 4 MENTIONS


def test_same_pair_other_modality_is_another_relationship(neo4j_store, writer):
    load_records(writer, triple("a1", 0), triple("a1", 40, modality="reported"))
    keys = neo4j_store.run("MATCH (:Entity)-[r:OWNER_OF]->(:Entity) RETURN r.key AS k ORDER BY k")
    assert [r["k"] for r in keys] == ["owns|asserted|affirmed", "owns|reported|affirmed"]


HOSTILE = [
    "owns`]->(x) DETACH DELETE x //",
    "x'}) MATCH (n) DETACH DELETE n //",
    '"})-[:X]->() DETACH DELETE n',
    "})-[:X]->() DETACH DELETE",
    "line\nbreak\r\n\u2028sep",
    "ünïcödé 株式会社 🚀 \u202e",
    "back\\slash\\`\\'",
    "$rows",
    "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_as_data(neo4j_store, writer, text):
    neo4j_store.execute("CREATE (:Sentinel {name: 'still here'})")
    record = triple(
        text or "a0",
        0,
        predicate=text,
        subject={"id": f"org:{text}", "name": text, "type": "ORG"},
        object={"id": f"gpe:{text}`", "name": f"`{text}`", "type": "GPE"},
        sentence=text,
    )
    record["article"]["title"] = text
    load_records(writer, record)
    load_records(writer, record)

    assert neo4j_store.run("MATCH (s:Sentinel) RETURN s.name AS n") == [{"n": "still here"}]
    [row] = neo4j_store.run(
        "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.name AS s, o.name AS o, type(r) AS type, "
        "r.predicate AS p, r.sentences AS sentences"
    )
    assert row["s"] == text and row["o"] == f"`{text}`" and row["p"] == text
    assert row["sentences"] == [text]
    assert row["type"] == "RELATED_TO" or row["type"].replace("_", "").isalnum()
    [article] = neo4j_store.run("MATCH (a:Article) RETURN a.id AS id, a.title AS title")
    assert article == {"id": text or "a0", "title": text}
    counts = neo4j_store.run("MATCH (n) RETURN count(n) AS n")[0]["n"]
    assert counts == 4  # sentinel, article, two entities


def test_a_failing_batch_writes_nothing(neo4j_store):
    rows = rows_from_triples([json.dumps(triple("a1", 0))])
    rel = next(iter(rows.relations.values()))
    rel["evidence"][0]["sentence"] = {"not": "a property value"}  # Neo4j refuses maps
    with pytest.raises(StoreError, match="Neo4j refused the statement"):
        neo4j_store.write_rows(rows)
    assert neo4j_store.run("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


class Proxy:
    """A TCP relay to the server that can be cut, as a network or server failure."""

    def __init__(self, target: tuple[str, int], port: int = 0) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", port))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept() on Linux
        self.listener.close()
        for s in self.sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()


def _behind_proxy(settings: Neo4jSettings) -> tuple[Proxy, Neo4jSettings, tuple[str, int]]:
    """A proxy in front of the server, and settings that connect through it."""
    host, port = settings.uri.rsplit("//", 1)[1].split(":")
    proxy = Proxy((host, int(port)))
    proxied = Neo4jSettings(
        f"bolt://127.0.0.1:{proxy.port}", settings.username, settings.password, settings.database
    )
    return proxy, proxied, (host, int(port))


def test_a_batch_after_the_server_went_away_raises(neo4j_store, neo4j_settings):
    proxy, settings, _ = _behind_proxy(neo4j_settings)
    store = Neo4jGraphStore(settings, max_retry_time=2.0)
    store.write_rows(rows_from_triples([json.dumps(triple("a1", 0))]))
    proxy.cut()
    with pytest.raises(StoreError, match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:\d+: "):
        store.write_rows(rows_from_triples([json.dumps(triple("a2", 50))]))
    store.close()

    assert relation(neo4j_store)["articles"] == ["a1"]


def test_a_batch_retries_until_the_server_is_back(neo4j_store, neo4j_settings):
    proxy, settings, (host, port) = _behind_proxy(neo4j_settings)
    store = Neo4jGraphStore(settings, max_retry_time=20.0)
    store.write_rows(rows_from_triples([json.dumps(triple("a1", 0))]))
    proxy.cut()  # the server "restarts": down for a second, then back on the same port
    revived: list[Proxy] = []
    timer = threading.Timer(1.0, lambda: revived.append(Proxy((host, port), proxy.port)))
    timer.start()
    store.write_rows(rows_from_triples([json.dumps(triple("a2", 50))]))
    store.close()
    timer.join()
    assert revived, "the write succeeded before the server came back"
    revived[0].cut()

    assert relation(neo4j_store)["articles"] == ["a1", "a2"]


def test_cli_says_when_the_server_is_unreachable(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = kgraph("stats", "--store", "neo4j", env={"NEO4J_URI": f"bolt://127.0.0.1:{port}"})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port}: ")


def test_cli_says_when_the_credentials_are_wrong(neo4j_settings):
    result = kgraph("stats", "--store", "neo4j", env={"NEO4J_PASSWORD": "not-the-password"})
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: Neo4j at {neo4j_settings.uri} rejected the credentials of user "
        f"'{neo4j_settings.username}' (set NEO4J_USERNAME and NEO4J_PASSWORD)"
    )


def test_load_rejects_a_file_that_is_not_triples(neo4j_settings, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"subject": 1}\n', encoding="utf-8")
    result = kgraph("load", str(bad))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: line 1: not a triple record (")


def test_parallel_transactions_write_the_same_graph(neo4j_store, neo4j_settings, tmp_path):
    local = tmp_path / "graph.json"
    assert kgraph("ingest", str(EXAMPLES), "--graph", str(local), "--quiet").returncode == 0
    rows = rows_from_graph(read_graph(local))
    written: list[int] = []
    with Neo4jGraphStore(neo4j_settings, parallel=3) as store:
        for _ in range(2):  # the second load changes nothing
            assert store.load(rows, batch_size=7, on_batch=written.append) == len(rows)
            assert neo4j_snapshot(neo4j_store) == local_snapshot(local)
    assert sum(written) == 2 * len(rows) and max(written) <= 7
    result = kgraph("load", str(local), "--parallel", "2", "--batch-size", "11")
    assert result.returncode == 0, result.stderr
    assert neo4j_snapshot(neo4j_store) == local_snapshot(local)


def test_rows_split_into_batches_keep_everything():
    rows = rows_from_triples(json.dumps(triple(f"a{i}", i)) for i in range(1, 8))
    batches = list(rows.split(3))
    assert all(len(b) <= 3 for b in batches)
    merged = GraphRows()
    for batch in batches:
        for kind in ("articles", "entities", "mentions", "relations"):
            getattr(merged, kind).update(getattr(batch, kind))
    assert merged == rows


def test_open_triples_are_left_out():
    open_triple = triple("a1", 0)
    open_triple["object"] = {"id": None, "name": "a phrase", "type": None}
    rows = rows_from_triples([json.dumps(open_triple), json.dumps(triple("a2", 5))])
    assert [r["evidence"][0]["article"] for r in rows.relations.values()] == ["a2"]
