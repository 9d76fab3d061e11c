"""Pictures of a big graph: the overview (top entities by evidence, relations written on
the edges, communities named, a caption counting what is left out), neighbourhoods (fans
of many relations of one kind, a capped outer ring), and names that neither overlap nor
leave the picture, counted on what was drawn."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.export import ExportFilter, filter_graph
from kgraph.export.overview import entity_evidence, overview
from kgraph.export.picture import BUNDLE_AT, write_picture
from kgraph.models import Article, EntityRef, Extraction, Triple
from kgraph.store.local import LocalGraphStore, read_graph
from tests.conftest import EXAMPLES

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("example") / "graph.json"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--graph", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _texts(svg: Path) -> list[str]:
    return [t.text or "" for t in ET.parse(svg).getroot().iter(f"{SVG}text")]


def test_the_overview_keeps_the_entities_with_the_most_evidence(example_graph):
    graph = filter_graph(read_graph(example_graph), ExportFilter(isolated=False))
    chosen = overview(graph, top=8)
    evidence = entity_evidence(graph)
    assert len(chosen.entities) == 8
    weakest_kept = min(evidence[n] for n in chosen.entities)
    assert all(evidence[n] <= weakest_kept for n in graph if n not in chosen.entities)
    assert chosen.entities_left_out == len(evidence) - 8
    assert {n for p in chosen.pairs for n in (p.source, p.target)} <= set(chosen.entities)
    assert sorted(n for c in chosen.communities for n in c) == sorted(chosen.entities)
    tiktok = graph.nodes["tiktok"]
    assert "tiktok" in chosen.entities, tiktok  # the example articles are about TikTok


def test_the_overview_picture_writes_relations_groups_and_a_caption(example_graph, tmp_path):
    out = tmp_path / "overview.svg"
    result = CliRunner().invoke(
        cli, ["export", "--graph", str(example_graph), "--out", str(out), "--top", "10"]
    )
    assert result.exit_code == 0, result.output
    graph = filter_graph(read_graph(example_graph), ExportFilter(isolated=False))
    chosen = overview(graph, top=10)
    assert result.output == (
        f"wrote 10 of {graph.number_of_nodes()} entities and {len(chosen.pairs)} links "
        f"(overview) to {out} (svg)\n"
    )
    written = _texts(out)
    names = {graph.nodes[n]["name"] for n in chosen.entities}
    assert names <= set(written)
    others = {d["name"] for n, d in graph.nodes(data=True) if n not in chosen.entities}
    assert not others & set(written)  # the rest is left out...
    caption = next(t for t in written if t.startswith("The 10 entities"))
    left = graph.number_of_nodes() - 10
    assert f"left out: {left} other related entities" in caption  # ...and counted
    relations = {p.label for p in chosen.pairs}
    assert relations & {"parent-of", "acquires", "based-in"}
    assert all(any(t.startswith(label) for t in written) for label in relations)
    groups = [t for t in written if t.startswith("group: ")]
    named = {t.removeprefix("group: ") for t in groups}
    biggest = {graph.nodes[c[0]]["name"] for c in chosen.communities if len(c) > 1}
    assert named == biggest and groups


def test_top_zero_draws_the_whole_graph(example_graph, tmp_path):
    out = tmp_path / "all.svg"
    result = CliRunner().invoke(
        cli, ["export", "--graph", str(example_graph), "--out", str(out), "--top", "0"]
    )
    assert re.fullmatch(r"wrote \d+ nodes and \d+ relationships to .*\(svg\)\n", result.output)


def _hub_graph(tmp_path: Path, companies: int) -> Path:
    """A country with ``companies`` organizations based in it, one of which has a chief."""
    country = EntityRef.make("Freedonia", "GPE")
    chief = EntityRef.make("Rufus Firefly", "PERSON")
    extractions = []
    for i in range(companies):
        firm = EntityRef.make(f"Firm Number {i} Holdings International", "ORG")
        text = f"Firm Number {i} Holdings International is based in Freedonia."
        article = Article(text, id=f"a{i}")
        triples = [Triple(firm, "based-in", country, article, text, 0, len(text))]
        if i == 0:
            triples.append(Triple(chief, "chief-executive-of", firm, article, text, 0, len(text)))
        extractions.append(Extraction(article, (firm, country, chief), {}, tuple(triples)))
    path = tmp_path / "hub.json"
    with LocalGraphStore(path) as store:
        store.write(extractions)
    return path


def test_many_relations_of_one_kind_at_a_hub_are_one_labelled_fan(tmp_path):
    graph = read_graph(_hub_graph(tmp_path, companies=14))
    out = tmp_path / "hub.svg"
    part = filter_graph(graph, ExportFilter(entity="Freedonia", hops=2, isolated=False))
    written = write_picture(part, out, "svg")
    texts = _texts(out)
    assert texts.count("based-in: 14 entities") == 1
    assert "based-in" not in texts  # no single based-in arrow left
    assert "chief-executive-of" in texts  # the relation outside the fan keeps its own
    assert "Firm Number 13 Holdings International" in texts  # whole names
    assert written.labels.overlapping == () and written.labels.cut == ()


def test_fewer_relations_than_a_fan_keep_their_own_arrows(tmp_path):
    graph = read_graph(_hub_graph(tmp_path, companies=BUNDLE_AT - 1))
    out = tmp_path / "few.svg"
    write_picture(filter_graph(graph, ExportFilter(entity="Freedonia", isolated=False)), out, "svg")
    texts = _texts(out)
    assert texts.count("based-in") == BUNDLE_AT - 1
    assert not [t for t in texts if "entities" in t]


def test_hops_two_caps_the_outer_ring_by_evidence(tmp_path):
    """Centre - hub - 30 entities around the hub: at most the cap of them is kept, the
    best evidenced first, and the caption says how many were left out."""
    centre = EntityRef.make("Groucho Marx", "PERSON")
    hub = EntityRef.make("Freedonia", "GPE")
    extractions = []
    for i in range(30):
        firm = EntityRef.make(f"Company {i:02d}", "ORG")
        for copy in range(1 + (i >= 25)):  # the last five twice: more evidence
            text = f"Company {i:02d} is based in Freedonia, copy {copy}."
            article = Article(text, id=f"c{i}-{copy}")
            triple = Triple(firm, "based-in", hub, article, text, 0, len(text))
            extractions.append(Extraction(article, (firm, hub), {}, (triple,)))
    text = "Groucho Marx leads Freedonia."
    article = Article(text, id="g")
    lead = Triple(centre, "head-of-government", hub, article, text, 0, len(text))
    extractions.append(Extraction(article, (centre, hub), {}, (lead,)))
    path = tmp_path / "ring.json"
    with LocalGraphStore(path) as store:
        store.write(extractions)
    spec = ExportFilter(entity="Groucho Marx", hops=2, isolated=False, outer_cap=10)
    part = filter_graph(read_graph(path), spec)
    kept = sorted(n for n in part if n.startswith("company"))
    assert len(kept) == 10
    assert {f"company-{i}" for i in range(25, 30)} <= set(kept)  # the best evidenced
    assert part.graph["caption"].startswith("Groucho Marx and the entities up to 2 relations")
    assert "20 of the 30 entities two or more relations away left out" in part.graph["caption"]
    uncapped = filter_graph(read_graph(path), ExportFilter(entity="Groucho Marx", hops=2))
    assert sum(n.startswith("company") for n in uncapped) == 30  # data exports keep all


def test_overview_names_neither_overlap_nor_leave_the_picture(example_graph, tmp_path):
    graph = filter_graph(read_graph(example_graph), ExportFilter(isolated=False))
    written = write_picture(graph, tmp_path / "o.png", "png", top=12)
    assert written.overview and written.labels.names > 12  # names, relations, groups
    assert written.labels.overlapping == ()
    assert written.labels.cut == ()
    assert written.labels.hidden == ()


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_overview_svg_names_do_not_overlap(example_graph, tmp_path):
    """Measured on the SVG itself: each name's box from its position, size and length."""
    out = tmp_path / "o.svg"
    CliRunner().invoke(
        cli, ["export", "--graph", str(example_graph), "--out", str(out), "--top", "15"]
    )
    root = ET.parse(out).getroot()
    graph = read_graph(example_graph)
    names = {d["name"] for _, d in graph.nodes(data=True) if d.get("label") == "Entity"}
    boxes = []
    for text in root.iter(f"{SVG}text"):
        upright = re.match(r"rotate\(-?0 ", text.get("transform") or "rotate(0 ")
        if text.text in names and upright:
            size = float(re.search(r"font-size: ([0-9.]+)px", text.get("style"))[1])
            x, y, width = float(text.get("x")), float(text.get("y")), 0.6 * size * len(text.text)
            boxes.append((x - width / 2, y - size, x + width / 2, y, text.text))
    assert len(boxes) == 15
    assert [(a[4], b[4]) for a, b in combinations(boxes, 2) if _boxes_overlap(a, b)] == []
