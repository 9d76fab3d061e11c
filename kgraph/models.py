"""The records passed between kgraph's stages: article → triples → store."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

#: How a relation is stated in its sentence (see README, "The triple record").
MODALITIES = ("asserted", "reported", "future", "hypothetical", "denied")

#: spaCy entity labels kept as graph nodes; dates, numbers and amounts are not entities here.
ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of an article's text (whitespace-trimmed)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


@lru_cache(maxsize=200_000)
def slugify(name: str) -> str:
    """Lower-case kebab form of a name: ``"US Treasury"`` → ``"us-treasury"``."""
    slug = re.sub(r"[^\w]+", "-", name.casefold(), flags=re.UNICODE).strip("-")
    return slug or "unnamed"


def relationship_type(predicate: str) -> str:
    """Neo4j relationship type of a predicate, sanitized to ``[A-Z][A-Z0-9_]*``.

    >>> relationship_type("negotiates-acquisition-of")
    'NEGOTIATES_ACQUISITION_OF'
    """
    rel = re.sub(r"[^A-Z0-9]+", "_", predicate.upper()).strip("_")
    if not rel:
        return "RELATED_TO"
    return rel if rel[0].isalpha() else "REL_" + rel


@dataclass(frozen=True)
class Article:
    """One news article: its text and what is known about it."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    #: ``"summary"`` when the text is a feed item's summary, not the full article.
    text_kind: str | None = None
    #: The file (absolute path) or URL the article was read from (``source`` may be the
    #: site's name); ``kgraph remove --source`` matches it.
    read_from: str | None = None
    #: Runs of input bytes that were not valid UTF-8 and were read as Windows-1252.
    repairs: int = field(default=0, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", content_hash(self.text)[:16])

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def ref(self) -> dict[str, Any]:
        """The article as it appears inside a triple record."""
        return {"id": self.id, "title": self.title, "published": self.published}


@dataclass(frozen=True)
class EntityRef:
    """An entity as a triple names it: a stable id, its canonical name and type.

    The id is the slug of the canonical name (the type is not part of it: a label flip of
    the model does not split an entity); ``type`` is the most voted of ``type_votes``, the
    labels its mentions got.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    type_votes: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    @classmethod
    def make(
        cls,
        name: str,
        type_: str,
        aliases: tuple[str, ...] = (),
        type_votes: tuple[tuple[str, int], ...] = (),
    ) -> EntityRef:
        return cls(slugify(name), name, type_, aliases, type_votes or ((type_, 1),))

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "type": self.type}


@dataclass(frozen=True)
class Triple:
    """A subject–predicate–object statement with the sentence that says it."""

    subject: EntityRef
    predicate: str
    object: EntityRef
    article: Article
    sentence: str
    start: int
    end: int
    confidence: float = 0.5
    negated: bool = False
    modality: str = "asserted"
    surface: str = ""
    #: The relation of the vocabulary (``kgraph/data/relations.tsv``) the predicate maps to;
    #: left empty, it comes from the shipped vocabulary.
    relation: str = ""
    #: Who a ``reported`` statement comes from: ``{"id", "name", "type"}`` of an entity,
    #: ``{"name"}`` of an unnamed source ("officials"); None when the text names none.
    source: dict[str, str] | None = None
    #: When it happened: ``{"text", "start", "end"}`` (ISO dates) from a time expression of
    #: the sentence, relative to the article's published date; None when there is none.
    when: dict[str, str] | None = None
    extras: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.relation:
            from kgraph.relations import relation_of

            relation = relation_of(
                self.predicate,
                self.extras.get("pattern"),
                self.object.type,
                subject_type=self.subject.type,
            )
            object.__setattr__(self, "relation", relation)

    def key(self) -> tuple[str, str, str]:
        return (self.subject.id, self.predicate, self.object.id)

    def to_dict(self) -> dict[str, Any]:
        """The triple record written as one JSON Lines object (see README)."""
        record = {
            "subject": self.subject.to_dict(),
            "predicate": self.predicate,
            "relation": self.relation,
            "object": self.object.to_dict(),
            "article": self.article.ref(),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
            "negated": self.negated,
            "modality": self.modality,
            "source": self.source,
            "when": self.when,
        }
        if self.surface:
            record["surface"] = self.surface
        if self.extras.get("pattern"):
            record["pattern"] = self.extras["pattern"]
        return record


@dataclass(frozen=True)
class Extraction:
    """What one article yields: the entities it mentions (with counts) and its triples."""

    article: Article
    entities: tuple[EntityRef, ...]
    mention_counts: dict[str, int]
    triples: tuple[Triple, ...]


@dataclass(frozen=True)
class Reject:
    """An input that could not become an article, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Skip(Reject):
    """An input passed over on purpose, not an error: e.g. a WARC record that is no article.

    Counted apart from rejects; never fails a run or stops ``--strict``.
    """

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "skipped": True}
