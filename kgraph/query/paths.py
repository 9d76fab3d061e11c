"""A shortest chain of entities between two entities, the same whichever store answers.

The search is breadth-first from both ends at once, always widening the smaller frontier,
and asks the store only for the neighbours of a frontier (``neighbours(ids)`` maps each id
to the entities it shares a relation with, either direction). Among several shortest
chains the one whose entity ids come first in order wins (compared id by id), so the
answer depends on the graph alone, never on the order a store returns rows in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

__all__ = ["Neighbours", "shortest_chain"]

#: ``neighbours(ids)``: for each id, the ids of the entities related to it (either way).
Neighbours = Callable[[Collection[str]], Mapping[str, Collection[str]]]


def shortest_chain(start: str, end: str, neighbours: Neighbours) -> list[str] | None:
    """The ids along the first (by ids) of the shortest chains from ``start`` to ``end``;
    None when they are not connected."""
    if start == end:
        return [start]
    search = _Search(start, end, neighbours)
    length = search.run()
    return None if length is None else search.first_chain(length)


class _Search:
    """Two breadth-first searches, from ``start`` (side 0) and from ``end`` (side 1)."""

    def __init__(self, start: str, end: str, neighbours: Neighbours) -> None:
        self.ends = (start, end)
        self.neighbours = neighbours
        #: Hops from each end to each entity reached from it.
        self.depth: tuple[dict[str, int], dict[str, int]] = ({start: 0}, {end: 0})
        self.frontier: list[list[str]] = [[start], [end]]
        #: The whole neighbour set of every entity a search has widened past.
        self.adjacent: dict[str, set[str]] = {}
        #: Entities met by both searches when they first met.
        self.met: list[str] = []

    def run(self) -> int | None:
        """Widen until the searches meet; the length of a shortest chain (None: never)."""
        while self.frontier[0] and self.frontier[1]:
            side = 0 if len(self.frontier[0]) <= len(self.frontier[1]) else 1
            layer = self._widen(side)
            self.met = [node for node in layer if node in self.depth[1 - side]]
            if self.met:
                return self.depth[0][self.met[0]] + self.depth[1][self.met[0]]
        return None

    def _widen(self, side: int) -> list[str]:
        layer = self.frontier[side]
        found = self.neighbours(layer)
        for node in layer:
            self.adjacent[node] = set(found.get(node, ())) - {node}
        depth = self.depth[side][layer[0]] + 1
        reached = self.depth[side]
        new = sorted({n for node in layer for n in self.adjacent[node] if n not in reached})
        for node in new:
            reached[node] = depth
        self.frontier[side] = new
        return new

    def first_chain(self, length: int) -> list[str]:
        """Walk from ``start`` taking, at each step, the smallest id still on a shortest
        chain (the entities at each position are known from the meeting layer back)."""
        on_chain = self._positions(length)
        chain = [self.ends[0]]
        for position in range(1, length + 1):
            here = chain[-1]
            chain.append(min(n for n in on_chain[position] if self._related(here, n)))
        return chain

    def _positions(self, length: int) -> list[set[str]]:
        """For each position along a shortest chain, the entities that can stand there."""
        meet_at = self.depth[0][self.met[0]]
        positions: list[set[str]] = [set() for _ in range(length + 1)]
        positions[meet_at] = set(self.met)
        for position in range(meet_at - 1, -1, -1):
            positions[position] = {
                node
                for node, hops in self.depth[0].items()
                if hops == position and self.adjacent.get(node, set()) & positions[position + 1]
            }
        for position in range(meet_at + 1, length + 1):
            positions[position] = {
                node
                for node, hops in self.depth[1].items()
                if hops == length - position
                and self.adjacent.get(node, set()) & positions[position - 1]
            }
        return positions

    def _related(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` share a relation, from whichever of them was widened."""
        return b in self.adjacent.get(a, ()) or a in self.adjacent.get(b, ())
