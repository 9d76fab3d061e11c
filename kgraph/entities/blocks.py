"""Blocking: which article-level entity records can change one another's resolution.

Every rule of :mod:`kgraph.entities.identity` compares records that share a *name key*:

- ``n:`` the match key (case, variants and corporate suffix aside): **same name**, and the
  record a **nickname** joins;
- ``l:`` a PERSON full name's last word, and a one-word name that may be a PERSON:
  **surname** (and the clash of two full names in one article);
- ``r:`` a PERSON full name of three words or more without its first word: **nickname**
  (for two words it is the last word, already ``l:``);
- ``a:`` an acronym an article defined, and a one-word acronym: **acronym**;
- ``s:`` the slug of the name without trailing ``-2``, ``-3``...: entities whose ids could
  collide are numbered together.

A *block* is a connected component of records over shared keys; an override
(:class:`~kgraph.entities.identity.Overrides`) joins the keys of the names it gives. The
resolution of a block reads nothing outside it, so resolving block by block gives the
graph resolving everything at once gives, and a write that adds or removes records only
needs the blocks of their keys (the stores keep a key → records index for that).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kgraph.entities.names import entity_key, is_acronym, match_key, spells, variant_canonical
from kgraph.models import slugify

if TYPE_CHECKING:
    from kgraph.entities.identity import LocalEntity, Overrides

__all__ = ["components", "name_keys", "override_keys", "record_keys"]

_NUMBERED = re.compile(r"(?:-\d+)+$")


@lru_cache(maxsize=200_000)
def id_base(slug: str) -> str:
    """A slug without the ``-2``, ``-3``... of a numbered id (``"brown-2"`` → ``"brown"``)."""
    return _NUMBERED.sub("", slug) or slug


def record_keys(record: LocalEntity) -> tuple[str, ...]:
    """The name keys of one article-level entity record, sorted."""
    return _keys(record.name, record.type, "PERSON" in dict(record.type_votes), record.aliases)


@lru_cache(maxsize=200_000)
def _keys(name: str, type_: str, may_be_person: bool, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of a record of this name, type and aliases (records repeat: remembered)."""
    key = entity_key(name)
    words = key.split()
    keys = {"n:" + key, "s:" + id_base(slugify(variant_canonical(name)))}
    if len(words) > 1 and type_ == "PERSON":
        keys.add("l:" + words[-1])
        if len(words) > 2:
            keys.add("r:" + " ".join(words[1:]))
    if len(words) == 1:
        if may_be_person and type_ in ("PERSON", ""):
            keys.add("l:" + key)
        if is_acronym(name):
            keys.add("a:" + name.upper())
    for alias in aliases:
        if is_acronym(alias) and spells(alias, name):
            keys.add("a:" + alias.upper())
    return tuple(sorted(keys))


def name_keys(name: str) -> tuple[str, ...]:
    """The keys of the records an entity named (or with the id) ``name`` can be made of."""
    return tuple(
        sorted({"n:" + entity_key(name), "n:" + match_key(name), "s:" + id_base(slugify(name))})
    )


def override_keys(overrides: Overrides) -> list[tuple[str, ...]]:
    """The keys each override joins, splits first, then merges (their order of application)."""
    pairs = (*overrides.splits, *overrides.merges)
    return [tuple(sorted({*name_keys(a), *name_keys(b)})) for a, b in pairs]


def components(keysets: Sequence[Iterable[str]]) -> list[list[int]]:
    """The connected components of items over shared keys, as sorted lists of indices,
    ordered by their first index."""
    parent = list(range(len(keysets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, keys in enumerate(keysets):
        for key in keys:
            j = first.setdefault(key, i)
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for i in range(len(keysets)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())
