"""Neo4j load speed: one transaction per triple against batched ``UNWIND`` transactions.

Generates a reproducible set of triple records (as ``kgraph extract`` prints them), then

- row by row: each triple written in its own transaction (its article, two entities, their
  mentions and the relation: the loader's statements with one row each), timed on the
  first ``--sample`` triples and extrapolated to the whole set;
- batched: the whole set through ``Neo4jGraphStore.load`` (``--batch-size`` rows per
  transaction), one transaction at a time, then ``--parallel`` at a time (node-disjoint
  blocks, as ``kgraph load --parallel N``),
- neo4j-admin import: the loaded graph exported as ``kgraph export --format csv`` writes it,
  then imported into an empty database folder by Neo4j's own import tool (its Java main
  class, through ``scripts/neo4j.sh admin``; JVM start included, export not),

and prints triples per second for each, beside the figures measured before the loader's
client side was made cheaper (:data:`BEFORE`), with the load average (the machine is
shared). Needs a running server (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_DATABASE); the database is emptied before and after.

    bash scripts/neo4j.sh start
    .venv/bin/python bench/bench_neo4j_load.py --triples 100000 --sample 5000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kgraph.export.neo4j_csv import write_neo4j_csv
from kgraph.store.neo4j import Neo4jGraphStore
from kgraph.store.rows import rows_from_triples

ROOT = Path(__file__).resolve().parent.parent
#: Triples/s of the loader at main 865fb4b (before row building and parameters were made
#: cheaper on the client, issue 14), same command on the idle 2-core machine: (row by row,
#: batched). Compare with a run of that commit close in time when the machine is busy.
BEFORE = (56, 3_777)

PREDICATES = [
    f"{verb}-{prep}"
    for verb in (
        "owns",
        "buys",
        "sues",
        "meets",
        "leads",
        "funds",
        "joins",
        "bans",
        "backs",
        "hires",
    )
    for prep in ("of", "in", "with", "for", "at")
]
TYPES = ("PERSON", "ORG", "GPE")


def generate(n: int, *, entities: int, per_article: int, seed: int = 7) -> Iterator[str]:
    """``n`` triple records as JSON lines, ``per_article`` to an article."""
    rng = random.Random(seed)
    for i in range(n):
        s, o = rng.randrange(entities), rng.randrange(entities)
        article = i // per_article
        start = (i % per_article) * 100
        yield json.dumps(
            {
                "subject": {"id": f"org:e{s}", "name": f"Entity {s}", "type": TYPES[s % 3]},
                "predicate": rng.choice(PREDICATES),
                "object": {"id": f"org:e{o}", "name": f"Entity {o}", "type": TYPES[o % 3]},
                "article": {
                    "id": f"a{article}",
                    "title": f"Article {article}",
                    "published": f"2024-{1 + article % 12:02d}-{1 + article % 28:02d}",
                },
                "sentence": f"Entity {s} did something to Entity {o} (sentence {i}).",
                "start": start,
                "end": start + 60,
                "confidence": round(rng.uniform(0.3, 0.95), 3),
                "negated": rng.random() < 0.05,
                "modality": rng.choice(("asserted", "asserted", "reported", "hypothetical")),
            }
        )


def admin_import(graph, folder: Path) -> float:
    """Seconds Neo4j's import tool takes over ``graph``'s CSV export into an empty folder."""
    csv_dir, state, bin_dir = folder / "csv", folder / "state", folder / "bin"
    write_neo4j_csv(graph, csv_dir)
    bin_dir.mkdir()
    admin = bin_dir / "neo4j-admin"
    admin.write_text(f'#!/bin/sh\nexec bash "{ROOT}/scripts/neo4j.sh" admin "$@"\n')
    admin.chmod(0o755)
    env = {
        **os.environ,
        "NEO4J_STATE_DIR": str(state),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    }
    started = time.perf_counter()
    done = subprocess.run(
        ["sh", str(csv_dir / "import.sh")], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - started
    if done.returncode or "IMPORT DONE" not in done.stdout:
        raise SystemExit(f"neo4j-admin import failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return seconds


def load_average() -> str:
    """The machine's 1, 5 and 15-minute load averages, for the printed figures."""
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5_000, help="triples timed row by row")
    parser.add_argument("--batch-size", type=int, default=10_000, help="rows per transaction")
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--per-article", type=int, default=50)
    parser.add_argument("--no-import", action="store_true", help="skip neo4j-admin import")
    parser.add_argument("--parallel", type=int, default=2, help="transactions at once, 2nd run")
    args = parser.parse_args()

    lines = list(generate(args.triples, entities=args.entities, per_article=args.per_article))
    types = {rel["type"] for rel in rows_from_triples(lines[:2000]).relations.values()}
    print(
        f"{args.triples} triples, {args.entities} entities, {args.triples // args.per_article} "
        f"articles, {len(PREDICATES)} predicates ({len(types)} relationship types); "
        f"{load_average()}"
    )
    with Neo4jGraphStore() as store:
        store.clear()
        sample = lines[: args.sample]
        started = time.perf_counter()
        for line in sample:
            store.write_rows(rows_from_triples([line]))
        row_seconds = time.perf_counter() - started
        row_rate = len(sample) / row_seconds
        print(
            f"row by row: {len(sample)} triples in {row_seconds:.1f} s = {row_rate:,.0f} "
            f"triples/s (one transaction per triple; {args.triples} would take "
            f"~{args.triples / row_rate:.0f} s; before: {BEFORE[0]:,} triples/s idle)"
        )

        store.clear()
        started, cpu = time.perf_counter(), time.process_time()
        rows = rows_from_triples(lines)
        store.load(rows, batch_size=args.batch_size)
        batch_seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        batch_rate = args.triples / batch_seconds
        stats = store.stats()
        print(
            f"batched:    {args.triples} triples in {batch_seconds:.1f} s = {batch_rate:,.0f} "
            f"triples/s ({args.batch_size} rows per transaction, row building included, "
            f"{cpu:.1f} s of it client CPU; "
            f"before: {BEFORE[1]:,} triples/s idle, {batch_rate / BEFORE[1]:.1f}x); "
            f"stored {stats.articles} articles, {stats.entities} entities, "
            f"{stats.relations} relations"
        )
        print(f"batched / row by row: {batch_rate / row_rate:.1f}x; {load_average()}")

        store.clear()
        store.parallel = args.parallel
        started = time.perf_counter()
        store.load(rows_from_triples(lines), batch_size=args.batch_size)
        parallel_seconds = time.perf_counter() - started
        parallel_rate = args.triples / parallel_seconds
        print(
            f"batched, {args.parallel} transactions at once: {args.triples} triples in "
            f"{parallel_seconds:.1f} s = {parallel_rate:,.0f} triples/s "
            f"({parallel_rate / batch_rate:.2f}x one at a time); {load_average()}"
        )
        graph = None if args.no_import else store.read_graph()
        store.clear()
    if graph is not None:
        with tempfile.TemporaryDirectory() as folder:
            seconds = admin_import(graph, Path(folder))
        print(
            f"neo4j-admin import: {args.triples} triples in {seconds:.1f} s = "
            f"{args.triples / seconds:,.0f} triples/s (into an empty database, JVM start "
            f"included; {graph.number_of_edges()} relationships)"
        )


if __name__ == "__main__":
    main()
