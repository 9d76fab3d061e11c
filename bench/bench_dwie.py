"""DWIE dev split, side by side: kgraph's entity triples, the same restricted to the
constructions main had before issue 9, and same-sentence co-occurrence of PERSON/ORG/GPE.

Not a test: prints pair precision, recall and F1 (``kgraph eval dwie``, equal to DWIE's
``score_pairs.py``) and articles per second, then kgraph's per-relation figures and what
connects the pairs DWIE does not annotate. ``--list-unannotated N`` lists those triples;
"adjectives read as their places" scores the same triples
with an adjective entity DWIE links to its place by a ``gpe*`` label ("Palestinian" →
Palestine) read as that place, as kgraph names a demonym; "exact-first" also makes a name
connect only the DWIE entities with a mention equal to it when there are any ("Berlin" is
not also "Berlin Senate"). See ``kgraph.evaluate.dwie.Alignment``.
``--list-missed N`` lists the annotated pairs no triple connects whose two entities are
named in one sentence, by DWIE label and the words joining them ("A 's foreign minister B").

    .venv/bin/python bench/bench_dwie.py [--model NAME] [--dwie FILE] [--write-predictions FILE]

Every article is parsed as ``kgraph extract`` parses it (boilerplate blanked), and once
more as raw text for co-occurrence (as DWIE's README measured it) and for kgraph without
boilerplate blanking; each rate is the articles divided by parse time plus the system's own
time. "relations of the vocabulary only" leaves out the open relations (``other``), which
DWIE's closed label set mostly does not annotate. "constructions of main" keeps only
triples of the patterns main had (verbs, prepositions, nominalizations, denials,
appositions, titles, copulas, "-based").
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

from spacy.tokens import Doc

from kgraph.confidence import default_cut
from kgraph.evaluate.dwie import (
    ALIGNED,
    OFFICIAL,
    Alignment,
    article_text,
    missed_pairs,
    read_dwie,
    score_dwie,
    unannotated_pairs,
    unannotated_triples,
)
from kgraph.extract import extract_doc, parse_articles
from kgraph.models import Article
from kgraph.nlp.spacy_pipeline import DEFAULT_MODEL, load_pipeline

DWIE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dwie" / "dev.json"
#: The constructions of main before issue 9's new ones.
MAIN_PATTERNS = frozenset(
    {
        "svo",
        "prepositional",
        "nominalization",
        "denied-action",
        "apposition",
        "title",
        "copula",
        "based",
    }
)
#: main's figures on this split (DWIE README), measured before the relation vocabulary.
MAIN_BEFORE = (0.244, 0.088, 0.129)
COOCCURRENCE_TYPES = frozenset({"PERSON", "ORG", "GPE"})

Records = list[dict]
#: What connects the pairs DWIE does not annotate (:func:`unannotated_pairs`).
UNANNOTATED = {
    "several entities": "only by triples that also connect an annotated pair (a name "
    "matching several DWIE entities: 'American Institute for ...' and 'American')",
    "other": "only by open relations (other)",
    "vocabulary": "by a relation of the vocabulary",
}


def kgraph_records(
    docs: list[tuple[Doc, Article]], keep=None, min_confidence: float = 0.0
) -> Records:
    records = []
    for doc, article in docs:
        for triple in extract_doc(doc, article, min_confidence=min_confidence).triples:
            if keep is None or triple.extras.get("pattern") in keep:
                records.append(triple.to_dict())
    return records


def cooccurrence_records(docs: list[tuple[Doc, Article]]) -> Records:
    records = []
    for doc, article in docs:
        for sentence in doc.sents:
            names = sorted(
                {e.text for e in sentence.ents if e.label_ in COOCCURRENCE_TYPES}, key=str.lower
            )
            for subject, obj in combinations(names, 2):
                records.append(
                    {
                        "subject": {"name": subject},
                        "predicate": "co-occurs-with",
                        "relation": "other",
                        "object": {"name": obj},
                        "article": article.ref(),
                        "sentence": sentence.text,
                    }
                )
    return records


def timed(system: Callable[[], Records]) -> tuple[Records, float]:
    started = time.perf_counter()
    records = system()
    return records, time.perf_counter() - started


def _row(name: str, articles, records: Iterable[dict], seconds: float, alignment=OFFICIAL) -> str:
    result = score_dwie(articles, list(records), alignment=alignment)
    rate = len(articles) / seconds if seconds else 0.0
    return f"{name:<44} {result.precision:6.3f} {result.recall:6.3f} {result.f1:6.3f} {rate:9.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--dwie", type=Path, default=DWIE)
    parser.add_argument("--write-predictions", type=Path, help="kgraph's triple records here")
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=default_cut(),
        help="kgraph's triples of lower confidence are left out [default: the shipped cut]",
    )
    parser.add_argument(
        "--list-unannotated",
        type=int,
        default=0,
        metavar="N",
        help="then list the triples connecting no annotated pair, by relation, construction "
        "and types, N of each group",
    )
    parser.add_argument(
        "--list-missed",
        type=int,
        default=0,
        metavar="N",
        help="then list the annotated pairs no triple connects whose entities are named in "
        "one sentence, by DWIE label and the words joining them, N of each group",
    )
    parser.add_argument(
        "--aligned",
        action="store_true",
        help="list with both corrections of the name alignment (kgraph.evaluate.dwie.ALIGNED)",
    )
    args = parser.parse_args()
    least = args.min_confidence

    articles = read_dwie(args.dwie)
    nlp = load_pipeline(args.model)
    inputs = [Article(article_text(a), id=a["title"], title=a["title"]) for a in articles]
    started = time.perf_counter()
    docs = list(parse_articles(nlp, inputs))  # as kgraph extract: boilerplate blanked
    parse = time.perf_counter() - started
    started = time.perf_counter()
    raw_docs = list(zip(nlp.pipe(a.text for a in inputs), inputs))  # boilerplate kept
    raw_parse = time.perf_counter() - started

    current, current_s = timed(lambda: kgraph_records(docs, min_confidence=least))
    vocabulary = [r for r in current if r.get("relation") != "other"]
    before, before_s = timed(lambda: kgraph_records(docs, MAIN_PATTERNS, least))
    raw, raw_s = timed(lambda: kgraph_records(raw_docs, min_confidence=least))
    cooc, cooc_s = timed(lambda: cooccurrence_records(raw_docs))
    if args.write_predictions:
        with args.write_predictions.open("w", encoding="utf-8") as handle:
            for record in current:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    print(
        f"DWIE dev: {len(articles)} articles, {args.model}; parse {parse:.1f} s; "
        f"triples at confidence {least:.2f} or more"
    )
    print(f"{'system':<44} {'P':>6} {'R':>6} {'F1':>6} {'articles/s':>9}")
    print(_row("kgraph entity triples", articles, current, parse + current_s))
    print(_row("kgraph, relations of the vocabulary only", articles, vocabulary, parse + current_s))
    seconds = parse + current_s
    adjectives = Alignment(adjectives_as_places=True)
    print(_row("kgraph, adjectives read as their places", articles, current, seconds, adjectives))
    print(_row("kgraph, adjectives as places, exact-first", articles, current, seconds, ALIGNED))
    print(_row("kgraph, vocabulary only, both alignments", articles, vocabulary, seconds, ALIGNED))
    print(_row("kgraph, constructions of main only", articles, before, parse + before_s))
    p, r, f = MAIN_BEFORE
    print(f"{'main before issue 9 (DWIE README)':<44} {p:6.3f} {r:6.3f} {f:6.3f} {'-':>9}")
    print(_row("kgraph, boilerplate not blanked", articles, raw, raw_parse + raw_s))
    print(_row("co-occurrence PERSON/ORG/GPE, same sentence", articles, cooc, raw_parse + cooc_s))

    listing = ALIGNED if args.aligned else OFFICIAL
    result = score_dwie(articles, current, alignment=listing)
    print("\nkgraph by relation: pairs connected, gold pairs among them, with a right label")
    for relation, (pairs, gold, labelled) in result.by_relation.items():
        print(f"  {relation:<20} {pairs:5d} {gold:5d} {labelled:5d}")
    unannotated = unannotated_pairs(articles, current, listing)
    print(
        f"\nconnected pairs DWIE does not annotate: {sum(unannotated.values())} of "
        f"{result.predicted_pairs}"
    )
    for source, why in UNANNOTATED.items():
        print(f"  {unannotated[source]:5d}  {why}")
    if args.list_unannotated:
        print_unannotated(articles, current, args.list_unannotated, listing)
    if args.list_missed:
        print_missed(articles, current, args.list_missed, listing)


def print_unannotated(articles, records: Records, each: int, alignment=OFFICIAL) -> None:
    """The triples connecting no annotated pair, by relation, construction and types."""
    groups = unannotated_triples(articles, records, alignment)
    print("\ntriples connecting no annotated pair, by relation / construction / types:")
    for (relation, pattern, subject, object_), triples in groups.items():
        print(f"  {len(triples):4d}  {relation} / {pattern} / {subject}-{object_}")
        for t in triples[:each]:
            print(
                f"          {t['subject']['name']} -[{t['predicate']}]-> {t['object']['name']}"
                f"  :: {t['sentence'][:160]}"
            )


def print_missed(articles, records: Records, each: int, alignment=OFFICIAL) -> None:
    """The annotated pairs missed whose entities share a sentence, by label and words."""
    groups = missed_pairs(articles, records, alignment)
    by_label: dict[str, int] = {}
    for (label, _), missed in groups.items():
        by_label[label] = by_label.get(label, 0) + len(missed)
    print("\nannotated pairs missed, both named in one sentence, by DWIE label:")
    for label, count in sorted(by_label.items(), key=lambda kv: -kv[1]):
        print(f"  {count:4d}  {label}")
    print("\nthe same by label / the words joining the closest mentions A and B:")
    for (label, shape), missed in groups.items():
        print(f"  {len(missed):4d}  {label} / {shape}")
        for m in missed[:each]:
            print(f"          A={m.first} B={m.second}  :: {m.sentence[:160]}")


if __name__ == "__main__":
    main()
