"""A PNG map of where the news happens: places as points sized by mentions, named.

Longitude and latitude drawn as they are (plate carrée), over the country outlines kgraph
ships (``kgraph/data/country-outlines.json``: Natural Earth's low-resolution shapes, from
countryinfo). The frame fits the places (the whole world when they span it). The
:data:`LABELLED` most mentioned places are named, the names moved apart by adjustText
and then pushed apart until no two meet; a caption says how many places there are, how
many are named and how many place names are not in the gazetteer. Every seed is fixed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kgraph.entities.lexicon import country_outlines_path
from kgraph.export.labels import LabelReport, label_report, separate_labels
from kgraph.query.places import PlacesFound, link_places

__all__ = ["LABELLED", "MapWritten", "write_map"]

#: Places named on the map (the most mentioned).
LABELLED = 40
_WIDTH = 20.0  # inches, 100 dots per inch
_POINT = "#d62728"


@dataclass(frozen=True)
class MapWritten:
    """The places drawn and how their names came out."""

    found: PlacesFound
    labels: LabelReport


def write_map(graph: nx.MultiDiGraph, out: Path, top: int = LABELLED) -> MapWritten:
    """Draw the places of ``graph`` into ``out`` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    found = link_places(graph)
    with plt.rc_context({"font.size": 9}):
        fig, ax, texts = _draw(found, top)
        report = label_report(ax, texts)
        fig.savefig(out, format="png", metadata={"Software": None})
        plt.close(fig)
    return MapWritten(found, report)


def _frame(found: PlacesFound) -> tuple[float, float, float, float]:
    """West, east, south, north: the places with a margin, at least 60 by 30 degrees."""
    if not found.places:
        return -180.0, 180.0, -60.0, 85.0
    lons = [p.longitude for p in found.places]
    lats = [p.latitude for p in found.places]
    west, east = min(lons) - 8, max(lons) + 8
    south, north = min(lats) - 6, max(lats) + 6
    if east - west < 60:
        middle = (east + west) / 2
        west, east = middle - 30, middle + 30
    if north - south < 30:
        middle = (north + south) / 2
        south, north = middle - 15, middle + 15
    return max(west, -180.0), min(east, 180.0), max(south, -60.0), min(north, 85.0)


def _draw(found: PlacesFound, top: int):
    import matplotlib.pyplot as plt

    west, east, south, north = _frame(found)
    height = _WIDTH * (north - south) / (east - west)
    fig, ax = plt.subplots(figsize=(_WIDTH, max(height, 5.0) + 0.6), dpi=100)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.6 / (max(height, 5.0) + 0.6), top=0.99)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("#eef4f8")
    _outlines(ax)
    places = list(found.places)
    most = max((p.mentions for p in places), default=1) or 1
    ax.scatter(
        [p.longitude for p in places],
        [p.latitude for p in places],
        s=[12 + 900 * math.sqrt(max(p.mentions, 1) / most) for p in places],
        c=_POINT,
        alpha=0.55,
        edgecolors="white",
        linewidths=0.5,
        zorder=3,
    )
    texts = _names(ax, places[:top], most)
    unlinked = len(found.unlinked)
    caption = (
        f"{len(places)} places named in the news, the {min(top, len(places))} most mentioned "
        f"named; points sized by mentions. {unlinked} place names are not in the gazetteer "
        "(GeoNames cities of 15,000+, countries, US states, continents)."
    )
    fig.text(0.01, 0.2 / (max(height, 5.0) + 0.6), caption, fontsize=10, color="#333333")
    return fig, ax, texts


def _outlines(ax) -> None:
    from matplotlib.collections import PolyCollection

    shapes = json.loads(country_outlines_path().read_text(encoding="utf-8"))
    rings = []
    for feature in shapes["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings.extend(polygon[0] for polygon in polygons)
    ax.add_collection(
        PolyCollection(rings, facecolors="#f7f7f2", edgecolors="#a8a8a8", linewidths=0.4, zorder=1)
    )


def _names(ax, places, most: int) -> list:
    texts = [
        ax.text(
            p.longitude,
            p.latitude + 1.2 + 1.5 * math.sqrt(max(p.mentions, 1) / most),
            p.name,
            fontsize=10 if i < 10 else 9,
            fontweight="bold" if i < 10 else "normal",
            ha="center",
            va="center",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
        )
        for i, p in enumerate(places)
    ]
    separate_labels(
        ax, texts, [(p.longitude, p.latitude) for p in places], adjust=False, leader_color="#666"
    )
    return texts
