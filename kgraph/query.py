"""The questions users ask first, answered on the local graph.

An entity's relations (in and out), the relations with a given predicate, the path
between two entities. Entities are found by id, name or alias, case-insensitively.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import networkx as nx

from kgraph.errors import KgraphError


@dataclass(frozen=True)
class Relation:
    """One stored relationship, as query results show it."""

    subject: str
    predicate: str
    object: str
    evidence_count: int
    confidence: float
    negated: bool
    modality: str
    sentence: str

    def line(self) -> str:
        """``Microsoft -[owns]-> TikTok  (1 evidence, confidence 0.58, hypothetical)``."""
        notes = [f"{self.evidence_count} evidence", f"confidence {self.confidence:.2f}"]
        if self.negated:
            notes.append("negated")
        if self.modality != "asserted":
            notes.append(self.modality)
        return f"{self.subject} -[{self.predicate}]-> {self.object}  ({', '.join(notes)})"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _entity_nodes(graph: nx.MultiDiGraph) -> dict[str, dict]:
    return {n: d for n, d in graph.nodes(data=True) if d.get("label") == "Entity"}


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node id of the entity called ``name`` (id, name or alias; case-insensitive).

    Raises:
        KgraphError: no entity, or several equally good ones (the message lists them).
    """
    wanted = name.casefold().strip()
    entities = _entity_nodes(graph)
    if name in entities:
        return name
    exact = [n for n, d in entities.items() if d["name"].casefold() == wanted]
    alias = [
        n for n, d in entities.items() if wanted in (a.casefold() for a in d.get("aliases", []))
    ]
    partial = [n for n, d in entities.items() if wanted in d["name"].casefold()]
    for matches in (exact, alias, partial):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            best = max(matches, key=lambda n: entities[n].get("mentions", 0))
            return best
    raise KgraphError(f"no entity named {name!r} in the graph (try `kgraph stats`)")


def _relation(graph: nx.MultiDiGraph, u: str, v: str, data: dict) -> Relation:
    return Relation(
        subject=graph.nodes[u]["name"],
        predicate=data["predicate"],
        object=graph.nodes[v]["name"],
        evidence_count=data["evidence_count"],
        confidence=data["confidence"],
        negated=data["negated"],
        modality=data["modality"],
        sentence=data["sentences"][0] if data["sentences"] else "",
    )


def _relation_edges(graph: nx.MultiDiGraph):
    for u, v, data in graph.edges(data=True):
        if data.get("label") == "RELATION":
            yield u, v, data


def entity_relations(graph: nx.MultiDiGraph, name: str) -> list[Relation]:
    """Relations of an entity, outgoing then incoming, strongest first."""
    node = find_entity(graph, name)
    out = [
        _relation(graph, u, v, d)
        for u, v, d in graph.out_edges(node, data=True)
        if d.get("label") == "RELATION"
    ]
    into = [
        _relation(graph, u, v, d)
        for u, v, d in graph.in_edges(node, data=True)
        if d.get("label") == "RELATION"
    ]
    return _ranked(out) + _ranked(into)


def relations_with_predicate(graph: nx.MultiDiGraph, predicate: str) -> list[Relation]:
    """Relations whose predicate is ``predicate`` (or its UPPER_SNAKE relationship type)."""
    wanted = predicate.casefold()
    return _ranked(
        [
            _relation(graph, u, v, d)
            for u, v, d in _relation_edges(graph)
            if wanted in (d["predicate"], d["type"].casefold())
        ]
    )


def path_between(graph: nx.MultiDiGraph, source: str, target: str) -> list[Relation]:
    """The relations along a shortest path between two entities, ignoring direction."""
    start, end = find_entity(graph, source), find_entity(graph, target)
    undirected = nx.Graph()
    for u, v, data in _relation_edges(graph):
        undirected.add_edge(u, v, relation=(u, v, data))
    try:
        nodes = nx.shortest_path(undirected, start, end)
    except (nx.NetworkXNoPath, nx.NodeNotFound) as exc:
        raise KgraphError(f"no path between {source!r} and {target!r}") from exc
    return [_relation(graph, *undirected.edges[a, b]["relation"]) for a, b in zip(nodes, nodes[1:])]


def _ranked(relations: list[Relation]) -> list[Relation]:
    return sorted(
        relations, key=lambda r: (-r.evidence_count, -r.confidence, r.predicate, r.object)
    )
