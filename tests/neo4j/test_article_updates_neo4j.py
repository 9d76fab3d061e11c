"""Articles that change, on Neo4j: v1 then v2 (some changed, some removed, some new) ends
with the database of v2 alone, also after a SIGKILL during the update and a re-run."""

from __future__ import annotations

import os
import random
import time

import pytest

from kgraph.models import content_hash
from tests.updates import bbc_versions, changed_hashes, kill_during_update, run, write_feed

from .test_loader import neo4j_snapshot

NEO4J = ["--store", "neo4j"]


@pytest.mark.slow
def test_update_remove_and_kill_end_with_the_final_graph(neo4j_store, tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "KGRAPH_GRAPH": ""}
    seed = int(os.environ.get("KGRAPH_KILL_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    v1, v2 = bbc_versions()
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, v2)
    run("ingest", str(feed), "--quiet", "--workers", "1", *NEO4J, env=env)
    expected = neo4j_snapshot(neo4j_store)

    wanted = changed_hashes(v1, v2)

    def written() -> int:
        rows = neo4j_store.run(
            "MATCH (a:Article) WHERE a.content_hash IN $h RETURN count(a) AS n", {"h": list(wanted)}
        )
        return rows[0]["n"]

    # The kill lands at a random moment after the update's first write; on a fast machine
    # that moment can come after its last write, so a shorter wait is tried from v1 again.
    for linger in (1.5, 0.5, 0.0):
        neo4j_store.clear()
        write_feed(feed, v1)
        run("ingest", str(feed), "--quiet", "--workers", "1", *NEO4J, env=env)
        write_feed(feed, v2)
        kill_during_update(feed, NEO4J, written, rng, env, linger=linger)
        stored = {
            r["id"]: r["h"]
            for r in neo4j_store.run("MATCH (a:Article) RETURN a.id AS id, a.content_hash AS h")
        }
        left = [i for i in v2 if i in v1 and stored[i] != content_hash(v2[i])]
        if written() > 0 and left:
            break
    assert written() > 0 and left, (seed, written())
    out = run("ingest", str(feed), "--quiet", "--workers", "1", *NEO4J, env=env).stdout
    assert f"({len(left)} updated)" in out, (seed, left, out)
    removed = run("remove", *(i for i in v1 if i not in v2), *NEO4J, env=env).stdout
    assert removed.startswith(f"{len([i for i in v1 if i not in v2])} articles removed"), removed
    assert neo4j_snapshot(neo4j_store) == expected, seed

    by_source = run("remove", "--source", str(feed), *NEO4J, env=env).stdout
    assert by_source.startswith(f"{len(v2)} articles removed"), by_source
    # nothing left but the state node: no records, entity records or name keys either
    assert neo4j_store.run("MATCH (n) WHERE NOT n:KgraphState RETURN count(n) AS n")[0]["n"] == 0
    assert neo4j_store.run("MATCH (n:Extraction) RETURN count(n) AS n")[0]["n"] == 0
