"""Article-level extractions as plain JSON records, kept by the stores.

The graph's entities are recomputed from these records (:mod:`kgraph.entities.identity`), so a
store keeps, per article, its entities (names, aliases, type votes, mention counts) and
its triples naming those article-level entities.
"""

from __future__ import annotations

import json
from dataclasses import fields, replace
from typing import Any

from kgraph.entities.identity import LocalEntity, Resolution
from kgraph.models import Article, EntityRef, Extraction, Triple

_TRIPLE_REFS = ("subject", "object", "article")


def to_record(extraction: Extraction) -> str:
    """One article's entities and triples as a JSON string (the article itself aside)."""
    entities = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "type_votes": dict(e.type_votes or ((e.type, 1),)),
            "mentions": extraction.mention_counts.get(e.id, 1),
        }
        for e in extraction.entities
    ]
    triples = []
    for triple in extraction.triples:
        row: dict[str, Any] = {
            f.name: getattr(triple, f.name) for f in fields(Triple) if f.name not in _TRIPLE_REFS
        }
        row["subject"], row["object"] = triple.subject.id, triple.object.id
        triples.append(row)
    return json.dumps({"entities": entities, "triples": triples}, ensure_ascii=False)


def from_record(record: str, article: Article) -> Extraction:
    """The article-level :class:`Extraction` a :func:`to_record` string holds."""
    data = json.loads(record)
    entities = {
        e["id"]: EntityRef(
            e["id"],
            e["name"],
            e["type"],
            tuple(e["aliases"]),
            tuple(sorted(e["type_votes"].items())),
        )
        for e in data["entities"]
    }
    known = {f.name for f in fields(Triple)}
    triples = tuple(
        Triple(
            **{k: v for k, v in row.items() if k in known and k not in _TRIPLE_REFS},
            subject=entities[row["subject"]],
            object=entities[row["object"]],
            article=article,
        )
        for row in data["triples"]
    )
    counts = {e["id"]: e["mentions"] for e in data["entities"]}
    return Extraction(article, tuple(entities.values()), counts, triples)


def local_entities(extraction: Extraction) -> list[LocalEntity]:
    """The article-level entity records :func:`kgraph.entities.identity.resolve_entities` reads."""
    return [
        LocalEntity(
            extraction.article.id,
            e.id,
            e.name,
            tuple(e.aliases),
            tuple(e.type_votes or ((e.type, 1),)),
            extraction.mention_counts.get(e.id, 1),
            e.type,
        )
        for e in extraction.entities
    ]


def _resolved_source(
    source: dict[str, str] | None, refs: dict[str, EntityRef]
) -> dict[str, str] | None:
    """A triple's source with the graph entity in place of the article-level one."""
    if source and source.get("id") in refs:
        return refs[source["id"]].to_dict()
    return source


def apply(resolution: Resolution, extraction: Extraction) -> Extraction:
    """An article's extraction with graph entities in place of its article-level ones."""
    refs = {}
    for local in extraction.entities:
        entity = resolution.entities[resolution.mapping[extraction.article.id, local.id]]
        refs[local.id] = EntityRef(
            entity.id,
            entity.name,
            entity.type,
            entity.aliases,
            tuple(entity.type_votes.items()),
        )
    counts: dict[str, int] = {}
    for local_id, count in extraction.mention_counts.items():
        if local_id in refs:
            counts[refs[local_id].id] = counts.get(refs[local_id].id, 0) + count
    triples = tuple(
        replace(
            t,
            subject=refs[t.subject.id],
            object=refs[t.object.id],
            source=_resolved_source(t.source, refs),
        )
        for t in extraction.triples
        if refs[t.subject.id].id != refs[t.object.id].id
    )
    entities = tuple({ref.id: ref for ref in refs.values()}.values())
    return replace(extraction, entities=entities, mention_counts=counts, triples=triples)
