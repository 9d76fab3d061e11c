"""Relationship rows in rounds of node-disjoint blocks, for parallel write transactions.

Creating a relationship locks both of its nodes (or their relationship groups), so two
transactions that write relationships of the same node may deadlock. Nodes are hashed
into ``buckets``; a block holds the relationships between two buckets, and the blocks of
one round share no bucket, hence no node: they can be written concurrently. Rounds run
one after the other.

- Relations join two entities: a block is an unordered pair of entity buckets, and the
  rounds are a round-robin schedule (the diagonal blocks, then ``buckets - 1`` rounds of
  ``buckets / 2`` pairs).
- MENTIONS join an article and an entity, two node sets apart: a block is (article
  bucket, entity bucket), and round ``d`` pairs article bucket ``i`` with entity bucket
  ``(i + d) % buckets``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

__all__ = ["bucket_of", "mention_rounds", "relation_rounds"]

#: A block: rows whose nodes lie in its buckets only.
Block = list[dict[str, Any]]


def bucket_of(node_id: str, buckets: int) -> int:
    """The bucket of a node id (stable across processes and runs)."""
    return zlib.crc32(node_id.encode()) % buckets


def pair_rounds(buckets: int) -> list[list[tuple[int, int]]]:
    """Every unordered pair of buckets (``i <= j``) once, in rounds of disjoint pairs.

    >>> pair_rounds(2)
    [[(0, 0), (1, 1)], [(0, 1)]]
    """
    rounds = [[(i, i) for i in range(buckets)]]
    players = list(range(buckets)) + ([None] if buckets % 2 else [])  # a bye when odd
    size = len(players)
    for _ in range(size - 1):
        pairs = [(players[x], players[size - 1 - x]) for x in range(size // 2)]
        rounds.append([tuple(sorted(p)) for p in pairs if None not in p])
        players = [players[0], players[-1], *players[1:-1]]
    return [r for r in rounds if r]


def relation_rounds(rows: Iterable[dict[str, Any]], buckets: int) -> list[list[Block]]:
    """Relation rows (``subject``, ``object``) in rounds of node-disjoint blocks."""
    blocks: dict[tuple[int, int], Block] = {}
    for row in rows:
        ends = (bucket_of(row["subject"], buckets), bucket_of(row["object"], buckets))
        blocks.setdefault((min(ends), max(ends)), []).append(row)
    return _non_empty([[blocks.get(pair, []) for pair in r] for r in pair_rounds(buckets)])


def mention_rounds(rows: Iterable[dict[str, Any]], buckets: int) -> list[list[Block]]:
    """MENTIONS rows (``article``, ``entity``) in rounds of node-disjoint blocks."""
    blocks: dict[tuple[int, int], Block] = {}
    for row in rows:
        key = (bucket_of(row["article"], buckets), bucket_of(row["entity"], buckets))
        blocks.setdefault(key, []).append(row)
    rounds = [
        [blocks.get((i, (i + shift) % buckets), []) for i in range(buckets)]
        for shift in range(buckets)
    ]
    return _non_empty(rounds)


def _non_empty(rounds: list[list[Block]]) -> list[list[Block]]:
    kept = [[block for block in r if block] for r in rounds]
    return [r for r in kept if r]
