"""BBC gold: kgraph's entity triples on the BBC articles of ``examples/gold/bbc-triples.jsonl``
against what a careful reader writes down from them.

Not a test: the articles are read in place from ``../shared/corpora/bbc`` (never copied into
the project); prints precision, recall and F1 (``kgraph eval triples``) against the first
reading's rows, then against them with the adjudicated rows of
``examples/gold/bbc-triples-adjudicated.jsonl`` (true triples of the same kinds found when
kgraph's false hits were read against their sentences), then each miss and each false hit
of the second (and the first reading's false hits that the adjudicated rows accept).

    .venv/bin/python bench/bench_bbc_gold.py [--bbc DIR] [--gold FILE] [--write-predictions FILE]

The same with the command line:

    kgraph extract $(sed -n 's/.*"path": "\\([^"]*\\)".*/..\\/shared\\/corpora\\/bbc\\/\\1/p' \\
        examples/gold/bbc-triples.jsonl | sort -u) > bbc-pred.jsonl
    kgraph eval triples examples/gold/bbc-triples.jsonl bbc-pred.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kgraph.confidence import default_cut
from kgraph.evaluate.triples import read_gold_triples, read_predictions, score_triples
from kgraph.extract import extract_doc, parse_articles
from kgraph.nlp.spacy_pipeline import DEFAULT_MODEL, load_pipeline
from kgraph.readers import read_articles

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpora" / "bbc"
GOLD = ROOT / "examples" / "gold" / "bbc-triples.jsonl"
ADJUDICATED = ROOT / "examples" / "gold" / "bbc-triples-adjudicated.jsonl"


def gold_paths(gold: Path) -> list[str]:
    """The article paths the gold file names, in order, each once."""
    paths: dict[str, None] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("//"):
            paths[json.loads(line)["path"]] = None
    return list(paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--bbc", type=Path, default=BBC)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument(
        "--adjudicated",
        type=Path,
        default=ADJUDICATED,
        help="rows added on adjudication, scored with --gold in a second line",
    )
    parser.add_argument("--write-predictions", type=Path)
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=default_cut(),
        help="triples of lower confidence are left out [default: the shipped cut]",
    )
    args = parser.parse_args()

    paths = [str(args.bbc / p) for p in gold_paths(args.gold)]
    nlp = load_pipeline(args.model)
    lines = [
        json.dumps(triple.to_dict(), ensure_ascii=False)
        for doc, article in parse_articles(nlp, read_articles(paths))
        for triple in extract_doc(doc, article, min_confidence=args.min_confidence).triples
    ]
    if args.write_predictions:
        args.write_predictions.write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
    first = read_gold_triples(args.gold)
    gold = first + read_gold_triples(args.adjudicated)
    print(
        f"BBC gold: {len(paths)} articles, {len(first)} triples of the first reading "
        f"+ {len(gold) - len(first)} adjudicated, {args.model}, "
        f"confidence {args.min_confidence:.2f} or more"
    )
    results = {}
    for label, rows in (("first reading", first), ("adjudicated", gold)):
        results[label] = result = score_triples(rows, read_predictions(lines))
        print(
            f"{label:>13}: precision {result.precision:.3f}  recall {result.recall:.3f}  "
            f"F1 {result.f1:.3f}"
        )
    for miss in result.misses:
        print(f"missed: {miss.describe()}")
    still_false = set(result.false_hits)
    for hit in results["first reading"].false_hits:
        mark = "false hit" if hit in still_false else "false hit of the first reading only"
        print(f"{mark}: {hit.describe()}")


if __name__ == "__main__":
    main()
