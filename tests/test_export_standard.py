"""GraphML, GEXF, node-link JSON, Cytoscape.js and DOT round trips through networkx."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kgraph.export import ExportFilter, export_graph, filter_graph
from kgraph.export.standard import dot_quote, for_display, keyed
from kgraph.export.values import flat_attributes, flat_graph, flat_value

from .export_sample import ACME, JOSE, LINE, OBRIEN, ZURICH, sample_graph


@pytest.fixture
def graph(tmp_path):
    """The sample with its articles, so every kind of node and edge is exported."""
    return filter_graph(sample_graph(tmp_path), ExportFilter(with_articles=True))


def _nodes(graph: nx.MultiDiGraph) -> dict:
    return {n: dict(d) for n, d in graph.nodes(data=True)}


def _edges(graph: nx.MultiDiGraph) -> dict:
    return {(u, v, k): dict(d) for u, v, k, d in graph.edges(keys=True, data=True)}


def test_the_sample_has_the_awkward_names(graph):
    names = {d.get("name") for _, d in graph.nodes(data=True)}
    assert {'Acme "Widgets", Inc.', "José Müller", "Line\nBreak Ltd", "O'Brien, Pat"} <= names
    assert graph.number_of_nodes() == 7 and graph.number_of_edges() == 12


def test_flat_value_rule():
    assert flat_value(None) is None
    assert flat_value(True) is True and flat_value(3) == 3 and flat_value(0.5) == 0.5
    assert flat_value(["Zürich", 'a "b"']) == '["Zürich", "a \\"b\\""]'
    assert flat_value({"b", "a"}) == '["a", "b"]'
    assert flat_attributes({"a": None, "b": []}) == {"b": "[]"}


def test_graphml_round_trip(graph, tmp_path):
    out = tmp_path / "g.graphml"
    result = export_graph(graph, "graphml", out)
    assert (result.nodes, result.relationships) == (7, 12)
    back = nx.read_graphml(out, force_multigraph=True)
    expected = flat_graph(keyed(graph))
    assert isinstance(back, nx.MultiDiGraph)
    assert _nodes(back) == _nodes(expected)
    assert _edges(back) == _edges(expected)
    assert json.loads(back.nodes[ACME.id]["aliases"]) == ["AW, the firm", "Acme"]


def test_gexf_round_trip(graph, tmp_path):
    out = tmp_path / "g.gexf"
    export_graph(graph, "gexf", out)
    back = nx.read_gexf(out)
    expected = flat_graph(for_display(graph))
    assert _nodes(back) == _nodes(expected)
    assert back.nodes[LINE.id]["label"] == "Line\nBreak Ltd"
    assert back.nodes[ACME.id]["type"] == "ORG" and back.nodes[ACME.id]["kind"] == "Entity"
    got = sorted((u, v, d["predicate"]) for u, v, d in back.edges(data=True) if "predicate" in d)
    want = sorted(
        (u, v, d["predicate"]) for u, v, d in expected.edges(data=True) if "predicate" in d
    )
    assert got == want
    edge = next(d for u, v, d in back.edges(data=True) if (u, v) == (JOSE.id, ZURICH.id))
    assert edge["rel_type"] == "BASED_IN" and edge["evidence_count"] == 2
    assert json.loads(edge["sentences"])[0] == "Müller lives in Zürich."


def test_node_link_json_round_trip(graph, tmp_path):
    out = tmp_path / "g.json"
    export_graph(graph, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"source", "target", "key"} <= set(data["links"][0])
    back = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    expected = keyed(graph)
    assert _nodes(back) == _nodes(expected)
    assert _edges(back) == _edges(expected)  # lists stay lists in JSON


def test_cytoscape_round_trip(graph, tmp_path):
    out = tmp_path / "g.cyjs"
    export_graph(graph, "cytoscape", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    ids = {n["data"]["id"] for n in data["elements"]["nodes"]}
    assert ids == set(graph.nodes)  # edges point at these ids
    assert all({e["data"]["source"], e["data"]["target"]} <= ids for e in data["elements"]["edges"])
    back = nx.cytoscape_graph(data)
    for node, attrs in keyed(graph).nodes(data=True):
        assert {k: back.nodes[node][k] for k in attrs} == attrs
    assert sorted(_edges(back)) == sorted(_edges(graph))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydot's use of pyparsing
def test_dot_is_read_by_pydot(graph, tmp_path):
    pytest.importorskip("pydot")
    out = tmp_path / "g.dot"
    export_graph(graph, "dot", out)
    back = nx.nx_pydot.read_dot(out)
    raw = {dot_quote(n).strip('"') for n in graph.nodes}  # pydot keeps the escapes as written
    assert set(back.nodes) == raw
    assert back.number_of_edges() == graph.number_of_edges()
    label = back.nodes[dot_quote(ACME.id).strip('"')]["label"]
    assert label == '"Acme \\"Widgets\\", Inc."'
    assert back.nodes[dot_quote(LINE.id).strip('"')]["label"] == '"Line\\nBreak Ltd"'


def test_dot_quote():
    assert dot_quote('a "b"\\c\nd') == '"a \\"b\\"\\\\c\\nd"'
    assert dot_quote(3) == "3" and dot_quote(False) == "false" and dot_quote(0.5) == "0.5"
    assert dot_quote("node") == '"node"' and dot_quote("org:x") == '"org:x"'
    assert dot_quote("based_in") == "based_in" and dot_quote(1e-05) == '"1e-05"'


def test_isolated_entities_are_kept(graph, tmp_path):
    out = tmp_path / "g.graphml"
    export_graph(graph, "graphml", out)
    assert OBRIEN.id in nx.read_graphml(out)
