"""Commands that show and correct entities: entity, merge, split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kgraph.cli.common import (
    _open_reader,
    _open_store,
    cli,
    graph_counts,
    graph_option,
    library_errors,
    neo4j_options,
    no_wait_option,
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
@no_wait_option
@library_errors
def merge(
    target: str,
    other: str,
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
    no_wait: bool = False,
) -> None:
    """Make entity OTHER part of entity TARGET (which keeps its name), now and later.

    TARGET and OTHER are entity ids or names, exactly (`kgraph entity NAME` shows them);
    an alias is not an entity. The correction is kept with the graph (the overrides file
    GRAPH.overrides.json beside a graph file, editable by hand; in Neo4j, the KgraphState
    node) and honoured by every later write; `kgraph split TARGET OTHER` undoes it. Exit
    status 1, and nothing kept, when it would not change the graph.

    \b
    Example:
      kgraph merge "Gordon Brown" "Chancellor Brown"
    """
    _override(store_name, graph_path, neo4j, "merge", target, other, not no_wait)


@cli.command()
@click.argument("entity_name", metavar="ENTITY")
@click.argument("alias")
@graph_option
@store_option
@neo4j_options
@no_wait_option
@library_errors
def split(
    entity_name: str,
    alias: str,
    graph_path: Path | None,
    store_name: str,
    neo4j: Any,
    no_wait: bool = False,
) -> None:
    """Take the mentions named ALIAS out of ENTITY, now and in later ingests.

    ENTITY is an entity id or name, exactly; ALIAS one of its names. The correction is
    kept with the graph (see `kgraph merge`); `kgraph merge ENTITY ALIAS` undoes it. Exit
    status 1, and nothing kept, when it would not change the graph.

    \b
    Example:
      kgraph split "Ian Brown" "Gordon Brown"
    """
    _override(store_name, graph_path, neo4j, "split", entity_name, alias, not no_wait)


def _override(
    store_name: str,
    graph_path: Path | None,
    neo4j: Any,
    kind: str,
    first: str,
    second: str,
    wait: bool = True,
) -> None:
    from kgraph.entities.overrides import add_merge, add_split

    with _open_store(store_name, graph_path, neo4j, write=True, wait=wait) as store:
        entity = _exact_entity(store, first)
        if kind == "merge":
            other = _exact_entity(store, second)
            if other["id"] == entity["id"]:
                raise click.ClickException(
                    f"nothing to merge: {second!r} is already part of {entity['name']!r} "
                    f"(id {entity['id']})"
                )
            pair = (_label(store, entity), _label(store, other))
        else:
            names = {entity["name"].casefold(), *(a.casefold() for a in entity["aliases"])}
            if second.casefold() not in names:
                raise click.ClickException(
                    f"nothing to split: no mention of {entity['name']!r} (id {entity['id']}) "
                    f"is named {second!r} (its names: {_listed(entity)})"
                )
            pair = (_label(store, entity), second)
        change = add_merge if kind == "merge" else add_split
        if not store.set_overrides(change(store.overrides(), *pair)):
            raise click.ClickException(
                f"nothing changed: {kind} {pair[0]!r} {pair[1]!r} gives the graph it has "
                "(the resolution rules already decide it that way); no override kept"
            )
        entities, relations = graph_counts(store)
    click.echo(
        f"{kind} {pair[0]!r} {pair[1]!r} kept in {store.overrides_path}; "
        f"graph: {entities} entities, {relations} relations"
    )


def _exact_entity(store: Any, name: str) -> dict[str, Any]:
    """The entity whose id or name is ``name`` (else whose name is, in another case), or a
    one-line error saying what ``name`` is instead."""
    found = store.entities_named(name)
    exact = [d for d in found if d["id"] == name] or found
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        ids = ", ".join(sorted(d["id"] for d in exact))
        raise click.ClickException(f"{len(exact)} entities are named {name!r}: give an id ({ids})")
    holders = store.entities_named(name, aliases=True)
    hint = ""
    if holders:
        shown = ", ".join(f"{d['name']!r} (id {d['id']})" for d in holders[:3])
        hint = f"; {name!r} is a name in {shown}"
    raise click.ClickException(f"no entity has the id or name {name!r}{hint}")


def _label(store: Any, entity: dict[str, Any]) -> str:
    """How an override names ``entity``: its name when no other entity has it, else its id."""
    named = [d for d in store.entities_named(entity["name"]) if d["name"] == entity["name"]]
    return entity["name"] if len(named) == 1 else entity["id"]


def _listed(entity: dict[str, Any]) -> str:
    names = [entity["name"], *entity["aliases"]]
    return ", ".join(repr(n) for n in names[:8]) + (", ..." if len(names) > 8 else "")
