"""The PNG/SVG picture: entities named in full (read back from the SVG's text), names
apart and inside the picture, parallel relations drawn separately with their predicates,
isolated entities left out."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.export import ExportFilter, filter_graph
from kgraph.export.picture import write_picture
from kgraph.models import Article, EntityRef, Extraction, Triple
from kgraph.store.local import LocalGraphStore, read_graph
from tests.conftest import EXAMPLES
from tests.export_sample import sample_graph_file

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg_path) -> list[ET.Element]:
    return list(ET.parse(svg_path).getroot().iter(f"{SVG}text"))


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("example") / "graph.json"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--graph", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_the_example_graph_svg_names_every_related_entity(example_graph, tmp_path):
    out = tmp_path / "example.svg"
    result = CliRunner().invoke(cli, ["export", "--graph", str(example_graph), "--out", str(out)])
    assert result.exit_code == 0, result.output
    graph = read_graph(example_graph)
    related = {
        n for u, v, d in graph.edges(data=True) if d.get("label") == "RELATION" for n in (u, v)
    }
    names = {" ".join(graph.nodes[n]["name"].split()) for n in related}
    written = {t.text for t in _texts(out)}
    assert names <= written, names - written  # whole names: never cut with an ellipsis
    assert "US Federal Trade Commission" in written
    predicates = {d["predicate"] for _, _, d in graph.edges(data=True) if "predicate" in d}
    missing = predicates - written  # a relation's label with no room on its edge...
    notes = [t for t in written if t and t.endswith("left out for want of room")]
    if missing:  # ...is said at the picture's foot, never drawn over another
        assert notes == [
            f"{len(missing)} label{'s' if len(missing) > 1 else ''} left out for want of room"
        ]
    assert len(missing) <= 2, missing
    assert result.output.startswith(f"wrote {len(related)} nodes and ")


def test_the_names_do_not_overlap_and_stay_inside(example_graph, tmp_path):
    out = tmp_path / "example.svg"
    CliRunner().invoke(cli, ["export", "--graph", str(example_graph), "--out", str(out)])
    graph = read_graph(example_graph)
    names = {d["name"] for _, d in graph.nodes(data=True) if d.get("label") == "Entity"}
    boxes = [_box(t) for t in _texts(out) if t.text in names]
    assert len(boxes) > 20
    overlapping = [(a[4], b[4]) for a, b in combinations(boxes, 2) if _overlap(a, b)]
    assert overlapping == []
    width, height = _size(out)
    cut = [b[4] for b in boxes if b[0] < 0 or b[1] < 0 or b[2] > width or b[3] > height]
    assert cut == []


def test_entities_without_relations_are_left_out_unless_asked(tmp_path):
    graph = sample_graph_file(tmp_path)  # O'Brien, Pat has no relation
    runner = CliRunner()
    out = tmp_path / "g.svg"
    result = runner.invoke(cli, ["export", "--graph", str(graph), "--out", str(out)])
    assert result.output == f"wrote 4 nodes and 4 relationships to {out} (svg)\n"
    assert "O'Brien, Pat" not in {t.text for t in _texts(out)}
    result = runner.invoke(
        cli, ["export", "--graph", str(graph), "--out", str(out), "--with-isolated"]
    )
    assert result.output == f"wrote 5 nodes and 4 relationships to {out} (svg)\n"
    assert "O'Brien, Pat" in {t.text for t in _texts(out)}
    data = tmp_path / "g.json"
    result = runner.invoke(cli, ["export", "--graph", str(graph), "--out", str(data)])
    assert result.output == f"wrote 5 nodes and 4 relationships to {data} (json)\n"


def test_parallel_relations_are_separate_curves_with_their_predicates(tmp_path):
    microsoft = EntityRef.make("Microsoft", "ORG")
    tiktok = EntityRef.make("TikTok", "ORG")
    article = Article("Microsoft will own and run TikTok.", id="m1")
    sentence = article.text
    triples = tuple(
        Triple(microsoft, predicate, tiktok, article, sentence, 0, len(sentence))
        for predicate in ("owns", "runs", "negotiates-acquisition-of")
    )
    with LocalGraphStore(tmp_path / "g.json") as store:
        store.write([Extraction(article, (microsoft, tiktok), {}, triples)])
    out = tmp_path / "p.svg"
    write_picture(filter_graph(read_graph(tmp_path / "g.json"), ExportFilter()), out, "svg")
    written = [t.text for t in _texts(out)]
    for text in ("Microsoft", "TikTok", "owns", "runs", "negotiates-acquisition-of"):
        assert written.count(text) == 1, text
    curves = re.findall(
        r'<path d="M [-0-9. ]+\s+Q [^"]*"[^>]*style="fill: none[^"]*#8a8a8a', out.read_text()
    )
    assert len(curves) == 3  # three quadratic curves, one per relation


def _size(svg_path) -> tuple[float, float]:
    root = ET.parse(svg_path).getroot()
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


def _box(text: ET.Element) -> tuple[float, float, float, float, str]:
    """The box of an SVG text (centred), its width measured in the font it names first,
    DejaVu Sans (the glyphs' outlines, as a browser with that font draws them)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    style = text.get("style")
    assert "font-family: 'DejaVu Sans'" in style, style
    size = float(re.search(r"font-size: ([0-9.]+)px", style)[1])
    x, y = float(text.get("x")), float(text.get("y"))
    outline = TextPath((0, 0), text.text, size=size, prop=FontProperties(family="DejaVu Sans"))
    width = outline.get_extents().width
    return (x - width / 2, y - size, x + width / 2, y, text.text)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
