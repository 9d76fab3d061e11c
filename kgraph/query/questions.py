"""The questions of ``kgraph query``, ``stats`` and ``entity``, asked of any store.

Each question asks a :class:`~kgraph.store.reader.GraphReader` for the part of the graph
it needs (an entity's relations, the relations with some predicates, the neighbours along
a path...), then answers with the functions of :mod:`kgraph.query.local` on that part:
the same answer whether the store is a graph in memory, the local index or Neo4j.
Names are looked up on the whole graph; a ``(since, until, min_confidence)`` window then
keeps the evidence inside it (:mod:`kgraph.query.timeline`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.query import local
from kgraph.query.timeline import check_date, keep_evidence_in, window_indices
from kgraph.store.base import GraphStats
from kgraph.store.reader import GraphReader, Window

__all__ = [
    "Answer",
    "about_entities",
    "claims_of",
    "entity_question",
    "find",
    "path_question",
    "predicate_question",
    "relation_question",
    "stats_question",
]

NO_WINDOW: Window = (None, None, 0.0)


@dataclass(frozen=True)
class Answer:
    """Relations answering a question, and what to say when there are none."""

    relations: list[local.Relation]
    empty: str


def find(reader: GraphReader, name: str) -> dict[str, Any]:
    """The entity ``name`` means (:func:`kgraph.query.local.match_entity`): its node.

    Raises:
        KgraphError: no entity matches; the message suggests the closest names.
    """
    for look_up, exact in ((reader.entities_called, True), (reader.entities_named, False)):
        candidates = look_up(name)
        found = local.match_entity(candidates, name, exact=exact)
        if found is not None:
            return dict(candidates.nodes[found])
    everyone = reader.all_names()  # also catches what a store's case folding missed
    found = local.match_entity(everyone, name)
    if found is None:
        raise KgraphError(local.no_entity_message(everyone, name))
    return dict(everyone.nodes[found])


def entity_question(reader: GraphReader, name: str, window: Window = NO_WINDOW) -> Answer:
    """``query --entity``: the entity's relations, outgoing then incoming, strongest first."""
    _check(window)
    entity = find(reader, name)
    graph = windowed(reader.around(entity["id"]), window)
    relations = local.entity_relations(graph, entity["id"])
    if any(window):
        empty = f"{entity['name']} has no relations{_during(window)}"
    else:
        times = entity.get("mentions", 0)
        said = "once" if times == 1 else f"{times} times"
        empty = f"{entity['name']} has no relations (mentioned {said})"
    return Answer(relations, empty)


def predicate_question(reader: GraphReader, predicate: str, window: Window = NO_WINDOW) -> Answer:
    """``query --predicate``: the relations with this predicate (or its UPPER_SNAKE form)."""
    _check(window)
    stored = reader.predicates()
    wanted = predicate.casefold()
    chosen = [p for p in stored if local.has_predicate(p, wanted)]
    if not chosen:
        return Answer([], local.no_predicate_message(stored, predicate))
    graph = windowed(reader.with_predicates(chosen), window)
    return Answer(
        local.relations_with_predicate(graph, predicate),
        f"no relations with predicate {predicate!r}{_during(window)}",
    )


def relation_question(reader: GraphReader, relation: str, window: Window = NO_WINDOW) -> Answer:
    """``query --relation``: the relations of this relation of the vocabulary."""
    _check(window)
    part = reader.with_relation(relation.casefold())
    relations = local.relations_with_relation(windowed(part, window), relation)
    if not relations and not local.relations_with_relation(part, relation):
        _check_relation_name(relation)
    return Answer(relations, f"no relations found{_during(window)}")


def path_question(
    reader: GraphReader, source: str, target: str, window: Window = NO_WINDOW
) -> Answer:
    """``query --path``: the relations along a shortest path, ignoring direction (the
    first by entity ids of several: :mod:`kgraph.query.paths`).

    Raises:
        KgraphError: a name matches no entity, or the two are not connected.
    """
    from kgraph.query.paths import shortest_chain

    _check(window)
    start, end = find(reader, source)["id"], find(reader, target)["id"]

    def neighbours(ids: Collection[str]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {i: set() for i in ids}
        for node, other, data in reader.neighbours(ids, dated=any(window)):
            if node != other and has_evidence_in(data, window):
                found[node].add(other)
        return found

    chain = shortest_chain(start, end, neighbours)
    if chain is None:
        raise KgraphError(f"no path between {source!r} and {target!r}{_during(window)}")
    graph = windowed(reader.between(list(zip(chain, chain[1:]))), window)
    return Answer(local.path_relations(graph, chain), "no relations found")


def claims_of(reader: GraphReader, source: str, window: Window = NO_WINDOW) -> list[dict[str, Any]]:
    """``query --source``: what ``source`` claimed (:func:`kgraph.query.local.claims_by_source`)."""
    _check(window)
    wanted = source.casefold()
    named = reader.entities_named(source)
    by_alias = [
        node
        for node, data in named.nodes(data=True)
        if data.get("label") == "Entity"
        and wanted in (a.casefold() for a in data.get("aliases", ()))
    ]
    graph = windowed(reader.claims(source, sorted(by_alias)), window)
    return local.claims_by_source(graph, source)


def stats_question(reader: GraphReader, top: int) -> tuple[GraphStats, list[dict[str, Any]]]:
    """``stats``: the counts, and the ``top`` most connected entities."""
    return reader.stats(), reader.most_connected(top) if top else []


def about_entities(reader: GraphReader, name: str) -> list[dict[str, Any]]:
    """``entity``: every property of the entities whose id, name or an alias is ``name``
    (ignoring case), the one named so first, then the most mentioned."""
    from kgraph.entities.explain import find_entities

    found = [data["id"] for data in find_entities(reader.entities_named(name), name)]
    details = {data["id"]: data for data in reader.entity_details(found)}
    return [details[i] for i in found if i in details]


def windowed(graph: nx.MultiDiGraph, window: Window) -> nx.MultiDiGraph:
    """``graph`` with only the evidence inside ``window`` (a copy; itself without one)."""
    if not any(window):
        return graph
    copy = graph.copy()
    keep_evidence_in(copy, *window)
    return copy


def has_evidence_in(data: dict[str, Any], window: Window) -> bool:
    """Whether a relation keeps some evidence inside ``window``."""
    return not any(window) or bool(window_indices(data, *window))


def _check_relation_name(name: str) -> None:
    """A one-line error listing the vocabulary's relations when ``name`` is none of them
    (by name or relationship type) and the graph has no relation of that name."""
    from kgraph.relations import relationship_type, shipped_vocabulary

    known = [r.name for r in shipped_vocabulary().describe()]
    if name.casefold() not in {n.casefold() for n in known} | {
        relationship_type(n).casefold() for n in known
    }:
        raise KgraphError(
            f"--relation {name}: not a relation of the vocabulary ({', '.join(known)})"
        )


def _check(window: Window) -> None:
    check_date("--since", window[0])
    check_date("--until", window[1])


def _during(window: Window) -> str:
    """`` from 2020-08-01 to now``, `` at confidence 0.60 or more``, both, or nothing."""
    since, until, min_confidence = window
    said = ""
    if since or until:
        said += f" from {since or 'the start'} to {until or 'now'}"
    if min_confidence:
        said += f" at confidence {min_confidence:.2f} or more (--min-confidence 0: all)"
    return said
