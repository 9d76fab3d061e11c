"""What a store hands the questions of ``kgraph query``, ``stats`` and ``entity``: only the
part of the graph a question needs, as a small networkx graph in the local schema.

Every reader meets :class:`GraphReader`: :class:`MemoryReader` over a graph already in
memory (it hands over the whole graph), the local index beside a graph file
(:mod:`kgraph.store.local_index`) and Neo4j (:mod:`kgraph.store.neo4j_reader`) fetch just
the entities, relations and articles asked for. The questions
(:mod:`kgraph.query.questions`) run the same code on whatever they get, so every store
gives the same answers.

What a reader returns holds at least what is asked for (a store may return more
candidates than match: the questions pick the exact ones). Entity nodes carry ``label``,
``id``, ``name``, ``type``, ``aliases`` and ``mentions``; relations all their properties;
articles ``label``, ``id``, ``title`` and ``published``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from typing import Any, Protocol

import networkx as nx

from kgraph.store.base import ARTICLE_PREFIX, GraphStats

__all__ = [
    "GraphReader",
    "MemoryReader",
    "Window",
    "graph_stats",
    "most_connected",
    "ranked_counts",
]

#: ``(since, until, min_confidence)`` of ``--since``/``--until``/``--min-confidence``:
#: the evidence a question keeps; None or "" for an open end, 0 for every confidence.
Window = tuple[str | None, str | None, float]


class GraphReader(Protocol):
    """The reads the questions ask of a store."""

    def entities_called(self, name: str) -> nx.MultiDiGraph:
        """Entity nodes that may have the id ``name`` or a name equal to it ignoring case:
        at least those that do (a quick look-up before :meth:`entities_named`)."""

    def entities_named(self, name: str) -> nx.MultiDiGraph:
        """Entity nodes that may be called ``name``: at least those whose id, name or an
        alias equals it ignoring case, and those whose name contains it ignoring case."""

    def entity_details(self, ids: Collection[str]) -> list[dict[str, Any]]:
        """Every property of the entities ``ids`` (type votes and merges too), by id."""

    def all_names(self) -> nx.MultiDiGraph:
        """Every entity node (for suggesting the closest names when none matched)."""

    def around(self, entity_id: str) -> nx.MultiDiGraph:
        """The entity, every relation into or out of it, the entities at their other
        ends and the articles of their evidence."""

    def predicates(self) -> list[str]:
        """The distinct predicates of the stored relations, sorted."""

    def with_predicates(self, predicates: Collection[str]) -> nx.MultiDiGraph:
        """The relations with one of ``predicates``, their entities and articles."""

    def with_relation(self, relation: str) -> nx.MultiDiGraph:
        """The relations whose ``relation`` is ``relation`` or whose type, lowercased, is."""

    def neighbours(
        self, ids: Collection[str], *, dated: bool = False
    ) -> Iterable[tuple[str, str, dict[str, Any]]]:
        """Each relation into or out of an entity of ``ids``, as that entity, the entity
        at the other end and, when ``dated``, the relation's evidence dates and
        confidences (at least ``articles``, ``published``, ``whens`` and ``confidences``;
        else perhaps nothing)."""

    def between(self, pairs: Collection[tuple[str, str]]) -> nx.MultiDiGraph:
        """The relations between each pair of entities (either direction), with their
        entities and articles."""

    def claims(self, source: str, entity_ids: Collection[str]) -> nx.MultiDiGraph:
        """At least the relations reported by a source named ``source`` (ignoring case)
        or by one of the entities ``entity_ids``, with their entities, the sources'
        entities and the articles."""

    def stats(self) -> GraphStats:
        """Counts of articles, entities, relations, by type and predicate (most first)."""

    def most_connected(self, limit: int) -> list[dict[str, Any]]:
        """The ``limit`` entities with most relations (either way), then most mentions."""

    def close(self) -> None:
        """Release the store."""

    def __enter__(self) -> GraphReader:
        """A reader is its own context: ``with`` closes it."""

    def __exit__(self, *exc_info: object) -> None:
        """Close the reader."""


def ranked_counts(counts: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Counts most first, equal counts by key: the same order from every store."""
    return dict(sorted(counts, key=lambda item: (-item[1], item[0])))


def graph_stats(graph: nx.MultiDiGraph) -> GraphStats:
    """Counts of a graph in memory: articles, entities by type, relations by predicate."""
    types: Counter[str] = Counter()
    articles = 0
    for _, data in graph.nodes(data=True):
        if data.get("label") == "Article":
            articles += 1
        else:
            types[data.get("type", "")] += 1
    predicates: Counter[str] = Counter(
        data["predicate"]
        for _, _, data in graph.edges(data=True)
        if data.get("label") == "RELATION"
    )
    return GraphStats(
        articles,
        sum(types.values()),
        sum(predicates.values()),
        ranked_counts(types.items()),
        ranked_counts(predicates.items()),
    )


def most_connected(graph: nx.MultiDiGraph, limit: int = 10) -> list[dict[str, Any]]:
    """``cypher/most-connected.cypher``: entities by relations (either way), then mentions."""
    entities = {n: d for n, d in graph.nodes(data=True) if d.get("label") == "Entity"}
    degree: dict[str, int] = dict.fromkeys(entities, 0)
    for u, v, data in graph.edges(data=True):
        if _is_relation(data):
            degree[u] += 1
            degree[v] += 1
    rows = [
        {
            "id": d["id"],
            "name": d["name"],
            "type": d["type"],
            "relations": degree[n],
            "mentions": d.get("mentions", 0),
        }
        for n, d in entities.items()
    ]
    rows.sort(key=lambda r: (-r["relations"], -r["mentions"], r["id"]))
    return rows[: int(limit)]


class MemoryReader:
    """A :class:`GraphReader` over a whole graph in memory: every read hands it over."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph

    def __enter__(self) -> MemoryReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def entities_called(self, name: str) -> nx.MultiDiGraph:
        return self.graph

    def entities_named(self, name: str) -> nx.MultiDiGraph:
        return self.graph

    def entity_details(self, ids: Collection[str]) -> list[dict[str, Any]]:
        return [dict(self.graph.nodes[i]) for i in sorted(ids) if i in self.graph]

    def all_names(self) -> nx.MultiDiGraph:
        return self.graph

    def around(self, entity_id: str) -> nx.MultiDiGraph:
        return self.graph

    def predicates(self) -> list[str]:
        return sorted(
            {d["predicate"] for _, _, d in self.graph.edges(data=True) if _is_relation(d)}
        )

    def with_predicates(self, predicates: Collection[str]) -> nx.MultiDiGraph:
        return self.graph

    def with_relation(self, relation: str) -> nx.MultiDiGraph:
        return self.graph

    def neighbours(
        self, ids: Collection[str], *, dated: bool = False
    ) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for node in ids:
            if node not in self.graph:
                continue
            for _, other, data in self.graph.out_edges(node, data=True):
                if _is_relation(data):
                    yield node, other, data
            for other, _, data in self.graph.in_edges(node, data=True):
                if _is_relation(data):
                    yield node, other, data

    def between(self, pairs: Collection[tuple[str, str]]) -> nx.MultiDiGraph:
        return self.graph

    def claims(self, source: str, entity_ids: Collection[str]) -> nx.MultiDiGraph:
        return self.graph

    def stats(self) -> GraphStats:
        return graph_stats(self.graph)

    def most_connected(self, limit: int) -> list[dict[str, Any]]:
        return most_connected(self.graph, limit)

    def close(self) -> None:
        pass


def _is_relation(data: dict[str, Any]) -> bool:
    return data.get("label") == "RELATION"


def article_node(article: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The local graph's key and properties of an article ``{id, title, published}``."""
    return ARTICLE_PREFIX + article["id"], {"label": "Article", **article}
