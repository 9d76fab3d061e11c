"""Exports of the graph for other tools: ``export_graph(graph, fmt, out)``.

Each format is one entry of :data:`FORMATS` with its writer; writers take a networkx
``MultiDiGraph`` in the local store's schema (see :mod:`kgraph.store.base`), so a graph
fetched from Neo4j can be exported the same way. Filter it first with
:func:`filter_graph`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.errors import KgraphError

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.export.filters import ExportFilter, filter_graph

__all__ = [
    "FORMATS",
    "ExportFilter",
    "ExportFormat",
    "ExportResult",
    "export_graph",
    "filter_graph",
    "format_for_path",
]


def __getattr__(name: str) -> Any:
    """``ExportFilter`` and ``filter_graph`` on first use: this module stays quick to import."""
    if name in ("ExportFilter", "filter_graph"):
        from kgraph.export import filters

        return getattr(filters, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class ExportFormat:
    """A format: its writer, what it is for, whether it includes articles by default, and
    whether it is a picture (which leaves out entities without relations by default)."""

    name: str
    suffix: str
    description: str
    write: Callable[..., int | str | None]
    articles_by_default: bool = False
    picture: bool = False


def _graphml(graph: nx.MultiDiGraph, out: Path) -> None:
    from kgraph.export.standard import write_graphml

    write_graphml(graph, out)


def _gexf(graph: nx.MultiDiGraph, out: Path) -> None:
    from kgraph.export.standard import write_gexf

    write_gexf(graph, out)


def _json(graph: nx.MultiDiGraph, out: Path) -> None:
    from kgraph.export.standard import write_node_link

    write_node_link(graph, out)


def _cytoscape(graph: nx.MultiDiGraph, out: Path) -> None:
    from kgraph.export.standard import write_cytoscape

    write_cytoscape(graph, out)


def _dot(graph: nx.MultiDiGraph, out: Path) -> None:
    from kgraph.export.standard import write_dot

    write_dot(graph, out)


def _csv(graph: nx.MultiDiGraph, out: Path) -> None:
    from kgraph.export.neo4j_csv import write_neo4j_csv

    write_neo4j_csv(graph, out)


def _jsonl(graph: nx.MultiDiGraph, out: Path) -> int:
    from kgraph.export.triples import write_triples

    return write_triples(graph, out)


def _html(graph: nx.MultiDiGraph, out: Path, top: int) -> str | None:
    from kgraph.export.html import write_html

    return write_html(graph, out, top)


def _places_line(found) -> str:
    unlinked = len(found.unlinked)
    return f"{len(found.places)} places ({unlinked} place names not in the gazetteer)"


def _geojson(graph: nx.MultiDiGraph, out: Path) -> str:
    from kgraph.export.geojson import write_geojson

    return _places_line(write_geojson(graph, out))


def _map(graph: nx.MultiDiGraph, out: Path) -> str:
    from kgraph.export.map import write_map

    return _places_line(write_map(graph, out).found)


def _picture(fmt: str) -> Callable[[nx.MultiDiGraph, Path, int], str | None]:
    def write(graph: nx.MultiDiGraph, out: Path, top: int) -> str | None:
        from kgraph.export.picture import write_picture

        return write_picture(graph, out, fmt, top).overview

    return write


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("graphml", ".graphml", "GraphML: yEd, Cytoscape, Gephi", _graphml),
        ExportFormat("gexf", ".gexf", "GEXF: Gephi", _gexf),
        ExportFormat("json", ".json", "node-link JSON: D3", _json),
        ExportFormat("cytoscape", ".cyjs", "Cytoscape.js JSON", _cytoscape),
        ExportFormat("dot", ".dot", "Graphviz DOT", _dot),
        ExportFormat("csv", "", "CSV files for neo4j-admin database import", _csv, True),
        ExportFormat("jsonl", ".jsonl", "triple records, as kgraph extract prints", _jsonl, True),
        ExportFormat(
            "geojson", ".geojson", "GeoJSON points of the places: QGIS, kepler.gl", _geojson, True
        ),
        ExportFormat("map", ".map.png", "PNG map of the places", _map, True),
        ExportFormat("html", ".html", "interactive page that works offline", _html, picture=True),
        ExportFormat("png", ".png", "static picture", _picture("png"), picture=True),
        ExportFormat("svg", ".svg", "static picture", _picture("svg"), picture=True),
    )
}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    format: str
    path: Path
    nodes: int
    relationships: int
    records: int | None = None
    detail: str | None = None

    def summary(self) -> str:
        """``wrote 19 nodes and 11 relationships to graph.graphml (graphml)``."""
        if self.detail is not None:
            return f"wrote {self.detail} to {self.path} ({self.format})"
        if self.records is not None:
            return (
                f"wrote {self.records} triple records ({self.relationships} relations) "
                f"to {self.path} ({self.format})"
            )
        return (
            f"wrote {self.nodes} nodes and {self.relationships} relationships "
            f"to {self.path} ({self.format})"
        )


def format_for_path(path: Path) -> str:
    """The format a path's suffix names (a path without suffix: ``csv`` files in a folder)."""
    for fmt in FORMATS.values():
        if fmt.suffix and path.name.endswith(fmt.suffix):
            return fmt.name
    if not path.suffix:
        return "csv"
    raise KgraphError(
        f"cannot tell the format of {path.name!r} from its suffix: give --format "
        f"({', '.join(FORMATS)})"
    )


def export_graph(graph: nx.MultiDiGraph, fmt: str, out: Path, *, top: int = 40) -> ExportResult:
    """Write ``graph`` to ``out`` in format ``fmt`` (a folder for ``csv``). Pictures
    (``html``, ``png``, ``svg``) of a whole graph show its ``top`` entities with the most
    evidence (0: every entity).

    Raises:
        KgraphError: unknown format, or ``out`` cannot be written (its folder, the
            ``csv`` format's folder's parent, must exist).
    """
    if fmt not in FORMATS:
        raise KgraphError(f"unknown export format {fmt!r} (allowed: {', '.join(FORMATS)})")
    out = Path(out)
    if not out.parent.is_dir():  # a typo in a folder name is not a folder to create
        raise KgraphError(f"cannot write {out}: no folder {out.parent}")
    if fmt != "csv":
        if out.is_dir():
            raise KgraphError(f"{out} is a folder; --format {fmt} writes a file")
    elif out.exists() and not out.is_dir():
        raise KgraphError(f"{out} is a file; --format csv writes a folder of CSV files")
    try:
        spec = FORMATS[fmt]
        records = spec.write(graph, out, top) if spec.picture else spec.write(graph, out)
    except OSError as exc:
        raise KgraphError(f"cannot write {out}: {exc}") from exc
    if isinstance(records, str):  # places, overviews: the writer says what it wrote
        return ExportResult(fmt, out, graph.number_of_nodes(), 0, detail=records)
    if records is not None:  # triple records: count the relations they come from
        relations = sum(1 for *_, d in graph.edges(data=True) if d.get("label") == "RELATION")
        return ExportResult(fmt, out, graph.number_of_nodes(), relations, records)
    return ExportResult(fmt, out, graph.number_of_nodes(), graph.number_of_edges())
