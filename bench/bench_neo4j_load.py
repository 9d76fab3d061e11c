"""Neo4j load speed: one transaction per triple against batched ``UNWIND`` transactions.

Generates a reproducible set of triple records (as ``kgraph extract`` prints them), then

- row by row: each triple written in its own transaction (its article, two entities, their
  mentions and the relation: the loader's statements with one row each), timed on the
  first ``--sample`` triples and extrapolated to the whole set;
- batched: the whole set through ``Neo4jGraphStore.load`` (``--batch-size`` rows per
  transaction),

and prints triples per second for each and the ratio. Needs a running server (NEO4J_URI,
NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE); the database is emptied before and after.

    bash scripts/neo4j.sh start
    .venv/bin/python bench/bench_neo4j_load.py --triples 100000 --sample 5000
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterator

from kgraph.models import relationship_type
from kgraph.store.neo4j import Neo4jGraphStore
from kgraph.store.rows import rows_from_triples

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5_000, help="triples timed row by row")
    parser.add_argument("--batch-size", type=int, default=10_000, help="rows per transaction")
    parser.add_argument("--entities", type=int, default=20_000)
    parser.add_argument("--per-article", type=int, default=50)
    args = parser.parse_args()

    lines = list(generate(args.triples, entities=args.entities, per_article=args.per_article))
    types = {relationship_type(json.loads(line)["predicate"]) for line in lines[:2000]}
    print(
        f"{args.triples} triples, {args.entities} entities, {args.triples // args.per_article} "
        f"articles, {len(PREDICATES)} predicates ({len(types)}+ relationship types)"
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
            f"~{args.triples / row_rate:.0f} s)"
        )

        store.clear()
        started = time.perf_counter()
        rows = rows_from_triples(lines)
        store.load(rows, batch_size=args.batch_size)
        batch_seconds = time.perf_counter() - started
        batch_rate = args.triples / batch_seconds
        stats = store.stats()
        print(
            f"batched:    {args.triples} triples in {batch_seconds:.1f} s = {batch_rate:,.0f} "
            f"triples/s ({args.batch_size} rows per transaction, row building included); "
            f"stored {stats.articles} articles, {stats.entities} entities, "
            f"{stats.relations} relations"
        )
        print(f"batched / row by row: {batch_rate / row_rate:.1f}x")
        store.clear()


if __name__ == "__main__":
    main()
