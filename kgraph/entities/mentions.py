"""Named mentions to entities: one entity per real-world name within an article.

Across articles, :mod:`kgraph.entities.identity` joins these article-level entities.

"Donald Trump" and "Trump" become one PERSON; "U.S.", "US" and "the United States" one
GPE. Pronouns and descriptions ("he", "the computer giant") are :mod:`kgraph.entities.coref`'s.
The rules on names alone (cleaning, aliases, clustering) are :mod:`kgraph.entities.names`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from kgraph.entities.junk import name_part
from kgraph.entities.names import PEER_TITLES, canonical, clean_name, cluster_names
from kgraph.entities.types import ORGANIZATION_CUES, PERSONAL_TITLES, decide_type, type_evidence
from kgraph.models import ENTITY_TYPES, EntityRef


@dataclass(frozen=True)
class Mention:
    """A stretch of tokens that names an entity, and how it was recognized."""

    start: int
    end: int
    entity: EntityRef
    via: str = "name"  # "name" for a named mention, "coref" for a pronoun or description


def named_spans(doc: Doc) -> list[Span]:
    """The entity spans of a doc whose label kgraph keeps as a node, junk left out."""
    spans = (name_part(ent) for ent in doc.ents if ent.label_ in ENTITY_TYPES)
    return [span for span in spans if span is not None and clean_name(span.text)]


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
    if span.label_ == "PERSON" and surface in organizations:
        return "ORG"
    titled = span[0].lower_ in PERSONAL_TITLES or (
        span.start > 0 and span.doc[span.start - 1].lower_ in PERSONAL_TITLES
    )
    return "PERSON" if titled and span.label_ in ("ORG", "GPE", "NORP") else span.label_


def _titled(span: Span, name: str) -> str:
    """``name`` with the peer title just before its span ("Lord" + "Roberts")."""
    before = span.doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in PEER_TITLES and span.label_ == "PERSON":
        return f"{before.text} {name}"
    return name


def resolve_mentions(doc: Doc) -> list[Mention]:
    """Named mentions of a doc, each tied to its entity within the article."""
    spans = named_spans(doc)
    surfaces = [_titled(span, clean_name(span.text)) for span in spans]
    organizations = _organization_names(spans)
    pairs = [
        canonical(name, _label(span, organizations, name)) for name, span in zip(surfaces, spans)
    ]
    entities = cluster_names(pairs)
    aliases: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    for surface, pair, span in zip(surfaces, pairs, spans):
        aliases[entities[pair].id].add(surface)
        evidence[entities[pair].id].update(type_evidence(span))
    final = {
        entity.id: replace(
            entity,
            type=decide_type(Counter(dict(entity.type_votes)), evidence[entity.id], entity.type),
            aliases=tuple(sorted((aliases[entity.id] | set(entity.aliases)) - {entity.name})),
        )
        for entity in entities.values()
    }
    return [
        Mention(span.start, span.end, final[entities[pair].id]) for span, pair in zip(spans, pairs)
    ]
