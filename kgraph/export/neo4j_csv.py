"""CSV files for ``neo4j-admin database import full``: the graph into an empty database.

``write_neo4j_csv(graph, directory)`` writes, into ``directory``:

- ``entities.csv``: ``id:ID(Entity)``, ``:LABEL``, then the entity properties;
- ``articles.csv`` (when articles are exported): ``id:ID(Article)``, ``:LABEL``, ...;
- ``relations.csv``: ``:START_ID(Entity)``, ``:END_ID(Entity)``, ``:TYPE``, properties
  (``key`` among them: predicate, modality and polarity, what the Neo4j loader merges on);
- ``mentions.csv`` (with articles): ``:START_ID(Article)``, ``:END_ID(Entity)``, ``:TYPE``,
  ``count:int``;
- ``import.sh``: the ``neo4j-admin`` command that reads them.

Header rules followed (Neo4j 5 ``neo4j-admin database import``):

- ``id:ID(Space)`` is the node id within an id space (``Entity`` or ``Article``, so an
  article id never clashes with an entity id) and is also stored as the property ``id``;
  relationship files point into a space with ``:START_ID(Space)`` and ``:END_ID(Space)``.
- ``:LABEL`` holds the node label; ``:TYPE`` the relationship type.
- A property column is ``name:type``: ``int`` for integers, ``double`` for floats,
  ``boolean`` (``true``/``false``), and plain ``name`` (string) for text.
- A list property is an array column ``name:type[]`` whose elements are joined with
  ``;`` (neo4j-admin's default ``--array-delimiter``); an empty list is an empty cell,
  which neo4j-admin leaves out. If any element of a column contains ``;``, that whole
  column is written as a string holding JSON text instead (the rule of
  :mod:`kgraph.export.values`): ``sentences`` often does.
- ``None`` is an empty cell (no property). Columns are the union over all rows.
- Fields are quoted with ``"`` when needed, a ``"`` inside doubled (``""``); fields may
  span lines (sentences), which needs ``--multiline-fields=true``.
"""

from __future__ import annotations

import csv
import shlex
from pathlib import Path
from typing import Any

import networkx as nx

from kgraph.export.values import flat_value

__all__ = ["ARRAY_DELIMITER", "column_header", "write_neo4j_csv"]

ARRAY_DELIMITER = ";"
#: Attributes of the local graph that are structure (ID, label, type), not properties.
_NODE_STRUCTURE = {"id", "label"}
_EDGE_STRUCTURE = {"label", "type"}


def _scalar_type(values: list[Any]) -> str | None:
    """The neo4j-admin type all ``values`` share ('' for string), else ``None``."""
    if not values or all(isinstance(v, str) for v in values):
        return ""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if any(isinstance(v, bool) for v in values):
        return None
    if all(isinstance(v, int) for v in values):
        return "int"
    if all(isinstance(v, int | float) for v in values):
        return "double"
    return None


def column_header(name: str, values: list[Any]) -> str:
    """The header cell of a property column holding ``values`` (``None`` cells ignored)."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, list | tuple) for v in present):
        elements = [e for v in present for e in v]
        neo_type = _scalar_type(elements) if elements else ""
        if neo_type is not None and not any(ARRAY_DELIMITER in str(e) for e in elements):
            return f"{name}:{neo_type or 'string'}[]"
        return name
    neo_type = _scalar_type(present)
    return f"{name}:{neo_type}" if neo_type else name


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _cell(header: str, value: Any) -> str:
    if value is None:
        return ""
    if header.endswith("[]"):
        return ARRAY_DELIMITER.join(_text(e) for e in value)
    return _text(flat_value(value))


def _write(path: Path, fixed: list[str], rows: list[tuple[list[Any], dict[str, Any]]]) -> None:
    names = sorted({k for _, props in rows for k in props})
    headers = [column_header(n, [props.get(n) for _, props in rows]) for n in names]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(fixed + headers)
        for cells, props in rows:
            writer.writerow(cells + [_cell(h, props.get(n)) for h, n in zip(headers, names)])


def _properties(data: dict[str, Any], structure: set[str]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in structure}


def write_neo4j_csv(graph: nx.MultiDiGraph, directory: Path) -> list[Path]:
    """Write the node and relationship files into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    nodes = {"Entity": [], "Article": []}
    for _, data in graph.nodes(data=True):
        label = data.get("label", "Entity")
        nodes[label].append(([data["id"], label], _properties(data, _NODE_STRUCTURE)))
    edges = {"RELATION": [], "MENTIONS": []}
    for u, v, key, data in graph.edges(keys=True, data=True):
        kind = data.get("label", "RELATION")
        start = graph.nodes[u]["id"]
        props = _properties(data, _EDGE_STRUCTURE)
        if kind == "RELATION":  # the loader's MERGE key: a later `kgraph load` adds to it
            props["key"] = key
        edges[kind].append(([start, graph.nodes[v]["id"], data["type"]], props))
    written = []
    for name, space, rows in (
        ("entities.csv", "Entity", nodes["Entity"]),
        ("articles.csv", "Article", nodes["Article"]),
    ):
        if rows or space == "Entity":
            written.append(directory / name)
            _write(written[-1], [f"id:ID({space})", ":LABEL"], rows)
    for name, start, rows in (
        ("relations.csv", "Entity", edges["RELATION"]),
        ("mentions.csv", "Article", edges["MENTIONS"]),
    ):
        if rows or start == "Entity":
            written.append(directory / name)
            _write(written[-1], [f":START_ID({start})", ":END_ID(Entity)", ":TYPE"], rows)
    _write_import_script(directory, written)
    return written


def _write_import_script(directory: Path, files: list[Path]) -> None:
    args = ["neo4j-admin", "database", "import", "full", "neo4j"]
    for path in files:
        kind = "relationships" if path.name in ("relations.csv", "mentions.csv") else "nodes"
        args.append(f"--{kind}={path.name}")
    args += [
        "--multiline-fields=true",
        f"--array-delimiter={ARRAY_DELIMITER}",
        "--overwrite-destination",
    ]
    script = (
        "#!/bin/sh\n# Import into an empty, stopped database (Neo4j 5). Written by kgraph export.\n"
        f'cd "$(dirname "$0")"\n{shlex.join(args)} "$@"\n'
    )
    (directory / "import.sh").write_text(script, encoding="utf-8")
