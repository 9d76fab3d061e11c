"""The user's entity corrections: a JSON file beside the graph, editable by hand.

``{"merge": [["Gordon Brown", "Chancellor Brown"]], "split": [["Ian Brown", "Gordon Brown"]]}``:
``merge A B`` joins the entity named B into the one named A (A keeps its name); ``split E
ALIAS`` takes the mentions named ALIAS out of entity E. Names match an entity's name, id or
an alias, case-insensitively. Every resolution (:mod:`kgraph.entities.identity`) applies them, so
later ingests honour them. Writing the opposite of a listed correction removes it: merge
then split returns the original graph.
"""

from __future__ import annotations

import json
from pathlib import Path

from kgraph.entities.identity import Overrides
from kgraph.errors import StoreError


def overrides_path(graph_path: str | Path) -> Path:
    """The overrides file of a graph file: ``graph.json`` → ``graph.overrides.json``."""
    path = Path(graph_path)
    stem = path.name.removesuffix(".gz").removesuffix(".json")
    return path.with_name(stem + ".overrides.json")


def read_overrides(path: Path) -> Overrides:
    """The overrides in ``path`` (none if the file does not exist)."""
    if not path.exists():
        return Overrides()
    try:
        data = json.loads(path.read_text("utf-8"))
        merges = tuple((str(a), str(b)) for a, b in data.get("merge", []))
        splits = tuple((str(a), str(b)) for a, b in data.get("split", []))
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise StoreError(f"{path}: not an overrides file ({exc})") from exc
    return Overrides(merges, splits)


def write_overrides(path: Path, overrides: Overrides) -> None:
    """Write ``overrides`` to ``path`` as indented JSON."""
    data = {
        "merge": [list(p) for p in overrides.merges],
        "split": [list(p) for p in overrides.splits],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


def _same(pair: tuple[str, str], a: str, b: str) -> bool:
    return {pair[0].casefold(), pair[1].casefold()} == {a.casefold(), b.casefold()}


def add_merge(overrides: Overrides, target: str, other: str) -> Overrides:
    """``overrides`` with ``merge target other`` (cancelling a listed split of the pair)."""
    splits = tuple(p for p in overrides.splits if not _same(p, target, other))
    if len(splits) < len(overrides.splits):
        return Overrides(overrides.merges, splits)
    if any(_same(p, target, other) for p in overrides.merges):
        return overrides
    return Overrides((*overrides.merges, (target, other)), splits)


def add_split(overrides: Overrides, entity: str, alias: str) -> Overrides:
    """``overrides`` with ``split entity alias`` (cancelling a listed merge of the pair)."""
    merges = tuple(p for p in overrides.merges if not _same(p, entity, alias))
    if len(merges) < len(overrides.merges):
        return Overrides(merges, overrides.splits)
    if any(_same(p, entity, alias) for p in overrides.splits):
        return overrides
    return Overrides(merges, (*overrides.splits, (entity, alias)))
