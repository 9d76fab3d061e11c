"""Named mentions to entities: one entity per real-world name within an article.

"Donald Trump" and "Trump" become one PERSON; "U.S.", "US" and "the United States" one
GPE. Pronouns and descriptions ("he", "the computer giant") are :mod:`kgraph.coref`'s.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from kgraph.junk import name_part
from kgraph.models import ENTITY_TYPES, EntityRef, Extraction

#: Well-known alternative names, keyed by their case-folded form.
KNOWN_ALIASES = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union",
    "un": "United Nations",
    "u.n.": "United Nations",
}
#: Types an alias table entry may be recognized as, mapped to the type it gets.
_PLACE_TYPES = {"GPE", "LOC", "NORP", "ORG"}
_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady|prof|president)\.?\s+", re.I)
_CORPORATE_SUFFIX = re.compile(r"[\s,]+(?:inc|corp|corporation|ltd|llc|plc|co|group)\.?$", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Mention:
    """A stretch of tokens that names an entity, and how it was recognized."""

    start: int
    end: int
    entity: EntityRef
    via: str = "name"  # "name" for a named mention, "coref" for a pronoun or description


def clean_name(text: str) -> str:
    """A mention's name without a leading article, honorific or possessive ending."""
    name = " ".join(text.split())
    name = re.sub(r"^(?:the|an?)\s+", "", name, flags=re.I)
    name = _POSSESSIVE.sub("", name) if name.endswith(("'s", "’s")) else name
    return _HONORIFICS.sub("", name).strip(" ,;:-\"'“”") or name


def canonical(name: str, type_: str) -> tuple[str, str]:
    """The canonical name and type of a cleaned name (known aliases applied)."""
    known = KNOWN_ALIASES.get(name.casefold())
    if known and type_ in _PLACE_TYPES:
        return known, "GPE" if known == "United States" or known == "United Kingdom" else type_
    return name, type_


def _match_key(name: str) -> str:
    return _CORPORATE_SUFFIX.sub("", name).casefold()


def _is_short_form(short: str, full: str) -> bool:
    """True when ``short`` is the tail of ``full`` ("Trump" of "Donald Trump")."""
    short_words, full_words = short.casefold().split(), full.casefold().split()
    return len(short_words) < len(full_words) and full_words[-len(short_words) :] == short_words


def _name_preference(member: tuple[str, str], count: int) -> tuple[bool, int, int, str]:
    name = member[0]
    return (_match_key(name) == name.casefold(), len(name.split()), count, name)


def named_spans(doc: Doc) -> list[Span]:
    """The entity spans of a doc whose label kgraph keeps as a node, junk left out."""
    spans = (name_part(ent) for ent in doc.ents if ent.label_ in ENTITY_TYPES)
    return [span for span in spans if span is not None and clean_name(span.text)]


def cluster_names(names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], EntityRef]:
    """Group canonical (name, type) pairs into entities; map each pair to its entity.

    Names that differ only by corporate suffix merge; a PERSON name that is the tail of a
    longer PERSON name ("Trump", "Donald Trump") merges into it when that is unambiguous.
    """
    counts = Counter(names)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for name, type_ in counts:
        groups[(_match_key(name), type_)].append((name, type_))
    persons = [key for key in groups if key[1] == "PERSON"]
    merged: dict[tuple[str, str], tuple[str, str]] = {}
    for key in persons:
        longer = [other for other in persons if _is_short_form(key[0], other[0])]
        if len(longer) == 1:
            merged[key] = longer[0]
    for short, long in merged.items():
        while long in merged:
            long = merged[long]
        groups[long].extend(groups.pop(short))
    result: dict[tuple[str, str], EntityRef] = {}
    for members in groups.values():
        name = max(members, key=lambda m: _name_preference(m, counts[m]))[0]
        type_ = Counter(t for _, t in members).most_common(1)[0][0]
        aliases = tuple(sorted({n for n, _ in members} - {name}))
        entity = EntityRef.make(name, type_, aliases)
        for member in members:
            result[member] = entity
    return result


#: Nouns that only an organization has: "Twitter's chairman", "Activision chief executive".
ORGANIZATION_CUES = {
    "chairman",
    "chairwoman",
    "executive",
    "ceo",
    "board",
    "shares",
    "share",
    "stock",
    "shareholder",
    "headquarters",
    "employee",
    "staff",
    "subsidiary",
    "takeover",
    "acquisition",
    "user",
    "app",
    "platform",
    "founder",
}


def _organization_names(spans: list[Span]) -> set[str]:
    """PERSON-labelled names used the way only organizations are (a small-model slip)."""
    flagged = set()
    for span in spans:
        head = span.root
        if span.label_ == "PERSON" and head.dep_ in ("compound", "poss"):
            noun = head.head
            if noun.lemma_.lower() in ORGANIZATION_CUES and noun.ent_type_ != "PERSON":
                flagged.add(clean_name(span.text))
    return flagged


def _label(span: Span, organizations: set[str], surface: str) -> str:
    return "ORG" if span.label_ == "PERSON" and surface in organizations else span.label_


def resolve_mentions(doc: Doc) -> list[Mention]:
    """Named mentions of a doc, each tied to its entity within the article."""
    spans = named_spans(doc)
    surfaces = [clean_name(span.text) for span in spans]
    organizations = _organization_names(spans)
    pairs = [
        canonical(name, _label(span, organizations, name)) for name, span in zip(surfaces, spans)
    ]
    entities = cluster_names(pairs)
    aliases: dict[str, set[str]] = defaultdict(set)
    for surface, pair in zip(surfaces, pairs):
        aliases[entities[pair].id].add(surface)
    final = {
        entity.id: replace(entity, aliases=tuple(sorted(aliases[entity.id] - {entity.name})))
        for entity in entities.values()
    }
    return [
        Mention(span.start, span.end, final[entities[pair].id]) for span, pair in zip(spans, pairs)
    ]


class EntityDirectory:
    """Entities already in the graph, so a later article's "Trump" joins "Donald Trump".

    An incoming entity takes the id of a known one of the same type when its name is that
    entity's name or alias, or (for people) the tail of exactly one known full name.
    Anything ambiguous stays a separate entity: a wrong merge is worse than a missed one.
    """

    def __init__(self, known: Iterable[EntityRef] = ()) -> None:
        self._by_id: dict[str, EntityRef] = {}
        self._by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entity in known:
            self.add(entity)

    def add(self, entity: EntityRef) -> None:
        """Remember an entity (and its aliases) as known."""
        known = self._by_id.get(entity.id)
        if known:
            aliases = (set(known.aliases) | set(entity.aliases)) - {known.name}
            entity = replace(known, aliases=tuple(sorted(aliases)))
        self._by_id[entity.id] = entity
        for name in (entity.name, *entity.aliases):
            self._by_name[(entity.type, name.casefold())].add(entity.id)

    def canonical(self, entity: EntityRef) -> EntityRef:
        """The known entity that ``entity`` names (with its names as aliases), or itself."""
        known = self._find(entity)
        if known is None or known.id == entity.id:
            return entity
        aliases = (set(known.aliases) | set(entity.aliases) | {entity.name}) - {known.name}
        return replace(known, aliases=tuple(sorted(aliases)))

    def _find(self, entity: EntityRef) -> EntityRef | None:
        if entity.id in self._by_id:
            return self._by_id[entity.id]
        for name in (entity.name, *entity.aliases):
            ids = self._by_name.get((entity.type, name.casefold()), set())
            if len(ids) == 1:
                return self._by_id[next(iter(ids))]
        if entity.type == "PERSON":
            fuller = {
                known.id
                for known in self._by_id.values()
                if known.type == "PERSON" and _is_short_form(entity.name, known.name)
            }
            if len(fuller) == 1:
                return self._by_id[fuller.pop()]
        return None

    def resolve(self, extraction: Extraction) -> Extraction:
        """Map an article's entities and triples onto known entities, then learn its new ones."""
        mapping = {e.id: self.canonical(e) for e in extraction.entities}

        def mapped(entity: EntityRef) -> EntityRef:
            return mapping.get(entity.id, entity)

        counts: Counter[str] = Counter()
        for entity_id, count in extraction.mention_counts.items():
            counts[mapping[entity_id].id if entity_id in mapping else entity_id] += count
        triples = tuple(
            replace(t, subject=mapped(t.subject), object=mapped(t.object))
            for t in extraction.triples
            if mapped(t.subject).id != mapped(t.object).id
        )
        entities = tuple({e.id: e for e in mapping.values()}.values())
        for entity in entities:
            self.add(entity)
        return replace(extraction, entities=entities, mention_counts=dict(counts), triples=triples)
