"""Print a random sample of entity triples from BBC articles, for reading by hand.

    python bench/sample_triples.py                      # 30 triples from 200 articles, seed 7
    python bench/sample_triples.py --triples 50 --seed 11 --articles 200
    python bench/sample_triples.py --triples 50 --seed 10 --ingest   # from the ingested graph

Articles are chosen at random (fixed seed) from ``../shared/corpora/bbc`` and read in
place; triples are drawn from everything they yield, so the figure "wrong of N" in an
issue note can be reproduced with the same command. With ``--ingest`` the articles go
through ``kgraph ingest`` into a temporary local graph and the triples are the graph's
relations (one per piece of evidence), with entities resolved across the articles as
users get them.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from kgraph.extract import extract_articles
from kgraph.nlp.spacy_pipeline import load_pipeline
from kgraph.readers import read_articles

BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--triples", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--ingest", action="store_true", help="sample the ingested graph")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    files = sorted(args.corpus.glob("*/*.txt"))
    chosen = sorted(rng.sample(files, min(args.articles, len(files))))
    articles = [a for a in read_articles(chosen) if not hasattr(a, "reason")]
    nlp = load_pipeline()
    if args.ingest:
        _sample_graph(chosen, nlp, rng, args.triples)
        return
    triples = [t for x in extract_articles(nlp, articles) for t in x.triples]
    print(f"{len(triples)} triples from {len(articles)} articles; sample of {args.triples}:")
    for n, t in enumerate(rng.sample(triples, min(args.triples, len(triples))), 1):
        relation = t.to_dict().get("relation", t.predicate)
        print(
            f"{n:2}. {t.subject.name} ({t.subject.type}) -[{relation}: {t.predicate}]-> "
            f"{t.object.name} ({t.object.type})  [{t.modality}]"
        )
        print(f"    {t.article.title}: {t.sentence[:300]}")


def _sample_graph(paths: list[Path], nlp, rng: random.Random, count: int) -> None:
    from kgraph.pipeline import ingest
    from kgraph.store.local import LocalGraphStore

    with tempfile.TemporaryDirectory() as folder:
        store = LocalGraphStore(Path(folder) / "graph.json")
        ingest(paths, store, nlp)
        graph = store.graph
        titles = {
            d["id"]: d.get("title") or d["id"]
            for _, d in graph.nodes(data=True)
            if d.get("label") == "Article"
        }
        rows = []
        for u, v, data in graph.edges(data=True):
            if data.get("label") != "RELATION":
                continue
            subject, obj = graph.nodes[u], graph.nodes[v]
            for article, sentence, start in zip(
                data["articles"], data["sentences"], data["starts"]
            ):
                rows.append(
                    (
                        article,
                        start,
                        subject["name"],
                        subject["type"],
                        data.get("relation", data["predicate"]),
                        data["predicate"],
                        obj["name"],
                        obj["type"],
                        data["modality"],
                        sentence,
                    )
                )
    rows.sort()
    print(f"{len(rows)} triples (evidence) from {len(titles)} articles; sample of {count}:")
    for n, row in enumerate(rng.sample(rows, min(count, len(rows))), 1):
        article, _, sname, stype, relation, predicate, oname, otype, modality, sentence = row
        print(
            f"{n:2}. {sname} ({stype}) -[{relation}: {predicate}]-> {oname} ({otype})  [{modality}]"
        )
        print(f"    {titles[article]}: {sentence[:300]}")


if __name__ == "__main__":
    main()
