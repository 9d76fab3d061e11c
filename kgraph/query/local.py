"""The questions users ask first, answered on the local graph.

An entity's relations (in and out), the relations with a given predicate, the path
between two entities. Entities are found by id, name or alias, case-insensitively.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.models import relationship_type as predicate_type
from kgraph.query.timeline import evidence_dates, in_window
from kgraph.store.base import ARTICLE_PREFIX
from kgraph.store.reader import most_connected


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence for a relation: the sentence and the article it is in."""

    article: str
    title: str | None
    published: str | None
    sentence: str
    start: int
    end: int
    confidence: float

    def source(self) -> str:
        """``Title, 2020-08-03`` (the article id without a title; ``undated``)."""
        title = " ".join((self.title or "").split()) or f"article {self.article}"
        return f"{title}, {self.published or 'undated'}"


@dataclass(frozen=True)
class Relation:
    """One stored relationship, as query results show it; ``evidence`` best first."""

    subject: str
    predicate: str
    object: str
    evidence_count: int
    confidence: float
    negated: bool
    modality: str
    sentence: str
    relation: str = "other"
    evidence: tuple[Evidence, ...] = field(default=())

    def status(self) -> list[str]:
        """Modality and negation in words: ``["reported"]``, ``["denied"]``, ``["negated"]``."""
        words = [] if self.modality == "asserted" else [self.modality]
        if self.negated and self.modality != "denied":  # a denial is already a negation
            words.append("negated")
        return words

    def line(self) -> str:
        """``TikTok -[shares-data-with]-> Beijing  (denied; 1 evidence, confidence 0.58)``."""
        counts = f"{self.evidence_count} evidence, confidence {self.confidence:.2f}"
        status = ", ".join(self.status())
        notes = f"{status}; {counts}" if status else counts
        subject, object_ = (" ".join(name.split()) for name in (self.subject, self.object))
        return f"{subject} -[{self.predicate}]-> {object_}  ({notes})"

    def to_dict(self) -> dict[str, Any]:
        """Every field, ``evidence`` as a list of objects (all of it, best first)."""
        return asdict(self) | {"evidence": [asdict(e) for e in self.evidence]}


def _entity_nodes(graph: nx.MultiDiGraph) -> dict[str, dict]:
    return {n: d for n, d in graph.nodes(data=True) if d.get("label") == "Entity"}


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node id of the entity called ``name`` (id, name or alias; case-insensitive).

    Raises:
        KgraphError: no entity, or several equally good ones (the message lists them).
    """
    found = match_entity(graph, name)
    if found is None:
        raise KgraphError(no_entity_message(graph, name))
    return found


def match_entity(graph: nx.MultiDiGraph, name: str, *, exact: bool = False) -> str | None:
    """The entity ``name`` means: its id; else the one named so, else the one with that
    alias, else the one whose name contains it (ignoring case); of several, the most
    mentioned (then the first id). None when no entity matches (``exact``: when none has
    that id or name)."""
    wanted = name.casefold().strip()
    entities = _entity_nodes(graph)
    if name in entities:
        return name

    def named(n: str) -> bool:
        return entities[n]["name"].casefold() == wanted

    def aliased(n: str) -> bool:
        return wanted in (a.casefold() for a in entities[n].get("aliases", []))

    def within(n: str) -> bool:
        return wanted in entities[n]["name"].casefold()

    for test in (named,) if exact else (named, aliased, within):
        matches = [n for n in entities if test(n)]
        if matches:
            return min(matches, key=lambda n: (-entities[n].get("mentions", 0), n))
    return None


def no_entity_message(graph: nx.MultiDiGraph, name: str) -> str:
    """``no entity named 'Microsft' in the graph; closest names: Microsoft``."""
    from kgraph.query.suggest import closest

    pairs = [
        (text, data["name"])
        for data in _entity_nodes(graph).values()
        for text in (data["name"], *data.get("aliases", ()))
    ]
    suggestions = closest(name, pairs)
    if suggestions:
        return f"no entity named {name!r} in the graph; closest names: {', '.join(suggestions)}"
    return f"no entity named {name!r} in the graph, nor one close to it (see `kgraph stats`)"


def _relation(graph: nx.MultiDiGraph, u: str, v: str, data: dict) -> Relation:
    evidence = _evidence(graph, data)
    return Relation(
        subject=graph.nodes[u]["name"],
        predicate=data["predicate"],
        object=graph.nodes[v]["name"],
        evidence_count=data["evidence_count"],
        confidence=data["confidence"],
        negated=data["negated"],
        modality=data["modality"],
        sentence=evidence[0].sentence if evidence else "",
        relation=data.get("relation", "other"),
        evidence=evidence,
    )


def _evidence(graph: nx.MultiDiGraph, data: dict) -> tuple[Evidence, ...]:
    """A relation's evidence, best first: most confident, then newest, then by article."""
    pieces = []
    for i, article in enumerate(data["articles"]):
        node = graph.nodes.get(ARTICLE_PREFIX + article, {})
        published = node.get("published") or data["published"][i] or None
        pieces.append(
            Evidence(
                article=article,
                title=node.get("title"),
                published=published,
                sentence=data["sentences"][i],
                start=data["starts"][i],
                end=data["ends"][i],
                confidence=data["confidences"][i],
            )
        )
    pieces.sort(key=lambda e: (e.article, e.start))
    pieces.sort(key=lambda e: e.published or "", reverse=True)
    pieces.sort(key=lambda e: -e.confidence)
    return tuple(pieces)


def _relation_edges(graph: nx.MultiDiGraph):
    """The relations of ``graph`` as ``(u, v, data)``, by subject, object and key (so that
    relations ranked equal come out in the same order from any store)."""
    edges = graph.edges(keys=True, data=True)
    for u, v, _, data in sorted((e for e in edges if _is_relation(e[3])), key=_edge_order):
        yield u, v, data


def _edge_order(edge: tuple[str, str, str, dict]) -> tuple[str, str, str]:
    return edge[0], edge[1], str(edge[2])


def _is_relation(data: dict) -> bool:
    return data.get("label") == "RELATION"


def entity_relations(graph: nx.MultiDiGraph, name: str) -> list[Relation]:
    """Relations of an entity, outgoing then incoming, strongest first."""
    node = find_entity(graph, name)
    out = graph.out_edges(node, keys=True, data=True)
    into = graph.in_edges(node, keys=True, data=True)
    return [
        *_ranked([_relation(graph, u, v, d) for u, v, _, d in _sorted_relations(out)]),
        *_ranked([_relation(graph, u, v, d) for u, v, _, d in _sorted_relations(into)]),
    ]


def _sorted_relations(edges):
    return sorted((e for e in edges if _is_relation(e[3])), key=_edge_order)


def relations_with_predicate(graph: nx.MultiDiGraph, predicate: str) -> list[Relation]:
    """Relations whose predicate is ``predicate`` (or that predicate in UPPER_SNAKE)."""
    wanted = predicate.casefold()
    return _ranked(
        [
            _relation(graph, u, v, d)
            for u, v, d in _relation_edges(graph)
            if has_predicate(d["predicate"], wanted)
        ]
    )


def has_predicate(predicate: str, wanted: str) -> bool:
    """Whether a relation with ``predicate`` answers ``--predicate`` (casefolded
    ``wanted``): the predicate itself, or its UPPER_SNAKE form ignoring case."""
    return wanted in (predicate, predicate_type(predicate).casefold())


def relations_with_relation(graph: nx.MultiDiGraph, relation: str) -> list[Relation]:
    """Relations of the vocabulary's ``relation`` (``head-of``, or its type ``HEAD_OF``)."""
    wanted = relation.casefold()
    return _ranked(
        [
            _relation(graph, u, v, d)
            for u, v, d in _relation_edges(graph)
            if wanted in (d.get("relation"), d["type"].casefold())
        ]
    )


def no_predicate_message(predicates: Iterable[str], predicate: str) -> str:
    """``no relations with predicate 'own'; closest predicates: owns`` (``predicates``:
    those stored)."""
    from kgraph.query.suggest import closest

    suggestions = closest(predicate, [(p, p) for p in sorted(set(predicates))])
    if suggestions:
        return f"no relations with predicate {predicate!r}; closest predicates: " + ", ".join(
            suggestions
        )
    return f"no relations with predicate {predicate!r} (see `kgraph stats`)"


def path_between(graph: nx.MultiDiGraph, source: str, target: str) -> list[Relation]:
    """The relations along a shortest path between two entities, ignoring direction (of
    several, the one through the first entity ids: :mod:`kgraph.query.paths`)."""
    from kgraph.query.paths import shortest_chain

    start, end = find_entity(graph, source), find_entity(graph, target)

    def neighbours(ids):
        return {i: _neighbours(graph, i) for i in ids}

    chain = shortest_chain(start, end, neighbours)
    if chain is None:
        raise KgraphError(f"no path between {source!r} and {target!r}")
    return path_relations(graph, chain)


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    if node not in graph:
        return set()
    out = (v for _, v, d in graph.out_edges(node, data=True) if _is_relation(d))
    into = (u for u, _, d in graph.in_edges(node, data=True) if _is_relation(d))
    return {*out, *into}


def path_relations(graph: nx.MultiDiGraph, chain: list[str]) -> list[Relation]:
    """The relation standing for each step of ``chain``: the best supported of those
    between the two entities, either way (then by subject, object and key)."""
    steps = []
    for a, b in zip(chain, chain[1:]):
        between = [
            (u, v, k, d)
            for u, v, k, d in (
                *graph.out_edges(a, keys=True, data=True),
                *graph.in_edges(a, keys=True, data=True),
            )
            if _is_relation(d) and {u, v} == {a, b}
        ]
        u, v, _, data = min(between, key=lambda e: (_strength(e[3]), *_edge_order(e)))
        steps.append(_relation(graph, u, v, data))
    return steps


def _strength(data: dict) -> tuple[int, float, str]:
    """Sort key putting the best-supported relation first."""
    return (-data["evidence_count"], -data["confidence"], data["predicate"])


def _ranked(relations: list[Relation]) -> list[Relation]:
    return sorted(
        relations, key=lambda r: (-r.evidence_count, -r.confidence, r.predicate, r.object)
    )


# The cypher/ library's queries that grand-cypher cannot run, answered in Python on the
# local graph. Each returns the rows (same columns, same order) the .cypher file returns.


def _named(graph: nx.MultiDiGraph, value: str) -> list[str]:
    """Entities whose id is ``value`` or whose name equals it ignoring case (as the files)."""
    wanted = value.lower()
    return sorted(
        n
        for n, d in _entity_nodes(graph).items()
        if d["id"] == value or d["name"].lower() == wanted
    )


def _relation_cells(data: dict) -> dict[str, Any]:
    return {
        "predicate": data["predicate"],
        "modality": data["modality"],
        "negated": data["negated"],
        "evidence": data["evidence_count"],
        "confidence": data["confidence"],
    }


def entity_profile(graph: nx.MultiDiGraph, entity: str) -> list[dict[str, Any]]:
    """``cypher/entity-profile.cypher``: an entity's profile and its relations, in and out."""
    rows = []
    for node in _named(graph, entity):
        data = graph.nodes[node]
        profile = {k: data.get(k) for k in ("id", "name", "type", "mentions", "aliases")}
        relations = [
            {"direction": "out", "other": graph.nodes[v]["name"], **_relation_cells(d)}
            for _, v, d in graph.out_edges(node, data=True)
            if d.get("label") == "RELATION"
        ] + [
            {"direction": "in", "other": graph.nodes[u]["name"], **_relation_cells(d)}
            for u, _, d in graph.in_edges(node, data=True)
            if d.get("label") == "RELATION"
        ]
        relations.sort(
            key=lambda r: (
                r["direction"] != "out",
                -r["evidence"],
                -r["confidence"],
                r["predicate"],
                r["other"],
            )
        )
        empty = dict.fromkeys(
            ("direction", "predicate", "other", "modality", "negated", "evidence", "confidence")
        )
        for relation in relations or [empty]:
            rows.append({**profile, **{k: relation[k] for k in empty}})
    return rows


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[dict[str, Any]]:
    """``cypher/shortest-path.cypher``: the steps of a shortest chain of relations.

    As the file: of several shortest chains, the one whose entity ids come first; each
    step is the best-supported relation between its two entities.
    """
    best: dict[frozenset[str], tuple[str, str, dict]] = {}
    for u, v, data in _relation_edges(graph):
        pair = frozenset((u, v))
        if pair not in best or _step_key(graph, u, data) < _step_key(graph, *best[pair][::2]):
            best[pair] = (u, v, data)
    undirected = nx.Graph(list(best))
    rows = []
    for start in _named(graph, source):
        for end in _named(graph, target):
            try:
                chains = list(nx.all_shortest_paths(undirected, start, end))
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                continue
            nodes = min(chains, key=lambda chain: [graph.nodes[n]["id"] for n in chain])
            for step, (a, b) in enumerate(zip(nodes, nodes[1:])):
                u, v, data = best[frozenset((a, b))]
                rows.append(
                    {
                        "step": step,
                        "subject": graph.nodes[u]["name"],
                        "predicate": data["predicate"],
                        "object": graph.nodes[v]["name"],
                    }
                )
    return rows


def _step_key(graph: nx.MultiDiGraph, subject: str, data: dict) -> tuple:
    """The order the steps of ``shortest-path.cypher`` pick relations in (best first)."""
    return (
        -data["evidence_count"],
        -data["confidence"],
        data["predicate"],
        graph.nodes[subject]["id"],
    )


def _evidence_rows(graph: nx.MultiDiGraph, u: str, v: str, data: dict):
    for i, article in enumerate(data["articles"]):
        node = graph.nodes.get(ARTICLE_PREFIX + article, {})
        yield i, article, node


def relations_over_time(
    graph: nx.MultiDiGraph, entity: str, since: str = "", until: str = ""
) -> list[dict[str, Any]]:
    """``cypher/relations-over-time.cypher``: an entity's evidence rows by date, the event's
    where the sentence gives it, else the article's; only those meeting ``since..until``."""
    rows = []
    for node in _named(graph, entity):
        edges = [
            (u, v, d)
            for u, v, d in [*graph.out_edges(node, data=True), *graph.in_edges(node, data=True)]
            if d.get("label") == "RELATION"
        ]
        for u, v, data in edges:
            for i, article, article_node in _evidence_rows(graph, u, v, data):
                start, end = evidence_dates(data, i)
                if not in_window(start, end, since, until):
                    continue
                rows.append(
                    {
                        "date": start,
                        "when": (data.get("whens") or [""] * (i + 1))[i],
                        "published": data["published"][i],
                        "article": article,
                        "title": article_node.get("title"),
                        "subject": graph.nodes[u]["name"],
                        "predicate": data["predicate"],
                        "object": graph.nodes[v]["name"],
                        "modality": data["modality"],
                        "start_char": data["starts"][i],
                        "sentence": data["sentences"][i],
                    }
                )
    rows.sort(key=lambda r: (r["date"], r["article"], r["start_char"], r["predicate"]))
    return rows


def relation_evidence(
    graph: nx.MultiDiGraph, subject: str, object: str, predicate: str = ""
) -> list[dict[str, Any]]:
    """``cypher/relation-evidence.cypher``: the articles and sentences behind a relation."""
    objects = set(_named(graph, object))
    rows = []
    for node in _named(graph, subject):
        for u, v, data in graph.out_edges(node, data=True):
            if data.get("label") != "RELATION" or v not in objects:
                continue
            if predicate and data["predicate"] != predicate:
                continue
            for i, article, article_node in _evidence_rows(graph, u, v, data):
                rows.append(
                    {
                        "predicate": data["predicate"],
                        "modality": data["modality"],
                        "negated": data["negated"],
                        "article": article,
                        "title": article_node.get("title"),
                        "url": article_node.get("url"),
                        "published": data["published"][i],
                        "sentence": data["sentences"][i],
                        "start_char": data["starts"][i],
                        "end_char": data["ends"][i],
                        "confidence": data["confidences"][i],
                    }
                )
    rows.sort(
        key=lambda r: (r["predicate"], r["modality"], r["published"], r["article"], r["start_char"])
    )
    return rows


#: Python answers to the cypher/ files grand-cypher cannot run, by the name in their
#: ``// local: python NAME`` header line.
def claims_by_source(graph: nx.MultiDiGraph, source: str) -> list[dict[str, Any]]:
    """``cypher/claims-by-source.cypher``: the reported statements whose source is ``source``
    (an entity's name, alias or id, or an unnamed source's words), about whom."""
    wanted = source.casefold()
    rows = []
    for u, v, data in graph.edges(data=True):
        if data.get("label") != "RELATION" or not data.get("sources"):
            continue
        for i, name in enumerate(data["sources"]):
            entity_id = (data.get("source_ids") or [""] * len(data["sources"]))[i]
            aliases = graph.nodes[entity_id].get("aliases", ()) if entity_id in graph else ()
            if not (
                name.casefold() == wanted
                or entity_id == source
                or any(a.casefold() == wanted for a in aliases)
            ):
                continue
            rows.append(
                {
                    "source": name,
                    "subject": graph.nodes[u]["name"],
                    "predicate": data["predicate"],
                    "object": graph.nodes[v]["name"],
                    "modality": data["modality"],
                    "negated": data["negated"],
                    "article": data["articles"][i],
                    "published": data["published"][i],
                    "sentence": data["sentences"][i],
                    "start_char": data["starts"][i],
                }
            )
    rows.sort(key=_claim_order)
    return rows


def _claim_order(row: dict[str, Any]) -> tuple:
    """By source, date, article, place in it, predicate; then the rest of the row, so
    equal claims come out in the same order from any store."""
    return (
        row["source"],
        row["published"] or "",
        row["article"],
        row["start_char"],
        row["predicate"],
        row["subject"],
        row["object"],
        row["modality"],
        row["negated"],
        row["sentence"],
    )


LOCAL_QUERIES = {
    "claims_by_source": claims_by_source,
    "entity_profile": entity_profile,
    "shortest_path": shortest_path,
    "most_connected": most_connected,
    "relations_over_time": relations_over_time,
    "relation_evidence": relation_evidence,
}
