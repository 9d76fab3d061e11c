"""Where the news happens: the graph's places linked to GeoNames ids and coordinates.

A place is an entity of type GPE or LOC, or the object of an organization's ``based-in``
relation. Its name (else one of its aliases) is looked up in the gazetteer kgraph ships
(:func:`kgraph.entities.lexicon.geo_places`): a country's name is that country; a name
GeoNames gives to several places is resolved, in this order, by

1. a ``located-in`` or ``part-of`` relation of the graph from the place to a country
   ("Paris, France");
2. the country named in the place's articles more often than in the other articles
   (each candidate country scores ``n · ln(lift)``, ``n`` the place's articles that name
   it, ``lift`` how much more often they do than the graph's articles at large: a
   country every article names, such as the United States in American news, is no
   evidence);
3. population (the most populous place of that name; a country, continent or region
   (England) before a city, a city before a US state).

Each :class:`PlaceLink` records how it was chosen (``resolved_by``) and among how many
places of that name. Entities that link to the same GeoNames place are one place.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kgraph.entities.lexicon import GeoPlace, geo_places, places

__all__ = ["PLACE_TYPES", "PlaceLink", "PlacesFound", "link_places"]

#: Entity types that name places.
PLACE_TYPES = frozenset({"GPE", "LOC"})
#: Types that are never places, even as the object of ``based-in``.
_NOT_PLACES = frozenset({"PERSON", "NORP", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
#: Relations that put a place inside a country ("Paris, France").
_INSIDE = frozenset({"located-in", "part-of"})
#: When population decides between places of one name: a city before a region or state.
_KIND_ORDER = {"country": 0, "continent": 1, "region": 2, "city": 3, "us-state": 4}


@dataclass(frozen=True)
class PlaceLink:
    """One GeoNames place the graph names, with what the graph says about it."""

    geonameid: int
    name: str  # GeoNames' name
    kind: str
    country: str
    latitude: float
    longitude: float
    entities: tuple[str, ...]  # the graph's entity ids linked to it
    mentions: int
    articles: tuple[str, ...]
    relations: tuple[str, ...]  # "Microsoft based-in Redmond", ...
    resolved_by: str
    candidates: int  # GeoNames places of that name


@dataclass(frozen=True)
class PlacesFound:
    """The linked places, most mentioned first, and the place names not in the gazetteer."""

    places: tuple[PlaceLink, ...]
    unlinked: tuple[str, ...]


@dataclass(frozen=True)
class _Choice:
    place: GeoPlace
    resolved_by: str
    candidates: int


def link_places(graph: nx.MultiDiGraph) -> PlacesFound:
    """Link every place entity of ``graph`` to a GeoNames place."""
    articles_of = _articles_of(graph)
    countries_in = _countries_in_articles(graph, articles_of)
    base = Counter(c for found in countries_in.values() for c in found)
    total = max(len(countries_in), 1)
    grouped: dict[int, list[tuple[str, _Choice]]] = defaultdict(list)
    unlinked = []
    for entity in _place_entities(graph):
        data = graph.nodes[entity]
        candidates = _candidates(data)
        if not candidates:
            unlinked.append(str(data.get("name", entity)))
            continue
        context = _Context(
            related=_related_countries(graph, entity),
            named=Counter(c for a in articles_of[entity] for c in countries_in.get(a, ())),
            articles=len(articles_of[entity]),
            base=base,
            total=total,
        )
        choice = _choose(str(data.get("name", entity)), candidates, context)
        grouped[choice.place.geonameid].append((entity, choice))
    links = [_link(graph, members, articles_of) for members in grouped.values()]
    links.sort(key=lambda link: (-link.mentions, link.name, link.geonameid))
    return PlacesFound(tuple(links), tuple(sorted(set(unlinked))))


def _place_entities(graph: nx.MultiDiGraph) -> list[str]:
    """GPE and LOC entities, and the objects of ``based-in`` that are not people or groups."""
    found = {
        n
        for n, d in graph.nodes(data=True)
        if d.get("label") == "Entity" and d.get("type") in PLACE_TYPES
    }
    for _, v, d in graph.edges(data=True):
        based_in = d.get("label") == "RELATION" and d.get("relation") == "based-in"
        if based_in and graph.nodes[v].get("type") not in _NOT_PLACES:
            found.add(v)
    return sorted(found)


def _candidates(data: dict) -> tuple[GeoPlace, ...]:
    """The GeoNames places the entity's name (else an alias) can be."""
    gazetteer = geo_places()
    for name in [data.get("name") or "", *(data.get("aliases") or [])]:
        country = places().country(name)
        if country:
            rows = [p for p in gazetteer.get(country.casefold(), ()) if p.kind == "country"]
            if rows:
                return tuple(rows[:1])
        found = gazetteer.get(" ".join(name.split()).casefold().removeprefix("the "), ())
        if found:
            return found
    return ()


@dataclass(frozen=True)
class _Context:
    related: Counter  # countries the place is related to in the graph
    named: Counter  # countries named in the place's articles, by article
    articles: int  # the place's articles
    base: Counter  # countries named in all articles, by article
    total: int  # all articles


def _choose(name: str, candidates: tuple[GeoPlace, ...], context: _Context) -> _Choice:
    if len(candidates) == 1:
        only = candidates[0]
        how = "country name" if only.kind == "country" else "the only place of that name"
        return _Choice(only, how, 1)
    countries = {p.country for p in candidates}
    related = [c for c, _ in context.related.most_common() if c in countries]
    if related:
        how = f"related to {related[0]} in the graph"
        return _Choice(_most_populous(candidates, related[0]), how, len(candidates))
    scores = {c: _context_score(c, context) for c in countries if c}
    best = max(sorted(scores), key=lambda c: scores[c], default=None)
    if best is not None and scores[best] > 0:
        lift = (context.named[best] / context.articles) / (context.base[best] / context.total)
        how = (
            f"country context: {best} named in {context.named[best]} of its "
            f"{context.articles} articles ({lift:.1f} times as often as in all articles)"
        )
        return _Choice(_most_populous(candidates, best), how, len(candidates))
    top = _most_populous(candidates, None)
    how = f"population: the most populous of {len(candidates)} places named {name}"
    return _Choice(top, how, len(candidates))


def _context_score(country: str, context: _Context) -> float:
    named = context.named[country]
    if not named or not context.articles:
        return 0.0
    lift = (named / context.articles) / (context.base[country] / context.total)
    return named * math.log(lift) if lift > 1 else 0.0


def _most_populous(candidates: Iterable[GeoPlace], country: str | None) -> GeoPlace:
    pool = [p for p in candidates if country is None or p.country == country]
    return min(pool, key=lambda p: (_KIND_ORDER.get(p.kind, 9), -p.population, p.geonameid))


def _articles_of(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Entity id → the ids of the articles that mention it (MENTIONS edges)."""
    found: dict[str, list[str]] = defaultdict(list)
    for u, v, d in graph.edges(data=True):
        if d.get("label") == "MENTIONS":
            found[v].append(str(graph.nodes[u].get("id", u)))
    return found


def _countries_in_articles(
    graph: nx.MultiDiGraph, articles_of: dict[str, list[str]]
) -> dict[str, set[str]]:
    """Article id → the countries it names."""
    found: dict[str, set[str]] = defaultdict(set)
    for entity, articles in articles_of.items():
        country = _country_of(str(graph.nodes[entity].get("name", "")))
        for article in articles:
            found.setdefault(article, set())  # every article counts towards the base rates
            if country:
                found[article].add(country)
    return found


def _country_of(name: str) -> str | None:
    """The country a name stands for: a country's, or a region's ("England")."""
    country = places().country(name)
    if country:
        return country
    regions = [p for p in geo_places().get(name.casefold(), ()) if p.kind == "region"]
    return regions[0].country if regions else None


def _related_countries(graph: nx.MultiDiGraph, entity: str) -> Counter:
    found: Counter = Counter()
    for u, v, d in [*graph.out_edges(entity, data=True), *graph.in_edges(entity, data=True)]:
        if d.get("label") != "RELATION" or d.get("relation") not in _INSIDE:
            continue
        other = v if u == entity else u
        country = _country_of(str(graph.nodes[other].get("name", "")))
        if country:
            found[country] += d.get("evidence_count", 1)
    return found


def _link(
    graph: nx.MultiDiGraph, members: list[tuple[str, _Choice]], articles_of: dict[str, list[str]]
) -> PlaceLink:
    entities = [entity for entity, _ in members]
    first = max(members, key=lambda m: graph.nodes[m[0]].get("mentions", 0))[1]
    place = first.place
    articles = sorted({a for e in entities for a in articles_of.get(e, ())})
    relations = sorted(
        {
            f"{graph.nodes[u].get('name', u)} {d.get('predicate')} {graph.nodes[v].get('name', v)}"
            for e in entities
            for u, v, d in [*graph.out_edges(e, data=True), *graph.in_edges(e, data=True)]
            if d.get("label") == "RELATION"
        }
    )
    return PlaceLink(
        geonameid=place.geonameid,
        name=place.name,
        kind=place.kind,
        country=place.country,
        latitude=place.latitude,
        longitude=place.longitude,
        entities=tuple(entities),
        mentions=sum(int(graph.nodes[e].get("mentions", 0)) for e in entities),
        articles=tuple(articles),
        relations=tuple(relations),
        resolved_by=first.resolved_by,
        candidates=first.candidates,
    )
