"""Records that resolve alike, summarised: what resolution reads of a block, bounded.

The rules of :mod:`kgraph.entities.identity` read of a record its name, aliases, type, the
labels it was given, and whether its one-word name is the surname of a PERSON full name
of its own article (the *surname clash*); its mentions and type votes only count summed,
and its article and local id only order the records and name the merge reasons. Records
alike in all the rest (a *signature*) always join the same entity, so a block resolves as
its signatures, each with its records' refs, mentions and votes summed: a popular name's
thousand records become the few ways it is written, and
:func:`~kgraph.entities.identity.resolve_block` resolves the summaries of its records.

A store keeps each record's surname clash with it (:func:`surname_clashes`: it depends on
the record's own article only), so it can hand a write each signature's records already
summed (:class:`AlikeSummary`: the first one's article and id, how many, their mentions)
without one row per record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kgraph.entities.identity import (
    LocalEntity,
    Overrides,
    Resolution,
    record_order,
    resolve_classes,
)
from kgraph.entities.names import entity_key

#: What the rules read of a record: name, aliases, labels, type, surname clash.
Signature = tuple[str, tuple[str, ...], tuple[str, ...], str, bool]


@dataclass(frozen=True)
class RecordSummary:
    """The records of one signature: the first one's article and id, their mentions and
    type votes summed, how many they are, and the (article, local id) of those known one
    by one (the first always among them)."""

    record: LocalEntity
    clash: bool
    refs: tuple[tuple[str, str], ...]
    count: int

    @property
    def signature(self) -> Signature:
        return signature(self.record, self.clash)


def signature(record: LocalEntity, clash: bool) -> Signature:
    """The part of a record the rules read (its counts, article and id aside)."""
    return (record.name, record.aliases, _labels(record.type_votes), record.type, clash)


@dataclass(frozen=True)
class AlikeRecords:
    """Records alike but for their article, local id and mentions, as columns: how a
    store hands a write a block's records without a record object each."""

    name: str
    aliases: tuple[str, ...]
    type_votes: tuple[tuple[str, int], ...]
    type: str
    refs: tuple[tuple[str, str], ...]
    mentions: tuple[int, ...]

    @classmethod
    def of(cls, record: LocalEntity) -> AlikeRecords:
        return cls(
            record.name,
            record.aliases,
            record.type_votes,
            record.type,
            ((record.article, record.id),),
            (record.mentions,),
        )


@dataclass(frozen=True)
class AlikeSummary:
    """Records alike in all the rules read (their surname clash given), already summed
    by a store: each one's type votes, the first one's (article, local id), how many they
    are and their mentions summed."""

    name: str
    aliases: tuple[str, ...]
    type_votes: tuple[tuple[str, int], ...]
    type: str
    clash: bool
    first: tuple[str, str]
    count: int
    mentions: int

    @property
    def signature(self) -> Signature:
        return (self.name, self.aliases, _labels(self.type_votes), self.type, self.clash)


def surname_clashes(records: list[LocalEntity]) -> list[bool]:
    """The surname clash of each of ``records`` (give whole articles): whether its
    one-word name is the last word of a PERSON full name of its own article."""
    surnames = _surnames_by_article([AlikeRecords.of(r) for r in records])
    return [_clash(r.name, surnames.get(r.article, set())) for r in records]


def _clash(name: str, surnames: set[str]) -> bool:
    key = entity_key(name).casefold()
    return len(key.split()) == 1 and key in surnames


def summarise(records: Iterable[LocalEntity]) -> list[RecordSummary]:
    """The records as one summary per signature, in the order of their first records.

    The surname clash of a record is read from the records of its article among
    ``records``: give whole articles (or whole blocks)."""
    return summarise_alike(AlikeRecords.of(r) for r in set(records))


def summarise_alike(
    groups: Iterable[AlikeRecords], summed: Iterable[AlikeSummary] = ()
) -> list[RecordSummary]:
    """:func:`summarise` of the records of ``groups`` (a record given twice counts once)
    and of those ``summed`` (each given once)."""
    groups = list(groups)
    surnames = _surnames_by_article(groups)
    classes: dict[Signature, dict[tuple[str, str], int]] = {}
    votes: dict[Signature, Counter[str]] = {}
    extra: dict[Signature, list[AlikeSummary]] = {}
    for group in groups:
        for clash, members in _by_clash(group, surnames).items():
            sig = (group.name, group.aliases, _labels(group.type_votes), group.type, clash)
            refs = classes.setdefault(sig, {})
            before = len(refs)
            refs.update(members)
            added = len(refs) - before
            votes.setdefault(sig, Counter()).update({t: n * added for t, n in group.type_votes})
    for alike in summed:
        sig = alike.signature
        classes.setdefault(sig, {})
        extra.setdefault(sig, []).append(alike)
        votes.setdefault(sig, Counter()).update({t: n * alike.count for t, n in alike.type_votes})
    summaries = [
        _summary(sig, refs, extra.get(sig, []), votes[sig]) for sig, refs in classes.items()
    ]
    return sorted(summaries, key=lambda s: record_order(s.record))


def _by_clash(group: AlikeRecords, surnames: dict[str, set[str]]) -> dict[bool, list]:
    """The (ref, mentions) of a group's records by their surname clash."""
    key = entity_key(group.name).casefold()
    if len(key.split()) != 1:
        return {False: list(zip(group.refs, group.mentions))}
    parts: dict[bool, list] = {}
    for ref, mentions in zip(group.refs, group.mentions):
        parts.setdefault(key in surnames.get(ref[0], ()), []).append((ref, mentions))
    return parts


def _surnames_by_article(groups: list[AlikeRecords]) -> dict[str, set[str]]:
    """The last words of the PERSON full names of each article: the one-word names a record
    of that article may not join by surname (the tail of a full name, as
    :func:`~kgraph.entities.names.is_short_form` reads it)."""
    out: dict[str, set[str]] = {}
    for group in groups:
        words = entity_key(group.name).casefold().split()
        if group.type == "PERSON" and len(words) > 1:
            for article, _ in group.refs:
                out.setdefault(article, set()).add(words[-1])
    return out


def _labels(type_votes: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    return tuple(sorted(label for label, _ in type_votes))


def _summary(
    sig: Signature,
    refs: dict[tuple[str, str], int],
    summed: list[AlikeSummary],
    votes: Counter[str],
) -> RecordSummary:
    name, aliases, _, type_, clash = sig
    ordered = tuple(sorted({*refs, *(s.first for s in summed)}))
    first = ordered[0]
    mentions = sum(refs.values()) + sum(s.mentions for s in summed)
    count = len(refs) + sum(s.count for s in summed)
    record = LocalEntity(
        first[0], first[1], name, aliases, tuple(sorted(votes.items())), mentions, type_
    )
    return RecordSummary(record, clash, ordered, count)


def resolve_summaries(
    summaries: Iterable[RecordSummary], overrides: Overrides | None = None
) -> Resolution:
    """Resolve summarised records: the resolution of the records they stand for."""
    ordered = sorted(summaries, key=lambda s: record_order(s.record))
    records, clashes = [s.record for s in ordered], [s.clash for s in ordered]
    refs, counts = [s.refs for s in ordered], [s.count for s in ordered]
    return resolve_classes(records, clashes, refs, counts, overrides or Overrides())
