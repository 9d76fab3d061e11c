"""Commands that move a whole graph: load, export, migrate."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from kgraph.cli.common import (
    _local_store,
    _open_store,
    _vocabulary,
    cli,
    graph_option,
    library_errors,
    min_confidence_option,
    neo4j_options,
    relations_option,
    store_option,
)
from kgraph.errors import KgraphError
from kgraph.export import FORMATS as EXPORT_FORMATS


@cli.command()
@click.argument("source")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Rows (articles, entities, mentions, relations) per transaction.",
)
@click.option(
    "--parallel",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Neo4j write transactions at once, on node-disjoint rows (2: 1.23x as fast on 2 "
    "cores; Neo4j may still report a deadlock, which is retried).",
)
@click.option("--replace", is_flag=True, help="Delete everything in the database first.")
@click.option(
    "--graph",
    "graph_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Load a graph-table folder into this local graph file instead of Neo4j.",
)
@neo4j_options
@library_errors
def load(
    source: str,
    batch_size: int,
    parallel: int,
    replace: bool,
    neo4j: Any,
    graph_path: Path | None = None,
) -> None:
    """Load a saved local graph, a triples file or a graph-table folder into Neo4j.

    SOURCE is a graph file written by `kgraph ingest` (.json or .json.gz), triple records
    as `kgraph extract` prints them (JSON Lines; - for standard input), or a folder of
    graph tables (`kgraph ingest --dask ... --out-parquet DIR`, a path or an fsspec URL
    such as s3://bucket/tables; with --graph into a local graph file). Loading is
    idempotent: loading the same source twice changes nothing, and evidence already on a
    relationship is not added again. Each batch is one transaction.

    \b
    Examples:
      kgraph load demo-graph.json
      kgraph extract examples/articles/ | kgraph load -
      kgraph load tables/ --graph graph.json
      kgraph load s3://bucket/tables --parallel 2
    """
    from kgraph.store.neo4j import Neo4jGraphStore
    from kgraph.store.rows import rows_from_graph, rows_from_triples

    if "://" in source or Path(source).is_dir():
        _load_tables(source, graph_path, batch_size, parallel, replace, neo4j)
        return
    if graph_path is not None:
        raise click.UsageError("--graph loads a graph-table folder (SOURCE is a file)")
    if source == "-":
        rows = rows_from_triples(sys.stdin)
    elif _is_graph_file(Path(source)):
        from kgraph.store.local import read_graph

        rows = rows_from_graph(read_graph(Path(source)))
    else:
        with Path(source).open(encoding="utf-8") as lines:
            rows = rows_from_triples(lines)
    started = time.perf_counter()
    with Neo4jGraphStore(neo4j, check_legacy=not replace, parallel=parallel) as store:
        if replace:
            store.clear()
        store.load(rows, batch_size=batch_size)
        counts = store.stats()
    click.echo(
        f"loaded {len(rows.relations)} relations, {len(rows.entities)} entities, "
        f"{len(rows.articles)} articles from {source} in {time.perf_counter() - started:.1f} s; "
        f"Neo4j now holds {counts.articles} articles, {counts.entities} entities, "
        f"{counts.relations} relations"
    )


def _load_tables(
    source: str,
    graph_path: Path | None,
    batch_size: int,
    parallel: int,
    replace: bool,
    neo4j: Any,
) -> None:
    """``kgraph load DIR``: graph tables into the local graph file or Neo4j."""
    from kgraph.scale.tables import is_table_folder, load_folder

    if not is_table_folder(source):
        raise KgraphError(f"{source} is no graph-table folder (no records/ and entities/)")
    started = time.perf_counter()
    if graph_path is not None:
        if replace:
            graph_path.unlink(missing_ok=True)
        with _local_store(graph_path) as store:
            rows = load_folder(source, store)
            counts = store.stats()
        where = f"{store.path} now holds"
    else:
        from kgraph.store.neo4j import Neo4jGraphStore

        with Neo4jGraphStore(neo4j, check_legacy=not replace, parallel=parallel) as store:
            if replace:
                store.clear()
            rows = load_folder(source, store, batch_size=batch_size)
            counts = store.stats()
        where = "Neo4j now holds"
    click.echo(
        f"loaded {rows['relations']} relations, {rows['entities']} entities, "
        f"{rows['articles']} articles from {source} in {time.perf_counter() - started:.1f} s; "
        f"{where} {counts.articles} articles, {counts.entities} entities, "
        f"{counts.relations} relations"
    )


def _is_graph_file(path: Path) -> bool:
    """True for a kgraph graph file (its JSON starts with the envelope), else JSON Lines."""
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            head = handle.read(200)
    except OSError as exc:
        raise KgraphError(f"cannot read {path}: {exc}") from exc
    return head.lstrip().startswith("{") and '"format": "kgraph"' in head


def _names(values: tuple[str, ...]) -> list[str]:
    """Repeatable options that also take comma lists: ("a,b", "c") -> ["a", "b", "c"]."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORT_FORMATS)),
    help="Output format [default: from the --out suffix; a path without suffix: csv].",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    help="File to write (a folder for csv).",
)
@click.option("--entity", help="Only this entity (name, alias or id) and its neighbourhood.")
@click.option(
    "--hops",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="With --entity: relations away from it, either direction.",
)
@click.option(
    "--type", "types", multiple=True, metavar="TYPES", help="Entity types, e.g. PERSON,ORG."
)
@click.option(
    "--predicate", "predicates", multiple=True, help="Relations with this predicate (repeatable)."
)
@click.option(
    "--min-mentions",
    type=click.IntRange(min=0),
    default=0,
    help="Entities mentioned at least this often.",
)
@click.option(
    "--since",
    metavar="DATE",
    help="Evidence of events on or after DATE (YYYY-MM-DD; the article's date when the "
    "sentence gives none).",
)
@click.option("--until", metavar="DATE", help="Evidence of events on or before DATE.")
@click.option(
    "--with-articles/--no-articles",
    default=None,
    help="Article nodes and MENTIONS edges [default: only for csv, jsonl, geojson, map].",
)
@click.option(
    "--with-isolated",
    is_flag=True,
    help="html, png, svg: also draw entities without relations (other formats always hold them).",
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=40,
    show_default=True,
    help="html, png, svg of a whole graph: the N entities with the most evidence and the "
    "strongest relations between them; with --entity and --hops 2 or more, at most N/2 "
    "(at least 10) entities beyond the first ring (0: every entity).",
)
@click.option(
    "--cypher",
    "cypher_query",
    metavar="QUERY",
    help="With --store neo4j: export only the nodes, relationships and paths QUERY returns.",
)
@min_confidence_option
@graph_option
@store_option
@neo4j_options
@library_errors
def export(
    fmt: str | None,
    out: Path,
    entity: str | None,
    hops: int,
    types: tuple[str, ...],
    predicates: tuple[str, ...],
    min_mentions: int,
    since: str | None,
    with_articles: bool | None,
    with_isolated: bool,
    top: int,
    cypher_query: str | None,
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
    until: str | None = None,
    min_confidence: float = 0.0,
) -> None:
    """Write the graph, or part of it, for Gephi, Cytoscape, yEd, D3, neo4j-admin...

    Formats: graphml, gexf, json (node-link, D3), cytoscape (Cytoscape.js), dot, csv
    (a folder of neo4j-admin import files), jsonl (triple records), geojson (the places,
    with GeoNames ids and coordinates), map (a PNG map of the places), html (an
    interactive page that works offline), png, svg. Pictures of a whole graph show its
    --top entities with the most evidence; with --entity, its neighbourhood.

    \b
    Examples:
      kgraph export --out graph.graphml
      kgraph export --format html --out tiktok.html --entity TikTok --hops 2
      kgraph export --out overview.png --top 40
      kgraph export --out places.geojson
      kgraph export --format csv --out neo4j-import/ --since 2020-08-01
      kgraph export --store neo4j --cypher "MATCH p=(:Entity)-[:ACQUIRES]->() RETURN p" --out o.gexf
    """
    from kgraph.export import FORMATS as export_formats
    from kgraph.export import ExportFilter, export_graph, filter_graph, format_for_path

    if cypher_query and store_name != "neo4j":
        raise click.UsageError("--cypher needs --store neo4j")
    if store_name == "neo4j":
        with _open_store(store_name, graph_path, neo4j) as store:
            graph = store.read_graph(cypher_query)
    else:
        store = _local_store(graph_path)
        if not store.path.exists():
            raise click.ClickException(f"no graph file at {store.path} (run kgraph ingest first)")
        graph = store.graph
    fmt = fmt or format_for_path(out)
    if fmt == "jsonl" and with_articles is not None:
        raise click.UsageError(
            "--with-articles/--no-articles do not apply to jsonl: every triple record "
            "names its article (id, title, date)"
        )
    spec = ExportFilter(
        entity=entity,
        hops=hops,
        types=frozenset(t.upper() for t in _names(types)),
        predicates=frozenset(_names(predicates)),
        min_mentions=min_mentions,
        since=since,
        until=until,
        with_articles=export_formats[fmt].articles_by_default
        if with_articles is None
        else with_articles,
        isolated=with_isolated or not export_formats[fmt].picture,
        outer_cap=max(top // 2, 10) if top and export_formats[fmt].picture else 0,
        min_confidence=min_confidence,
    )
    result = export_graph(filter_graph(graph, spec), fmt, out, top=top)
    click.echo(result.summary())


@cli.command()
@graph_option
@store_option
@neo4j_options
@relations_option
@library_errors
def migrate(
    graph_path: Path | None, store_name: str, neo4j: Any, relations_file: Path | None
) -> None:
    """Bring a graph written by an older kgraph up to date.

    Relations written before kgraph had a relation vocabulary are typed by predicate:
    each gets a `relation` from its predicate, and in Neo4j is retyped by it (HEAD_OF,
    RELATED_TO, ...). A local graph file is migrated whenever it is read; this rewrites
    it in the current format. Running it again changes nothing.

    \b
    Examples:
      kgraph migrate --store neo4j
      kgraph migrate --graph demo-graph.json
    """
    vocabulary = _vocabulary(relations_file)
    if store_name == "neo4j":
        from kgraph.store.neo4j import Neo4jGraphStore

        with Neo4jGraphStore(neo4j, check_legacy=False) as store:
            changed = store.migrate(vocabulary)
        click.echo(f"retyped {changed} relationships in Neo4j database {neo4j.database!r}")
        return
    from kgraph.store.local import VERSION, default_graph_path, read_envelope, write_graph

    path = graph_path or default_graph_path()
    if not path.exists():
        raise click.ClickException(f"no graph file at {path}")
    graph, records = read_envelope(path, vocabulary)
    write_graph(graph, path, records)
    click.echo(f"{path} is a version {VERSION} graph file")
