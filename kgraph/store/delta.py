"""A write as the change it makes to the graph, computed from the blocks it touches.

Adding or removing articles, or changing the overrides, changes the resolution of the
blocks (:mod:`kgraph.entities.blocks`) of the name keys it adds or removes, and nothing
else. :func:`plan` finds those blocks through the store's key index (a
:class:`StoreIndex`), resolves them again and returns a :class:`GraphDelta`: the
entities, mentions and relations to rewrite. A store applies it in one transaction, so
the graph equals the one resolving every record from scratch gives, whatever the order
and batching of the writes, and a write costs what its blocks hold, not the graph.

A relation is rewritten whole when an article it has evidence from was added, removed
or *remapped* (one of its entities changed id or name): its evidence from untouched
articles is kept as stored, the rest recomputed, all in publication order.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Protocol

from kgraph.entities.blocks import override_keys, record_keys
from kgraph.entities.identity import Entity, LocalEntity, Overrides, Resolution
from kgraph.entities.records import apply, from_record, local_entities, to_record
from kgraph.entities.summaries import (
    AlikeRecords,
    AlikeSummary,
    resolve_summaries,
    summarise_alike,
    surname_clashes,
)
from kgraph.models import Article, Extraction
from kgraph.relations import relationship_type
from kgraph.store.base import PIECE_FIELDS, relation_row
from kgraph.store.evidence import ClientEvidence, RelationEvidence, RelationKey

#: Properties of a relation besides its evidence (taken from its first piece).
RELATION_FIELDS = ("type", "relation", "predicate", "negated", "modality")


@dataclass(frozen=True)
class StoredRecord:
    """An article-level entity record as a store keeps it: with its name keys, the graph
    entity (id and name) it belongs to now, and its surname clash (see
    :func:`~kgraph.entities.summaries.surname_clashes`)."""

    local: LocalEntity
    keys: tuple[str, ...]
    entity: str = ""
    entity_name: str = ""
    clash: bool = False

    @property
    def ref(self) -> tuple[str, str]:
        return (self.local.article, self.local.id)

    def to_row(self) -> dict[str, Any]:
        """The record as flat values and lists of strings (``type_votes`` as ``TYPE:n``)."""
        local = self.local
        return {
            "article": local.article,
            "local": local.id,
            "name": local.name,
            "aliases": list(local.aliases),
            "type_votes": [f"{t}:{n}" for t, n in local.type_votes],
            "mentions": local.mentions,
            "type": local.type,
            "keys": list(self.keys),
            "entity": self.entity,
            "entity_name": self.entity_name,
            "clash": self.clash,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> StoredRecord:
        local = LocalEntity(
            row["article"],
            row["local"],
            row["name"],
            tuple(row["aliases"]),
            tuple(parse_vote(v) for v in row["type_votes"]),
            row["mentions"],
            row["type"],
        )
        entity, name = row["entity"], row["entity_name"]
        return cls(local, tuple(row["keys"]), entity, name, bool(row.get("clash")))


@dataclass(frozen=True)
class StoredGroup:
    """Stored records alike in all the rules read, with their name keys and the graph
    entity they belong to now, summed by the store (:class:`AlikeSummary`): what a write
    reads of a block (a popular name's thousand records are one row each way it is
    written, whatever their number)."""

    records: AlikeSummary
    keys: tuple[str, ...]
    entity: str = ""
    entity_name: str = ""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> StoredGroup:
        """A group from a row of :class:`StoredRecord` fields but ``article``, ``local``
        and ``mentions``, with ``first`` (its first record's ``article<TAB>local``),
        ``count`` and ``mentions`` (summed)."""
        article, local = str(row["first"]).split("\t", 1)
        records = AlikeSummary(
            row["name"],
            tuple(row["aliases"]),
            tuple(parse_vote(v) for v in row["type_votes"]),
            row["type"] or "",
            bool(row["clash"]),
            (article, local),
            int(row["count"]),
            int(row["mentions"]),
        )
        return cls(records, tuple(row["keys"]), row["entity"] or "", row["entity_name"] or "")

    def identity(self) -> tuple:
        """What tells two groups apart (a block's reads may return one group twice)."""
        r = self.records
        return (r.signature, r.type_votes, self.keys, self.entity, self.entity_name)

    @property
    def name_key(self) -> str:
        """The key a store finds the group's records by: its ``n:`` key (the fewest)."""
        return next((k for k in self.keys if k.startswith("n:")), self.keys[0])

    def row(self) -> dict[str, Any]:
        """What a store matches a group's records on (:meth:`StoreIndex.articles_of_groups`,
        :meth:`StoreIndex.group_refs_in`), and ``key``, its :attr:`name_key`."""
        r = self.records
        return {
            "key": self.name_key,
            "name": r.name,
            "aliases": list(r.aliases),
            "type_votes": [f"{t}:{n}" for t, n in r.type_votes],
            "type": r.type,
            "clash": r.clash,
            "keys": list(self.keys),
            "entity": self.entity,
            "entity_name": self.entity_name,
        }


def parse_vote(text: str) -> tuple[str, int]:
    """``"PERSON:3"`` → ``("PERSON", 3)``."""
    label, count = text.rsplit(":", 1)
    return label, int(count)


class StoreIndex(Protocol):
    """What :func:`plan` reads from a store (inside the write's transaction)."""

    def stored_articles(self, article_ids: list[str]) -> dict[str, str]:
        """Content hash by id of the given articles that are stored."""

    def groups_with_keys(self, keys: list[str], excluding: list[str]) -> list[StoredGroup]:
        """The stored records having any of ``keys``, but those of the ``excluding``
        articles, as groups of alike records (each group whole: alike records have the
        same keys)."""

    def articles_of_groups(
        self, groups: list[StoredGroup], excluding: list[str], page: PageSize
    ) -> Iterator[list[str]]:
        """The ids of the articles having a record of any of ``groups`` (as
        :meth:`groups_with_keys` gave them), but the ``excluding`` articles, sorted, in
        pages of ``page`` (:meth:`PageSize.cut` of the ids with their records' lengths and
        entity records). The ids are found when it is called and kept in the store, not
        the client: pieces the write applies while the pages are read change nothing in
        them."""

    def apply_piece(self, piece: GraphDelta) -> bool:
        """Apply part of the write now, inside its transaction (the rest of the plan reads
        nothing it changes); False if the store cannot (the piece joins the delta)."""

    def records_of(self, article_ids: list[str]) -> list[StoredRecord]:
        """Every stored record of the given articles."""

    def entity_maps(self, article_ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
        """For each of the given articles, the graph entity (id, name) of each local id."""

    def group_refs_in(
        self, groups: list[StoredGroup], article_ids: list[str]
    ) -> list[tuple[int, str, str]]:
        """(n, article, local id) of the records of the given articles that are records of
        ``groups[n]`` (as :meth:`groups_with_keys` gave it)."""

    def extractions(self, article_ids: list[str]) -> dict[str, Extraction]:
        """The article-level extractions of the given stored articles."""

    def article_records(self, article_ids: list[str]) -> Iterator[tuple[str, str]]:
        """(id, stored record) of the given articles that are stored, one at a time (the
        record is :func:`~kgraph.entities.records.to_record` text)."""

    def evidence(self) -> RelationEvidence:
        """Where the write combines the evidence of the relations it rewrites."""

    def relations(self, keys: list[RelationKey]) -> dict[RelationKey, dict[str, Any]]:
        """The stored relations of ``keys`` (those that exist), as :func:`relation_from_pieces`
        rows."""

    def overrides(self) -> Overrides:
        """The overrides the stored graph was resolved with."""


@dataclass
class GraphDelta:
    """What one write changes; a store applies it in one transaction."""

    #: Articles added (rows ``{id, props, record}``); a stored id is replaced whole.
    articles: list[dict[str, Any]] = field(default_factory=list)
    #: Articles deleted, with their records, mentions and evidence (replaced ones too).
    removed_articles: list[str] = field(default_factory=list)
    #: Entity records to add (new articles').
    records: list[StoredRecord] = field(default_factory=list)
    #: Stored records whose entity changes: (article, local id, entity id, entity name).
    reassigned: list[tuple[str, str, str, str]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    removed_entities: list[str] = field(default_factory=list)
    #: Articles whose MENTIONS are all replaced by :attr:`mentions` (added ones among them).
    remapped_articles: list[str] = field(default_factory=list)
    #: MENTIONS (article, entity) deleted before :attr:`mentions` are put (moved articles').
    dropped_mentions: list[tuple[str, str]] = field(default_factory=list)
    #: MENTIONS put (created, or their count set): ``{article, entity, count}``.
    mentions: list[dict[str, Any]] = field(default_factory=list)
    #: Relations written whole (rows of :func:`relation_from_pieces`).
    relations: list[dict[str, Any]] = field(default_factory=list)
    removed_relations: list[RelationKey] = field(default_factory=list)
    #: Relations the store combined itself (:class:`~kgraph.store.evidence.RelationEvidence`),
    #: written when it applies the delta (not in :attr:`relations`).
    combined_relations: int = 0
    #: The overrides to keep with the graph (None: unchanged).
    overrides: Overrides | None = None
    #: Name keys of the removed articles' records (those no record has any more go).
    removed_keys: list[str] = field(default_factory=list)
    #: The removed articles' records: ((article, local id), name keys) of each.
    removed_records: list[tuple[tuple[str, str], tuple[str, ...]]] = field(default_factory=list)
    #: Records whose blocks were resolved again (a measure of the write's cost).
    resolved_records: int = 0
    #: Pieces of the write already applied during its plan (:meth:`StoreIndex.apply_piece`):
    #: the entities, then the touched articles' mentions and record links, a few at a time.
    applied_pieces: int = 0
    #: Stored articles whose mentions and record links were among those pieces.
    relinked_articles: int = 0

    def extend(self, piece: GraphDelta) -> None:
        """Add the rows of ``piece`` to this delta's (a piece no store applied)."""
        for name in (
            "entities",
            "reassigned",
            "remapped_articles",
            "dropped_mentions",
            "mentions",
        ):
            getattr(self, name).extend(getattr(piece, name))

    def changes_graph(self) -> bool:
        """True if entities, mentions or relations change (not only bookkeeping)."""
        return bool(
            self.articles
            or self.removed_articles
            or self.removed_entities
            or self.remapped_articles
            or self.reassigned
            or self.relinked_articles
            or self.relations
            or self.combined_relations
            or self.removed_relations
        )


class EmptyIndex:
    """The index of a store holding no articles (a bulk load plans against it)."""

    def __init__(self, overrides: Overrides | None = None) -> None:
        self._overrides = overrides or Overrides()

    def stored_articles(self, article_ids: list[str]) -> dict[str, str]:
        return {}

    def groups_with_keys(self, keys: list[str], excluding: list[str]) -> list[StoredGroup]:
        return []

    def articles_of_groups(
        self, groups: list[StoredGroup], excluding: list[str], page: PageSize
    ) -> Iterator[list[str]]:
        return iter([])

    def apply_piece(self, piece: GraphDelta) -> bool:
        return False

    def records_of(self, article_ids: list[str]) -> list[StoredRecord]:
        return []

    def entity_maps(self, article_ids: list[str]) -> dict[str, dict[str, tuple[str, str]]]:
        return {}

    def group_refs_in(
        self, groups: list[StoredGroup], article_ids: list[str]
    ) -> list[tuple[int, str, str]]:
        return []

    def extractions(self, article_ids: list[str]) -> dict[str, Extraction]:
        return {}

    def article_records(self, article_ids: list[str]) -> Iterator[tuple[str, str]]:
        return iter([])

    def evidence(self) -> RelationEvidence:
        return ClientEvidence(self.relations, relation_from_pieces)

    def relations(self, keys: list[RelationKey]) -> dict[RelationKey, dict[str, Any]]:
        return {}

    def overrides(self) -> Overrides:
        return self._overrides


def chunks(delta: GraphDelta, size: int) -> list[GraphDelta]:
    """A delta that only adds, cut in deltas of at most ``size`` rows, nodes before the
    links between them (for a bulk load, one transaction each)."""
    out = []
    for name in ("articles", "entities", "mentions", "relations", "records"):
        rows = getattr(delta, name)
        for start in range(0, len(rows), size):
            out.append(GraphDelta(**{name: rows[start : start + size]}))
    return out


def loaded_extraction(row: dict[str, Any], record: str) -> Extraction:
    """The article-level extraction of a loaded article's row (its properties) and record."""
    article = Article(
        "",
        row["id"],
        row.get("title"),
        row.get("published"),
        row.get("url"),
        row.get("source"),
        row.get("text_kind"),
        row.get("read_from"),
    )
    return from_record(record, article)


def plan_loaded(index: StoreIndex, batch: list[tuple[Extraction, dict[str, Any]]]) -> GraphDelta:
    """:func:`plan` adding loaded articles, keeping the properties of their rows."""
    delta = plan(index, added=[extraction for extraction, _ in batch])
    rows = {row["id"]: row for _, row in batch}
    for article in delta.articles:
        row = rows[article["id"]]
        article["props"].update({k: row.get(k) for k in article["props"] if k in row})
    return delta


#: Articles a store loads into a non-empty graph per write (one transaction each).
LOAD_ARTICLES = 500


def load_new_articles(
    articles: list[dict[str, Any]],
    records: dict[str, str],
    is_stored: Callable[[str, str], bool],
    write: Callable[[Callable[[StoreIndex], GraphDelta]], GraphDelta],
) -> int:
    """Load the articles (rows and records) not stored yet, :data:`LOAD_ARTICLES` a write:
    ``write`` applies the plan it is given in one transaction. Returns how many were new."""
    added = 0
    for start in range(0, len(articles), LOAD_ARTICLES):
        batch = [
            (loaded_extraction(row, records[row["id"]]), row)
            for row in articles[start : start + LOAD_ARTICLES]
            if not is_stored(row["id"], row.get("content_hash") or "")
        ]
        if batch:
            added += len(write(lambda index, b=batch: plan_loaded(index, b)).articles)
    return added


def stored_records(extraction: Extraction) -> list[StoredRecord]:
    """An article's records with their keys and surname clashes."""
    records = local_entities(extraction)
    return [
        StoredRecord(local, record_keys(local), clash=clash)
        for local, clash in zip(records, surname_clashes(records))
    ]


def plan(
    index: StoreIndex,
    *,
    added: Iterable[Extraction] = (),
    removed: Iterable[str] = (),
    overrides: Overrides | None = None,
) -> GraphDelta:
    """The change that adding ``added``, removing the articles ``removed`` and setting
    ``overrides`` (None: keep the stored ones) makes to the stored graph."""
    added = list({e.article.id: e for e in added}.values())
    old_overrides = index.overrides()
    new_overrides = old_overrides if overrides is None else overrides
    stored = index.stored_articles(sorted({*removed, *(e.article.id for e in added)}))
    gone = sorted(set(removed) & set(stored) | {e.article.id for e in added} & set(stored))
    new_records = [r for e in added for r in stored_records(e)]
    old_records = index.records_of(gone)
    seeds = {k for r in (*new_records, *old_records) for k in r.keys}
    changed = Overrides(
        tuple(set(old_overrides.merges) ^ set(new_overrides.merges)),
        tuple(set(old_overrides.splits) ^ set(new_overrides.splits)),
    )
    seeds.update(k for keys in override_keys(changed) for k in keys)
    found = _closure(index, seeds, gone, override_keys(new_overrides))
    alike = [AlikeRecords.of(r.local) for r in new_records]
    summaries = summarise_alike(alike, [g.records for g in found])
    resolution = resolve_summaries(summaries, new_overrides)
    size = sum(s.count for s in summaries)
    delta = GraphDelta(removed_articles=gone, resolved_records=size)
    delta.removed_keys = sorted({k for r in old_records for k in r.keys})
    delta.removed_records = [(r.ref, r.keys) for r in old_records]
    delta.overrides = overrides if overrides != old_overrides else None
    delta.articles = [_article_row(e) for e in added]
    delta.entities = list(resolution.entities.values())
    old_ids = {r.entity for r in (*found, *old_records)}
    delta.removed_entities = sorted(old_ids - set(resolution.entities))
    delta.records = [_mapped(r, resolution) for r in new_records]
    if index.apply_piece(GraphDelta(entities=delta.entities)):  # before the links to them
        delta.entities, delta.applied_pieces = [], 1
    moves = _changed_groups(found, resolution)
    groups = [g for g, _ in moves]
    page = PageSize(MOVED_PER_READ, MOVED_CHARS_PER_READ, MOVED_RECORDS_PER_READ)
    touched = index.articles_of_groups(groups, gone, page) if moves else iter([])
    _rewrite_links(index, delta, resolution, added, moves, touched, gone)
    return delta


def _closure(
    index: StoreIndex, seeds: set[str], gone: list[str], links: list[tuple[str, ...]]
) -> list[StoredGroup]:
    """The stored records (outside ``gone`` articles) connected to ``seeds`` over shared
    keys, each override joining its keys: the blocks a write touches, as groups."""
    linked: dict[str, set[str]] = {}
    for keys in links:
        for key in keys:
            linked.setdefault(key, set()).update(keys)
    seen: set[str] = set()
    found: dict[tuple, StoredGroup] = {}
    frontier = set(seeds)
    while frontier:
        for key in list(frontier):
            frontier |= linked.get(key, set())
        frontier -= seen
        seen |= frontier
        following: set[str] = set()
        for group in index.groups_with_keys(sorted(frontier), gone):
            if group.identity() not in found:
                found[group.identity()] = group
                following.update(group.keys)
        frontier = following - seen
    return list(found.values())


def _changed_groups(
    found: list[StoredGroup], resolution: Resolution
) -> list[tuple[StoredGroup, Entity]]:
    """The groups whose entity changes id or name, with their new entity."""
    out = []
    for group in found:
        entity = resolution.entities[resolution.mapping[group.records.first]]
        if (entity.id, entity.name) != (group.entity, group.entity_name):
            out.append((group, entity))
    return out


def _mapped(record: StoredRecord, resolution: Resolution) -> StoredRecord:
    entity = resolution.entities[resolution.mapping[record.ref]]
    return replace(record, entity=entity.id, entity_name=entity.name)


def _article_row(extraction: Extraction) -> dict[str, Any]:
    from kgraph.store.rows import ARTICLE_PROPS

    article = extraction.article
    props = {p: getattr(article, p) for p in ARTICLE_PROPS}
    return {"id": article.id, "props": props, "record": to_record(extraction)}


def _rewrite_links(
    index: StoreIndex,
    delta: GraphDelta,
    resolution: Resolution,
    added: list[Extraction],
    moves: list[tuple[StoredGroup, Entity]],
    touched: Iterator[list[str]],
    gone: list[str],
) -> None:
    """Mentions and record links of the added and touched articles, and every relation an
    added, touched or removed article changes, rebuilt.

    The touched articles (those having a record of a group that changes entity, ``touched``:
    their ids in pages of :class:`PageSize`, kept in the store) are read a page at a
    time, and their record links and mentions applied then, as
    a piece of the write (:meth:`StoreIndex.apply_piece`, after the entities): what the
    write holds of them is their evidence, not their links. A touched article none of whose
    entities splits (the records of one old entity all go to one new entity) is *moved*
    (:class:`MovedArticle`): its evidence is the stored evidence renamed, so only the
    relations its evidence leaves or joins are rewritten, without applying its extraction.
    Other touched articles (a split, or evidence not stored where the article's record
    puts it), and added and removed ones, are applied whole."""
    evidence = index.evidence()
    moved = MovedEvidence(evidence)
    for ids in touched:
        piece = _relink(index, moves, ids, moved)
        if index.apply_piece(piece):
            delta.applied_pieces += 1
            delta.relinked_articles += len(ids)
        else:
            delta.extend(piece)
    mentions, keys, new_pieces = _apply_whole(index, resolution, added, gone)
    delta.mentions.extend(mentions)
    delta.remapped_articles.extend(sorted(e.article.id for e in added))
    for key, pieces in new_pieces.items():
        evidence.add(key, pieces)
    evidence.rewrite({*moved.whole, *gone, *(e.article.id for e in added)})

    def first_meta(key, first, current, new):
        return _first_meta(index, key, first, current, new)

    combined = evidence.combine(sorted(keys | moved.keys), first_meta)
    delta.relations.extend(combined.relations)
    delta.removed_relations.extend(combined.removed)
    delta.combined_relations += combined.in_store


Pieces = dict[RelationKey, list[dict[str, Any]]]


def _apply_whole(
    index: StoreIndex,
    resolution: Resolution,
    added: list[Extraction],
    gone: list[str],
) -> tuple[list[dict[str, Any]], set[RelationKey], Pieces]:
    """The mentions and evidence of the added articles (extractions applied whole), and
    every relation key they and the removed articles give. The removed articles are read
    :data:`MOVED_PER_READ` at a time."""
    mentions: list[dict[str, Any]] = []
    new_pieces: Pieces = {}
    keys: set[RelationKey] = set()
    for extraction in added:
        article_id = extraction.article.id
        new = {}
        for local in extraction.entities:
            if (article_id, local.id) in resolution.mapping:
                entity = resolution.entities[resolution.mapping[article_id, local.id]]
                new[local.id] = (entity.id, entity.name)
        _whole_article(extraction, {}, new, mentions, keys, new_pieces)
    for start in range(0, len(gone), MOVED_PER_READ):
        ids = gone[start : start + MOVED_PER_READ]
        stored = index.extractions(ids)
        old_maps: dict[str, dict[str, tuple[str, str]]] = {}
        for record in index.records_of(ids):
            old_maps.setdefault(record.local.article, {})[record.local.id] = (
                record.entity,
                record.entity_name,
            )
        for article_id in ids:
            if article_id in stored:  # the relations its evidence leaves
                keys.update(_pieces(stored[article_id], old_maps.get(article_id, {})))
    return mentions, keys, new_pieces


def _whole_article(
    extraction: Extraction,
    old: dict[str, tuple[str, str]],
    new: dict[str, tuple[str, str]],
    mentions: list[dict[str, Any]],
    keys: set[RelationKey],
    new_pieces: Pieces,
) -> None:
    """An article applied whole, from the entities ``old`` to ``new`` (local id → entity id
    and name; the old ones where ``new`` has none): its mentions into ``mentions``, the
    relations it leaves and joins into ``keys``, its evidence into ``new_pieces``."""
    article_id = extraction.article.id
    keys.update(_pieces(extraction, old))
    applied = _applied(extraction, {**old, **new})
    for entity in applied.entities:
        count = applied.mention_counts.get(entity.id, 1)
        mentions.append({"article": article_id, "entity": entity.id, "count": count})
    for key, pieces in _pieces(extraction, {**old, **new}).items():
        new_pieces.setdefault(key, []).extend(pieces)
        keys.add(key)


def _relink(
    index: StoreIndex,
    moves: list[tuple[StoredGroup, Entity]],
    ids: list[str],
    out: MovedEvidence,
) -> GraphDelta:
    """The touched articles ``ids`` relinked: their record links and mentions as a piece of
    the write (returned), their evidence for the relations it changes into ``out`` (moved;
    applied whole where an entity splits), read from the stored pieces of those articles."""
    piece = GraphDelta()
    old_maps = index.entity_maps(ids)
    new_maps = {article: dict(old) for article, old in old_maps.items()}
    for n, article, local in index.group_refs_in([g for g, _ in moves], ids):
        entity = moves[n][1]
        new_maps[article][local] = (entity.id, entity.name)
        piece.reassigned.append((article, local, entity.id, entity.name))
    piece.reassigned.sort()
    found: dict[str, MovedArticle | None] = {}
    for article_id, text in index.article_records(ids):  # one record held at a time
        if article_id in old_maps:
            record = json.loads(text)
            found[article_id] = moved_article(
                article_id, record, old_maps[article_id], new_maps[article_id]
            )
    moving = [(article_id, found.get(article_id)) for article_id in ids]
    moves_found = [move for _, move in moving if move is not None]
    sources = {k for move in moves_found for k in move.sources()}
    stored = out.evidence.stored_pieces(sorted(sources), ids)
    whole = []
    for article_id, move in moving:
        pieces = move.pieces(stored) if move is not None else None
        if pieces is None:
            whole.append(article_id)
            continue
        out.add(move, pieces)
        piece.mentions.extend(move.mentions)
        piece.dropped_mentions.extend((move.article, e) for e in move.dropped_mentions)
    if whole:
        _relink_whole(index, whole, old_maps, new_maps, piece, out)
    return piece


def _relink_whole(
    index: StoreIndex,
    ids: list[str],
    old_maps: dict[str, dict[str, tuple[str, str]]],
    new_maps: dict[str, dict[str, tuple[str, str]]],
    piece: GraphDelta,
    out: MovedEvidence,
) -> None:
    """Touched articles that cannot be moved, applied whole: all their mentions replaced
    in ``piece``, their evidence for every relation they give into ``out``."""
    stored = index.extractions(ids)
    piece.remapped_articles.extend(ids)
    out.whole.update(ids)
    pieces: Pieces = {}
    for article_id in ids:
        if article_id in stored:
            old, new = old_maps.get(article_id, {}), new_maps.get(article_id, {})
            _whole_article(stored[article_id], old, new, piece.mentions, out.keys, pieces)
    out.add_pieces(pieces)


@dataclass(frozen=True)
class MovedTriple:
    """One triple of a moved article: its relation under the old and the new entities
    (None where it is a self-loop or repeats an earlier triple there), its offsets, its
    source's new (name, id) when the source is an entity that changed, and its relation
    fields."""

    old: RelationKey | None
    new: RelationKey | None
    span: tuple[int, int]
    source: tuple[str, str] | None
    meta: dict[str, Any]


@dataclass
class MovedArticle:
    """A touched article whose entities change id or name but none splits: each triple
    keeps its stored evidence (renamed), under its new relation; its mentions are its
    entities' counts summed by new entity. Only the triples of the relations whose
    evidence from it changes are kept: its evidence for any other relation stays as
    stored, even where another article rewrites that relation."""

    article: str
    #: The triples whose relation, before or after, is one of :attr:`changed`.
    triples: list[MovedTriple]
    #: The article's MENTIONS that change: those put (``{article, entity, count}``) and
    #: the entities of those that go.
    mentions: list[dict[str, Any]]
    dropped_mentions: list[str]
    #: The relations whose evidence from this article changes.
    changed: set[RelationKey]

    def sources(self) -> set[RelationKey]:
        """The stored relations holding this article's evidence for the relations whose
        evidence from it changes."""
        return {t.old for t in self.triples if t.new in self.changed and t.old is not None}

    def pieces(self, stored: dict[tuple, dict[str, Any]]) -> Pieces | None:
        """This article's evidence for the relations whose evidence from it changes, in
        its order, from the ``stored`` pieces by (relation, article, start, end); None if
        one is missing."""
        out: Pieces = {}
        for triple in self.triples:
            if triple.new not in self.changed:
                continue
            piece = stored.get((triple.old, self.article, *triple.span))
            if piece is None:
                return None
            piece = {**piece, "_meta": triple.meta}
            if triple.source is not None:
                piece["source"], piece["source_id"] = triple.source
            out.setdefault(triple.new, []).append(piece)
        return out


#: Stored articles a write reads at once (to move them, or to apply them whole).
MOVED_PER_READ = 50
#: Characters of stored records the touched articles a write reads at once may hold in
#: all (about 14 BBC articles), and their entity records (about 11): what a piece holds
#: is their records, entity maps, evidence and links.
MOVED_CHARS_PER_READ = 50_000
MOVED_RECORDS_PER_READ = 200


@dataclass(frozen=True)
class PageSize:
    """How many touched articles a write reads at once: at most :attr:`articles`, whose
    stored records hold at most :attr:`chars` characters and :attr:`records` entity
    records in all (an article larger than that is read alone). Bounding what the
    articles hold keeps a piece's memory the same however many articles the write
    touches: the more there are, the fuller the fullest page of a fixed number of
    articles."""

    articles: int
    chars: int
    records: int

    def cut(self, sized: Iterable[Sequence[Any]]) -> list[str]:
        """The first ids of ``sized`` ((id, length of its stored record, its entity
        records), in order) that fit in a page: at least one, at most :attr:`articles`."""
        ids: list[str] = []
        chars = records = 0
        for article_id, length, count in sized:
            chars += length or 0
            records += count or 0
            full = chars > self.chars or records > self.records
            if ids and (len(ids) == self.articles or full):
                break
            ids.append(article_id)
        return ids


@dataclass
class MovedEvidence:
    """The evidence of the touched articles for the relations they change, handed to the
    write's :class:`~kgraph.store.evidence.RelationEvidence` :data:`MOVED_PER_READ`
    articles at a time (their records, :class:`MovedArticle` and links are let go after
    each; the store may keep their pieces itself)."""

    evidence: RelationEvidence
    #: The touched articles applied whole (all their evidence is replaced).
    whole: set[str] = field(default_factory=set)
    #: The relations whose evidence from a moved article changes, and those a touched
    #: article applied whole gives.
    keys: set[RelationKey] = field(default_factory=set)

    def add(self, move: MovedArticle, pieces: Pieces) -> None:
        """A moved article: its stored evidence for the relations it changes replaced by
        ``pieces`` (its stored pieces renamed)."""
        self.evidence.replace((move.article, key) for key in move.changed)
        self.keys |= move.changed
        self.add_pieces(pieces)

    def add_pieces(self, pieces: Pieces) -> None:
        for key, found in pieces.items():
            self.evidence.add(key, found)


def moved_article(
    article_id: str,
    record: dict[str, Any],
    old: dict[str, tuple[str, str]],
    new: dict[str, tuple[str, str]],
) -> MovedArticle | None:
    """An article's move from the entities ``old`` to ``new`` (local id → entity id and
    name), read from its stored record (:func:`to_record`, parsed); None when an entity
    splits or the record is not one it can read."""
    if any(entity["id"] not in old or entity["id"] not in new for entity in record["entities"]):
        return None
    going: dict[str, tuple[str, str]] = {}
    if any(going.setdefault(old[local][0], new[local]) != new[local] for local in new):
        return None  # an entity splits: its triples may stop being self-loops
    before, after = _counts(record, old), _counts(record, new)
    mentions = [
        {"article": article_id, "entity": e, "count": n}
        for e, n in after.items()
        if before.get(e) != n
    ]
    dropped = sorted(set(before) - set(after))
    triples = []
    seen: dict[str, set] = {"old": set(), "new": set()}
    for row in record["triples"]:
        if not row.get("relation") or row["subject"] not in new or row["object"] not in new:
            return None  # its relation comes from its entities' types
        span = (row["start"], row["end"])
        ends = {}
        for side, mapping in (("old", old), ("new", new)):
            key = _triple_key(row, mapping)
            if key is None or (key, span) in seen[side]:
                ends[side] = None
            else:
                seen[side].add((key, span))
                ends[side] = key
        if ends["old"] is None:
            if ends["new"] is not None:
                return None
            continue
        source = row.get("source") or {}
        local = source.get("id")
        renamed = None
        if local in new and new[local] != old[local]:
            renamed = (new[local][1], new[local][0])
        triples.append(MovedTriple(ends["old"], ends["new"], span, renamed, _triple_meta(row)))
    changed = _changed(triples)
    triples = [t for t in triples if t.old in changed or t.new in changed]
    return MovedArticle(article_id, triples, mentions, dropped, changed)


def _counts(record: dict[str, Any], mapping: dict[str, tuple[str, str]]) -> dict[str, int]:
    """An article's MENTIONS counts by graph entity under ``mapping``."""
    counts: dict[str, int] = {}
    for entity in record["entities"]:
        graph_id = mapping[entity["id"]][0]
        counts[graph_id] = counts.get(graph_id, 0) + entity["mentions"]
    return counts


def _triple_key(row: dict[str, Any], mapping: dict[str, tuple[str, str]]) -> RelationKey | None:
    """A stored triple's relation under ``mapping`` (None: a self-loop there)."""
    subject, obj = mapping[row["subject"]][0], mapping[row["object"]][0]
    if subject == obj:
        return None
    return (
        subject,
        obj,
        _relation_key(row["predicate"], row.get("modality", "asserted"), bool(row.get("negated"))),
    )


@lru_cache(maxsize=4096)
def _relation_key(predicate: str, modality: str, negated: bool) -> str:
    """A relation's key (one string for the moved articles that repeat it)."""
    return f"{predicate}|{modality}|{'negated' if negated else 'affirmed'}"


def _triple_meta(row: dict[str, Any]) -> dict[str, Any]:
    """A triple's relation fields: one dict, not to be changed, for the moved articles that
    repeat them."""
    negated = bool(row.get("negated", False))
    return _shared_meta(row["relation"], row["predicate"], negated, row.get("modality", "asserted"))


@lru_cache(maxsize=4096)
def _shared_meta(relation: str, predicate: str, negated: bool, modality: str) -> dict[str, Any]:
    return {
        "type": relationship_type(relation),
        "relation": relation,
        "predicate": predicate,
        "negated": negated,
        "modality": modality,
    }


def _changed(triples: list[MovedTriple]) -> set[RelationKey]:
    """The relations whose evidence from the article changes when it moves."""
    before: dict[RelationKey, list[int]] = {}
    after: dict[RelationKey, list[int]] = {}
    changed = set()
    for n, triple in enumerate(triples):
        before.setdefault(triple.old, []).append(n)
        if triple.new is not None:
            after.setdefault(triple.new, []).append(n)
            if triple.source is not None:
                changed.add(triple.new)
    changed |= {k for k in {*before, *after} if before.get(k) != after.get(k)}
    return changed


def _applied(extraction: Extraction, mapping: dict[str, tuple[str, str]]) -> Extraction:
    """``extraction`` with graph entities (id and name) in place of its own."""
    resolution = Resolution()
    for local_id, (entity_id, name) in mapping.items():
        resolution.entities[entity_id] = Entity(entity_id, name, "", {}, (), 0)
        resolution.mapping[extraction.article.id, local_id] = entity_id
    return apply(resolution, extraction)


def _pieces(
    extraction: Extraction, mapping: dict[str, tuple[str, str]]
) -> dict[RelationKey, list[dict[str, Any]]]:
    """The evidence an article gives each relation under ``mapping`` (local id → entity
    id and name), in the article's order, each with its triple's relation fields."""
    if not mapping or any(e.id not in mapping for e in extraction.entities):
        return {}
    out: dict[RelationKey, list[dict[str, Any]]] = {}
    seen: set[tuple[RelationKey, int, int]] = set()
    for triple in _applied(extraction, mapping).triples:
        row = relation_row(triple)
        key = (row["subject"], row["object"], row["key"])
        if (key, row["start"], row["end"]) in seen:
            continue
        seen.add((key, row["start"], row["end"]))
        piece = {f: row[f] for f in PIECE_FIELDS}
        piece["_meta"] = {f: row[f] for f in RELATION_FIELDS}
        out.setdefault(key, []).append(piece)
    return out


def _first_meta(
    index: StoreIndex,
    key: RelationKey,
    first: dict[str, Any],
    current: dict[str, Any] | None,
    new: list[dict[str, Any]],
) -> dict[str, Any]:
    """The relation fields of a relation's first piece of evidence (its triple's)."""
    if "_meta" in first:
        return first["_meta"]
    stored_first = (current or {}).get("evidence", [{}])[0]
    if current and _where(stored_first) == _where(first):
        return {f: current[f] for f in RELATION_FIELDS}
    article = first["article"]  # an untouched article: its stored mapping still holds
    mapping = {r.local.id: (r.entity, r.entity_name) for r in index.records_of([article])}
    extraction = index.extractions([article])[article]
    for piece in _pieces(extraction, mapping).get(key, []):
        if _where(piece) == _where(first):
            return piece["_meta"]
    return {f: current[f] for f in RELATION_FIELDS} if current else new[0]["_meta"]


def _where(piece: dict[str, Any]) -> tuple:
    return (piece.get("article"), piece.get("start"), piece.get("end"))


def relation_from_pieces(
    key: RelationKey, meta: dict[str, Any], pieces: list[dict[str, Any]]
) -> dict[str, Any]:
    """A whole relation: its identity, fields, ``confidence``, ``evidence_count`` and
    ``evidence`` (pieces of :data:`PIECE_FIELDS`, in order)."""
    evidence = [{f: p[f] for f in PIECE_FIELDS} for p in pieces]
    return {
        "subject": key[0],
        "object": key[1],
        "key": key[2],
        **{f: meta[f] for f in RELATION_FIELDS},
        "type": relationship_type(meta["relation"]),
        "confidence": max(p["confidence"] for p in evidence),
        "evidence_count": len(evidence),
        "evidence": evidence,
    }
