"""How often coreference falls back on its last resort, and which triples rest on it.

Coreference (``kgraph/entities/coref.py``) links an anaphor by what the article says,
the nearest agreeing entity of its sentence, or the subject before; when none of these
agrees, ``_last_resort`` decides. This bench parses a corpus, counts the anaphors that
reach the last resort by class (person, company, place, "its", platform) and by answer
(an entity or nobody), and writes the triples that rest on it: those extracted with it
and not without it (the resort refusing every time), to read and judge.

    .venv/bin/python bench/bench_coref_resort.py --out /tmp/resort.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from multiprocessing import get_context
from pathlib import Path

from kgraph.entities import coref

_REAL = coref._last_resort
_STATE = {"refuse": False}
_SEEN: Counter = Counter()


def _traced(candidates, anaphor, sentence, types, cls, titled):
    entity = None if _STATE["refuse"] else _REAL(candidates, anaphor, sentence, types, cls, titled)
    if not _STATE["refuse"]:
        kind = "its" if cls == "thing" else cls
        _SEEN[(kind, "entity" if entity is not None else "nobody")] += 1
    return entity


def _work(paths: list[Path]) -> tuple[Counter, list[dict]]:
    from kgraph.extract import extract_doc, parse_articles
    from kgraph.models import Article
    from kgraph.nlp.spacy_pipeline import load_pipeline
    from kgraph.readers import read_articles

    coref._last_resort = _traced
    _SEEN.clear()  # a worker runs several chunks: count each chunk's own
    nlp = load_pipeline()
    articles = [a for a in read_articles(paths) if isinstance(a, Article)]
    resting = []
    for doc, article in parse_articles(nlp, articles):
        _STATE["refuse"] = False
        with_it = {_key(t): t for t in extract_doc(doc, article).triples}
        _STATE["refuse"] = True
        without = {_key(t) for t in extract_doc(doc, article).triples}
        for key in sorted(with_it.keys() - without):
            triple = with_it[key]
            resting.append(
                {
                    "file": "/".join(Path(article.source or article.id).parts[-2:]),
                    "subject": triple.subject.name,
                    "predicate": triple.predicate,
                    "object": triple.object.name,
                    "modality": triple.modality,
                    "sentence": triple.sentence,
                }
            )
    return Counter(_SEEN), resting


def _key(triple) -> tuple:
    return (triple.subject.id, triple.predicate, triple.object.id, triple.start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="../shared/corpora/bbc")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--every", type=int, default=1, help="read every Nth article only")
    parser.add_argument("--out", help="write the triples that rest on the last resort here")
    args = parser.parse_args()
    paths = sorted(Path(args.corpus).glob("*/*.txt"))[:: args.every]
    chunks = [paths[i :: args.workers * 4] for i in range(args.workers * 4)]
    seen: Counter = Counter()
    resting: list[dict] = []
    with get_context("fork").Pool(args.workers) as pool:
        for counts, triples in pool.imap_unordered(_work, chunks):
            seen.update(counts)
            resting.extend(triples)
    print(f"{len(paths)} articles: the last resort decided {sum(seen.values())} anaphors")
    for (kind, answer), count in sorted(seen.items()):
        print(f"  {kind:10s} {answer:7s} {count:6d}")
    print(f"triples resting on it: {len(resting)}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            for record in resting:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
