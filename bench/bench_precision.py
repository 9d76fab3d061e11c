"""Precision of kgraph's triples on BBC news, read off the pool of triples judged by hand.

Not a test. Runs kgraph on the BBC corpus (``../shared/corpora/bbc``, read in place), or
reads the triples of a graph file or of ``kgraph extract`` output, and holds them against
``bench/gold/judged-triples.jsonl`` (format: :mod:`kgraph.evaluate.judged`). Prints

- precision on the judged triples kgraph still produces (with a 95% interval), what the
  judged triples no longer produced were, and the share of the output not judged yet;
- precision by error kind, relation, construction, modality and confidence band, and the
  share of entities whose type is right;
- with ``--seed``: a random sample of the whole output (``--sample`` triples), each with
  its sentence, judged ones marked with their verdict; ``--write-sample FILE`` writes the
  unjudged ones as pool lines to fill in (``correct``, ``kind``, ``reason``, the type
  verdicts) and append to the pool. Each seed is used once: the bench says when a seed
  already drew a batch of the pool.

    .venv/bin/python bench/bench_precision.py --workers 2 --save-triples /tmp/bbc.jsonl
    .venv/bin/python bench/bench_precision.py --triples /tmp/bbc.jsonl --seed 23 --sample 50 \\
        --write-sample /tmp/to-judge.jsonl
    .venv/bin/python bench/bench_precision.py --graph bbc.json     # a graph of the corpus
    .venv/bin/python bench/bench_precision.py --pool-only          # only the pool's articles

``--triples`` reads JSON Lines of triple records (``kgraph extract`` output, or what
``--save-triples`` wrote); ``--graph`` an ingested graph file, whose article records hold
each article's own triples. Judgements are kept per article (names as the article's
own extraction gives them), so a graph's merges across articles do not change them.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from kgraph.confidence import default_cut
from kgraph.evaluate.judged import (
    ERROR_KINDS,
    PoolMatch,
    ProducedTriple,
    Tally,
    entity_type_tally,
    match_pool,
    read_pool,
    retyped_unjudged,
    tally_by,
)
from kgraph.models import Article, Extraction, Triple

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc"
POOL = ROOT / "bench" / "gold" / "judged-triples.jsonl"
#: Confidence bands printed (lower bounds).
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
#: Last predicate words that give where or when ("fights-in", "arrested-at").
PLACE_TIME = {"in", "at", "on", "during", "near", "across", "around", "outside", "inside"}
PLACE_TIME |= {"before", "after", "since", "until", "throughout", "within"}
PREPOSITIONS = PLACE_TIME | {"of", "with", "for", "to", "from", "against", "by", "over", "into"}
PREPOSITIONS |= {"about", "as", "behind", "under", "between", "among", "through", "like"}
#: Verbs that say little without their object ("gives", "takes", "puts").
LIGHT_VERBS = {"gives", "takes", "makes", "puts", "sends", "gets", "has", "does", "sets"}
LIGHT_VERBS |= {"brings", "holds", "keeps", "turns", "calls", "hands", "lets", "leaves"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--triples", type=Path, help="JSON Lines of triple records")
    source.add_argument("--graph", type=Path, help="an ingested local graph file")
    source.add_argument(
        "--pool-only", action="store_true", help="run kgraph on the pool's articles only"
    )
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--pool", type=Path, default=POOL)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: kgraph's)")
    parser.add_argument("--save-triples", type=Path, help="write the run's triples here")
    parser.add_argument("--seed", type=int, help="draw a random sample at this seed")
    parser.add_argument("--sample", type=int, default=50, help="triples in the sample")
    parser.add_argument("--write-sample", type=Path, help="unjudged sample triples as pool lines")
    parser.add_argument(
        "--write-changed",
        type=Path,
        help="judged triples produced with another relation or modality, as pool lines to "
        "judge again",
    )
    parser.add_argument(
        "--label",
        help="what made the triples, for the batch record [default: kgraph and this commit]",
    )
    parser.add_argument("--wrong", action="store_true", help="list every wrong judged triple")
    parser.add_argument(
        "--fresh",
        help="comma-separated seeds: precision by class over every judgement of the batches "
        "drawn at these seeds (a random sample of the output they came from)",
    )
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="leave out triples of lower confidence [default: the shipped cut when kgraph "
        "runs here; 0 for --triples and --graph, which hold what was kept]",
    )
    args = parser.parse_args()

    pool = read_pool(args.pool)
    started = time.perf_counter()
    if args.triples:
        output = list(read_triple_records(args.triples, args.corpus))
        where = f"triple records {args.triples}"
    elif args.graph:
        output = list(read_graph_triples(args.graph, args.corpus))
        where = f"graph file {args.graph}"
    else:
        if args.min_confidence is None:
            args.min_confidence = default_cut()
        paths = sorted(args.corpus.glob("*/*.txt"))
        if args.pool_only:
            wanted = {j.file for j in pool.judgements.values()}
            paths = [p for p in paths if relative(p, args.corpus) in wanted]
        output = list(run_kgraph(paths, args.corpus, args.workers, args.model, args.save_triples))
        where = f"kgraph {git_commit()} run on {len(paths)} articles of {args.corpus}"
    if args.min_confidence:
        output = [t for t in output if t.confidence >= args.min_confidence]
        where += f", confidence {args.min_confidence:.2f} or more"
    seconds = time.perf_counter() - started
    articles = len({t.file for t in output})
    print(f"output: {len(output):,} triples from {articles:,} articles ({where}, {seconds:.0f} s)")

    match = match_pool(pool, output)
    print_pool(match, len(pool), args.pool, args.wrong)
    if args.fresh:
        print_fresh(pool, args.fresh.split(","))
    if args.seed is not None:
        print_sample(match, pool.batches(), args, len(output))
    if args.write_changed:
        made_by = args.label or f"kgraph {git_commit()}"
        with args.write_changed.open("w", encoding="utf-8") as handle:
            for _, triple in match.changed:
                line = triple.to_template(f"judged again: relation or modality changed, {made_by}")
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        print(f"{len(match.changed)} lines to judge again written to {args.write_changed}")


def relative(path: str | Path, corpus: Path) -> str:
    """An article's path inside the corpus (``business/001.txt``), else as given."""
    path = Path(path)
    for given, base in (
        (path, corpus),
        (path, corpus.resolve()),
        (path.resolve(), corpus.resolve()),
    ):
        if given.is_relative_to(base):
            return given.relative_to(base).as_posix()
    return path.as_posix()


def produced(triple: Triple, file: str) -> ProducedTriple:
    """A triple of kgraph's output as the pool keys it."""
    return ProducedTriple(
        file=file,
        article=triple.article.id,
        sentence=triple.sentence,
        start=triple.start,
        subject=triple.subject.name,
        subject_type=triple.subject.type,
        predicate=triple.predicate,
        relation=triple.relation,
        object=triple.object.name,
        object_type=triple.object.type,
        modality=triple.modality,
        negated=triple.negated,
        pattern=triple.extras.get("pattern", ""),
        confidence=triple.confidence,
        source=(triple.source or {}).get("name", ""),
    )


def produced_record(record: dict, file: str) -> ProducedTriple:
    """A triple record (``kgraph extract`` output) as the pool keys it."""
    return ProducedTriple(
        file=file,
        article=record["article"]["id"],
        sentence=record["sentence"],
        start=record["start"],
        subject=record["subject"]["name"],
        subject_type=record["subject"]["type"],
        predicate=record["predicate"],
        relation=record["relation"],
        object=record["object"]["name"],
        object_type=record["object"]["type"],
        modality=record["modality"],
        negated=record["negated"],
        pattern=record.get("pattern", ""),
        confidence=record["confidence"],
        source=(record.get("source") or {}).get("name", ""),
    )


def run_kgraph(
    paths: list[Path], corpus: Path, workers: int, model: str | None, save: Path | None
) -> Iterator[ProducedTriple]:
    """Extract ``paths`` with kgraph (as ``kgraph ingest`` does, in ``workers`` processes)."""
    from kgraph.nlp.spacy_pipeline import DEFAULT_MODEL
    from kgraph.pipeline import extract_stream
    from kgraph.readers import read_articles

    articles = first_of_each([a for a in read_articles(paths) if isinstance(a, Article)])
    handle = save.open("w", encoding="utf-8") if save else None
    try:
        for item in extract_stream(model or DEFAULT_MODEL, articles, workers=workers):
            if not isinstance(item, Extraction):
                print(f"rejected: {item}", file=sys.stderr)
                continue
            file = relative(item.article.source or item.article.id, corpus)
            for triple in item.triples:
                if handle:
                    record = {**triple.to_dict(), "file": file}
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                yield produced(triple, file)
    finally:
        if handle:
            handle.close()


def first_of_each(articles: list[Article]) -> list[Article]:
    """The articles, each text once: as ``kgraph ingest`` skips an article already stored
    (the BBC corpus holds 98 files twice), the first file of the same id stands for it."""
    seen: set[str] = set()
    kept = []
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            kept.append(article)
    return kept


def read_triple_records(path: Path, corpus: Path) -> Iterator[ProducedTriple]:
    """The triples of a JSON Lines file of triple records; an article's file comes from
    the record's ``file``, else from the corpus article with the record's article id."""
    files: dict[str, str] | None = None
    first: dict[str, str] = {}  # article id -> the file read for it
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if "subject" not in record or record["subject"].get("id") is None:
                continue  # an open triple (kgraph extract --open)
            file = record.get("file")
            if file is None:
                files = files if files is not None else article_files(corpus)
                file = files.get(record["article"]["id"], record["article"]["id"])
            if first.setdefault(record["article"]["id"], file) != file:
                continue  # the same article read from a second file
            yield produced_record(record, file)


def article_files(corpus: Path) -> dict[str, str]:
    """Article id → path inside the corpus, for every article of the corpus."""
    from kgraph.readers import read_articles

    paths = sorted(corpus.glob("*/*.txt"))
    articles = first_of_each([a for a in read_articles(paths) if isinstance(a, Article)])
    return {a.id: relative(a.source or "", corpus) for a in articles}


def read_graph_triples(path: Path, corpus: Path) -> Iterator[ProducedTriple]:
    """The article-level triples a local graph file keeps in its article records."""
    from kgraph.entities.records import from_record
    from kgraph.store.local import ARTICLE_PREFIX, read_envelope

    graph, records = read_envelope(path)
    if records is None:
        sys.exit(f"error: {path} keeps no article records (written by an older kgraph)")
    for article_id in sorted(records):
        node = graph.nodes[ARTICLE_PREFIX + article_id]
        article = Article(
            "", article_id, node.get("title"), node.get("published"), None, node.get("source")
        )
        file = relative(node.get("source") or article_id, corpus)
        for triple in from_record(records[article_id], article).triples:
            yield produced(triple, file)


def git_commit() -> str:
    """The working tree's commit (with ``+`` when it has changes), for the record."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(unknown commit)"
    return commit + ("+" if dirty else "")


def print_pool(match: PoolMatch, pool_size: int, pool_path: Path, list_wrong: bool) -> None:
    judged = [j for j, _ in match.still]
    tally = Tally()
    for judgement in judged:
        tally.add(judgement.correct)
    gone = tally_by(match.gone, lambda j: "correct" if j.correct else "wrong")
    print(
        f"pool: {pool_size} judgements ({pool_path.name}); {len(match.still)} produced again "
        f"as judged, {len(match.changed)} with another relation or modality (to judge again), "
        f"{len(match.gone)} no longer produced ("
        + ", ".join(f"{t.judged} {name}" for name, t in gone.items())
        + ")"
    )
    print(f"precision on the judged triples still produced: {tally}")
    unjudged = len(match.unjudged) + len(match.changed)
    share = unjudged / match.output_size if match.output_size else 0.0
    print(f"not judged: {unjudged:,} of {match.output_size:,} triples ({share:.1%})")
    print(
        f"entity types right: {entity_type_tally(match.still)} of the distinct entities "
        "judged, at the types produced"
    )
    retyped = retyped_unjudged(match.still)
    if retyped:
        print(f"  {len(retyped)} produced with a type not judged yet (counted wrong):")
        for entity in retyped:
            print(f"    {entity}")

    wrong = [j for j in judged if not j.correct]
    print(f"\nwrong triples still produced, by kind ({len(wrong)}):")
    kinds = tally_by(wrong, lambda j: j.kind or "other")
    for kind, count in kinds.items():
        print(f"  {count.judged:4}  {kind:16} {ERROR_KINDS[kind]}")
    print_table("by relation", tally_by(judged, lambda j: j.relation))
    print_table("by construction", tally_by(judged, lambda j: j.pattern or "?"))
    print_table("by modality", tally_by(judged, lambda j: j.modality))
    print_table("by relation kind and predicate shape", tally_by(judged, shape))
    bands = tally_by([j for j, _ in match.still], _band(match))
    print_table(
        "by confidence (in-sample when the shipped model was fitted on this pool: "
        "bench/fit_confidence.py prints cross-validated figures)",
        dict(sorted(bands.items(), reverse=True)),
    )
    print("\nwrong triples by construction and kind (most frequent first):")
    pairs = tally_by(wrong, lambda j: f"{j.pattern or '?'} / {j.kind}")
    for pair, count in list(pairs.items())[:15]:
        print(f"  {count.judged:4}  {pair}")
    if match.gone:
        print("\njudged triples no longer produced:")
        for j in match.gone:
            verdict = "correct" if j.correct else f"wrong ({j.kind})"
            print(f"  {verdict:24} {j.file}: {j.subject} -[{j.predicate}]-> {j.object}")
    if match.changed:
        print("\nproduced with another relation or modality (judge again):")
        for j, t in match.changed:
            print(f"  {t.file}: {t.label()}  (judged as {j.relation}, {j.modality})")
    if list_wrong:
        print("\nwrong triples still produced:")
        for j, t in match.still:
            if not j.correct:
                print(f"  [{j.kind}] {t.file}: {t.label()}\n      {j.reason}")


def shape(judgement) -> str:
    """A judged triple's class: open or vocabulary relation, and the predicate's shape."""
    words = judgement.predicate.split("-")
    kind = "other" if judgement.relation == "other" else "vocabulary"
    if len(words) == 1:
        form = "one word"
    elif words[-1] in PLACE_TIME:
        form = "ends in a preposition of place or time"
    elif words[-1] in PREPOSITIONS:
        form = "ends in another preposition"
    else:
        form = "several words, no preposition"
    light = ", light verb" if words[0] in LIGHT_VERBS else ""
    return f"{kind} / {form}{light}"


def print_fresh(pool, seeds: list[str]) -> None:
    """Precision by class over the batches drawn at ``seeds``: unlike the judged triples
    still produced (whose wrong ones later changes removed), a random sample of the output."""
    chosen = [
        j
        for j in pool.judgements.values()
        if any(j.batch.startswith(f"seed {seed.strip()},") for seed in seeds)
    ]
    total = Tally()
    for judgement in chosen:
        total.add(judgement.correct)
    print(f"\nbatches drawn at seeds {', '.join(seeds)}: {total}")
    print_table("  by construction and relation kind", tally_by(chosen, _construction_kind))
    print_table("  by relation", tally_by(chosen, lambda j: j.relation))
    print_table("  by relation kind and predicate shape", tally_by(chosen, shape))


def _construction_kind(judgement) -> str:
    kind = "other" if judgement.relation == "other" else "vocabulary"
    return f"{judgement.pattern or '?'} / {kind}"


def _band(match: PoolMatch):
    confidence = {j.key(): t.confidence for j, t in match.still}

    def band(judgement) -> str:
        value = confidence[judgement.key()]
        low = max(b for b in BANDS if value >= b)
        return f">= {low:.1f}"

    return band


def print_table(title: str, tallies: dict[str, Tally], rows: int = 25) -> None:
    print(f"\n{title}:")
    for name, tally in list(tallies.items())[:rows]:
        print(
            f"  {name:28} {tally.judged:4} judged  {tally.correct:4} correct  {tally.precision:.2f}"
        )
    if len(tallies) > rows:
        rest = list(tallies.values())[rows:]
        judged = sum(t.judged for t in rest)
        correct = sum(t.correct for t in rest)
        print(f"  ({len(rest)} more) {'':17} {judged:4} judged  {correct:4} correct")


def print_sample(
    match: PoolMatch, batches: dict[str, int], args: argparse.Namespace, total: int
) -> None:
    """A random sample of the whole output at ``args.seed``: judged ones with their verdict,
    the others printed with their sentence to judge (and written with ``--write-sample``)."""
    verdicts = {t.key(): j for j, t in match.still}
    everything = sorted(
        [t for _, t in match.still] + [t for _, t in match.changed] + match.unjudged,
        key=ProducedTriple.order,
    )
    sample = random.Random(args.seed).sample(everything, min(args.sample, len(everything)))
    made_by = args.label or f"kgraph {git_commit()}"
    batch = f"seed {args.seed}, {len(sample)} of {total:,} triples, {made_by}"
    used = [b for b in batches if b.startswith(f"seed {args.seed},")]
    print(f"\nsample at seed {args.seed}: {len(sample)} of {total:,} triples")
    if used:
        print(f"note: seed {args.seed} already drew pool batch {used[0]!r}")
    tally = Tally()
    to_judge = []
    for n, triple in enumerate(sample, 1):
        judgement = verdicts.get(triple.key())
        if judgement:
            tally.add(judgement.correct)
            verdict = "correct" if judgement.correct else f"wrong: {judgement.kind}"
        else:
            to_judge.append(triple)
            verdict = "to judge"
        print(f"{n:3}. [{verdict}] {triple.file}: {triple.label()}")
        print(f"     {triple.sentence}")
    print(f"sample: {tally.judged} judged, {tally}; {len(to_judge)} to judge")
    if args.write_sample:
        with args.write_sample.open("w", encoding="utf-8") as handle:
            for triple in to_judge:
                line = json.dumps(triple.to_template(batch), ensure_ascii=False)
                handle.write(line + "\n")
        print(f"{len(to_judge)} lines to judge written to {args.write_sample}")


if __name__ == "__main__":
    main()
