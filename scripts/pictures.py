"""Redraw the pictures in docs/: `make pictures` (or `python scripts/pictures.py`).

Ingests the BBC corpus in place (../shared/corpora/bbc, 2,225 articles; a graph file
given with --graph is reused, only missing articles are ingested) and the example
articles, then draws:

- docs/example-graph.png: the example articles' graph, whole;
- docs/bbc-overview.png: the BBC corpus's 40 entities with the most evidence;
- docs/bbc-tony-blair.png: Tony Blair's neighbourhood;
- docs/bbc-labour-2-hops.png: Labour's, two relations deep (outer ring capped);
- docs/bbc-places.map.png: where the news happens;

and prints, for each, how many names were drawn, overlapping, cut or hidden, and the 30
most mentioned places with their GeoNames ids and coordinates. Exits 1 if any picture
has overlapping or cut names.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import kgraph
from kgraph.export import ExportFilter, filter_graph
from kgraph.export.labels import LabelReport
from kgraph.export.map import write_map
from kgraph.export.picture import write_picture

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BBC = ROOT.parent / "shared" / "corpora" / "bbc"


def _report(name: str, labels: LabelReport) -> bool:
    print(
        f"{name}: {labels.names} labels, {len(labels.overlapping)} overlapping, "
        f"{len(labels.cut)} cut, {len(labels.hidden)} hidden"
    )
    return not labels.overlapping and not labels.cut


def _places_table(graph) -> None:
    from kgraph.query.places import link_places

    print("\nthe 30 most mentioned places:")
    print(
        "rank | mentions | GeoNames id | name | kind | country | latitude | longitude | chosen by"
    )
    for rank, place in enumerate(link_places(graph).places[:30], start=1):
        print(
            f"{rank} | {place.mentions} | {place.geonameid} | {place.name} | {place.kind} | "
            f"{place.country} | {place.latitude:.3f} | {place.longitude:.3f} | "
            f"{place.resolved_by}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="BBC graph file to reuse (or fill)")
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        examples = Path(scratch) / "examples.json"
        kgraph.ingest(ROOT / "examples" / "articles", graph=examples)
        bbc = args.graph or Path(scratch) / "bbc.json"
        folders = sorted(p for p in args.corpus.iterdir() if p.is_dir())  # not README.TXT
        report = kgraph.ingest(folders, graph=bbc, workers=args.workers)
        print(f"BBC: {report.ingested} articles ingested, {report.skipped} already there")
        pictures = ExportFilter(isolated=False)
        ok = _report(
            "example-graph.png",
            write_picture(
                filter_graph(kgraph.read_graph(examples), pictures), DOCS / "example-graph.png"
            ).labels,
        )
        graph = kgraph.read_graph(bbc)
        drawn = {
            "bbc-overview.png": pictures,
            "bbc-tony-blair.png": ExportFilter(entity="Tony Blair", isolated=False),
            "bbc-labour-2-hops.png": ExportFilter(
                entity="Labour", hops=2, isolated=False, outer_cap=20
            ),
        }
        for name, spec in drawn.items():
            ok &= _report(name, write_picture(filter_graph(graph, spec), DOCS / name).labels)
        with_articles = filter_graph(graph, ExportFilter(with_articles=True))
        written = write_map(with_articles, DOCS / "bbc-places.map.png")
        ok &= _report("bbc-places.map.png", written.labels)
        _places_table(with_articles)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
