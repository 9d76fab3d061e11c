"""The ``kgraph`` command line: options in, a library call, output or a one-line error out."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from kgraph import __version__
from kgraph.errors import KgraphError
from kgraph.models import Reject
from kgraph.nlp import DEFAULT_MODEL, load_pipeline
from kgraph.readers import iter_files, read_articles

EPILOG = """\b
Examples:
  kgraph extract examples/articles/tiktok-microsoft.txt   triples as JSON Lines
  kgraph ingest examples/articles/                         build the local graph
  kgraph query --entity Microsoft                          an entity's relations
  kgraph query --predicate parent-of                       relations with a predicate
  kgraph query --path "Donald Trump" ByteDance             how two entities connect
  kgraph stats                                             counts by type and predicate
"""


def library_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn kgraph's own errors into ``Error: <message>`` and exit status 1."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgraphError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


model_option = click.option(
    "--model",
    default=DEFAULT_MODEL,
    show_default=True,
    envvar="KGRAPH_MODEL",
    help="Installed spaCy pipeline to use (any name spacy.load accepts).",
)
graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="KGRAPH_GRAPH",
    default=None,
    help="Local graph file [default: $KGRAPH_GRAPH or ~/.local/share/kgraph/graph.json].",
)


def _local_store(graph_path: Path | None):
    from kgraph.store.local import LocalGraphStore

    return LocalGraphStore(graph_path)


@click.group(epilog=EPILOG)
@click.version_option(__version__, prog_name="kgraph")
def cli() -> None:
    """Build an entity knowledge graph from news articles.

    Articles go in; subject-predicate-object triples between named entities come out,
    each with the sentence that says so, into a local graph file or Neo4j.
    """


@cli.command()
@click.argument("files", nargs=-1, required=True)
@model_option
@library_errors
def extract(files: tuple[str, ...], model: str) -> None:
    """Print the triples of articles as JSON Lines, storing nothing.

    FILES are .txt articles, folders of them, or - for standard input.

    \b
    Example:
      kgraph extract examples/articles/tiktok-microsoft.txt
    """
    from kgraph.extract import extract_articles

    nlp = load_pipeline(model)
    rejects: list[Reject] = []
    articles = _accepted(read_articles(files), rejects)
    for extraction in extract_articles(nlp, articles):
        for triple in extraction.triples:
            click.echo(json.dumps(triple.to_dict(), ensure_ascii=False))
    _report_rejects(rejects)


def _accepted(items, rejects: list[Reject]):
    for item in items:
        if isinstance(item, Reject):
            rejects.append(item)
        else:
            yield item


def _report_rejects(rejects: list[Reject]) -> None:
    for reject in rejects:
        click.echo(f"rejected: {reject}", err=True)
    if rejects:
        sys.exit(3)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@graph_option
@model_option
@click.option("--quiet", is_flag=True, help="No progress bar.")
@library_errors
def ingest(paths: tuple[str, ...], graph_path: Path | None, model: str, quiet: bool) -> None:
    """Extract articles and add them to the local graph.

    PATHS are .txt files or folders of them. Articles already in the graph are skipped;
    unreadable ones are reported and the rest still land (exit status 3 if any was
    rejected).

    \b
    Example:
      kgraph ingest examples/articles/ --graph demo-graph.json
    """
    from kgraph.pipeline import ingest as run_ingest

    nlp = load_pipeline(model)
    total = sum(1 for _ in iter_files(paths))
    show = not quiet and sys.stderr.isatty()
    with (
        _local_store(graph_path) as store,
        click.progressbar(
            length=total,
            label="Ingesting",
            file=sys.stderr if show else _Null(),
            show_pos=True,
        ) as bar,
    ):
        report = run_ingest(paths, store, nlp, on_article=lambda _: bar.update(1))
        stats = store.stats()
    for reject in report.rejected:
        click.echo(f"rejected: {reject}", err=True)
    click.echo(report.summary(stats.entities, stats.relations))
    if report.rejected:
        sys.exit(3)


class _Null:
    """A file that discards what is written (a hidden progress bar)."""

    def write(self, _: str) -> None:
        pass

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


@cli.command()
@click.option("--entity", help="Show the relations of this entity (name, alias or id).")
@click.option("--predicate", help="Show the relations with this predicate.")
@click.option(
    "--path", nargs=2, metavar="FROM TO", help="Show a shortest path between two entities."
)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of text.")
@graph_option
@library_errors
def query(
    entity: str | None,
    predicate: str | None,
    path: tuple[str, str] | None,
    as_json: bool,
    graph_path: Path | None,
) -> None:
    """Ask the local graph: an entity's relations, a predicate's relations, a path.

    \b
    Examples:
      kgraph query --entity Microsoft
      kgraph query --predicate parent-of
      kgraph query --path "Donald Trump" ByteDance
    """
    from kgraph import query as queries

    chosen = [o for o in (entity, predicate, path) if o]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of --entity, --predicate or --path")
    graph = _local_store(graph_path).graph
    if entity:
        rows = queries.entity_relations(graph, entity)
    elif predicate:
        rows = queries.relations_with_predicate(graph, predicate)
    else:
        rows = queries.path_between(graph, *path)
    for row in rows:
        click.echo(json.dumps(row.to_dict(), ensure_ascii=False) if as_json else row.line())
    if not rows and not as_json:
        click.echo("no relations found")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@graph_option
@library_errors
def stats(as_json: bool, graph_path: Path | None) -> None:
    """Count articles, entities by type and relations by predicate.

    \b
    Example:
      kgraph stats --graph demo-graph.json
    """
    counts = _local_store(graph_path).stats()
    if as_json:
        click.echo(json.dumps(counts.__dict__, ensure_ascii=False))
        return
    click.echo(f"articles: {counts.articles}")
    click.echo(f"entities: {counts.entities}")
    for type_, n in counts.entity_types.items():
        click.echo(f"  {type_}: {n}")
    click.echo(f"relations: {counts.relations}")
    for predicate, n in counts.predicates.items():
        click.echo(f"  {predicate}: {n}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="kgraph")
