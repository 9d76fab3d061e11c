"""CaRB dev split, side by side: kgraph open mode, textacy's SVO triples, OpenIE-5.

Not a test: prints precision, recall, best F1, AUC and sentences per second.

    .venv/bin/python bench/bench_carb.py [--model NAME] [--carb-dir DIR] [--write-system FILE]

kgraph runs twice: on spaCy's own tokenization and, as ``kgraph extract --open --format
carb --tokenized`` does, on the benchmark's tokens (split at spaces). textacy runs on the
same spaCy-tokenized parse as the first; each rate is the sentences divided by parse time
plus the system's own extraction time. textacy is optional: without
it the shipped reference file ``dev-textacy-svo.tsv`` is scored instead. OpenIE-5 is scored
from its shipped output file (no rate).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc

from kgraph.evaluate.carb import CarbScore, Extraction, read_gold, read_system, score, write_system
from kgraph.extract.open import open_triples, to_carb
from kgraph.nlp.spacy_pipeline import DEFAULT_MODEL, load_pipeline

CARB_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "carb"


def _group(extractions: Iterator[Extraction]) -> dict[str, list[Extraction]]:
    grouped: dict[str, list[Extraction]] = {}
    for extraction in extractions:
        grouped.setdefault(extraction.sentence, []).append(extraction)
    return grouped


def kgraph_open(lines: list[str], docs: list[Doc]) -> Iterator[Extraction]:
    for line, doc in zip(lines, docs, strict=True):
        for sentence in doc.sents:
            for triple in open_triples(sentence):
                yield to_carb(triple, line)


def textacy_svo(docs: list[Doc]) -> Iterator[Extraction]:
    from textacy.extract import subject_verb_object_triples

    for doc in docs:
        for triple in subject_verb_object_triples(doc):
            words = [" ".join(t.text for t in part) for part in triple]
            subject, verb, obj = words
            yield Extraction(doc.text, verb, (subject, obj), 1.0)


def _row(name: str, result: CarbScore, rate: float | None) -> str:
    speed = f"{rate:8.0f}" if rate else "       -"
    return (
        f"{name:<34} {result.precision:6.3f} {result.recall:6.3f} "
        f"{result.f1:6.3f} {result.auc:6.3f} {speed}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--carb-dir", type=Path, default=CARB_DIR)
    parser.add_argument(
        "--write-system", type=Path, help="also write kgraph's (--tokenized) extractions here"
    )
    args = parser.parse_args()

    gold = read_gold(args.carb_dir / "dev-gold.tsv")
    lines = [
        line.strip()
        for line in (args.carb_dir / "dev.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    nlp = load_pipeline(args.model)
    nlp("warm up")
    parses: dict[str, tuple[list[Doc], float]] = {}
    for tokens in ("spaCy", "space"):
        started = time.perf_counter()
        inputs = lines if tokens == "spaCy" else [Doc(nlp.vocab, words=s.split()) for s in lines]
        parses[tokens] = (list(nlp.pipe(inputs, batch_size=64)), time.perf_counter() - started)

    rows = []
    for tokens, flag in (("spaCy", ""), ("space", " --tokenized")):
        docs, parse_time = parses[tokens]
        started = time.perf_counter()
        ours = list(kgraph_open(lines, docs))
        rate = len(lines) / (parse_time + time.perf_counter() - started)
        rows.append(_row(f"kgraph open{flag}", score(gold, _group(iter(ours))), rate))
        if args.write_system and flag:
            with open(args.write_system, "w", encoding="utf-8") as handle:
                write_system(ours, handle)

    docs, parse_time = parses["spaCy"]
    try:
        started = time.perf_counter()
        theirs = _group(textacy_svo(docs))
        elapsed = parse_time + time.perf_counter() - started
        rows.append(_row("textacy 0.13 SVO (same parse)", score(gold, theirs), len(docs) / elapsed))
    except ImportError:
        reference = read_system(args.carb_dir / "dev-textacy-svo.tsv")
        rows.append(_row("textacy SVO (reference file)", score(gold, reference), None))

    openie5 = read_system(args.carb_dir / "dev-openie5.tsv")
    rows.append(_row("OpenIE-5 (reference file)", score(gold, openie5), None))

    tuples = sum(len(v) for v in gold.values())
    print(f"CaRB dev: {len(lines)} sentences, {tuples} gold tuples; spaCy model {args.model}")
    print(f"{'system':<34} {'P':>6} {'R':>6} {'F1':>6} {'AUC':>6} {'sent/s':>8}")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
