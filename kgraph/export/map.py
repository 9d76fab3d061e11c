"""A PNG map of where the news happens: places as points sized by mentions, named.

Longitude and latitude drawn as they are (plate carrée), over the country outlines kgraph
ships (``kgraph/data/country-outlines.json``: Natural Earth's low-resolution shapes, from
countryinfo). The frame fits the places (the whole world when they span it). The
:data:`LABELLED` most mentioned places are named (:mod:`kgraph.export.labels`: no two
names meet). Where :data:`_ZOOM_AT` or more named places crowd into one window of
:data:`_ZOOM` degrees (Europe, in British news), a second panel below shows that window
larger and names its places there. A caption says how many places there are and how many
place names are not in the gazetteer.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kgraph.entities.lexicon import country_outlines_path
from kgraph.export.labels import LabelReport, label_report, place_labels
from kgraph.query.places import PlacesFound, link_places

__all__ = ["LABELLED", "MapWritten", "write_map"]

#: Places named on the map (the most mentioned).
LABELLED = 40
_WIDTH = 20.0  # inches, 100 dots per inch
_POINT = "#d62728"
#: The zoomed window: degrees of longitude and latitude.
_ZOOM = (36.0, 22.0)
#: Named places in one window that call for the zoomed panel.
_ZOOM_AT = 8
#: Places named in the zoomed panel beyond those of the top.
_ZOOM_EXTRA = 15


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
        fig, ax, texts, hidden = _draw(found, top)
        report = label_report(ax, texts, hidden)
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


def _zoom_window(places, top: int) -> tuple[float, float, float, float] | None:
    """The window of :data:`_ZOOM` degrees holding most of the named places, when it
    holds :data:`_ZOOM_AT` or more of them (there the world map is too small to name them)."""
    named = places[:top]
    best, window = 0, None
    half_lon, half_lat = _ZOOM[0] / 2, _ZOOM[1] / 2
    for centre in named:
        inside = [
            p
            for p in named
            if abs(p.longitude - centre.longitude) <= half_lon
            and abs(p.latitude - centre.latitude) <= half_lat
        ]
        if len(inside) > best:
            lons = [p.longitude for p in inside]
            lats = [p.latitude for p in inside]
            mid_lon, mid_lat = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
            best = len(inside)
            window = (
                mid_lon - half_lon,
                mid_lon + half_lon,
                mid_lat - half_lat,
                mid_lat + half_lat,
            )
    return window if best >= _ZOOM_AT else None


def _inside(place, window) -> bool:
    west, east, south, north = window
    return west <= place.longitude <= east and south <= place.latitude <= north


def _draw(found: PlacesFound, top: int):
    import matplotlib.pyplot as plt

    places = list(found.places)
    west, east, south, north = _frame(found)
    world_height = _WIDTH * (north - south) / (east - west)
    window = _zoom_window(places, top)
    zoom_height = 0.0
    if window:
        zoom_width = _WIDTH * 0.62
        squeeze = math.cos(math.radians((window[2] + window[3]) / 2))
        zoom_height = zoom_width * (window[3] - window[2]) / ((window[1] - window[0]) * squeeze)
    caption_height = 0.6
    total = world_height + zoom_height + caption_height + (0.3 if window else 0)
    fig = plt.figure(figsize=(_WIDTH, total), dpi=100)
    world = fig.add_axes((0.01, 1 - world_height / total, 0.98, world_height / total - 0.005))
    most = max((p.mentions for p in places), default=1) or 1
    _panel(world, places, (west, east, south, north), most)
    outside = [p for p in places[:top] if not window or not _inside(p, window)]
    texts, hidden = _names(world, outside, most)
    if window:
        bottom = (caption_height + 0.1) / total
        zoom = fig.add_axes((0.19, bottom, 0.62, zoom_height / total))
        zoom.set_aspect(1 / squeeze)
        _panel(zoom, places, window, most, scale=2.0)
        inside = [p for p in places[: top + _ZOOM_EXTRA] if _inside(p, window)]
        zoom_texts, zoom_hidden = _names(zoom, inside, most, scale=2.0)
        texts, hidden = texts + zoom_texts, hidden + zoom_hidden
        _mark(world, window)
    unlinked = len(found.unlinked)
    caption = (
        f"{len(places)} places named in the news; points sized by mentions; the most "
        f"mentioned named{' (below, the part of the world where they crowd)' if window else ''}. "
        f"{unlinked} place names are not in the gazetteer (GeoNames cities of 15,000+, "
        "countries, US states, continents)."
    )
    fig.text(0.01, 0.2 / total, caption, fontsize=10, color="#333333")
    return fig, world, texts, hidden


def _panel(ax, places, frame, most: int, scale: float = 1.0) -> None:
    """Outlines and points inside ``frame`` (west, east, south, north)."""
    west, east, south, north = frame
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    if ax.get_aspect() == "auto":
        ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("#eef4f8")
    _outlines(ax)
    ax.scatter(
        [p.longitude for p in places],
        [p.latitude for p in places],
        s=[scale * (12 + 900 * math.sqrt(max(p.mentions, 1) / most)) for p in places],
        c=_POINT,
        alpha=0.55,
        edgecolors="white",
        linewidths=0.5,
        zorder=3,
    )


def _mark(ax, window) -> None:
    from matplotlib.patches import Rectangle

    west, east, south, north = window
    ax.add_patch(
        Rectangle(
            (west, south),
            east - west,
            north - south,
            fill=False,
            ec="#555555",
            lw=0.8,
            ls="--",
            zorder=2,
        )
    )


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


def _names(ax, places, most: int, scale: float = 1.0) -> tuple[list, tuple[str, ...]]:
    """Names above their points, then moved where they meet no other."""
    fig = ax.figure
    to_data = ax.transData.inverted()

    def above(p) -> tuple[float, float]:
        size = scale * (12 + 900 * math.sqrt(max(p.mentions, 1) / most))
        lift = math.sqrt(size) / 2 * fig.dpi / 72 + 9
        px, py = ax.transData.transform((p.longitude, p.latitude))
        return tuple(to_data.transform((px, py + lift)))

    texts = [
        ax.text(
            *above(p),
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
    points = [(p.longitude, p.latitude) for p in places]
    return texts, place_labels(ax, texts, points, leader_color="#666666")
