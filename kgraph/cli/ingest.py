"""Commands that put articles in or take them out: extract, ingest, remove."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import click

from kgraph.cli.common import (
    _command_started,
    _existing_local_store,
    _open_store,
    _vocabulary,
    cli,
    explain_blanks_option,
    graph_option,
    input_format_option,
    language_option,
    library_errors,
    min_confidence_option,
    model_option,
    neo4j_options,
    relations_option,
    store_option,
)
from kgraph.defaults import SAVE_INTERVAL, WORK_BATCH
from kgraph.models import Reject, Skip
from kgraph.readers import FieldMap, ReadOptions, count_articles, read_articles


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
@min_confidence_option
@input_format_option
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
    min_confidence: float = 0.0,
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
    from kgraph.nlp.spacy_pipeline import load_pipeline

    vocabulary = _vocabulary(relations_file)
    _check_inputs(files)
    nlp = load_pipeline(model)
    _print_warnings()
    options = ReadOptions(input_format=input_format, language=_language(language, nlp.lang))
    rejects: list[Reject] = []
    articles = _accepted(read_articles(files, options), rejects)
    for doc, article in parse_articles(nlp, articles):
        if explain_blanks:
            _explain_blanks(article)
        extraction = extract_doc(doc, article, vocabulary=vocabulary, min_confidence=min_confidence)
        for triple in extraction.triples:
            click.echo(json.dumps(triple.to_dict(), ensure_ascii=False))
        if open_mode:
            for record in open_records(doc, article):
                click.echo(json.dumps(record, ensure_ascii=False))
    _report_rejects(rejects)


def _check_inputs(paths: tuple[str, ...]) -> None:
    """A warning for each folder without a file kgraph reads; an error when no input has one."""
    from kgraph.readers import folder_problem

    problems = [problem for path in paths if (problem := folder_problem(path))]
    if problems and len(problems) == len(paths):
        raise click.ClickException("; ".join(problems) + ": nothing to read")
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)


def _language(given: str | None, pipeline_language: str) -> str:
    """The --language code (checked), or the pipeline's language."""
    from kgraph.text.language import check_language_code

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
    from kgraph.text.boilerplate import blanked_lines

    where = article.source or article.id
    for blank in blanked_lines(article.text):
        line = blank.line_number(article.text)
        click.echo(f"blanked: {where}:{line}: {blank.reason}: {blank.text.strip()}", err=True)


def _extract_carb(files: tuple[str, ...], model: str, tokenized: bool) -> None:
    """Open extractions of one sentence per line, in CaRB's tabbed system format."""
    from kgraph.evaluate.carb import write_system
    from kgraph.extract.open import carb_extractions
    from kgraph.nlp.spacy_pipeline import load_pipeline

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
@input_format_option
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
    "--published",
    "published_default",
    metavar="DATE",
    help="Published date of the articles that give none (a text file's Date: header does).",
)
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
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Extract on a Dask cluster: a scheduler address (tcp://HOST:8786), or 'local' for "
    "a LocalCluster of --workers processes (needs kgraph[dask]).",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="With --dask: articles per task.",
)
@click.option(
    "--buckets",
    type=click.IntRange(min=1),
    default=8,
    show_default=True,
    help="With --dask --out-parquet: relation buckets of the reduce (its tasks, and the "
    "relations/ part files); raise it with the cluster's worker threads.",
)
@click.option(
    "--out-parquet",
    metavar="DIR|URL",
    help="With --dask: the workers write the graph tables (Parquet) to this folder or fsspec "
    "URL (s3://...), which they must reach; the graph file or Neo4j is written too only "
    "when --graph or --store is given.",
)
@relations_option
@min_confidence_option
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
    published_default: str | None = None,
    dask_address: str | None = None,
    partition_size: int = 64,
    buckets: int = 8,
    out_parquet: str | None = None,
    min_confidence: float = 0.0,
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
      kgraph ingest news.jsonl --dask tcp://scheduler:8786 --out-parquet tables/
    """
    from kgraph.nlp.spacy_pipeline import load_pipeline
    from kgraph.pipeline import Interrupted
    from kgraph.pipeline import ingest as run_ingest

    vocabulary = _vocabulary(relations_file)
    if rejects_path and not rejects_path.parent.is_dir():
        raise click.ClickException(
            f"--rejects {rejects_path}: cannot write (no folder {rejects_path.parent})"
        )
    if published_default is not None:
        from kgraph.text.dates import check_iso_date

        published_default = check_iso_date(published_default)
    _check_inputs(paths)
    nlp = load_pipeline(model)
    _print_warnings()
    fields = FieldMap.with_overrides(
        text=text_field, title=title_field, url=url_field, published=published_field, id=id_field
    )
    language = _language(language, nlp.lang)
    options = ReadOptions(
        fields=fields, input_format=input_format, language=language, published=published_default
    )
    show = not quiet and sys.stderr.isatty()
    total = count_articles(paths, options) if show else None
    show = show and total is not None  # no bar for standard input
    if out_parquet and not dask_address:
        raise click.UsageError("--out-parquet needs --dask (e.g. --dask local)")
    if explain_blanks and dask_address:
        raise click.UsageError("--explain-blanks works without --dask only")
    if dask_address:
        from kgraph.scale.dask_ingest import ingest_on_dask

        ctx = click.get_current_context()
        given = {click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT}
        with_store = not out_parquet or any(
            ctx.get_parameter_source(name) in given for name in ("graph_path", "store_name")
        )
        target = _open_store(store_name, graph_path, neo4j) if with_store else nullcontext()
        with (
            target as store,
            _reject_sink(rejects_path) as on_reject,
            _progress(total, show) as on_article,
        ):
            report, entities, relations = ingest_on_dask(
                read_articles(paths, options),
                dask_address,
                model,
                store=store,
                out_parquet=out_parquet,
                workers=workers,
                partition_size=partition_size,
                buckets=buckets,
                vocabulary=vocabulary,
                min_confidence=min_confidence,
                on_article=on_article,
                on_reject=on_reject,
                on_skip=on_reject if rejects_path else None,
                strict=strict,
            )
        report.seconds = time.perf_counter() - _command_started()
        click.echo(report.summary(entities, relations))
        if report.rejected:
            sys.exit(3)
        return
    with (
        _open_store(store_name, graph_path, neo4j) as store,
        _reject_sink(rejects_path) as on_reject,
        _progress(total, show) as on_article,
    ):
        try:
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
                min_confidence=min_confidence,
            )
        except Interrupted as stopped:
            where = getattr(store, "path", None) or "Neo4j"
            click.echo(f"{chr(10) if show else ''}{stopped} (saved in {where})", err=True)
            sys.exit(130)
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
@click.argument("article_ids", nargs=-1)
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="PATH",
    help="Remove every article read from this file (or from files under this folder).",
)
@graph_option
@store_option
@neo4j_options
@library_errors
def remove(
    article_ids: tuple[str, ...],
    sources: tuple[str, ...],
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
) -> None:
    """Retract articles: the graph becomes what it would be had they never been ingested.

    Their evidence leaves every relation; relations and entities nothing else supports
    go; mention counts follow. ARTICLE_IDS are article ids (as in triple records).

    \b
    Example:
      kgraph remove 3f2a9c1d0b7e4a65 --graph demo-graph.json
      kgraph remove --source examples/articles/acme.txt
      kgraph remove --source old-feed.jsonl --store neo4j
    """
    if not article_ids and not sources:
        raise click.UsageError("give ARTICLE_IDS or --source PATH")
    if store_name == "local":
        _existing_local_store(graph_path)
    with _open_store(store_name, graph_path, neo4j) as store:
        wanted = list(dict.fromkeys(article_ids))
        for source in sources:
            wanted.extend(i for i in store.article_ids(source) if i not in wanted)
        unknown = [i for i in wanted if store.stored_hash(i) is None]
        removed = store.remove([i for i in wanted if i not in unknown])
        stats = store.stats()
    for article_id in unknown:
        click.echo(f"warning: no article {article_id} in the graph", err=True)
    click.echo(
        f"{removed} article{'s' if removed != 1 else ''} removed; graph: {stats.entities} "
        f"entities, {stats.relations} relations"
    )
