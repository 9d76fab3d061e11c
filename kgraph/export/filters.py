"""Which part of the graph an export writes: ``kgraph export`` filtering options.

Filters apply in this order, each to what the previous one left:

1. ``since``/``until``: evidence outside the window is dropped from each relation (its
   event dates where the sentence gave them, else its article's published date; undated
   evidence is dropped, :mod:`kgraph.query.timeline`); ``min_confidence``: evidence of
   lower confidence is dropped. Relations left without evidence are dropped,
   ``evidence_count`` and ``confidence`` are recomputed from the evidence kept.
2. ``predicates``: relations whose predicate (or UPPER_SNAKE relationship type) is listed.
3. After 1 or 2, entities left without any relation are dropped.
4. ``types``: entities of these types; ``min_mentions``: entities mentioned that often.
5. ``entity``/``hops``: the entities within ``hops`` relations of that entity, ignoring
   direction (its ego graph); with ``outer_cap``, at most that many entities two or more
   hops away: those whose relations to nearer entities have the most evidence (so a hub
   next to the entity does not swamp its own neighbourhood); the picture's caption counts
   the others.
6. Without ``isolated``, entities left without any relation are dropped (the
   ``entity`` itself stays).
7. Articles: without ``with_articles`` article nodes and MENTIONS edges are left out;
   with it, the articles that mention a kept entity (and, with ``since``/``until``, were
   published inside the window) are kept with those MENTIONS edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.models import ENTITY_TYPES
from kgraph.query.local import find_entity
from kgraph.query.timeline import check_date, in_window, keep_evidence_in

__all__ = ["ExportFilter", "filter_graph"]


@dataclass(frozen=True)
class ExportFilter:
    """What to keep; the defaults keep every entity and relation and no article."""

    entity: str | None = None
    hops: int = 1
    types: frozenset[str] = field(default_factory=frozenset)
    predicates: frozenset[str] = field(default_factory=frozenset)
    min_mentions: int = 0
    since: str | None = None
    until: str | None = None
    with_articles: bool = False
    isolated: bool = True
    outer_cap: int = 0  # entities two or more hops away (0: all)
    #: Evidence of lower confidence is left out (0 keeps every piece).
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        unknown = sorted(t for t in self.types if t not in ENTITY_TYPES)
        if unknown:
            raise KgraphError(
                f"unknown entity type {', '.join(unknown)} "
                f"(allowed: {', '.join(sorted(ENTITY_TYPES))})"
            )
        check_date("--since", self.since)
        check_date("--until", self.until)
        if self.hops < 0:
            raise KgraphError(f"hops must be 0 or more, not {self.hops}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise KgraphError(f"min_confidence must be from 0 to 1, not {self.min_confidence}")


def filter_graph(graph: nx.MultiDiGraph, spec: ExportFilter) -> nx.MultiDiGraph:
    """A filtered copy of ``graph`` (the stored graph is never changed)."""
    out = graph.copy()
    windowed = spec.since is not None or spec.until is not None or spec.min_confidence > 0
    if windowed:
        keep_evidence_in(out, spec.since, spec.until, spec.min_confidence)
    if spec.predicates:
        wanted = {p.casefold() for p in spec.predicates}
        _drop_edges(
            out,
            lambda d: (
                d.get("label") == "RELATION"
                and not wanted & {d["predicate"].casefold(), d["type"].casefold()}
            ),
        )
    if windowed or spec.predicates:
        related = {n for u, v, d in out.edges(data=True) if _is_relation(d) for n in (u, v)}
        _drop_entities(out, lambda n, d: n not in related)
    if spec.types:
        _drop_entities(out, lambda n, d: d.get("type") not in spec.types)
    if spec.min_mentions:
        _drop_entities(out, lambda n, d: d.get("mentions", 0) < spec.min_mentions)
    center = None
    if spec.entity is not None:
        center = find_entity(graph, spec.entity)
        _keep_ego(out, center, spec)
        out.graph["center"] = center  # pictures draw a neighbourhood round it
    if not spec.isolated:
        related = {n for u, v, d in out.edges(data=True) if _is_relation(d) for n in (u, v)}
        _drop_entities(out, lambda n, d: n not in related and n != center)
    _keep_articles(out, spec)
    return out


def _is_relation(data: dict) -> bool:
    return data.get("label") == "RELATION"


def _drop_edges(graph: nx.MultiDiGraph, drop) -> None:
    graph.remove_edges_from(
        [(u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if drop(d)]
    )


def _drop_entities(graph: nx.MultiDiGraph, drop) -> None:
    graph.remove_nodes_from(
        [n for n, d in graph.nodes(data=True) if d.get("label") == "Entity" and drop(n, d)]
    )


def _keep_ego(graph: nx.MultiDiGraph, center: str, spec: ExportFilter) -> None:
    if center not in graph:
        raise KgraphError(f"entity {spec.entity!r} is left out by the other filters")
    related = nx.Graph()
    related.add_node(center)
    related.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if _is_relation(d))
    near = nx.single_source_shortest_path_length(related, center, cutoff=spec.hops)
    outer = [n for n, hops in near.items() if hops >= 2]
    if spec.outer_cap and len(outer) > spec.outer_cap:
        weight = _evidence_inwards(graph, near)
        ranked = sorted(outer, key=lambda n: (near[n], -weight[n], n))
        dropped = set(ranked[spec.outer_cap :])
        near = {n: hops for n, hops in near.items() if n not in dropped}
        name = graph.nodes[center].get("name", center)
        graph.graph["caption"] = (
            f"{name} and the entities up to {spec.hops} relations away; {len(dropped):,} of "
            f"the {len(outer):,} entities two or more relations away left out (those with "
            "the least evidence for their relations to nearer ones)."
        )
    _drop_entities(graph, lambda n, d: n not in near)


def _evidence_inwards(graph: nx.MultiDiGraph, near: dict[str, int]) -> dict[str, int]:
    """Each entity's evidence for its relations to entities nearer the centre."""
    weight = dict.fromkeys(near, 0)
    for u, v, d in graph.edges(data=True):
        if _is_relation(d) and u in near and v in near and near[u] != near[v]:
            outer = u if near[u] > near[v] else v
            weight[outer] += int(d.get("evidence_count") or 1)
    return weight


def _keep_articles(graph: nx.MultiDiGraph, spec: ExportFilter) -> None:
    articles = [n for n, d in graph.nodes(data=True) if d.get("label") == "Article"]
    if not spec.with_articles:
        graph.remove_nodes_from(articles)
        return

    def outside(n: str) -> bool:
        day = (graph.nodes[n].get("published") or "")[:10]
        return not in_window(day, day, spec.since, spec.until)

    graph.remove_nodes_from([n for n in articles if graph.out_degree(n) == 0 or outside(n)])
