"""Scoring entity resolution against a gold file of mention-to-entity decisions.

Gold file: JSON Lines (``//`` comment lines allowed), one decision per line::

    {"article": "business/059.txt", "mention": "Bernie Ebbers", "entity": "Bernard Ebbers"}

- ``article``: the article's path as ingested, matched by its end (``business/059.txt``
  matches an Article node whose ``source`` is ``/data/bbc/business/059.txt``).
- ``mention``: the name as the article writes it (honorifics and "the" aside).
- ``entity``: the reader's label for the real-world entity; equal labels, same entity.

The graph's entity for a mention is the entity its article MENTIONS whose name or alias is
the mention (case-folded); a mention the graph does not have stays a singleton. Scores are
pairwise over all gold mentions: *merge precision* is the share of pairs the graph joins
that the reader joins too, *merge recall* the share of the reader's pairs the graph joins.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx

from kgraph.errors import RejectedInput

__all__ = ["GoldMention", "EntityScore", "read_gold_mentions", "score_entities"]


@dataclass(frozen=True)
class GoldMention:
    """One decision of the reader: this mention in this article is that entity."""

    article: str
    mention: str
    entity: str
    line: int = 0


@dataclass
class EntityScore:
    """Pairwise merge precision and recall, and the pairs that went wrong."""

    true_pairs: int = 0
    system_pairs: int = 0
    gold_pairs: int = 0
    found: int = 0
    mentions: int = 0
    false_merges: list[tuple[GoldMention, GoldMention]] = field(default_factory=list)
    missed_merges: list[tuple[GoldMention, GoldMention]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pairs / self.system_pairs if self.system_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_gold_mentions(path: str | Path) -> list[GoldMention]:
    """Read a gold file (see module docstring); a bad line is a one-line error."""
    gold = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
            gold.append(GoldMention(row["article"], row["mention"], row["entity"], number))
        except (ValueError, KeyError, TypeError) as exc:
            raise RejectedInput(f"{path}:{number}: not a gold mention ({exc})") from exc
    return gold


def _article_nodes(graph: nx.MultiDiGraph) -> dict[str, str]:
    return {
        str(data.get("source") or data.get("id")): node
        for node, data in graph.nodes(data=True)
        if data.get("label") == "Article"
    }


def system_entity(graph: nx.MultiDiGraph, article_node: str | None, mention: str) -> str | None:
    """The graph entity ``article_node`` mentions under the name ``mention``, if any."""
    if article_node is None:
        return None
    wanted = mention.casefold()
    hits = []
    for _, entity, data in graph.out_edges(article_node, data=True):
        if data.get("label") != "MENTIONS":
            continue
        node = graph.nodes[entity]
        names = [node.get("name", ""), *node.get("aliases", ())]
        if wanted in (n.casefold() for n in names):
            hits.append(
                (node.get("name", "").casefold() != wanted, -node.get("mentions", 0), entity)
            )
    return min(hits)[2] if hits else None


def score_entities(gold: list[GoldMention], graph: nx.MultiDiGraph) -> EntityScore:
    """Pairwise merge precision and recall of ``graph`` against ``gold``."""
    articles = _article_nodes(graph)
    resolved: dict[GoldMention, str | None] = {}
    for item in gold:
        node = next((n for src, n in articles.items() if src.endswith(item.article)), None)
        resolved[item] = system_entity(graph, node, item.mention)
    score = EntityScore(found=sum(v is not None for v in resolved.values()), mentions=len(gold))
    unique = list(dict.fromkeys(gold))
    for a, b in combinations(unique, 2):
        same_gold = a.entity == b.entity
        same_system = resolved[a] is not None and resolved[a] == resolved[b]
        score.gold_pairs += same_gold
        score.system_pairs += same_system
        score.true_pairs += same_gold and same_system
        if same_system and not same_gold:
            score.false_merges.append((a, b))
        elif same_gold and not same_system:
            score.missed_merges.append((a, b))
    return score


def summary_lines(score: EntityScore, limit: int = 40) -> list[str]:
    """The score as text: figures, then the false and missed merges (grouped)."""
    lines = [
        f"merge precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}"
        f"  ({score.true_pairs}/{score.system_pairs} pairs joined right, "
        f"{score.true_pairs}/{score.gold_pairs} gold pairs found; "
        f"{score.found}/{score.mentions} mentions in the graph)"
    ]
    false = defaultdict(set)
    for a, b in score.false_merges:
        false[a.entity, b.entity].add(f"{a.mention} ({a.article}) ~ {b.mention} ({b.article})")
    for (x, y), pairs in sorted(false.items())[:limit]:
        lines.append(
            f"false merge: {x} / {y}: {sorted(pairs)[0]}"
            + (f" (+{len(pairs) - 1})" if len(pairs) > 1 else "")
        )
    missed = defaultdict(set)
    for a, b in score.missed_merges:
        missed[a.entity].add(f"{a.mention} ({a.article}) ~ {b.mention} ({b.article})")
    for entity, pairs in sorted(missed.items())[:limit]:
        lines.append(
            f"missed merge: {entity}: {sorted(pairs)[0]}"
            + (f" (+{len(pairs) - 1})" if len(pairs) > 1 else "")
        )
    return lines
