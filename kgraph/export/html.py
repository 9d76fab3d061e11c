"""One self-contained, offline HTML page of the graph, drawn by Neo4j's ``neo4j-viz``.

neo4j-viz ships its renderer (NVL, the library behind Neo4j Browser and Bloom) with all
JavaScript and CSS inlined in one template: no CDN, no network at all. Nodes are coloured
by type with a legend and sized by their number of relations; relationships carry their
predicate as caption. Selecting a node or relationship (click) and opening the details
panel (top-right button) shows its properties: for a relationship, its evidence
sentences with their dates and articles. neo4j-viz has no hover tooltips.

The page is 4.4 MB whatever the graph: the renderer is a JavaScript module (2.4 MB) and
a browser will not load a module from a ``file://`` address, so it cannot be linked from the
installed package instead of inlined; the stylesheet (2.0 MB) goes with it.

A whole graph of more than ``top`` entities is drawn as the picture draws it
(:mod:`kgraph.export.overview`): the entities with the most evidence, one relationship
per linked pair labelled with its relation, nodes coloured by community (the legend
names each by its biggest entity), and the caption at the top of the page.

A small script at the end of the page writes ``data-node-count`` and
``data-relationship-count`` on ``<html>`` from the embedded data (used by the tests).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.export.overview import (
    COMMUNITY_COLORS,
    TOP,
    Overview,
    overview,
    overview_summary,
)
from kgraph.export.style import node_kind, relation_degree, type_colors

__all__ = ["overview_html", "page_html", "write_html"]

#: Largest graph the page is asked to draw (neo4j-viz's default limit).
MAX_NODES = 10_000
#: Evidence sentences listed per relationship in the details panel.
MAX_EVIDENCE = 20
_COUNT_SCRIPT = """<script>
(function () {
  var data = JSON.parse(document.getElementById("neo4j-viz-data").textContent);
  document.documentElement.dataset.nodeCount = data.nodes.length;
  document.documentElement.dataset.relationshipCount = data.relationships.length;
})();
</script>
"""


def _node_properties(data: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "name", "type", "mentions", "aliases", "title", "published", "url", "source")
    return {k: data[k] for k in keep if data.get(k) not in (None, "", [])}


def _evidence(data: dict[str, Any]) -> dict[str, str]:
    """``{"evidence 1": "sentence (date, article id)", ...}``, at most :data:`MAX_EVIDENCE`."""
    rows = list(zip(data["sentences"], data["published"], data["articles"]))
    shown = {
        f"evidence {i}": f"{sentence} ({day or 'undated'}, article {article})"
        for i, (sentence, day, article) in enumerate(rows[:MAX_EVIDENCE], start=1)
    }
    if len(rows) > MAX_EVIDENCE:
        shown["more evidence"] = f"{len(rows) - MAX_EVIDENCE} more (see the jsonl export)"
    return shown


def _edge_properties(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("label") != "RELATION":
        return {"count": data.get("count")}
    return {
        "predicate": data["predicate"],
        "modality": data["modality"],
        "negated": data["negated"],
        "confidence": data["confidence"],
        "evidence_count": data["evidence_count"],
        **_evidence(data),
    }


_CAPTION = (
    '<div id="kgraph-caption" style="position:fixed;bottom:0;left:0;right:0;z-index:10;'
    "padding:4px 10px;font:13px sans-serif;color:#333;background:rgba(255,255,255,.85)"
    '">{}</div>'
)


def overview_html(graph: nx.MultiDiGraph, chosen: Overview, title: str = "kgraph") -> str:
    """The page of an overview: the chosen entities and pair relations, by community."""
    from neo4j_viz import Node, Relationship, VisualizationGraph

    legend: dict[str, str] = {}
    color_of: dict[str, str] = {}
    for i, members in enumerate(chosen.communities):
        color = COMMUNITY_COLORS[i % len(COMMUNITY_COLORS)] if len(members) > 1 else "#b0b0b0"
        name = chosen.community_name(members, graph) if len(members) > 1 else "not in a group"
        legend.setdefault(f"group: {name}" if len(members) > 1 else name, color)
        color_of.update(dict.fromkeys(members, color))
    most = max(chosen.evidence.values(), default=1) or 1
    nodes = [
        Node(
            id=n,
            caption=graph.nodes[n].get("name") or n,
            size=10 + 25 * math.sqrt(chosen.evidence[n] / most),
            color=color_of[n],
            properties={**_node_properties(graph.nodes[n]), "evidence": chosen.evidence[n]},
        )
        for n in chosen.entities
    ]
    relationships = [
        Relationship(
            id=f"{p.source}|{p.target}",
            source=p.source,
            target=p.target,
            caption=p.label if p.evidence == 1 else f"{p.label} ({p.evidence})",
            properties={"relation": p.label, "evidence": p.evidence, "relations": p.relations},
        )
        for p in chosen.pairs
    ]
    view = VisualizationGraph(nodes, relationships)
    view.set_legend(nodes=legend)
    return _finish(view, title, chosen.caption())


def _finish(view, title: str, caption: str | None = None) -> str:
    page = view.render(height="100vh", width="100%", theme="light").data
    page = page.replace("<title>neo4j-viz</title>", f"<title>{_escape(title)}</title>", 1)
    if caption:
        page = page.replace("</body>", _CAPTION.format(_escape(caption)) + "</body>", 1)
    return page.replace("</body>", _COUNT_SCRIPT + "</body>", 1)


def page_html(graph: nx.MultiDiGraph, title: str = "kgraph") -> str:
    """The page's HTML text."""
    from neo4j_viz import Node, Relationship, VisualizationGraph

    if graph.number_of_nodes() > MAX_NODES:
        raise KgraphError(
            f"{graph.number_of_nodes()} nodes are too many for the HTML page (at most "
            f"{MAX_NODES}); narrow the export with --entity, --type or --min-mentions"
        )
    colors = type_colors(graph)
    degree = relation_degree(graph)
    nodes = [
        Node(
            id=node,
            caption=data.get("name") or data.get("title") or node,
            size=10 + 6 * math.sqrt(degree[node]),
            color=colors[node_kind(data)],
            properties=_node_properties(data),
        )
        for node, data in graph.nodes(data=True)
    ]
    relationships = [
        Relationship(
            id=f"{u}|{key}|{v}",
            source=u,
            target=v,
            caption=data.get("predicate") or data.get("type"),
            properties=_edge_properties(data),
        )
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]
    view = VisualizationGraph(nodes, relationships)
    view.set_legend(nodes=colors)
    return _finish(view, title)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_html(graph: nx.MultiDiGraph, out: Path, top: int = TOP) -> str | None:
    """Write the page to ``out``: an overview of a whole graph of more than ``top``
    entities (0: never), else the graph itself. Returns what an overview shows."""
    title = f"kgraph: {out.stem}"
    entities = sum(1 for _, d in graph.nodes(data=True) if d.get("label") != "Article")
    if top and entities > top and not graph.graph.get("center"):
        chosen = overview(graph, top)
        out.write_text(overview_html(graph, chosen, title), encoding="utf-8")
        return overview_summary(chosen)
    out.write_text(page_html(graph, title=title), encoding="utf-8")
    return None
