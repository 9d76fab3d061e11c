"""A write's evidence: the stored evidence it keeps and the pieces it adds, combined into
the relations it rewrites.

A write (:mod:`kgraph.store.delta`) rewrites a relation whole when an article it has
evidence from is added, removed or remapped: the relation's stored pieces from the other
articles are kept, the rest replaced by the write's new pieces, all in publication order.
A :class:`RelationEvidence` does that combination. :class:`ClientEvidence` reads the
relations whole into the client and returns them as rows (what every store did before);
a store may keep the pieces and combine them in the store instead
(:class:`kgraph.store.sqlite_evidence.SqliteEvidence`), so the client never holds a
relation's whole evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

#: A relation's identity: (subject id, object id, key).
RelationKey = tuple[str, str, str]
#: A piece of evidence (fields of :data:`kgraph.store.base.PIECE_FIELDS`; a new piece has
#: its triple's relation fields under ``_meta``).
Piece = dict[str, Any]
#: The relation fields of a rewritten relation, from its first piece and what is stored.
#: Called with the relation, its first piece (a new one has ``_meta``), the stored
#: relation's fields with its first stored piece as ``evidence`` (None: not stored), and
#: the relation's new pieces (at least its first, when it has any).
FirstMeta = Callable[[RelationKey, Piece, "dict[str, Any] | None", list[Piece]], dict[str, Any]]


@dataclass
class Combined:
    """What combining gave: the relations written whole by the client (rows of
    :func:`kgraph.store.delta.relation_from_pieces`), those left without evidence, and how
    many the store combined itself (it writes them when the write is applied)."""

    relations: list[dict[str, Any]] = field(default_factory=list)
    removed: list[RelationKey] = field(default_factory=list)
    in_store: int = 0


class RelationEvidence(Protocol):
    """The evidence of one write's rewritten relations."""

    def stored_pieces(self, keys: Iterable[RelationKey], articles: list[str]) -> dict[tuple, Piece]:
        """The stored pieces of the relations ``keys`` from ``articles``, by (relation,
        article, start, end)."""
        ...

    def add(self, key: RelationKey, pieces: list[Piece]) -> None:
        """New pieces of ``key``, in their order (after those added before)."""
        ...

    def replace(self, pairs: Iterable[tuple[str, RelationKey]]) -> None:
        """(article, relation) pairs whose stored evidence goes (the article's new pieces
        for it, if any, are added)."""
        ...

    def rewrite(self, articles: Iterable[str]) -> None:
        """Articles all of whose stored evidence goes, from every relation."""
        ...

    def combine(self, keys: list[RelationKey], first_meta: FirstMeta) -> Combined:
        """Each relation of ``keys`` (in that order) as its kept and new pieces make it."""
        ...


def piece_order(piece: Piece) -> tuple[str, str]:
    """The order of a relation's evidence: publication date, then article."""
    return (piece["published"] or "", piece["article"])


class ClientEvidence:
    """Evidence combined in the client: each relation read whole from the store (its
    ``relations`` method), its kept pieces and the new ones sorted together."""

    def __init__(
        self,
        read: Callable[[list[RelationKey]], dict[RelationKey, dict[str, Any]]],
        build: Callable[[RelationKey, dict[str, Any], list[Piece]], dict[str, Any]],
    ) -> None:
        self._read = read
        self._build = build
        self._current: dict[RelationKey, dict[str, Any]] = {}
        self._new: dict[RelationKey, list[Piece]] = {}
        self._replaced: set[tuple[str, RelationKey]] = set()
        self._rewritten: set[str] = set()

    def _relations(self, keys: Iterable[RelationKey]) -> None:
        self._current.update(self._read(sorted(set(keys) - set(self._current))))

    def stored_pieces(self, keys: Iterable[RelationKey], articles: list[str]) -> dict[tuple, Piece]:
        keys = set(keys)
        self._relations(keys)
        wanted = set(articles)
        return {
            (key, p["article"], p["start"], p["end"]): p
            for key in keys
            for p in (self._current.get(key) or {}).get("evidence", [])
            if p["article"] in wanted
        }

    def add(self, key: RelationKey, pieces: list[Piece]) -> None:
        self._new.setdefault(key, []).extend(pieces)

    def replace(self, pairs: Iterable[tuple[str, RelationKey]]) -> None:
        self._replaced.update(pairs)

    def rewrite(self, articles: Iterable[str]) -> None:
        self._rewritten.update(articles)

    def combine(self, keys: list[RelationKey], first_meta: FirstMeta) -> Combined:
        self._relations(keys)
        out = Combined()
        for key in keys:
            current = self._current.get(key)
            kept = [
                p
                for p in (current or {}).get("evidence", [])
                if p["article"] not in self._rewritten and (p["article"], key) not in self._replaced
            ]
            new = self._new.get(key, [])
            pieces = sorted([*kept, *new], key=piece_order)
            if not pieces:
                if current is not None:
                    out.removed.append(key)
                continue
            out.relations.append(self._build(key, first_meta(key, pieces[0], current, new), pieces))
        return out
