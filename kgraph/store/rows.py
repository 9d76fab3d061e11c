"""Graph contents as flat rows for batched writes: from extractions, a saved graph, or triples.

A :class:`GraphRows` holds the four kinds of rows the Neo4j loader sends with ``UNWIND``:
articles, entities, mentions and relations (one row per relationship, its new evidence in a
list). Relationship types are always recomputed from the relation with
:func:`kgraph.relations.relationship_type`, never taken from the input; input without a
``relation`` (a graph or triples written before there was one) gets it from its predicate
through the shipped vocabulary.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kgraph.errors import RejectedInput
from kgraph.models import Extraction
from kgraph.relations import relation_of, relationship_type
from kgraph.store.base import ARTICLE_PREFIX, PIECE_FIELDS, relation_row
from kgraph.store.local import evidence_list

#: Article properties stored on Article nodes besides ``id``.
ARTICLE_PROPS = ("title", "published", "url", "source", "content_hash", "text_kind", "read_from")
#: Fields of one piece of evidence, in the order of the relationship's evidence lists.
EVIDENCE_FIELDS = PIECE_FIELDS


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building or sending many rows.

    Rows are small acyclic dicts and lists, freed by reference counting; with hundreds of
    thousands of them alive every full collection walks them all (on 100,000 triples:
    row building 1.5x, relation parameters 4x as long).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class GraphRows:
    """Rows for one write: articles, entities, mentions and relations (grouped by type)."""

    articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    mentions: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def add_article(self, article_id: str, **props: Any) -> None:
        row = self.articles.setdefault(article_id, {"id": article_id, "props": {}})
        row["props"].update({k: v for k, v in props.items() if v is not None})

    def add_entity(
        self, entity_id: str, name: str, type_: str, aliases: Iterable[str] = ()
    ) -> None:
        row = self.entities.setdefault(
            entity_id, {"id": entity_id, "name": name, "type": type_, "aliases": []}
        )
        if aliases:
            row["aliases"] = sorted(set(row["aliases"]) | {str(a) for a in aliases})

    def add_mention(self, article_id: str, entity_id: str, count: int) -> None:
        self.mentions[article_id, entity_id] = {
            "article": article_id,
            "entity": entity_id,
            "count": int(count),
        }

    def add_relation(self, row: dict[str, Any]) -> None:
        """Add one triple's :func:`~kgraph.store.base.relation_row` (evidence deduplicated)."""
        rel = self.relations.setdefault(
            (row["subject"], row["object"], row["key"]),
            {
                "subject": row["subject"],
                "object": row["object"],
                "type": relationship_type(row["relation"]),
                "key": row["key"],
                "relation": row["relation"],
                "predicate": row["predicate"],
                "negated": bool(row["negated"]),
                "modality": row["modality"],
                "evidence": [],
            },
        )
        evidence = {f: row[f] for f in EVIDENCE_FIELDS}
        seen = {(e["article"], e["start"], e["end"]) for e in rel["evidence"]}
        if (evidence["article"], evidence["start"], evidence["end"]) not in seen:
            rel["evidence"].append(evidence)

    def relations_by_type(self) -> dict[str, list[dict[str, Any]]]:
        """Relation rows grouped by relationship type (one Cypher statement per type)."""
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in self.relations.values():
            groups.setdefault(row["type"], []).append(row)
        return groups

    def __len__(self) -> int:
        return len(self.articles) + len(self.entities) + len(self.mentions) + len(self.relations)

    def split(self, size: int) -> Iterator[GraphRows]:
        """Batches of at most ``size`` rows: nodes and mentions first, then relations."""
        batch = GraphRows()
        for kind in ("articles", "entities", "mentions", "relations"):
            for key, row in getattr(self, kind).items():
                getattr(batch, kind)[key] = row
                if len(batch) >= size:
                    yield batch
                    batch = GraphRows()
        if len(batch):
            yield batch


def rows_from_extractions(extractions: Iterable[Extraction]) -> GraphRows:
    """The rows of extracted articles, as ``kgraph ingest`` writes them."""
    rows = GraphRows()
    for extraction in extractions:
        article = extraction.article
        rows.add_article(article.id, **{p: getattr(article, p) for p in ARTICLE_PROPS})
        for entity in extraction.entities:
            rows.add_entity(entity.id, entity.name, entity.type, entity.aliases)
            rows.add_mention(article.id, entity.id, extraction.mention_counts.get(entity.id, 1))
        for triple in extraction.triples:
            rows.add_relation(relation_row(triple))
    return rows


def rows_from_graph(graph: nx.MultiDiGraph) -> GraphRows:
    """The rows of a saved local graph (``kgraph load graph.json``)."""
    rows = GraphRows()
    for _, data in graph.nodes(data=True):
        if data.get("label") == "Article":
            rows.add_article(data["id"], **{p: data.get(p) for p in ARTICLE_PROPS})
        elif data.get("label") == "Entity":
            rows.add_entity(data["id"], data["name"], data["type"], data.get("aliases", ()))
            for detail in ("type_votes", "merges"):  # kept by graphs since entity resolution
                if detail in data:
                    rows.entities[data["id"]][detail] = list(data[detail])
    for u, v, data in graph.edges(data=True):
        if data.get("label") == "MENTIONS":
            rows.add_mention(u.removeprefix(ARTICLE_PREFIX), v, data.get("count", 1))
        elif data.get("label") == "RELATION":
            lists = zip(
                data["articles"],
                data["sentences"],
                data["starts"],
                data["ends"],
                data["published"],
                data["confidences"],
                evidence_list(data, "surfaces"),
                evidence_list(data, "patterns"),
                evidence_list(data, "sources"),
                evidence_list(data, "source_ids"),
                evidence_list(data, "whens"),
                evidence_list(data, "when_texts"),
            )
            for evidence in lists:
                rows.add_relation(
                    {
                        "subject": u,
                        "object": v,
                        "key": _key(data["predicate"], data["modality"], data["negated"]),
                        "relation": data.get("relation")
                        or relation_of(
                            data["predicate"],
                            object_type=graph.nodes[v].get("type"),
                            subject_type=graph.nodes[u].get("type"),
                        ),
                        "predicate": data["predicate"],
                        "negated": data["negated"],
                        "modality": data["modality"],
                        **dict(zip(EVIDENCE_FIELDS, evidence)),
                    }
                )
    return rows


def _key(predicate: str, modality: str, negated: bool) -> str:
    return f"{predicate}|{modality}|{'negated' if negated else 'affirmed'}"


def rows_from_triples(lines: Iterable[str]) -> GraphRows:
    """The rows of triple records as ``kgraph extract`` prints them (JSON Lines).

    A triples file has no article text or mention counts: articles get no
    ``content_hash``, and an entity's MENTIONS count is the number of triples naming it.
    Open triples (``kgraph extract --open``: a subject or object without an entity id)
    are not entity relations and are left out.

    Raises:
        RejectedInput: a line that is not a triple record (the message gives the line).
    """
    rows = GraphRows()
    with gc_paused():
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                _add_triple(rows, json.loads(line))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise RejectedInput(f"line {number}: not a triple record ({exc})", number) from exc
    return rows


def _add_triple(rows: GraphRows, record: dict[str, Any]) -> None:
    if record["subject"].get("id") is None or record["object"].get("id") is None:
        return  # an open triple: phrases, not entities
    article = record["article"]
    article_id = str(article["id"])
    rows.add_article(
        article_id,
        title=_opt_str(article.get("title")),
        published=_opt_str(article.get("published")),
    )
    ends = []
    for end in (record["subject"], record["object"]):
        entity_id = str(end["id"])
        rows.add_entity(entity_id, str(end["name"]), str(end["type"]))
        ends.append(entity_id)
    for entity_id in set(ends):
        old = rows.mentions.get((article_id, entity_id), {}).get("count", 0)
        rows.add_mention(article_id, entity_id, old + 1)
    modality = str(record.get("modality", "asserted"))
    negated = record.get("negated", False)
    if not isinstance(negated, bool):
        raise ValueError("negated must be true or false")
    predicate = str(record["predicate"])
    relation = record.get("relation") or _relation_of(
        predicate,
        record.get("pattern"),
        str(record["object"].get("type")),
        str(record["subject"].get("type")),
    )
    rows.add_relation(
        {
            "subject": ends[0],
            "object": ends[1],
            "key": _key(predicate, modality, negated),
            "relation": str(relation),
            "predicate": predicate,
            "negated": negated,
            "modality": modality,
            "article": article_id,
            "sentence": str(record["sentence"]),
            "start": int(record["start"]),
            "end": int(record["end"]),
            "published": _opt_str(article.get("published")) or "",
            "confidence": round(float(record.get("confidence", 0.5)), 3),
            "surface": str(record.get("surface") or ""),
            "pattern": str(record.get("pattern") or ""),
            "source": str((record.get("source") or {}).get("name") or ""),
            "source_id": str((record.get("source") or {}).get("id") or ""),
            "when": _interval(record.get("when")),
            "when_text": str((record.get("when") or {}).get("text") or ""),
        }
    )


@functools.lru_cache(maxsize=4096)
def _relation_of(predicate: str, pattern: str | None, object_type: str, subject_type: str) -> str:
    """:func:`relation_of` with the shipped vocabulary, remembered (a triples file repeats
    a few thousand predicates at most)."""
    return relation_of(predicate, pattern, object_type, subject_type=subject_type)


def _interval(when: Any) -> str:
    """A triple record's ``when`` as the stored ``start/end`` ISO interval ("" for none)."""
    return f"{when['start']}/{when['end']}" if when else ""


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)
