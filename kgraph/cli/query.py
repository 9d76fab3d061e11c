"""Commands that read the graph: query, stats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from kgraph.cli.common import (
    _existing_local_store,
    _open_reader,
    _open_store,
    cli,
    graph_option,
    library_errors,
    min_confidence_option,
    neo4j_options,
    store_option,
)


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
    "--since",
    metavar="DATE",
    help="Only evidence of events on or after DATE (YYYY-MM-DD; the article's date when the "
    "sentence gives none).",
)
@click.option("--until", metavar="DATE", help="Only evidence of events on or before DATE.")
@click.option(
    "--source",
    "source_name",
    metavar="NAME",
    help="Show what this source claimed (reported statements it is named as the source of).",
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
@min_confidence_option
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
    source_name: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
) -> None:
    """Ask the graph: an entity's relations, a predicate's relations, a path, a Cypher file.

    Under each relation is its best evidence: the sentence (trimmed around the two names
    when long), the article's title and date; --evidence all lists every piece. --entity,
    --predicate, --relation, --path and --source give the same answers on either store,
    each reading only what it prints (on the Neo4j server; from the local graph file's
    index, GRAPH.index.sqlite, while it is current). Names match an entity's id, name or
    alias ignoring case, else a part of its name; of several shortest paths --path shows
    the first by entity ids. --since/--until keep the evidence of that time,
    --min-confidence the evidence of that confidence or more. --cypher
    runs a query file of cypher/ with its parameters on either store (locally through
    grand-cypher, or the Python answer its "// local:" line names).

    \b
    Examples:
      kgraph query --entity Microsoft
      kgraph query --entity TikTok --evidence all
      kgraph query --predicate parent-of
      kgraph query --relation head-of
      kgraph query --path "Donald Trump" ByteDance
      kgraph query --source Microsoft
      kgraph query --entity TikTok --since 2020-08-01 --until 2020-08-31
      kgraph query --cypher cypher/co-mentioned.cypher --param entity=TikTok
      kgraph query --cypher entity-profile --param entity=Microsoft
      kgraph query --store neo4j --cypher cypher/shortest-path.cypher \\
          --param source="Donald Trump" --param target=ByteDance
    """
    chosen = [o for o in (entity, predicate, relation_name, path, cypher_file, source_name) if o]
    if len(chosen) != 1:
        raise click.UsageError(
            "give exactly one of --entity, --predicate, --relation or --path "
            "(or --source NAME, or --cypher FILE)"
        )
    if cypher_file:
        source = click.get_current_context().get_parameter_source("min_confidence")
        if source == click.core.ParameterSource.COMMANDLINE:  # $KGRAPH_MIN_CONFIDENCE is a default
            raise click.UsageError(
                "--min-confidence does not apply to --cypher (filter on r.confidence in the query)"
            )
        _run_cypher_file(cypher_file, params, as_json, graph_path, store_name, neo4j)
        return
    from kgraph.query import questions

    window = (since, until, min_confidence)
    with _open_reader(store_name, graph_path, neo4j) as reader:
        if source_name:
            _print_claims(questions.claims_of(reader, source_name, window), source_name, as_json)
            return
        if entity:
            answer = questions.entity_question(reader, entity, window)
        elif predicate:
            answer = questions.predicate_question(reader, predicate, window)
        elif relation_name:
            answer = questions.relation_question(reader, relation_name, window)
        else:
            answer = questions.path_question(reader, *path, window)
    _print_relations(answer, evidence, as_json)


def _print_relations(answer: Any, evidence: str, as_json: bool) -> None:
    """Each relation (JSON Lines, or its line and evidence), or what to say for none."""
    from kgraph.query.answers import relation_text

    for row in answer.relations:
        if as_json:
            click.echo(json.dumps(row.to_dict(), ensure_ascii=False))
        else:
            click.echo("\n".join(relation_text(row, evidence)))
    if not answer.relations and not as_json:
        click.echo(answer.empty)


def _print_claims(rows: list[dict[str, Any]], source: str, as_json: bool) -> None:
    """``kgraph query --source``: each claim, and the sentence that reports it."""
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        negated = "not " if row["negated"] else ""
        click.echo(
            f"{row['source']}: {row['subject']} {negated}{row['predicate']} {row['object']} "
            f"({row['modality']}; {row['published'] or 'undated'}, article {row['article']})"
        )
        click.echo(f"    {row['sentence']}")
    if not rows and not as_json:
        click.echo(f"no claims with source {source!r}")


def _run_cypher_file(
    path: str,
    params: tuple[str, ...],
    as_json: bool,
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
) -> None:
    from kgraph.query.cypher_files import find_query, parse_param, read_cypher_file, run_local

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
    from kgraph.query.questions import stats_question

    with _open_reader(store_name, graph_path, neo4j) as reader:
        counts, connected = stats_question(reader, top)
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
