"""Rows for parallel Neo4j transactions: every row once, no node in two blocks of a round."""

from __future__ import annotations

import random

import pytest

from kgraph.store.partition import mention_rounds, pair_rounds, relation_rounds


def _relations(n: int, entities: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    return [
        {"subject": f"e{rng.randrange(entities)}", "object": f"e{rng.randrange(entities)}", "n": i}
        for i in range(n)
    ]


def _nodes(block: list[dict], *fields: str) -> set[str]:
    return {row[f] for row in block for f in fields}


@pytest.mark.parametrize("buckets", [1, 2, 3, 4, 7])
def test_pair_rounds_cover_every_pair_once_with_disjoint_pairs(buckets):
    rounds = pair_rounds(buckets)
    pairs = [pair for r in rounds for pair in r]
    assert sorted(pairs) == [(i, j) for i in range(buckets) for j in range(i, buckets)]
    for r in rounds:
        used = [b for pair in r for b in set(pair)]
        assert len(used) == len(set(used))


@pytest.mark.parametrize("buckets", [2, 4, 5])
def test_relation_blocks_of_a_round_share_no_entity(buckets):
    rows = _relations(3000, 500)
    rounds = relation_rounds(rows, buckets)
    assert sorted(row["n"] for r in rounds for block in r for row in block) == list(range(3000))
    for r in rounds:
        seen: set[str] = set()
        for block in r:
            nodes = _nodes(block, "subject", "object")
            assert not nodes & seen
            seen |= nodes
    assert max(len(r) for r in rounds) == buckets  # the diagonal round runs them all


@pytest.mark.parametrize("buckets", [2, 4])
def test_mention_blocks_of_a_round_share_no_article_and_no_entity(buckets):
    rng = random.Random(5)
    rows = [
        {"article": f"a{rng.randrange(80)}", "entity": f"e{rng.randrange(400)}", "n": i}
        for i in range(2000)
    ]
    rounds = mention_rounds(rows, buckets)
    assert len(rounds) == buckets
    assert sorted(row["n"] for r in rounds for block in r for row in block) == list(range(2000))
    for r in rounds:
        articles: set[str] = set()
        entities: set[str] = set()
        for block in r:
            assert not _nodes(block, "article") & articles
            assert not _nodes(block, "entity") & entities
            articles |= _nodes(block, "article")
            entities |= _nodes(block, "entity")
