"""What the commands share: the ``kgraph`` group, its options, the error wrapper, store opening."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from kgraph import __version__
from kgraph.defaults import DEFAULT_MODEL
from kgraph.errors import KgraphError
from kgraph.readers import FORMATS

EPILOG = """\b
Examples:
  kgraph extract examples/articles/tiktok-microsoft.txt   triples as JSON Lines
  kgraph ingest examples/articles/                         build the local graph
  kgraph query --entity Microsoft                          an entity's relations
  kgraph query --predicate parent-of                       relations with a predicate
  kgraph query --path "Donald Trump" ByteDance             how two entities connect
  kgraph stats                                             counts by type and predicate
  kgraph load demo-graph.json                              copy a graph into Neo4j
  kgraph query --store neo4j --cypher cypher/most-connected.cypher   a Cypher file
  kgraph export --out graph.html                           an offline page of the graph
  kgraph eval carb dev-gold.tsv system.tsv                 score open extraction (CaRB)
  kgraph eval triples examples/gold/triples.jsonl pred.jsonl   score entity triples
  kgraph query --relation head-of                          relations of the vocabulary
  kgraph eval dwie dev.json pred.jsonl                     score entity pairs on DWIE
  kgraph migrate --store neo4j                             update a graph of an older kgraph
  kgraph entity "Gordon Brown"                             names, type votes, merge reasons
  kgraph merge "Gordon Brown" "Chancellor Brown"           correct the graph (undo: split)
  kgraph split "Ian Brown" "Gordon Brown"                  correct the graph (undo: merge)
  kgraph remove --source old-feed.jsonl                    retract articles
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


input_format_option = click.option(
    "--input-format",
    type=click.Choice(["auto", *sorted(FORMATS)]),
    default="auto",
    show_default=True,
    help="Format of standard input (-) and of files with an unknown suffix; auto tells "
    "JSON Lines, JSON, feeds, HTML, web archives and text (gzipped too) by their first bytes.",
)


explain_blanks_option = click.option(
    "--explain-blanks",
    is_flag=True,
    help="List on stderr each line blanked as boilerplate (captions, teasers, tags) and why.",
)


language_option = click.option(
    "--language",
    metavar="CODE",
    help="Language of the articles (ISO 639-1); others are rejected; 'any' checks nothing "
    "[default: the pipeline's, e.g. en].",
)


graph_option = click.option(
    "--graph",
    "graph_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="KGRAPH_GRAPH",
    default=None,
    help="Local graph file [default: $KGRAPH_GRAPH or ~/.local/share/kgraph/graph.json].",
)


relations_option = click.option(
    "--relations",
    "relations_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A relations file (format of kgraph/data/relations.tsv) merged over the shipped one.",
)


def _default_min_confidence() -> float:
    from kgraph.confidence import default_cut

    return default_cut()


min_confidence_option = click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    envvar="KGRAPH_MIN_CONFIDENCE",
    default=_default_min_confidence,
    show_default="$KGRAPH_MIN_CONFIDENCE, else the shipped cut, kgraph/data/confidence.json",
    help="Leave out triples (each piece of evidence) of lower confidence; 0 keeps everything.",
)


def _vocabulary(relations_file: Path | None):
    """The relation vocabulary: the shipped one, with ``relations_file`` merged over it."""
    from kgraph.relations import load_vocabulary

    return load_vocabulary(relations_file)


no_wait_option = click.option(
    "--no-wait",
    is_flag=True,
    help="Fail at once if another kgraph run is writing the graph file (default: wait for it).",
)


def _local_store(graph_path: Path | None, *, write: bool = False, wait: bool = True):
    """The local store (a JSON graph file, or a graph database file: ``.db``); a writer
    holds the graph file's lock for the whole command."""
    from kgraph.store.local import open_local_store

    if not write:
        return open_local_store(graph_path)
    return open_local_store(graph_path, lock=True, wait=wait, on_wait=_say_waiting)


def _say_waiting(line: str) -> None:
    click.echo(line, err=True)


def _require_graph_file(graph_path: Path | None) -> None:
    """A one-line error when the local graph file does not exist (reading nothing)."""
    from kgraph.store.local import default_graph_path

    path = graph_path or default_graph_path()
    if not path.exists():
        raise click.ClickException(f"no graph file at {path} (run kgraph ingest first)")


def _existing_local_store(graph_path: Path | None):
    """The local store, or a one-line error when its graph file does not exist."""
    return _local_store(_existing_local_store_path(graph_path))


store_option = click.option(
    "--store",
    "store_name",
    type=click.Choice(["local", "neo4j"]),
    default="local",
    show_default=True,
    envvar="KGRAPH_STORE",
    help="Where the graph lives: the local graph file or Neo4j (see --neo4j-uri).",
)


def neo4j_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --neo4j-uri/--neo4j-user/--neo4j-database; pass them on as ``neo4j`` settings.

    The password is read from ``$NEO4J_PASSWORD`` only, never from the command line.
    """

    @click.option(
        "--neo4j-uri",
        envvar="NEO4J_URI",
        default="bolt://127.0.0.1:7687",
        show_default=True,
        help="Neo4j server [$NEO4J_URI]; password from $NEO4J_PASSWORD.",
    )
    @click.option(
        "--neo4j-user",
        envvar="NEO4J_USERNAME",
        default="neo4j",
        show_default=True,
        help="Neo4j user [$NEO4J_USERNAME].",
    )
    @click.option(
        "--neo4j-database",
        envvar="NEO4J_DATABASE",
        default="neo4j",
        show_default=True,
        help="Neo4j database [$NEO4J_DATABASE].",
    )
    @wraps(command)
    def wrapper(
        *args: Any, neo4j_uri: str, neo4j_user: str, neo4j_database: str, **kwargs: Any
    ) -> Any:
        from kgraph.store.settings import Neo4jSettings

        password = Neo4jSettings.from_env().password
        kwargs["neo4j"] = Neo4jSettings(neo4j_uri, neo4j_user, password, neo4j_database)
        return command(*args, **kwargs)

    return wrapper


def _open_store(
    store_name: str, graph_path: Path | None, neo4j: Any, *, write: bool = False, wait: bool = True
):
    """The chosen store: the local graph file (locked for a writer), or Neo4j with
    ``neo4j`` settings (whose writes lock the graph transaction by transaction)."""
    if store_name == "neo4j":
        from kgraph.store.neo4j import Neo4jGraphStore

        return Neo4jGraphStore(neo4j)
    return _local_store(graph_path, write=write, wait=wait)


def graph_counts(store: Any) -> tuple[int, int]:
    """Entities and relations of a store, as cheaply as it can count them."""
    if hasattr(store, "counts"):
        _, entities, relations = store.counts()
        return entities, relations
    stats = store.stats()
    return stats.entities, stats.relations


def _open_reader(store_name: str, graph_path: Path | None, neo4j: Any):
    """A reader of the chosen store (:mod:`kgraph.store.reader`) that fetches only what a
    question needs: Neo4j's, or the local graph file's (its index when it is current)."""
    if store_name == "neo4j":
        from kgraph.store.neo4j_reader import Neo4jReader, import_lean_driver

        if _from_main:  # one read command in this process: no numpy values to send
            import_lean_driver()
        return Neo4jReader(neo4j)
    from kgraph.store.local_index import open_local_reader

    return open_local_reader(_existing_local_store_path(graph_path))


def _existing_local_store_path(graph_path: Path | None) -> Path:
    """The graph file, or a one-line error when it does not exist."""
    from kgraph.store.local import default_graph_path

    path = graph_path or default_graph_path()
    if not path.exists():
        raise click.ClickException(f"no graph file at {path} (run kgraph ingest first)")
    return path


def _process_age() -> float:
    """Seconds since this process started (Linux ``/proc``; 0 where it cannot be read)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))


#: ``time.perf_counter()`` at the start of the process running the ``kgraph`` script.
_STARTED = time.perf_counter() - _process_age()


def _command_started() -> float:
    """``time.perf_counter()`` when this command started (process start, or CliRunner call)."""
    return click.get_current_context().meta.get("kgraph.started", _STARTED)


#: True when the process runs the ``kgraph`` script (:func:`main`), not a test's CliRunner.
_from_main = False


@click.group(epilog=EPILOG)
@click.version_option(__version__, prog_name="kgraph")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Build an entity knowledge graph from news articles.

    Articles go in; subject-predicate-object triples between named entities come out,
    each with the sentence that says so, into a local graph file or Neo4j.
    """
    # Commands time themselves from the process start, or from here when called in-process.
    ctx.meta["kgraph.started"] = _STARTED if _from_main else time.perf_counter()


def main() -> None:
    """Console-script entry point."""
    global _from_main
    _from_main = True
    cli(prog_name="kgraph")
