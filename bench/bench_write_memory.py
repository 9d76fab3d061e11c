"""A write's client memory against graph size: ingest 5, remove 1 and a merge, traced.

Not a test. The same writes as ``bench/bench_writes.py`` (the five held-out BBC stories,
one of them removed, Tony Blair merged with Charles Kennedy), each run in-process on a
store of N articles with :mod:`tracemalloc`, which counts what Python allocates (the
client's own memory, not the interpreter's or spaCy's: the five articles are extracted
before tracing starts). Each store is measured in a fresh process; a ``.db`` file is
copied first, and a Neo4j store is given back as it was (the merge split again, the five
removed). The figures are the peak traced MB of each write, side by side by store.

Usage (from the repository root; the stores are ``bench/bench_writes.py``'s, built with
``--keep-servers``)::

    .venv/bin/python bench/bench_write_memory.py \\
        db:/tmp/writes/db-2123 db:/tmp/writes/db-21230 \\
        neo4j:bolt://127.0.0.1:7713 neo4j:bolt://127.0.0.1:7715
"""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_writes import CORPUS, HELD_OUT, MERGE  # noqa: E402

WRITES = ("ingest 5", "remove 1", "merge")


def traced(write: Callable[[], object]) -> tuple[float, float]:
    """Seconds and peak traced MB of one write."""
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    write()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def measure(store_spec: str) -> dict[str, tuple[float, float]]:
    """The three writes on one store (``db:PATH`` or ``neo4j:URI``), in this process."""
    import os

    from kgraph.entities.identity import Overrides
    from kgraph.extract import extract_article
    from kgraph.nlp.spacy_pipeline import load_pipeline
    from kgraph.readers import read_articles

    nlp = load_pipeline()
    extractions = [extract_article(nlp, a) for a in read_articles([CORPUS / n for n in HELD_OUT])]
    del nlp
    kind, where = store_spec.split(":", 1)
    copy = None
    if kind == "db":
        from kgraph.store.sqlite import SqliteGraphStore

        copy = Path(tempfile.mkdtemp(prefix="write-memory-")) / "graph.db"
        shutil.copyfile(where, copy)
        store = SqliteGraphStore(copy)
    else:
        from kgraph.store.neo4j import Neo4jGraphStore

        os.environ["NEO4J_URI"] = where
        store = Neo4jGraphStore()
    old = store.overrides()
    merged = Overrides((*old.merges, MERGE), old.splits)

    def ingest() -> None:
        store.write(extractions)
        store.save()

    out = {
        "ingest 5": traced(ingest),
        "remove 1": traced(lambda: store.remove([extractions[0].article.id])),
        "merge": traced(lambda: store.set_overrides(merged)),
    }
    store.set_overrides(old)
    store.remove([e.article.id for e in extractions[1:]])
    store.close()
    if copy is not None:
        shutil.rmtree(copy.parent)
    return out


def articles_in(store_spec: str) -> int:
    """How many articles the store holds (before the five)."""
    kind, where = store_spec.split(":", 1)
    if kind == "db":
        import sqlite3

        with sqlite3.connect(where) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    import os

    from kgraph.store.neo4j import Neo4jGraphStore

    os.environ["NEO4J_URI"] = where
    with Neo4jGraphStore() as store:
        return store.stats().articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="*", help="db:PATH or neo4j:URI, smallest first")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # measure one store, print JSON
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(f"{'store':<8}{'N':>8}" + "".join(f"{w + ' s (MB)':>20}" for w in WRITES))
    for spec in args.stores:
        found = subprocess.run(
            [sys.executable, __file__, "--one", spec], capture_output=True, text=True
        )
        if found.returncode:
            raise SystemExit(f"{spec}: {found.stderr.strip()}")
        figures = json.loads(found.stdout.splitlines()[-1])
        row = "".join(f"{s:>11.2f} ({mb:5.2f})" for s, mb in (figures[w] for w in WRITES))
        print(f"{spec.split(':', 1)[0]:<8}{articles_in(spec):>8}{row}", flush=True)


if __name__ == "__main__":
    main()
