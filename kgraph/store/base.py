"""What every graph store offers, and the graph schema both stores share.

Schema (the same in the local graph and in Neo4j; see README, "Graph schema"):

- ``(:Entity {id, name, type, type_votes, aliases, mentions, merges})``: one node per
  real-world entity; ``id`` is the slug of its name (``-2``, ``-3`` … only where two
  entities share a name), ``type_votes`` lists ``TYPE:count`` of its mentions' labels and
  ``merges`` why each other name joined it (``rule|first article|records|mention``:
  one line per rule and name, with how many article-level records gave it; graphs
  written before this kept ``rule|article|mention``, one line per article).
- ``(:Article {id, title, published, url, source, content_hash, text_kind})``: one node per
  article (``text_kind: "summary"`` only on a feed item read from its summary).
- ``(:Article)-[:MENTIONS {count}]->(:Entity)``.
- ``(:Entity)-[:RELATION_TYPE {relation, predicate, key, negated, modality, confidence,
  evidence_count, articles, sentences, starts, ends, published, confidences, surfaces, patterns,
  sources, source_ids, whens, when_texts}]->(:Entity)``: the type is the triple's
  ``relation`` in UPPER_SNAKE (``HEAD_OF``;
  ``RELATED_TO`` for ``other``), the open ``predicate`` a property; one relationship per
  (subject, predicate, object, negated, modality); each new piece of evidence appends to
  the parallel evidence lists (deduplicated by article and offsets) and raises
  ``confidence`` to the best seen. ``sources``/``source_ids`` name who a reported
  statement comes from (an entity's name and id; an unnamed source's words with an empty
  id; both empty when none), ``whens``/``when_texts`` when it happened (an ISO interval
  ``start/end`` and the time expression; empty when none).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from kgraph.entities.identity import Entity
from kgraph.models import EntityRef, Extraction, Triple
from kgraph.relations import relationship_type

#: Node id prefix of article nodes in the local graph.
ARTICLE_PREFIX = "article:"
#: Fields of one piece of evidence, in the order of a relation's evidence lists.
PIECE_FIELDS = (
    "article",
    "sentence",
    "start",
    "end",
    "published",
    "confidence",
    "surface",
    "pattern",
    "source",
    "source_id",
    "when",
    "when_text",
)


def relation_key(triple: Triple) -> str:
    """The key that makes one relationship per (predicate, negated, modality) of a pair."""
    return f"{triple.predicate}|{triple.modality}|{'negated' if triple.negated else 'affirmed'}"


def evidence_row(triple: Triple) -> dict:
    """One piece of evidence for a relationship, as the stores keep it."""
    return {
        "article": triple.article.id,
        "sentence": triple.sentence,
        "start": triple.start,
        "end": triple.end,
        "published": triple.article.published or "",
        "confidence": round(triple.confidence, 3),
        "surface": triple.surface,
        "pattern": triple.extras.get("pattern", ""),
        "source": (triple.source or {}).get("name", ""),
        "source_id": (triple.source or {}).get("id", ""),
        "when": f"{triple.when['start']}/{triple.when['end']}" if triple.when else "",
        "when_text": (triple.when or {}).get("text", ""),
    }


def entity_properties(entity: Entity) -> dict[str, Any]:
    """The properties of a graph entity's node, the same in both stores."""
    return {
        "label": "Entity",
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "type_votes": [f"{t}:{n}" for t, n in entity.type_votes.items()],
        "aliases": list(entity.aliases),
        "mentions": entity.mentions,
        "merges": [m.to_text() for m in entity.merges],
    }


def relation_row(triple: Triple) -> dict:
    """A triple as a flat row for batched writes (Neo4j ``UNWIND``) and for the local graph."""
    return {
        "subject": triple.subject.id,
        "object": triple.object.id,
        "type": relationship_type(triple.relation),
        "key": relation_key(triple),
        "relation": triple.relation,
        "predicate": triple.predicate,
        "negated": triple.negated,
        "modality": triple.modality,
        **evidence_row(triple),
    }


@dataclass
class GraphStats:
    """Counts of a stored graph."""

    articles: int = 0
    entities: int = 0
    relations: int = 0
    entity_types: dict[str, int] = field(default_factory=dict)
    predicates: dict[str, int] = field(default_factory=dict)


class GraphStore(Protocol):
    """The interface the local graph and Neo4j both meet."""

    def has_article(self, article_id: str, content_hash: str) -> bool:
        """True if this exact article (same id and content) is already stored."""

    def stored_hash(self, article_id: str) -> str | None:
        """The content hash article ``article_id`` is stored with; None if not stored."""

    def write(self, extractions: list[Extraction]) -> None:
        """Store a batch of extracted articles; re-writing one changes nothing, and one
        stored with other content replaces the stored version (its evidence, mentions and
        the entities and relations only it supported go)."""

    def article_ids(self, source: str | None = None) -> list[str]:
        """Ids of the stored articles (only those read from ``source`` or under it)."""

    def remove(self, article_ids: list[str]) -> int:
        """Retract articles as if they had never been ingested; the number removed."""

    def resolve(self) -> None:
        """Recompute the graph's entities from every stored article and the overrides
        (:mod:`kgraph.entities.identity`); ingestion calls it at checkpoints."""

    def entities(self) -> Iterable[EntityRef]:
        """The stored entities (id, name, type, aliases)."""

    def stats(self) -> GraphStats:
        """Counts of articles, entities, relations, by entity type and predicate."""

    def close(self) -> None:
        """Flush and release the store."""
