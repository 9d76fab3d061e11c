"""How much of the open analysis reaches the entity graph, on BBC news articles.

Among the open triples (``kgraph extract --open``) whose subject and first argument each
contain a named entity or a pronoun or description resolved to one, the share for which
the entity triples of the same sentence connect those entities (either direction); and a
sample of the open triples that yield none, with the likely reason.

    python bench/bench_projection.py [--corpus ../shared/corpora/bbc] [--per-topic 40]
        [--topics business,politics] [--sample 15] [--seed 7]

The corpus is read in place (never copied).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from kgraph.entities.coref import resolve_coreferences
from kgraph.entities.mentions import resolve_mentions
from kgraph.extract import ATTRIBUTION_VERBS, demonyms_as_groups, extract_doc, parse_articles
from kgraph.extract.arguments import MentionIndex
from kgraph.extract.open import open_triples
from kgraph.extract.projection import PROJECTED_PATTERNS, object_entities
from kgraph.models import Article
from kgraph.nlp.spacy_pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"


def _articles(corpus: Path, topics: list[str], per_topic: int) -> list[Article]:
    articles = []
    for topic in topics:
        for path in sorted((corpus / topic).glob("*.txt"))[:per_topic]:
            text = path.read_text(encoding="utf-8", errors="replace")
            articles.append(Article(text, id=f"{topic}/{path.stem}"))
    return articles


def _entities(tokens, index: MentionIndex) -> set[str]:
    return {m.entity.id for t in tokens if (m := index.mention(t))}


def _stands_for_entities(triple, index: MentionIndex) -> bool:
    """Whether both arguments stand for an entity (their head is one, by name, coreference,
    apposition, descriptive compound or as a part of it), not merely contain one."""
    subject, obj = triple.phrases[0], triple.phrases[1]
    heads = [t for t in subject if t.head not in subject or t.head == t]
    return bool(heads and index.arguments(heads[0]) and object_entities(obj, index)[0])


def _reason(triple, index: MentionIndex) -> str:
    if triple.pattern == "clausal":
        return "the argument is a whole clause (its entities get that clause's own triples)"
    if triple.pattern not in PROJECTED_PATTERNS:
        return f"open pattern '{triple.pattern}' is read by the nominal constructions only"
    subject, obj = triple.phrases[0], triple.phrases[1]
    heads = [t for t in subject if t.head not in subject or t.head == t]
    if heads and not index.arguments(heads[0]):
        return "the subject's entity is a modifier inside the phrase, not what it stands for"
    if heads and heads[0].dep_ not in ("nsubj", "nsubjpass"):
        return "the subject is inherited from another clause"
    heads = [t for t in obj if t.head not in obj or t.head == t]
    if heads and not index.arguments(heads[0]):
        return "the object's entity is a modifier inside the phrase, not what it stands for"
    if triple.anchor.lemma_ in ATTRIBUTION_VERBS:
        return "a quotation's attribution ('X told the BBC'), dropped on purpose"
    return "other (a group, or the parse of the clause differs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--topics", default="business,politics")
    parser.add_argument("--per-topic", type=int, default=40)
    parser.add_argument("--sample", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--standing", action="store_true", help="sample only arguments that stand for entities"
    )
    args = parser.parse_args()
    nlp = load_pipeline()
    articles = _articles(args.corpus, args.topics.split(","), args.per_topic)
    eligible = yielded = standing = standing_yielded = 0
    misses = []
    by_pattern: Counter[str] = Counter()
    by_pattern_yield: Counter[str] = Counter()
    for doc, article in parse_articles(nlp, articles):
        mentions = demonyms_as_groups(resolve_mentions(doc))
        mentions += resolve_coreferences(doc, mentions)
        index = MentionIndex(mentions)
        pairs: dict[int, set[frozenset[str]]] = {}
        for triple in extract_doc(doc, article).triples:
            pairs.setdefault(triple.start, set()).add(
                frozenset((triple.subject.id, triple.object.id))
            )
        for sentence in doc.sents:
            start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
            found = pairs.get(start, set())
            for triple in open_triples(sentence):
                if len(triple.phrases) < 2:
                    continue
                subjects = _entities(triple.phrases[0], index)
                objects = _entities(triple.phrases[1], index)
                if not subjects or not objects or subjects & objects:
                    continue  # no entity on a side, or one name split in two ("the House of")
                eligible += 1
                by_pattern[triple.pattern] += 1
                stands = _stands_for_entities(triple, index)
                standing += stands
                if any(frozenset((s, o)) in found for s in subjects for o in objects):
                    yielded += 1
                    standing_yielded += stands
                    by_pattern_yield[triple.pattern] += 1
                else:
                    misses.append((article.id, triple, _reason(triple, index), stands))
    share = yielded / eligible if eligible else 0.0
    print(
        f"{len(articles)} BBC articles ({args.topics}): {eligible} open triples with an "
        f"entity in both arguments, {yielded} yield an entity triple: share {share:.3f}"
    )
    narrow = standing_yielded / standing if standing else 0.0
    print(
        f"  of them, {standing} have arguments that stand for an entity (not a clause or "
        f"a phrase it only modifies): {standing_yielded} yield one, share {narrow:.3f}"
    )
    print("  by open pattern (yield / with entities):")
    for pattern, count in by_pattern.most_common():
        print(f"  {pattern:18} {by_pattern_yield[pattern]:4}/{count:4}")
    print("reasons for the others:")
    for reason, count in Counter(r for _, _, r, _ in misses).most_common():
        print(f"  {count:4}  {reason}")
    misses = [m for m in misses if m[3] or not args.standing]
    print(f"sample of {args.sample} that yield none:")
    for article_id, triple, reason, _ in random.Random(args.seed).sample(
        misses, min(args.sample, len(misses))
    ):
        argument = triple.arguments[0] if triple.arguments else ""
        print(f"  [{article_id}] {triple.subject} | {triple.relation} | {argument}  -- {reason}")


if __name__ == "__main__":
    main()
