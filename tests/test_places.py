"""Where the news happens: places linked to GeoNames ids and coordinates, ambiguous names
resolved by the article's countries else by population, GeoJSON that validates, a map
whose names neither overlap nor leave the picture."""

from __future__ import annotations

import json
import math
from pathlib import Path

import geojson
import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.export import ExportFilter, export_graph, filter_graph
from kgraph.export.map import write_map
from kgraph.models import Article, EntityRef, Extraction, Triple
from kgraph.query.places import link_places
from kgraph.store.local import LocalGraphStore, read_graph
from tests.conftest import EXAMPLES

PARIS_FRANCE = (48.86, 2.35)


def _near(feature: dict, lat: float, lon: float, within: float = 0.1) -> bool:
    x, y = feature["geometry"]["coordinates"]
    return math.hypot(y - lat, x - lon) <= within


def _valid(collection: dict) -> None:
    """RFC 7946: a FeatureCollection of Points at [longitude, latitude] in range, no crs."""
    parsed = geojson.loads(json.dumps(collection))
    assert parsed.is_valid, parsed.errors()
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.fixture(scope="module")
def paris_graph(tmp_path_factory) -> Path:
    """Two articles through the real model: one set in Paris, France, one about Paris Hilton."""
    folder = tmp_path_factory.mktemp("paris")
    (folder / "summit.txt").write_text(
        "Ministers meet in Paris\n\n"
        "European finance ministers met in Paris, France, on Tuesday to discuss new rules "
        "for banks. The French capital will host a second meeting in March, officials said.\n",
        encoding="utf-8",
    )
    (folder / "perfume.txt").write_text(
        "Heiress launches perfume\n\n"
        "Socialite Paris Hilton launched a new perfume in Los Angeles on Monday, her "
        "publicist said. The scent had taken two years to develop.\n",
        encoding="utf-8",
    )
    graph = folder / "graph.json"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--graph", str(graph)])
    assert result.exit_code == 0, result.output
    return graph


def test_paris_france_lands_in_paris_and_paris_hilton_does_not(paris_graph, tmp_path):
    out = tmp_path / "places.geojson"
    result = CliRunner().invoke(cli, ["export", "--graph", str(paris_graph), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote ") and "places" in result.output
    collection = json.loads(out.read_text(encoding="utf-8"))
    _valid(collection)
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    paris = by_name["Paris"]
    assert paris["id"] == paris["properties"]["geonameid"] == 2988507
    assert _near(paris, *PARIS_FRANCE)
    assert paris["properties"]["country"] == "France"
    assert "France" in paris["properties"]["resolved_by"]
    assert paris["properties"]["candidates"] > 1  # Paris, Texas and others were weighed
    graph = read_graph(paris_graph)
    hilton = next(n for n, d in graph.nodes(data=True) if "Paris Hilton" in d.get("name", ""))
    assert graph.nodes[hilton]["type"] not in ("GPE", "LOC")  # the small model says ORG
    linked = {e for f in collection["features"] for e in f["properties"]["entities"]}
    assert hilton not in linked
    assert all("Hilton" not in f["properties"]["name"] for f in collection["features"])
    (perfume,) = [
        n for n, d in graph.nodes(data=True) if d.get("title") == "Heiress launches perfume"
    ]
    article = graph.nodes[perfume]["id"]
    assert article not in paris["properties"]["articles"]  # her article is not about Paris
    assert _near(by_name["Los Angeles"], 34.05, -118.24)


def _graph(tmp_path: Path, articles: list[tuple[str, list[tuple[str, str]]]]) -> Path:
    """A graph of articles, each naming entities (name, type); no relations."""
    extractions = []
    for i, (text, names) in enumerate(articles):
        article = Article(text, id=f"a{i}")
        refs = tuple(EntityRef.make(name, kind) for name, kind in names)
        extractions.append(Extraction(article, refs, {r.id: 1 for r in refs}, ()))
    path = tmp_path / "g.json"
    with LocalGraphStore(path) as store:
        store.write(extractions)
    return path


def _place(path: Path, name: str):
    graph = filter_graph(read_graph(path), ExportFilter(with_articles=True))
    return next(p for p in link_places(graph).places if p.entities and name in p.name)


def test_a_name_of_several_places_takes_the_country_its_articles_name(tmp_path):
    filler = [(f"Story {i} in Ontario, Canada.", [("Canada", "GPE")]) for i in range(2)]
    path = _graph(
        tmp_path,
        [
            ("Fans in London, Canada cheered.", [("London", "GPE"), ("Canada", "GPE")]),
            ("London, Ontario grows.", [("London", "GPE"), ("Canada", "GPE")]),
            ("Elsewhere in the United Kingdom.", [("United Kingdom", "GPE")]),
            ("More news from the United Kingdom.", [("United Kingdom", "GPE")]),
            *filler,
        ],
    )
    london = _place(path, "London")
    assert london.country == "Canada" and london.geonameid == 6058560
    assert london.resolved_by.startswith("country context: Canada named in 2 of its 2 articles")


def test_without_context_the_most_populous_place_wins(tmp_path):
    path = _graph(tmp_path, [("Talks in Paris went on.", [("Paris", "GPE")])])
    paris = _place(path, "Paris")
    assert paris.geonameid == 2988507 and paris.country == "France"
    assert paris.resolved_by.startswith("population: the most populous of")


def test_a_country_every_article_names_is_no_context(tmp_path):
    """The United States in every article does not pull Paris to Texas."""
    path = _graph(
        tmp_path,
        [
            ("US envoys in Paris.", [("Paris", "GPE"), ("United States", "GPE")]),
            ("US markets fell.", [("United States", "GPE")]),
        ],
    )
    assert _place(path, "Paris").country == "France"


def test_a_located_in_relation_decides(tmp_path):
    paris, texas = EntityRef.make("Paris", "GPE"), EntityRef.make("United States", "GPE")
    text = "Paris, in the United States, held a rodeo."
    article = Article(text, id="r")
    triple = Triple(paris, "located-in", texas, article, text, 0, len(text))
    path = tmp_path / "g.json"
    with LocalGraphStore(path) as store:
        store.write([Extraction(article, (paris, texas), {}, (triple,))])
    found = _place(path, "Paris")
    assert found.country == "United States" and found.geonameid == 4717560
    assert found.resolved_by == "related to United States in the graph"
    assert found.relations == ("Paris located-in United States",)


def test_short_names_regions_and_continents(tmp_path):
    path = _graph(
        tmp_path,
        [
            ("Newcastle won in England.", [("Newcastle", "GPE"), ("England", "GPE")]),
            ("England lost.", [("England", "GPE")]),
            ("Asia and Europe.", [("Asia", "LOC"), ("Europe", "LOC")]),
            ("New York rose.", [("New York", "GPE")]),
        ],
    )
    graph = filter_graph(read_graph(path), ExportFilter(with_articles=True))
    by_name = {p.name: p for p in link_places(graph).places}
    assert by_name["Newcastle upon Tyne"].geonameid == 2641673  # not Newcastle, Australia
    assert by_name["England"].geonameid == 6269131
    assert by_name["Asia"].kind == "continent" and by_name["Asia"].geonameid == 6255147
    assert by_name["Europe"].geonameid == 6255148
    assert by_name["New York City"].geonameid == 5128581  # the city, not the state


def test_the_map_names_places_without_overlap(tmp_path):
    graph = tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--graph", str(graph)])
    assert result.exit_code == 0, result.output
    part = filter_graph(read_graph(graph), ExportFilter(with_articles=True))
    written = write_map(part, tmp_path / "places.map.png")
    assert written.labels.names >= 8
    assert written.labels.overlapping == () and written.labels.cut == ()
    assert written.labels.hidden == ()
    assert (tmp_path / "places.map.png").read_bytes()[:4] == b"\x89PNG"
    result = export_graph(part, "map", tmp_path / "m.map.png")
    assert result.summary().startswith(f"wrote {len(written.found.places)} places")
