"""Records that resolve alike, summarised: what resolution reads of a block, bounded.

The rules of :mod:`kgraph.entities.identity` read of a record its name, aliases, type, the
labels it was given, and whether its one-word name is the surname of a PERSON full name
of its own article (the *surname clash*); its mentions and type votes only count summed,
and its article and local id only order the records and name the merge reasons. Records
alike in all the rest (a *signature*) always join the same entity, so a block resolves as
its signatures, each with its records' refs, mentions and votes summed: a popular name's
thousand records become the few ways it is written. :func:`resolve_summaries` of the
summaries gives what :func:`~kgraph.entities.identity.resolve_block` of the records gives.
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
    surname_clashes,
)

#: What the rules read of a record: name, aliases, labels, type, surname clash.
Signature = tuple[str, tuple[str, ...], tuple[str, ...], str, bool]


@dataclass(frozen=True)
class RecordSummary:
    """The records of one signature: the first one's article and id, their mentions and
    type votes summed, and the (article, local id) of each."""

    record: LocalEntity
    clash: bool
    refs: tuple[tuple[str, str], ...]

    @property
    def signature(self) -> Signature:
        return signature(self.record, self.clash)


def signature(record: LocalEntity, clash: bool) -> Signature:
    """The part of a record the rules read (its counts, article and id aside)."""
    labels = tuple(sorted(label for label, _ in record.type_votes))
    return (record.name, record.aliases, labels, record.type, clash)


def summarise(records: Iterable[LocalEntity]) -> list[RecordSummary]:
    """The records as one summary per signature, in the order of their first records.

    The surname clash of a record is read from the records of its article among
    ``records``: give whole articles (or whole blocks)."""
    recs = sorted(set(records), key=record_order)
    classes: dict[Signature, list[LocalEntity]] = {}
    for record, clash in zip(recs, surname_clashes(recs)):
        classes.setdefault(signature(record, clash), []).append(record)
    return [_summary(members, sig[4]) for sig, members in classes.items()]


def _summary(members: list[LocalEntity], clash: bool) -> RecordSummary:
    first = members[0]
    votes: Counter[str] = Counter()
    for member in members:
        votes.update(dict(member.type_votes))
    record = LocalEntity(
        first.article,
        first.id,
        first.name,
        first.aliases,
        tuple(sorted(votes.items())),
        sum(m.mentions for m in members),
        first.type,
    )
    return RecordSummary(record, clash, tuple((m.article, m.id) for m in members))


def resolve_summaries(
    summaries: Iterable[RecordSummary], overrides: Overrides | None = None
) -> Resolution:
    """Resolve summarised records: the resolution of the records they stand for."""
    ordered = sorted(summaries, key=lambda s: record_order(s.record))
    records, clashes = [s.record for s in ordered], [s.clash for s in ordered]
    return resolve_classes(records, clashes, [s.refs for s in ordered], overrides or Overrides())
