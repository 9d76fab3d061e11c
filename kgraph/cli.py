"""The ``kgraph`` command line: options in, a library call, output or a one-line error out."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click

from kgraph import __version__
from kgraph.defaults import DEFAULT_MODEL, SAVE_INTERVAL, WORK_BATCH
from kgraph.errors import KgraphError
from kgraph.export import FORMATS as EXPORT_FORMATS
from kgraph.models import Reject, Skip
from kgraph.readers import FORMATS, FieldMap, ReadOptions, count_articles, read_articles

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


def _vocabulary(relations_file: Path | None):
    """The relation vocabulary: the shipped one, with ``relations_file`` merged over it."""
    from kgraph.relations import load_vocabulary

    return load_vocabulary(relations_file)


def _local_store(graph_path: Path | None):
    from kgraph.store.local import LocalGraphStore

    return LocalGraphStore(graph_path)


def _existing_local_store(graph_path: Path | None):
    """The local store, or a one-line error when its graph file does not exist."""
    store = _local_store(graph_path)
    if not store.path.exists():
        raise click.ClickException(f"no graph file at {store.path} (run kgraph ingest first)")
    return store


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


def _open_store(store_name: str, graph_path: Path | None, neo4j: Any):
    """The chosen store: the local graph file, or Neo4j with ``neo4j`` settings."""
    if store_name == "neo4j":
        from kgraph.store.neo4j import Neo4jGraphStore

        return Neo4jGraphStore(neo4j)
    return _local_store(graph_path)


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


@cli.command()
@click.argument("files", nargs=-1, required=True)
@model_option
@click.option(
    "--open",
    "open_mode",
    is_flag=True,
    help="Also print open triples, whose subject and object are any phrase, not only entities.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "carb"]),
    default="jsonl",
    show_default=True,
    help="carb (with --open): FILES hold one sentence per line; write CaRB's tabbed format.",
)
@click.option(
    "--tokenized",
    is_flag=True,
    help="With --format carb: sentences are already tokenized; split words at spaces only.",
)
@relations_option
@click.option(
    "--input-format",
    type=click.Choice(sorted(FORMATS)),
    default="txt",
    show_default=True,
    help="Format of standard input (-) and of files with an unknown suffix.",
)
@explain_blanks_option
@language_option
@library_errors
def extract(
    files: tuple[str, ...],
    model: str,
    open_mode: bool,
    output_format: str,
    tokenized: bool,
    relations_file: Path | None,
    input_format: str,
    explain_blanks: bool,
    language: str | None,
) -> None:
    """Print the triples of articles as JSON Lines, storing nothing.

    FILES are articles, folders of them, or - for standard input (in --input-format):
    .txt/.md, .html/.htm, .jsonl/.ndjson (one article per line), .json (an array of
    articles, or one object), .csv (header row; comma, semicolon or tab), .rss/.atom/.xml
    feeds, .warc web archives, each optionally .gz. With --open, open triples follow each
    article's entity triples: subject and object are phrases ({"id": null, "name": ...,
    "type": null}), further arguments under "arguments".
    With --open --format carb, every line of FILES is one sentence and the output is
    CaRB's system format: sentence, confidence, relation, arg1, arg2... separated by tabs.

    \b
    Example:
      kgraph extract examples/articles/tiktok-microsoft.txt
      kgraph extract --open --format carb --tokenized dev.txt > system.tsv
    """
    if output_format == "carb":
        if not open_mode:
            raise click.UsageError("--format carb lists open extractions: add --open")
        _extract_carb(files, model, tokenized)
        return
    if tokenized:
        raise click.UsageError("--tokenized applies to --format carb only")
    from kgraph.extract import extract_doc, parse_articles
    from kgraph.extract.open import open_records
    from kgraph.nlp import load_pipeline

    vocabulary = _vocabulary(relations_file)
    nlp = load_pipeline(model)
    _print_warnings()
    options = ReadOptions(input_format=input_format, language=_language(language, nlp.lang))
    rejects: list[Reject] = []
    articles = _accepted(read_articles(files, options), rejects)
    for doc, article in parse_articles(nlp, articles):
        if explain_blanks:
            _explain_blanks(article)
        for triple in extract_doc(doc, article, vocabulary=vocabulary).triples:
            click.echo(json.dumps(triple.to_dict(), ensure_ascii=False))
        if open_mode:
            for record in open_records(doc, article):
                click.echo(json.dumps(record, ensure_ascii=False))
    _report_rejects(rejects)


def _language(given: str | None, pipeline_language: str) -> str:
    """The --language code (checked), or the pipeline's language."""
    from kgraph.language import check_language_code

    return check_language_code(given.lower()) if given else pipeline_language


def _print_warnings() -> None:
    """Print the ``kgraph`` logger's warnings (e.g. an unparseable date) on stderr."""
    import logging

    class Echo(logging.Handler):  # the stderr of the moment (click's test runner swaps it)
        kgraph_cli = True

        def emit(self, record: logging.LogRecord) -> None:
            click.echo(f"warning: {record.getMessage()}", err=True)

    logger = logging.getLogger("kgraph")
    if not any(getattr(h, "kgraph_cli", False) for h in logger.handlers):
        logger.addHandler(Echo(logging.WARNING))


def _explain_blanks(article: Any) -> None:
    """List on stderr each line of ``article`` blanked as boilerplate, with the reason."""
    from kgraph.boilerplate import blanked_lines

    where = article.source or article.id
    for blank in blanked_lines(article.text):
        line = blank.line_number(article.text)
        click.echo(f"blanked: {where}:{line}: {blank.reason}: {blank.text.strip()}", err=True)


def _extract_carb(files: tuple[str, ...], model: str, tokenized: bool) -> None:
    """Open extractions of one sentence per line, in CaRB's tabbed system format."""
    from kgraph.evaluate.carb import write_system
    from kgraph.extract.open import carb_extractions
    from kgraph.nlp import load_pipeline

    for name in files:
        if name != "-" and not Path(name).is_file():
            raise click.BadParameter(
                f"{name!r} is not a file (--format carb reads files of sentences or -)",
                param_hint="FILES",
            )
    nlp = load_pipeline(model)
    write_system(carb_extractions(nlp, _lines(files), tokenized=tokenized), sys.stdout)


def _lines(files: tuple[str, ...]) -> Iterator[str]:
    """The lines of each file in turn (- is standard input)."""
    for name in files:
        with click.open_file(name, encoding="utf-8") as handle:
            yield from handle


def _accepted(items, rejects: list[Reject]):
    for item in items:
        if isinstance(item, Skip):
            continue
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
@store_option
@neo4j_options
@model_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="all cores",
    help="Processes parsing and extracting articles.",
)
@click.option(
    "--input-format",
    type=click.Choice(sorted(FORMATS)),
    default="txt",
    show_default=True,
    help="Format of standard input (-) and of files with an unknown suffix.",
)
@click.option(
    "--text-field", metavar="NAME", help="JSON/CSV field of the text [text,content,body]."
)
@click.option("--title-field", metavar="NAME", help="JSON/CSV field of the title [title,headline].")
@click.option("--url-field", metavar="NAME", help="JSON/CSV field of the URL [url,link].")
@click.option(
    "--published-field",
    metavar="NAME",
    help="JSON/CSV field of the date [published,date,published_at].",
)
@click.option("--id-field", metavar="NAME", help="JSON/CSV field of the article id [id,guid].")
@click.option(
    "--rejects",
    "rejects_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write rejected inputs to this JSON Lines file, and skipped ones (WARC records "
    'and feed items that are no article, marked "skipped": true) [default: rejects to stderr].',
)
@click.option("--strict", is_flag=True, help="Stop with an error at the first rejected input.")
@click.option(
    "--save-interval",
    type=click.FloatRange(min=0),
    default=SAVE_INTERVAL,
    show_default=True,
    help="Least seconds between saves of the graph file (it is always saved at the end).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=WORK_BATCH,
    show_default=True,
    help="Articles per batch a worker parses (spaCy's nlp.pipe batch).",
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@relations_option
@explain_blanks_option
@language_option
@library_errors
def ingest(
    paths: tuple[str, ...],
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
    model: str,
    workers: int,
    input_format: str,
    text_field: str | None,
    title_field: str | None,
    url_field: str | None,
    published_field: str | None,
    id_field: str | None,
    rejects_path: Path | None,
    strict: bool,
    save_interval: float,
    batch_size: int,
    quiet: bool,
    relations_file: Path | None,
    explain_blanks: bool,
    language: str | None,
) -> None:
    """Extract articles and add them to the local graph, or to Neo4j with --store neo4j.

    PATHS are files or folders of them: .txt/.md, .html/.htm, .jsonl/.ndjson (one article
    per line), .json (an array of articles, or one object), .csv (header row; comma,
    semicolon or tab), .rss/.atom/.xml feeds (one article per item), .warc web archives
    (one per HTML page), each optionally .gz; - reads standard input in
    --input-format. Articles already in the graph are skipped, so an interrupted run
    resumes where it stopped. Bad files and lines are reported (file:line: reason) and the
    rest still lands (exit status 3 if any was rejected; --strict stops at the first).

    \b
    Example:
      kgraph ingest examples/articles/ --graph demo-graph.json
      kgraph ingest news.jsonl.gz --text-field story --rejects rejects.jsonl
      kgraph ingest crawl.warc.gz --rejects rejects.jsonl
      kgraph ingest examples/articles/ --store neo4j
    """
    from kgraph.nlp import load_pipeline
    from kgraph.pipeline import ingest as run_ingest

    vocabulary = _vocabulary(relations_file)
    if rejects_path and not rejects_path.parent.is_dir():
        raise click.ClickException(
            f"--rejects {rejects_path}: cannot write (no folder {rejects_path.parent})"
        )
    nlp = load_pipeline(model)
    _print_warnings()
    fields = FieldMap.with_overrides(
        text=text_field, title=title_field, url=url_field, published=published_field, id=id_field
    )
    language = _language(language, nlp.lang)
    options = ReadOptions(fields=fields, input_format=input_format, language=language)
    show = not quiet and sys.stderr.isatty()
    total = count_articles(paths, options) if show else None
    show = show and total is not None  # no bar for standard input
    with (
        _open_store(store_name, graph_path, neo4j) as store,
        _reject_sink(rejects_path) as on_reject,
        _progress(total, show) as on_article,
    ):
        report = run_ingest(
            paths,
            store,
            model,
            options=options,
            workers=workers,
            on_article=_also_explain(on_article) if explain_blanks else on_article,
            on_reject=on_reject,
            on_skip=on_reject if rejects_path else None,
            strict=strict,
            save_interval=save_interval,
            work_batch=batch_size,
            vocabulary=vocabulary,
        )
        stats = store.stats()
    report.seconds = time.perf_counter() - _command_started()  # the whole command's time
    click.echo(report.summary(stats.entities, stats.relations))
    if report.rejected:
        sys.exit(3)


def _also_explain(on_article: Callable[[Any], None]) -> Callable[[Any], None]:
    def both(article: Any) -> None:
        _explain_blanks(article)
        on_article(article)

    return both


@contextmanager
def _reject_sink(path: Path | None) -> Iterator[Callable[[Reject], None]]:
    """Report each reject as it comes: a JSON line in ``path``, else a line on stderr."""
    if path is None:
        yield lambda reject: click.echo(f"rejected: {reject}", err=True)
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or exc
        raise click.ClickException(f"--rejects {path}: cannot write ({reason})") from exc
    with handle:

        def write(reject: Reject) -> None:
            handle.write(json.dumps(reject.to_dict(), ensure_ascii=False) + "\n")
            handle.flush()

        yield write


@contextmanager
def _progress(total: int | None, show: bool) -> Iterator[Callable[[Any], None]]:
    """A progress bar on stderr with articles per second and an ETA, or nothing."""
    if not show:
        yield lambda _: None
        return
    started = time.monotonic()
    done = [0]

    def rate(_: Any) -> str:
        return f"{done[0] / max(time.monotonic() - started, 1e-9):.1f} articles/s"

    with click.progressbar(
        length=total, label="Ingesting", file=sys.stderr, show_pos=True, item_show_func=rate
    ) as bar:

        def advance(_: Any) -> None:
            done[0] += 1
            bar.update(1, None)

        yield advance


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
    "--relation",
    "relation_name",
    help="Show the relations of this relation of the vocabulary (head-of or HEAD_OF).",
)
@click.option(
    "--path", nargs=2, metavar="FROM TO", help="Show a shortest path between two entities."
)
@click.option(
    "--cypher",
    "cypher_file",
    metavar="FILE|NAME",
    help="Run a query file, or a query of the library by name (entity-profile), on Neo4j "
    "or locally where grand-cypher can.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A --cypher parameter (JSON literal or plain text); repeatable.",
)
@click.option(
    "--evidence",
    type=click.Choice(["best", "all", "none"]),
    default="best",
    show_default=True,
    help="Evidence under each relation: its best sentence, every one, or none.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="JSON Lines (with all evidence) instead of text."
)
@graph_option
@store_option
@neo4j_options
@library_errors
def query(
    entity: str | None,
    predicate: str | None,
    path: tuple[str, str] | None,
    cypher_file: str | None,
    params: tuple[str, ...],
    evidence: str,
    as_json: bool,
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
    relation_name: str | None = None,
) -> None:
    """Ask the graph: an entity's relations, a predicate's relations, a path, a Cypher file.

    Under each relation is its best evidence: the sentence (trimmed around the two names
    when long), the article's title and date; --evidence all lists every piece. --entity,
    --predicate, --relation and --path work on either store (with --store neo4j the graph
    is read from the server first); --cypher runs a query file of cypher/ with its
    parameters on either store (locally through grand-cypher, or the Python answer its
    "// local:" line names).

    \b
    Examples:
      kgraph query --entity Microsoft
      kgraph query --entity TikTok --evidence all
      kgraph query --predicate parent-of
      kgraph query --relation head-of
      kgraph query --path "Donald Trump" ByteDance
      kgraph query --cypher cypher/co-mentioned.cypher --param entity=TikTok
      kgraph query --cypher entity-profile --param entity=Microsoft
      kgraph query --store neo4j --cypher cypher/shortest-path.cypher \\
          --param source="Donald Trump" --param target=ByteDance
    """
    from kgraph import query as queries
    from kgraph.answers import relation_text

    chosen = [o for o in (entity, predicate, relation_name, path, cypher_file) if o]
    if len(chosen) != 1:
        raise click.UsageError(
            "give exactly one of --entity, --predicate, --relation or --path (or --cypher FILE)"
        )
    if cypher_file:
        _run_cypher_file(cypher_file, params, as_json, graph_path, store_name, neo4j)
        return
    if store_name == "neo4j":
        with _open_store(store_name, graph_path, neo4j) as store:
            graph = store.read_graph()
    else:
        graph = _local_store(graph_path).graph
    if entity:
        rows = queries.entity_relations(graph, entity)
    elif predicate:
        rows = queries.relations_with_predicate(graph, predicate)
    elif relation_name:
        rows = queries.relations_with_relation(graph, relation_name)
    else:
        rows = queries.path_between(graph, *path)
    for row in rows:
        if as_json:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
        else:
            click.echo("\n".join(relation_text(row, evidence)))
    if not rows and not as_json:
        if predicate:
            click.echo(queries.no_predicate_message(graph, predicate))
        elif entity:
            data = graph.nodes[queries.find_entity(graph, entity)]
            times = data.get("mentions", 0)
            said = "once" if times == 1 else f"{times} times"
            click.echo(f"{data['name']} has no relations (mentioned {said})")
        else:
            click.echo("no relations found")


def _run_cypher_file(
    path: str,
    params: tuple[str, ...],
    as_json: bool,
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
) -> None:
    from kgraph.cypher_files import find_query, parse_param, read_cypher_file, run_local

    query_file = read_cypher_file(find_query(path))
    given = dict(parse_param(p) for p in params)
    if store_name == "neo4j":
        with _open_store(store_name, graph_path, neo4j) as store:
            rows = store.run(query_file.text, query_file.bind(given))
    else:
        rows = run_local(_existing_local_store(graph_path).graph, query_file, given)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if not rows:
        click.echo("no rows")
        return
    click.echo("\t".join(rows[0]))
    for row in rows:
        click.echo("\t".join(_cell(value) for value in row.values()))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(value.split())
    return json.dumps(value, ensure_ascii=False, default=str)


@cli.command()
@click.argument("source", type=click.Path(allow_dash=True, dir_okay=False, path_type=Path))
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="Rows (articles, entities, mentions, relations) per transaction.",
)
@click.option("--replace", is_flag=True, help="Delete everything in the database first.")
@neo4j_options
@library_errors
def load(source: Path, batch_size: int, replace: bool, neo4j: Any) -> None:
    """Load a saved local graph or a triples file into Neo4j.

    SOURCE is a graph file written by `kgraph ingest` (.json or .json.gz) or triple records
    as `kgraph extract` prints them (JSON Lines; - for standard input). Loading is
    idempotent: loading the same source twice changes nothing, and evidence already on a
    relationship is not added again. Each batch is one transaction.

    \b
    Examples:
      kgraph load demo-graph.json
      kgraph extract examples/articles/ | kgraph load -
    """
    from kgraph.store.neo4j import Neo4jGraphStore
    from kgraph.store.rows import rows_from_graph, rows_from_triples

    if str(source) == "-":
        rows = rows_from_triples(sys.stdin)
    elif _is_graph_file(source):
        from kgraph.store.local import read_graph

        rows = rows_from_graph(read_graph(source))
    else:
        with source.open(encoding="utf-8") as lines:
            rows = rows_from_triples(lines)
    started = time.perf_counter()
    with Neo4jGraphStore(neo4j, check_legacy=not replace) as store:
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


@cli.command()
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="How many predicates and most connected entities to list.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@graph_option
@store_option
@neo4j_options
@library_errors
def stats(top: int, as_json: bool, graph_path: Path | None, store_name: str, neo4j: Any) -> None:
    """Count articles, entities by type and relations by predicate; the most connected.

    Lists the --top most frequent predicates and the --top entities with most relations
    (either direction), then most mentions.

    \b
    Example:
      kgraph stats --graph demo-graph.json
      kgraph stats --top 20
      kgraph stats --store neo4j
    """
    if store_name == "local":
        _existing_local_store(graph_path)
    with _open_store(store_name, graph_path, neo4j) as store:
        counts = store.stats()
        connected = _most_connected(store, top)
    if as_json:
        click.echo(json.dumps(counts.__dict__ | {"most_connected": connected}, ensure_ascii=False))
        return
    click.echo(f"articles: {counts.articles}")
    click.echo(f"entities: {counts.entities}")
    for type_, n in counts.entity_types.items():
        click.echo(f"  {type_}: {n}")
    click.echo(f"relations: {counts.relations}, {len(counts.predicates)} predicates")
    ranked = sorted(counts.predicates.items(), key=lambda item: (-item[1], item[0]))
    for predicate, n in ranked[:top]:
        click.echo(f"  {predicate}: {n}")
    if len(counts.predicates) > top:
        more = len(counts.predicates) - top
        click.echo(f"  ({more} more predicate{'s' if more > 1 else ''})")
    if connected:
        click.echo("most connected entities:")
    for row in connected:
        click.echo(
            f"  {row['name']} ({row['type']}): {row['relations']} relations, "
            f"{row['mentions']} mentions"
        )


def _most_connected(store: Any, top: int) -> list[dict[str, Any]]:
    """The ``top`` entities with most relations (rows of ``cypher/most-connected.cypher``)."""
    if not top:
        return []
    if hasattr(store, "graph"):
        from kgraph.query import most_connected

        return most_connected(store.graph, top)
    from kgraph.store import cypher

    return store.run(cypher.most_connected(), {"limit": top})


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
@click.option("--since", metavar="DATE", help="Evidence published on or after DATE (YYYY-MM-DD).")
@click.option(
    "--with-articles/--no-articles",
    default=None,
    help="Article nodes and MENTIONS edges [default: only for csv and jsonl].",
)
@click.option(
    "--with-isolated",
    is_flag=True,
    help="html, png, svg: also draw entities without relations (other formats always hold them).",
)
@click.option(
    "--cypher",
    "cypher_query",
    metavar="QUERY",
    help="With --store neo4j: export only the nodes, relationships and paths QUERY returns.",
)
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
    cypher_query: str | None,
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
) -> None:
    """Write the graph, or part of it, for Gephi, Cytoscape, yEd, D3, neo4j-admin...

    Formats: graphml, gexf, json (node-link, D3), cytoscape (Cytoscape.js), dot, csv
    (a folder of neo4j-admin import files), jsonl (triple records), html (an interactive
    page that works offline), png, svg.

    \b
    Examples:
      kgraph export --out graph.graphml
      kgraph export --format html --out tiktok.html --entity TikTok --hops 2
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
        with_articles=export_formats[fmt].articles_by_default
        if with_articles is None
        else with_articles,
        isolated=with_isolated or not export_formats[fmt].picture,
    )
    result = export_graph(filter_graph(graph, spec), fmt, out)
    click.echo(result.summary())


@cli.group(name="eval")
def eval_group() -> None:
    """Score extractions against a benchmark's gold file.

    \b
    Example:
      kgraph eval carb dev-gold.tsv system.tsv
      kgraph eval dwie dev.json pred.jsonl
    """


@eval_group.command(name="carb")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("system", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
def eval_carb(gold: Path, system: Path, as_json: bool) -> None:
    """Score a CaRB system file against a CaRB gold file.

    GOLD has lines sentence<TAB>predicate<TAB>arg1<TAB>arg2...; SYSTEM has
    sentence<TAB>confidence<TAB>predicate<TAB>arg1... (as written by
    kgraph extract --open --format carb). Prints precision and recall at the confidence
    threshold of best F1, that F1, and the area under the precision-recall curve.

    \b
    Example:
      kgraph extract --open --format carb dev.txt > system.tsv
      kgraph eval carb dev-gold.tsv system.tsv
    """
    from kgraph.evaluate.carb import read_gold, read_system, score

    try:
        result = score(read_gold(gold), read_system(system))
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot score: {exc}") from exc
    if as_json:
        click.echo(json.dumps(result.__dict__))
        return
    click.echo(
        f"precision {result.precision:.3f}  recall {result.recall:.3f}  "
        f"F1 {result.f1:.3f}  AUC {result.auc:.3f}"
    )


@eval_group.command(name="triples")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@library_errors
def eval_triples(gold: Path, predicted: str, as_json: bool) -> None:
    """Score entity triples (kgraph extract output) against a gold file.

    GOLD is JSON Lines of expected triples with accepted names and predicate words (format
    in kgraph/evaluate/triples.py); PREDICTED is triple records, or - for standard input.
    Prints precision, recall and F1, then each missed gold triple and each false hit.

    \b
    Example:
      kgraph extract examples/articles/ > predicted.jsonl
      kgraph eval triples examples/gold/triples.jsonl predicted.jsonl
    """
    from kgraph.evaluate.triples import read_gold_triples, read_predictions, score_triples

    source = "<stdin>" if predicted == "-" else predicted
    with click.open_file(predicted, encoding="utf-8") as handle:
        result = score_triples(read_gold_triples(gold), read_predictions(handle, source))
    if as_json:
        summary = {
            "precision": result.precision,
            "recall": result.recall,
            "f1": result.f1,
            "misses": [m.describe() for m in result.misses],
            "false_hits": [f.describe() for f in result.false_hits],
            "note": result.note or None,
        }
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    click.echo(f"precision {result.precision:.3f}  recall {result.recall:.3f}  F1 {result.f1:.3f}")
    if result.note:
        click.echo(f"note: {result.note}", err=True)
    for miss in result.misses:
        click.echo(f"missed: {miss.describe()}")
    for hit in result.false_hits:
        click.echo(f"false hit: {hit.describe()}")


@eval_group.command(name="dwie")
@click.argument("dwie", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("predicted", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of text.")
@library_errors
def eval_dwie(dwie: Path, predicted: str, as_json: bool) -> None:
    """Score entity triples against DWIE's annotated entity relations.

    DWIE is the MILR copy of a DWIE split with text (dev.json); PREDICTED is triple
    records (kgraph extract output on the texts `kgraph eval dwie-texts` writes), or -.
    Prints the label-agnostic pair recall, precision and F1 (as DWIE's score_pairs.py),
    then per DWIE label the gold pairs found with any relation and with a relation that
    maps to the label, and per relation of the vocabulary the pairs it connects.

    \b
    Example:
      kgraph eval dwie-texts dev.json texts/
      kgraph extract texts/*.txt > pred.jsonl
      kgraph eval dwie dev.json pred.jsonl
    """
    from kgraph.evaluate.dwie import read_dwie, read_predictions, score_dwie

    articles = read_dwie(dwie)
    with click.open_file(predicted, encoding="utf-8") as handle:
        records = read_predictions(handle, predicted)
    result = score_dwie(articles, records)
    if as_json:
        click.echo(json.dumps(result.to_dict()))
        return
    click.echo(result.summary())
    click.echo("\nDWIE label       gold  found  with relation")
    for label, (gold, found, labelled) in result.by_label.items():
        click.echo(f"{label:<15} {gold:>5} {found:>6} {labelled:>14}")
    click.echo("\nrelation             pairs  gold  right label")
    for relation, (pairs, gold, labelled) in result.by_relation.items():
        click.echo(f"{relation:<19} {pairs:>6} {gold:>5} {labelled:>12}")


@eval_group.command(name="dwie-texts")
@click.argument("dwie", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@library_errors
def eval_dwie_texts(dwie: Path, folder: Path) -> None:
    """Write each DWIE article's text to FOLDER/<title>.txt, for kgraph extract.

    \b
    Example:
      kgraph eval dwie-texts dev.json texts/
    """
    from kgraph.evaluate.dwie import read_dwie, write_texts

    count = write_texts(read_dwie(dwie), folder)
    click.echo(f"wrote {count} articles to {folder}")


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


@eval_group.command(name="entities")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("graph", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@library_errors
def eval_entities(gold: Path, graph: Path) -> None:
    """Score a local graph's entities against mention-to-entity decisions.

    GOLD is JSON Lines of {"article", "mention", "entity"} (format in
    kgraph/evaluate/entities.py). Prints pairwise merge precision, recall and F1, then
    the false and the missed merges.

    \b
    Example:
      kgraph ingest ../shared/corpora/bbc --graph bbc.json
      kgraph eval entities bench/gold/entities-bbc.jsonl bbc.json
    """
    from kgraph.evaluate.entities import read_gold_mentions, score_entities, summary_lines
    from kgraph.store.local import read_graph

    result = score_entities(read_gold_mentions(gold), read_graph(graph))
    click.echo("\n".join(summary_lines(result)))


@cli.command()
@click.argument("name")
@graph_option
@store_option
@neo4j_options
@library_errors
def entity(name: str, graph_path: Path | None, store_name: str, neo4j: Any) -> None:
    """Show the entities named NAME: names, aliases, type votes and why each name joined.

    \b
    Example:
      kgraph entity "Gordon Brown"
    """
    from kgraph.explain import describe, find_entities

    with _open_store(store_name, graph_path, neo4j) as store:
        found = find_entities(_entity_graph(store), name)
    if not found:
        raise click.ClickException(f"no entity named {name!r} in the graph")
    click.echo("\n\n".join(describe(e) for e in found))


def _entity_graph(store: Any) -> Any:
    """The entity nodes of either store as a networkx graph."""
    graph = getattr(store, "graph", None)
    return graph if graph is not None else store.read_graph("MATCH (n:Entity) RETURN n")


@cli.command()
@click.argument("target")
@click.argument("other")
@graph_option
@store_option
@neo4j_options
@library_errors
def merge(target: str, other: str, graph_path: Path | None, store_name: str, neo4j: Any) -> None:
    """Make OTHER part of entity TARGET (which keeps its name), now and in later ingests.

    The correction goes to the overrides file beside the graph (GRAPH.overrides.json;
    for Neo4j, neo4j-DATABASE.overrides.json in kgraph's data folder), editable by hand;
    `kgraph split TARGET OTHER` undoes it.

    \b
    Example:
      kgraph merge "Gordon Brown" "Chancellor Brown"
    """
    _override(store_name, graph_path, neo4j, "merge", target, other)


@cli.command()
@click.argument("entity_name", metavar="ENTITY")
@click.argument("alias")
@graph_option
@store_option
@neo4j_options
@library_errors
def split(
    entity_name: str, alias: str, graph_path: Path | None, store_name: str, neo4j: Any
) -> None:
    """Take the mentions named ALIAS out of ENTITY, now and in later ingests.

    The correction goes to the overrides file beside the graph (see `kgraph merge`);
    `kgraph merge ENTITY ALIAS` undoes it.

    \b
    Example:
      kgraph split "Ian Brown" "Gordon Brown"
    """
    _override(store_name, graph_path, neo4j, "split", entity_name, alias)


def _override(
    store_name: str, graph_path: Path | None, neo4j: Any, kind: str, first: str, second: str
) -> None:
    from kgraph.explain import find_entities
    from kgraph.overrides import add_merge, add_split, read_overrides, write_overrides

    with _open_store(store_name, graph_path, neo4j) as store:
        graph = _entity_graph(store)
        for name in (first, second):
            if not find_entities(graph, name):
                raise click.ClickException(f"no entity named {name!r} in the graph")
        current = read_overrides(store.overrides_path)
        change = add_merge if kind == "merge" else add_split
        write_overrides(store.overrides_path, change(current, first, second))
        store.resolve()
        stats = store.stats()
    click.echo(
        f"{kind} {first!r} {second!r} written to {store.overrides_path}; "
        f"graph: {stats.entities} entities, {stats.relations} relations"
    )


def main() -> None:
    """Console-script entry point."""
    global _from_main
    _from_main = True
    cli(prog_name="kgraph")
