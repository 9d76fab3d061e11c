"""``kgraph entity NAME``: an entity's names, aliases, type votes and why each name joined."""

from __future__ import annotations

from typing import Any

import networkx as nx

from kgraph.entities.identity import Merge


def find_entities(graph: nx.MultiDiGraph, name: str) -> list[dict[str, Any]]:
    """Entity nodes whose id, name or an alias is ``name`` (case-insensitive), best first."""
    wanted = name.casefold()
    found = [
        data
        for _, data in graph.nodes(data=True)
        if data.get("label") == "Entity"
        and (
            wanted in (data["id"].casefold(), data["name"].casefold())
            or wanted in (a.casefold() for a in data.get("aliases", ()))
        )
    ]
    return sorted(found, key=lambda d: (d["name"].casefold() != wanted, -d.get("mentions", 0)))


def describe(entity: dict[str, Any]) -> str:
    """The entity as a few readable lines."""
    mentions = entity.get("mentions", 0)
    lines = [
        f"{entity['name']}  (id {entity['id']}, {entity['type']}, {mentions} mentions)",
        f"  type votes: {', '.join(entity.get('type_votes', ())) or '-'}",
        f"  aliases: {', '.join(entity.get('aliases', ())) or '-'}",
    ]
    merges = entity.get("merges", ())
    lines.append(f"  merges ({len(merges)}):" if merges else "  merges: none")
    for text in merges:
        merge = Merge.from_text(text)
        more = f" and {merge.count - 1} more" if merge.count > 1 else ""
        lines.append(f"    {merge.mention!r} in article {merge.article}{more}: {merge.rule}")
    return "\n".join(lines)
