"""Where the news happens as GeoJSON (RFC 7946): one point feature per GeoNames place.

Each feature's ``id`` is the place's GeoNames id; its geometry a ``Point`` at
``[longitude, latitude]`` (WGS 84, as RFC 7946 requires, so no ``crs`` member); its
properties are flat enough for QGIS, kepler.gl and geojson.io to show as columns:
``geonameid``, ``name``, ``kind`` (country, city, us-state, region, continent),
``country``, ``mentions``, ``article_count``, ``articles`` (ids), ``relations`` (one
"subject predicate object" line each), ``entities`` (the graph's names linked to it),
``resolved_by`` (how an ambiguous name was resolved) and ``candidates``. The places are
linked by :func:`kgraph.query.places.link_places`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.query.places import PlaceLink, PlacesFound, link_places

__all__ = ["place_features", "write_geojson"]


def place_features(found: PlacesFound) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of the linked places, most mentioned first."""
    return {
        "type": "FeatureCollection",
        "features": [_feature(place) for place in found.places],
    }


def _feature(place: PlaceLink) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": place.geonameid,
        "geometry": {
            "type": "Point",
            "coordinates": [round(place.longitude, 5), round(place.latitude, 5)],
        },
        "properties": {
            "geonameid": place.geonameid,
            "name": place.name,
            "kind": place.kind,
            "country": place.country,
            "mentions": place.mentions,
            "article_count": len(place.articles),
            "articles": list(place.articles),
            "relations": list(place.relations),
            "entities": list(place.entities),
            "resolved_by": place.resolved_by,
            "candidates": place.candidates,
        },
    }


def write_geojson(graph: nx.MultiDiGraph, out: Path) -> PlacesFound:
    """Write the places of ``graph`` to ``out``; return what was linked."""
    found = link_places(graph)
    text = json.dumps(place_features(found), ensure_ascii=False, indent=1)
    out.write_text(text + "\n", encoding="utf-8")
    return found
