"""Who and what a whole graph is about: the part of it an overview picture shows.

:func:`overview` keeps the ``top`` entities with the most evidence (the evidence of their
relations, then their mentions), the strongest relations between them (one per pair of
entities: the pair's evidence summed, named by the relation with the most of it; at most
:data:`EDGES_PER_ENTITY` per kept entity in all), and groups them into communities
(networkx's Louvain on the kept relations, weighted by evidence, fixed seed), each named
by its entity with the most evidence. What is left out is counted for the caption. The
PNG/SVG picture and the HTML page draw the same choice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

__all__ = [
    "COMMUNITY_COLORS",
    "EDGES_PER_ENTITY",
    "TOP",
    "Overview",
    "PairRelation",
    "overview",
    "overview_summary",
    "pair_relations",
]

#: Entities an overview shows by default.
TOP = 40
#: Relations drawn per kept entity (the strongest first).
EDGES_PER_ENTITY = 1.5
#: Colours of an overview's communities, in turn (the picture's and the page's).
COMMUNITY_COLORS = (
    "#4c72b0",
    "#dd8452",
    "#55a868",
    "#c44e52",
    "#8172b3",
    "#937860",
    "#da8bc3",
    "#8c8c8c",
    "#ccb974",
    "#64b5cd",
)
_SEED = 7


@dataclass(frozen=True)
class PairRelation:
    """The relations between two kept entities, drawn as one edge."""

    source: str  # the subject of the strongest relation
    target: str
    label: str  # its relation, or its predicate when the relation is ``other``
    evidence: int  # all the pair's evidence
    relations: int  # relations (of any kind) between the two


@dataclass(frozen=True)
class Overview:
    """The kept entities and pair relations, communities, and what was left out."""

    entities: tuple[str, ...]  # most evidence first
    evidence: dict[str, int]
    pairs: tuple[PairRelation, ...]  # strongest first
    communities: tuple[tuple[str, ...], ...]  # biggest first; each most evidence first
    entities_left_out: int
    relations_left_out: int  # relations of the graph not drawn (among kept ones or not)

    def community_name(self, members: tuple[str, ...], graph: nx.MultiDiGraph) -> str:
        """A community's name: its entity with the most evidence."""
        return str(graph.nodes[members[0]].get("name", members[0]))

    def caption(self) -> str:
        """What the picture shows and leaves out, in one sentence."""
        shown = len(self.entities)
        return (
            f"The {shown} entities with the most evidence and the {len(self.pairs)} strongest "
            f"links between them; left out: {self.entities_left_out:,} other related entities "
            f"and {self.relations_left_out:,} relations. Edge labels: the relation with the most "
            "evidence (its count when more than one)."
        )


def entity_evidence(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Evidence of each entity: the evidence count of its relations, in and out."""
    found = {n: 0 for n, d in graph.nodes(data=True) if d.get("label") != "Article"}
    for u, v, d in graph.edges(data=True):
        if d.get("label") == "RELATION" and u != v:
            count = int(d.get("evidence_count") or 1)
            found[u] += count
            found[v] += count
    return found


def overview(graph: nx.MultiDiGraph, top: int = TOP) -> Overview:
    """The ``top`` entities of ``graph`` with the most evidence and what links them."""
    evidence = entity_evidence(graph)
    ranked = sorted(
        evidence, key=lambda n: (-evidence[n], -int(graph.nodes[n].get("mentions") or 0), n)
    )
    kept = ranked[:top] if top else ranked
    chosen = set(kept)
    pairs = pair_relations(graph, chosen)
    drawn = pairs[: max(int(EDGES_PER_ENTITY * len(kept)), 1)]
    total_relations = sum(1 for *_, d in graph.edges(data=True) if d.get("label") == "RELATION")
    drawn_relations = sum(p.relations for p in drawn)
    return Overview(
        entities=tuple(kept),
        evidence={n: evidence[n] for n in kept},
        pairs=tuple(drawn),
        communities=_communities(kept, drawn, evidence),
        entities_left_out=len(ranked) - len(kept),
        relations_left_out=total_relations - drawn_relations,
    )


def pair_relations(graph: nx.MultiDiGraph, chosen: set[str]) -> list[PairRelation]:
    """One :class:`PairRelation` per linked pair of chosen entities, strongest first."""
    by_pair: dict[tuple[str, str], list[tuple[str, str, dict]]] = defaultdict(list)
    for u, v, d in graph.edges(data=True):
        if d.get("label") == "RELATION" and u != v and u in chosen and v in chosen:
            by_pair[tuple(sorted((u, v)))].append((u, v, d))
    pairs = []
    for edges in by_pair.values():
        labels: dict[tuple[str, str, str], int] = defaultdict(int)
        for u, v, d in edges:
            relation = d.get("relation") or "other"
            label = d.get("predicate", relation) if relation == "other" else relation
            labels[(u, v, label)] += int(d.get("evidence_count") or 1)
        (u, v, label), count = max(sorted(labels.items()), key=lambda item: item[1])
        total = sum(labels.values())
        pairs.append(PairRelation(u, v, label, total, len(edges)))
    pairs.sort(key=lambda p: (-p.evidence, p.source, p.target))
    return pairs


def _communities(
    kept: list[str], pairs: list[PairRelation], evidence: dict[str, int]
) -> tuple[tuple[str, ...], ...]:
    linked = nx.Graph()
    linked.add_nodes_from(sorted(kept))
    for p in sorted(pairs, key=lambda p: (p.source, p.target)):
        linked.add_edge(p.source, p.target, weight=p.evidence)
    groups = nx.community.louvain_communities(linked, weight="weight", seed=_SEED)  # type: ignore[attr-defined]
    ordered = [tuple(sorted(g, key=lambda n: (-evidence[n], n))) for g in groups]
    ordered.sort(key=lambda g: (-sum(evidence[n] for n in g), g[0]))
    return tuple(ordered)


def overview_summary(chosen: Overview) -> str:
    """``40 of 13,307 entities and 60 links (overview)``: what ``kgraph export`` reports."""
    total = len(chosen.entities) + chosen.entities_left_out
    return f"{len(chosen.entities)} of {total:,} entities and {len(chosen.pairs)} links (overview)"
