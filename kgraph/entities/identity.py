"""Article-level entities to graph entities: one deterministic step over all articles.

Every article keeps its own entities (:mod:`kgraph.entities.mentions`); this module joins them
across articles. :func:`resolve_entities` is a pure function of the *set* of article-level
records (and the user's overrides), so the graph does not depend on the order, batching
or number of workers that produced them. Rules, in order:

1. **same name**: equal names (case, corporate suffix and the variants of
   ``kgraph/data/name_variants.tsv`` aside: "Tories" → "Conservative Party") are one entity,
   whatever labels the model gave them; the type is the majority of all their labels.
2. **nickname**: "Bernie Ebbers" joins "Bernard Ebbers" when exactly one full name with that
   surname has a first name the nickname list gives for it (the ``nicknames`` package).
3. **acronym**: "UCU" joins the one entity an article defined it for ("University and
   College Union (UCU)", or the initials of a name in the same article).
4. **surname**: a one-word name labelled PERSON ("Brown") joins a full name only when exactly
   one known PERSON full name ends with it; two different full names never join.
5. **overrides**: the user's ``split`` and ``merge`` lines (:mod:`kgraph.entities.overrides`).

Every join is recorded as a merge reason: the rule and the name, with how many
article-level records it stands for and the first of their articles.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kgraph.entities.blocks import components, override_keys, record_keys
from kgraph.entities.lexicon import places
from kgraph.entities.names import (
    TYPE_ORDER,
    entity_key,
    is_acronym,
    is_short_form,
    match_key,
    name_variants,
    spells,
    variant_canonical,
)
from kgraph.models import slugify


@dataclass(frozen=True)
class LocalEntity:
    """One article's entity, as a plain record: what the global step reads."""

    article: str
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    type_votes: tuple[tuple[str, int], ...] = ()
    mentions: int = 1
    #: The type the article decided (its fullest name's labels); default: the votes'.
    type: str = ""

    def __post_init__(self) -> None:
        if not self.type and self.type_votes:
            object.__setattr__(self, "type", majority(Counter(dict(self.type_votes))))


@dataclass(frozen=True)
class Merge:
    """Why a mention belongs to an entity whose name it is not: the rule, the first
    article (in id order) whose record gave it, and how many article-level records did."""

    rule: str
    article: str
    mention: str
    count: int = 1

    def __str__(self) -> str:
        more = f" and {self.count - 1} more" if self.count > 1 else ""
        return f"{self.rule}: {self.mention!r} in article {self.article}{more}"

    def to_text(self) -> str:
        """As a graph keeps it: ``rule|first article|count|mention``."""
        return f"{self.rule}|{self.article}|{self.count}|{self.mention}"

    @classmethod
    def from_text(cls, text: str) -> Merge:
        """A kept merge reason: ``rule|first article|count|mention``, or the shape of
        graphs written before the count (``rule|article|mention``, one record)."""
        parts = text.split("|", 3)
        if len(parts) == 4 and parts[2].isdigit():
            return cls(parts[0], parts[1], parts[3], int(parts[2]))
        rule, article, mention = text.split("|", 2)
        return cls(rule, article, mention)


@dataclass
class Entity:
    """A graph entity: its id, canonical name, type, votes, aliases and merge reasons."""

    id: str
    name: str
    type: str
    type_votes: dict[str, int]
    aliases: tuple[str, ...]
    mentions: int
    merges: tuple[Merge, ...] = ()


@dataclass
class Resolution:
    """Article-level entities mapped to graph entities."""

    entities: dict[str, Entity] = field(default_factory=dict)
    #: (article id, local entity id) → graph entity id.
    mapping: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class Overrides:
    """The user's corrections: ``merge`` pairs (target, other) and ``split`` pairs."""

    merges: tuple[tuple[str, str], ...] = ()
    splits: tuple[tuple[str, str], ...] = ()


def majority(votes: Counter[str]) -> str:
    """The most voted type; ties go to the earlier of :data:`TYPE_ORDER`."""
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    return min(votes, key=lambda t: (-votes[t], order.get(t, len(order)), t))


@cache
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


def nickname_of(nickname: str, name: str) -> bool:
    """True when ``nickname`` is a known short form of the first name ``name`` (Bernie, Bernard)."""
    return name.casefold() in _nicknamer().canonicals_of(nickname.casefold())


_key = entity_key


class _Groups:
    """Union–find over record indices; the smaller root wins, so the result is order-free."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.rule: dict[int, str] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, rule: str | None = None) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            if rule:
                self.rule.setdefault(b, rule)

    def members(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            groups[self.find(i)].append(i)
        return groups


def resolve_entities(
    records: Iterable[LocalEntity], overrides: Overrides = Overrides()
) -> Resolution:
    """Join article-level entities into graph entities (a pure function of the set).

    The records are resolved block by block (:mod:`kgraph.entities.blocks`): no rule
    looks outside a block, so this equals :func:`resolve_block` of all of them at once.
    """
    recs = sorted(set(records), key=record_order)
    keysets = [record_keys(r) for r in recs]
    extra = override_keys(overrides)
    pairs = (*overrides.splits, *overrides.merges)
    result = Resolution()
    for part in components([*keysets, *extra]):
        block = [recs[i] for i in part if i < len(recs)]
        if not block:
            continue
        chosen = {i - len(recs) for i in part if i >= len(recs)}
        resolved = resolve_block(block, _subset(overrides, pairs, chosen))
        result.entities.update(resolved.entities)
        result.mapping.update(resolved.mapping)
    result.entities = dict(sorted(result.entities.items()))
    return result


def record_order(record: LocalEntity) -> tuple[str, str, str]:
    """The order records are resolved in (article, local id, name): any order gives it."""
    return (record.article, record.id, record.name)


def _subset(overrides: Overrides, pairs: tuple, chosen: set[int]) -> Overrides:
    """The overrides whose positions (splits first, then merges) are ``chosen``, in order."""
    splits = len(overrides.splits)
    return Overrides(
        tuple(p for n, p in enumerate(overrides.merges) if n + splits in chosen),
        tuple(p for n, p in enumerate(overrides.splits) if n in chosen),
    )


def resolve_block(records: Iterable[LocalEntity], overrides: Overrides = Overrides()) -> Resolution:
    """Resolve records all at once, whatever their blocks (the rules, in order), as
    their alike records (:mod:`kgraph.entities.summaries`)."""
    from kgraph.entities.summaries import resolve_summaries, summarise  # built on this module

    return resolve_summaries(summarise(records), overrides)


def resolve_classes(
    recs: list[LocalEntity],
    clashes: list[bool],
    refs: list[tuple[tuple[str, str], ...]],
    counts: list[int],
    overrides: Overrides = Overrides(),
) -> Resolution:
    """Resolve records sorted by :func:`record_order`, each standing for ``counts``
    records that resolve alike (those of ``refs`` (article, local id) among them, mapped
    to their entities): its ``mentions`` and ``type_votes`` are theirs summed, its article
    and id their first one's, ``clashes`` their surname clash."""
    groups = _Groups(len(recs))
    keys = [_key(r.name) for r in recs]
    types = [r.type for r in recs]
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        by_key[key].append(i)
    full = [i for i, k in enumerate(keys) if len(k.split()) > 1]
    for i in full:  # 1. same name
        groups.union(by_key[keys[i]][0], i, "same name")
    _join_nicknames(keys, types, full, by_key, groups)
    single = [i for i, k in enumerate(keys) if len(k.split()) == 1]
    joined = _join_acronyms(recs, keys, single, groups)
    joined |= _join_surnames(recs, keys, types, single, joined, groups, clashes)
    for i in single:
        if i not in joined:
            groups.union(by_key[keys[i]][0], i, "same name")
    members = list(groups.members().values())
    members = _apply_overrides(recs, members, overrides)
    return _build(recs, members, groups.rule, overrides, refs, counts)


def _join_nicknames(keys, types, full, by_key, groups: _Groups) -> None:
    by_surname: dict[str, set[str]] = defaultdict(set)
    for i in full:
        if types[i] == "PERSON":
            first, rest = keys[i].split(" ", 1)
            by_surname[rest].add(first)
    for i in full:
        if types[i] != "PERSON":
            continue
        first, rest = keys[i].split(" ", 1)
        formal = sorted(f for f in by_surname[rest] if f != first and nickname_of(first, f))
        if len(formal) == 1:
            groups.union(by_key[f"{formal[0]} {rest}"][0], i, "nickname")


def _join_acronyms(recs, keys, single, groups: _Groups) -> set[int]:
    defined: dict[str, set[int]] = defaultdict(set)  # acronym → records defining it
    for i, rec in enumerate(recs):
        for alias in rec.aliases:
            if is_acronym(alias) and spells(alias, rec.name):
                defined[alias.upper()].add(i)
    joined = set()
    for i in single:
        name = recs[i].name
        if not is_acronym(name) or name.upper() not in defined:
            continue
        targets = {groups.find(j) for j in defined[name.upper()]}
        if len(targets) == 1:
            groups.union(min(defined[name.upper()]), i, "acronym")
            joined.add(i)
    return joined


def _join_surnames(recs, keys, types, single, joined: set[int], groups: _Groups, clashes):
    fulls: dict[str, set[int]] = defaultdict(set)  # surname → roots of PERSON full names
    for i, key in enumerate(keys):
        if types[i] == "PERSON" and len(key.split()) > 1:
            fulls[key.split()[-1]].add(groups.find(i))
    placed = {key for key, type_ in zip(keys, types) if type_ in PLACE_USES}
    done = set()
    for i in single:
        rec = recs[i]
        if i in joined or "PERSON" not in dict(rec.type_votes) or types[i] not in ("PERSON", ""):
            continue
        candidates = fulls.get(keys[i], set())
        if (
            len(candidates) == 1
            and not clashes[i]
            and not _place_name(recs[i].name, keys[i], placed)
        ):
            groups.union(next(iter(candidates)), i, "surname")
            done.add(i)
    return done


#: Types of a one-word name that, given to it anywhere, make it a place's or a team's name:
#: "Bolton" the town or the club, which a PERSON label elsewhere does not make John Bolton.
PLACE_USES = {"GPE", "LOC", "FAC", "ORG"}


def _place_name(name: str, key: str, placed: set[str]) -> bool:
    """Whether a one-word name is a country's or a city's that another record of the
    same name (its key in ``placed``) types as a place or an organization: then its PERSON
    label is the model's slip ("a doctor from Bolton", "a trip to Bolton"), not the surname
    of a person named in full elsewhere. Names no record uses so ("Clinton") still join."""
    if key not in placed:
        return False
    gazetteer = places()
    return gazetteer.country(name) is not None or gazetteer.city_country(name) is not None


def _find_group(recs, members: list[list[int]], name: str, preferred: set[str]) -> int | None:
    """The group an override's ``name`` means: the one whose entity would have that exact
    id or name (else that name in another case); the most mentioned of several."""
    labels = _labels(recs, members, preferred)
    hits = [g for g, (entity_id, entity_name) in labels.items() if name in (entity_id, entity_name)]
    if not hits:
        wanted = name.casefold()
        hits = [g for g, (_, entity_name) in labels.items() if entity_name.casefold() == wanted]
    return min(hits, key=lambda g: -_mentions(recs, members[g])) if hits else None


def _labels(recs, members: list[list[int]], preferred: set[str]) -> dict[int, tuple[str, str]]:
    """The id and name each (non-empty) group's entity would get."""
    drafts = [(g, _name(recs, group, preferred)) for g, group in enumerate(members) if group]
    ids = _ids([(sorted(members[g]), name) for g, name in drafts], recs)
    return {g: (entity_id, name) for (g, name), entity_id in zip(drafts, ids)}


def _apply_overrides(recs, members: list[list[int]], overrides: Overrides) -> list[list[int]]:
    members = [list(m) for m in members]
    preferred = {_key(t) for t, _ in overrides.merges}
    for entity, alias in overrides.splits:
        g = _find_group(recs, members, entity, preferred)
        if g is None:
            continue
        wanted = alias.casefold()
        out = [
            i
            for i in members[g]
            if recs[i].name.casefold() == wanted
            or wanted in (a.casefold() for a in recs[i].aliases)
        ]
        if out and len(out) < len(members[g]):
            members[g] = [i for i in members[g] if i not in out]
            members.append(out)
    for target, other in overrides.merges:
        a = _find_group(recs, members, target, preferred)
        b = _find_group(recs, members, other, preferred)
        if a is not None and b is not None and a != b:
            members[a] = members[a] + members[b]
            members[b] = []
    return [sorted(m) for m in members if m]


def _name(recs, group: list[int], preferred: set[str]) -> str:
    """The name of a group's entity: a merge target's, a formal one, the longest, the most
    mentioned, in that order."""
    names: Counter[str] = Counter()
    informal = _informal({recs[i].name for i in group})
    for i in group:
        names[variant_canonical(recs[i].name)] += recs[i].mentions
    return max(
        names,
        key=lambda n: (_key(n) in preferred, n not in informal, len(n.split()), names[n], n),
    )


def _ids(drafts: list[tuple[list[int], str]], recs) -> list[str]:
    """Entity ids of (sorted group, name) drafts, in their order: the slug of the name,
    ``-2``, ``-3``... for the less mentioned of entities with one slug (never an id twice)."""
    order = sorted(
        range(len(drafts)),
        key=lambda d: (slugify(drafts[d][1]), -_mentions(recs, drafts[d][0]), drafts[d][0][0]),
    )
    seen: Counter[str] = Counter()
    used: set[str] = set()
    ids = [""] * len(drafts)
    for d in order:
        slug = slugify(drafts[d][1])
        seen[slug] += 1
        entity_id = slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"
        while entity_id in used:  # "Brown 2" took "brown-2": the second Brown goes on
            seen[slug] += 1
            entity_id = f"{slug}-{seen[slug]}"
        used.add(entity_id)
        ids[d] = entity_id
    return ids


def _build(
    recs, members: list[list[int]], rules: dict[int, str], overrides: Overrides, refs, counts
):
    preferred = {_key(t) for t, _ in overrides.merges}
    names = [_name(recs, group, preferred) for group in members]
    ids = _ids(list(zip(members, names)), recs)
    result = Resolution()
    for group, name, entity_id in sorted(zip(members, names, ids), key=lambda d: d[2]):
        votes: Counter[str] = Counter()
        decided: Counter[str] = Counter()
        for i in group:
            votes.update(dict(recs[i].type_votes))
            if recs[i].type:
                decided[recs[i].type] += recs[i].mentions
        aliases = {n for i in group for n in (recs[i].name, *recs[i].aliases)} - {name}
        result.entities[entity_id] = Entity(
            entity_id,
            name,
            majority(decided or votes) if (decided or votes) else "",
            dict(sorted(votes.items())),
            tuple(sorted(aliases)),
            _mentions(recs, group),
            _reasons(recs, group, name, rules, counts),
        )
        for i in group:
            for ref in refs[i]:
                result.mapping[ref] = entity_id
    return result


def _mentions(recs, group: list[int]) -> int:
    return sum(recs[i].mentions for i in group)


def _reasons(recs, group, name: str, rules: dict[int, str], counts: list[int]):
    """Why the records of each class (and each name their articles joined) belong to the
    entity ``name``: one reason per rule and name, with how many records give it and
    the first of their articles."""
    found: dict[tuple[str, str], tuple[str, int]] = {}

    def add(rule: str, mention: str, article: str, count: int) -> None:
        first, before = found.get((rule, mention), (article, 0))
        found[rule, mention] = (min(first, article), before + count)

    for i in group:
        rec = recs[i]
        if rec.name != name:
            add(_rule(rec.name, name, rules.get(i, "joined")), rec.name, rec.article, counts[i])
        for alias in rec.aliases:
            if alias.casefold() != name.casefold():
                rule = f"in article: {_article_rule(alias, rec.name)}"
                add(rule, alias, rec.article, counts[i])
    reasons = [Merge(r, article, m, n) for (r, m), (article, n) in found.items()]
    return tuple(sorted(reasons, key=lambda m: (m.rule, m.article, m.mention)))


def _rule(mention: str, name: str, history: str) -> str:
    """The rule that relates ``mention`` to the entity's ``name`` (else how it was joined)."""
    if _key(mention) == _key(name):
        return "variant" if mention.casefold() in name_variants() else "same name"
    if is_acronym(mention) and spells(mention, name):
        return "acronym"
    if len(mention.split()) == 1 and is_short_form(mention, name):
        return "surname"
    if _nickname_pair(mention, name):
        return "nickname"
    return "override" if history in ("joined", "same name") else history


def _nickname_pair(a: str, b: str) -> bool:
    wa, wb = a.casefold().split(), b.casefold().split()
    return len(wa) > 1 and wa[1:] == wb[1:] and wa[0] != wb[0] and nickname_of(wa[0], wb[0])


def _informal(names: set[str]) -> set[str]:
    """Names whose first name is a nickname of another name's ("Bernie Ebbers")."""
    return {a for a in names if any(_nickname_pair(a, b) for b in names)}


def _article_rule(alias: str, name: str) -> str:
    if is_acronym(alias) and spells(alias, name):
        return "acronym"
    if is_short_form(alias, name):
        return "surname"
    if len(alias.split()) == 1 and name.split()[0] == alias:
        return "first name"
    if match_key(alias) == match_key(name):
        return "same name"
    return "alias"
