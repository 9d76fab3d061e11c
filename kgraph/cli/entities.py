"""Commands that show and correct entities: entity, merge, split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kgraph.cli.common import (
    _open_reader,
    _open_store,
    cli,
    graph_option,
    library_errors,
    neo4j_options,
    store_option,
)


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
    from kgraph.entities.explain import describe
    from kgraph.query.questions import about_entities

    with _open_reader(store_name, graph_path, neo4j) as reader:
        found = about_entities(reader, name)
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
    from kgraph.entities.explain import find_entities
    from kgraph.entities.overrides import add_merge, add_split, read_overrides, write_overrides

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
