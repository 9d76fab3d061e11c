"""Every Cypher statement kgraph's Neo4j store sends, each built by one named function.

Values always travel as parameters (``$rows``, ``$id``); the only text spliced into a
statement is a relationship type, and :func:`merge_relations` accepts nothing but
``[A-Z][A-Z0-9_]*`` (what :func:`kgraph.relations.relationship_type` produces). On Neo4j
5.26 and later :func:`merge_relations_dynamic` takes the type as a parameter instead. Writes
are ``UNWIND $rows AS row MERGE ...`` so one statement carries a whole batch.
"""

from __future__ import annotations

import re
from operator import itemgetter

#: What a relationship type spliced into Cypher may look like.
RELATIONSHIP_TYPE = re.compile(r"[A-Z][A-Z0-9_]*")

#: The schema, one statement each; ``cypher/schema.cypher`` holds the same text.
SCHEMA = (
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
    "CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)",
    "CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)",
    "CREATE CONSTRAINT extraction_article IF NOT EXISTS "
    "FOR (x:Extraction) REQUIRE x.article IS UNIQUE",
    "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name]",
)

#: Evidence lists on a relationship and the evidence field each one collects.
EVIDENCE_LISTS = {
    "surfaces": "surface",  # first: their defaults below count the evidence already there
    "patterns": "pattern",
    "sources": "source",
    "source_ids": "source_id",
    "whens": "when",
    "when_texts": "when_text",
    "articles": "article",
    "sentences": "sentence",
    "starts": "start",
    "ends": "end",
    "published": "published",
    "confidences": "confidence",
}


def schema_statements() -> tuple[str, ...]:
    """Constraints and indexes, run once before any write (each is ``IF NOT EXISTS``)."""
    return SCHEMA


def stored_articles() -> str:
    """Ids of the ``$rows`` articles (``{id, content_hash}``) already stored unchanged."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (a:Article {id: row.id})\n"
        "WHERE a.content_hash = row.content_hash\n"
        "RETURN a.id AS id"
    )


def has_article() -> str:
    """One row if article ``$id`` is stored with content hash ``$content_hash``."""
    return "MATCH (a:Article {id: $id}) WHERE a.content_hash = $content_hash RETURN a.id AS id"


def stored_hash() -> str:
    """The content hash article ``$id`` is stored with (no row when it is not stored)."""
    return "MATCH (a:Article {id: $id}) RETURN a.content_hash AS content_hash"


def article_ids() -> str:
    """Id and source of every stored article."""
    return "MATCH (a:Article) RETURN a.id AS id, a.source AS source ORDER BY a.id"


def delete_articles() -> str:
    """Delete the articles ``$ids`` with their MENTIONS and their article-level records
    (the entity layer is recomputed afterwards); one row per article deleted, as ``id``."""
    return (
        "UNWIND $ids AS id\n"
        "MATCH (a:Article {id: id})\n"
        "OPTIONAL MATCH (x:Extraction {article: id})\n"
        "DETACH DELETE a, x\n"
        "RETURN id"
    )


def merge_articles() -> str:
    """Create or update Article nodes from ``$rows`` of ``{id, props}``."""
    return "UNWIND $rows AS row\nMERGE (a:Article {id: row.id})\nSET a += row.props"


def merge_entities() -> str:
    """Create Entity nodes from ``$rows`` of ``{id, name, type, aliases}``; union aliases.

    Name, type and aliases (sorted, distinct) are set when the entity is created; on an
    existing entity aliases accumulate, deduplicated and sorted; ``type_votes`` and
    ``merges`` are set when the row has them (a loaded graph).
    """
    return (
        "UNWIND $rows AS row\n"
        "MERGE (e:Entity {id: row.id})\n"
        "ON CREATE SET e.name = row.name, e.type = row.type, e.aliases = row.aliases,\n"
        "  e.mentions = 0\n"
        "SET e.type_votes = coalesce(row.type_votes, e.type_votes),\n"
        "  e.merges = coalesce(row.merges, e.merges)\n"
        "WITH e, row WHERE any(alias IN row.aliases WHERE NOT alias IN e.aliases)\n"
        "SET e.aliases = COLLECT {\n"
        "  UNWIND e.aliases + row.aliases AS alias\n"
        "  RETURN DISTINCT alias ORDER BY alias\n"
        "}"
    )


def merge_mentions() -> str:
    """``(Article)-[:MENTIONS {count}]->(Entity)`` from ``$rows`` of ``{article, entity, count}``.

    ``Entity.mentions`` is the sum of its MENTIONS counts: it grows when a MENTIONS
    relationship is created and is corrected when an existing one changes, so writing the
    same article twice counts it once.
    """
    return (
        "UNWIND $rows AS row\n"
        "MATCH (a:Article {id: row.article})\n"
        "MATCH (e:Entity {id: row.entity})\n"
        "MERGE (a)-[m:MENTIONS]->(e)\n"
        "ON CREATE SET m.count = row.count, e.mentions = e.mentions + row.count\n"
        "ON MATCH SET e.mentions = e.mentions - m.count + row.count, m.count = row.count"
    )


def _stored(name: str) -> str:
    """A relationship's evidence list; the ones added after the first (``surfaces``,
    ``patterns``, ``sources``, ``source_ids``, ``whens``, ``when_texts``) may be missing
    (written before they were kept): one empty string per piece of evidence then."""
    if name not in ("articles", "sentences", "starts", "ends", "published", "confidences"):
        return f'coalesce(r.{name}, [x IN r.articles | ""])'
    return f"r.{name}"


#: One piece of evidence's fields in the order of :data:`EVIDENCE_LISTS`.
_EVIDENCE_FIELDS = itemgetter(*EVIDENCE_LISTS.values())


def relation_properties(evidence: list[dict]) -> dict:
    """The evidence lists, ``confidence`` and ``evidence_count`` of a relationship holding
    ``evidence`` (each ``{article, sentence, start, end, published, confidence, ...}``):
    what :func:`merge_relations` sets on a new relationship in one ``SET r += ...``."""
    columns = zip(*map(_EVIDENCE_FIELDS, evidence)) if evidence else ([] for _ in EVIDENCE_LISTS)
    props: dict = dict(zip(EVIDENCE_LISTS, map(list, columns)))
    props["confidence"] = max(props["confidences"], default=0.0)
    props["evidence_count"] = len(evidence)
    return props


def _merge_relations(pattern: str) -> str:
    # A new relationship gets its properties in one SET (the client built the lists: see
    # relation_properties). An existing one holding exactly the row's evidence keys is left
    # alone; only the rest go through the comparison, evidence by evidence.
    append = ",\n    ".join(
        f"r.{name} = {_stored(name)} + [i IN new | row.props.{name}[i]]" for name in EVIDENCE_LISTS
    )
    return (
        "UNWIND $rows AS row\n"
        "MATCH (s:Entity {id: row.subject})\n"
        "MATCH (o:Entity {id: row.object})\n"
        f"MERGE {pattern}\n"
        "ON CREATE SET r.relation = row.relation, r.predicate = row.predicate,\n"
        "  r.negated = row.negated, r.modality = row.modality, r += row.props\n"
        "WITH r, row WHERE r.articles <> row.props.articles OR r.starts <> row.props.starts\n"
        "  OR r.ends <> row.props.ends\n"
        "WITH r, row, [i IN range(0, size(row.props.articles) - 1) WHERE NOT any(\n"
        "  j IN range(0, size(r.articles) - 1)\n"
        "  WHERE r.articles[j] = row.props.articles[i] AND r.starts[j] = row.props.starts[i]\n"
        "    AND r.ends[j] = row.props.ends[i])\n"
        "] AS new\n"
        "SET r.confidence = reduce(best = r.confidence, i IN new |\n"
        "    CASE WHEN row.props.confidences[i] > best\n"
        "    THEN row.props.confidences[i] ELSE best END),\n"
        f"    {append}\n"
        "SET r.evidence_count = size(r.articles)"
    )


def merge_relations_dynamic() -> str:
    """Like :func:`merge_relations` for rows of any types, each row's ``type`` a parameter.

    Neo4j 5.26's dynamic relationship types (``[r:$(row.type)]``): one statement and one
    query plan for a whole batch. The caller still checks every type against
    :data:`RELATIONSHIP_TYPE` first.
    """
    return _merge_relations("(s)-[r:$(row.type) {key: row.key}]->(o)")


def merge_relations(rel_type: str) -> str:
    """Relationships of one type from ``$rows`` of ``{subject, object, key, relation,
    predicate, negated, modality, props}``, ``props`` being :func:`relation_properties` of
    the row's evidence (parallel lists, one entry per piece of evidence).

    One relationship per (subject, object, ``key``); evidence whose (article, start, end)
    is already on it is skipped, the rest is appended to the parallel lists, and
    ``confidence`` rises to the best appended.

    Raises:
        ValueError: ``rel_type`` is not ``[A-Z][A-Z0-9_]*``.
    """
    if not RELATIONSHIP_TYPE.fullmatch(rel_type):
        raise ValueError(f"relationship type {rel_type!r} is not [A-Z][A-Z0-9_]*")
    return _merge_relations(f"(s)-[r:`{rel_type}` {{key: row.key}}]->(o)")


def whole_graph() -> str:
    """Every node with its outgoing relationships (for exporting the whole graph); the
    article-level records (``:Extraction``) are bookkeeping, not part of the graph."""
    return "MATCH (n) WHERE NOT n:Extraction OPTIONAL MATCH (n)-[r]->(m) RETURN n, r, m"


def merge_extractions() -> str:
    """Keep each article's own entities and triples: ``$rows`` of ``{article, record}``."""
    return (
        "UNWIND $rows AS row\n"
        "MERGE (x:Extraction {article: row.article})\n"
        "SET x.record = row.record"
    )


def all_extractions() -> str:
    """Every article-level record with its article's properties (for resolving entities)."""
    return (
        "MATCH (x:Extraction) MATCH (a:Article {id: x.article})\n"
        "RETURN x.record AS record, a.id AS id, a.title AS title, a.published AS published,\n"
        "  a.url AS url, a.source AS source ORDER BY a.id"
    )


def count_articles_without_records() -> str:
    """Articles stored without an article-level record (loaded from an older graph file)."""
    return (
        "MATCH (a:Article) WHERE NOT EXISTS { MATCH (x:Extraction {article: a.id}) }\n"
        "RETURN count(a) AS n"
    )


def delete_entities() -> str:
    """Delete every entity with its relationships, 5,000 per transaction (auto-commit only)."""
    return "MATCH (e:Entity) CALL { WITH e DETACH DELETE e } IN TRANSACTIONS OF 5000 ROWS"


def set_entity_details() -> str:
    """Type votes and merge reasons of entities: ``$rows`` of ``{id, type_votes, merges}``."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (e:Entity {id: row.id})\n"
        "SET e.type_votes = row.type_votes, e.merges = row.merges"
    )


def all_entities() -> str:
    """Every entity's id, name, type and aliases (for resolving later articles' names)."""
    return (
        "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases"
    )


def count_articles() -> str:
    """The number of Article nodes, as ``n``."""
    return "MATCH (a:Article) RETURN count(a) AS n"


def count_entities_by_type() -> str:
    """Entity counts by type, most first."""
    return "MATCH (e:Entity) RETURN e.type AS key, count(*) AS n ORDER BY n DESC, key"


def count_relations_by_predicate() -> str:
    """Relationship counts between entities by predicate, most first."""
    return (
        "MATCH (:Entity)-[r]->(:Entity) "
        "RETURN r.predicate AS key, count(*) AS n ORDER BY n DESC, key"
    )


def legacy_relation_exists() -> str:
    """One row if some entity relationship has no ``relation`` (written before kgraph had
    relations: typed by predicate); ``kgraph migrate`` retypes them."""
    return (
        "MATCH (:Entity)-[r]->(:Entity) WHERE r.relation IS NULL AND r.predicate IS NOT NULL "
        "RETURN 1 AS found LIMIT 1"
    )


def legacy_relations() -> str:
    """Entity relationships without a ``relation``: element id, predicate, subject and object
    types."""
    return (
        "MATCH (s:Entity)-[r]->(o:Entity) WHERE r.relation IS NULL AND r.predicate IS NOT NULL "
        "RETURN elementId(r) AS id, r.predicate AS predicate, s.type AS subject_type, "
        "o.type AS object_type"
    )


def retype_relations(rel_type: str) -> str:
    """Replace the relationships ``$rows`` ``{id, relation}`` name by ones of type ``rel_type``
    with the same properties plus ``relation`` (a relationship's type cannot change).

    Raises:
        ValueError: ``rel_type`` is not ``[A-Z][A-Z0-9_]*``.
    """
    if not RELATIONSHIP_TYPE.fullmatch(rel_type):
        raise ValueError(f"relationship type {rel_type!r} is not [A-Z][A-Z0-9_]*")
    return (
        "UNWIND $rows AS row\n"
        "MATCH (s)-[r]->(o) WHERE elementId(r) = row.id\n"
        f"CREATE (s)-[n:`{rel_type}`]->(o)\n"
        "SET n = properties(r), n.relation = row.relation\n"
        "DELETE r"
    )


def most_connected() -> str:
    """The ``$limit`` entities with most relations (either way), then most mentions."""
    return (
        "MATCH (e:Entity) "
        "RETURN e.id AS id, e.name AS name, e.type AS type, "
        "COUNT { (e)-[]-(:Entity) } AS relations, e.mentions AS mentions "
        "ORDER BY relations DESC, mentions DESC, id LIMIT $limit"
    )


def delete_all() -> tuple[str, str]:
    """Delete every relationship, then every node, 5,000 per transaction (auto-commit only).

    Relationships go first: a single ``DETACH DELETE`` of a large graph overruns the
    server's transaction memory.
    """
    return (
        "MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 5000 ROWS",
        "MATCH (n) CALL { WITH n DELETE n } IN TRANSACTIONS OF 5000 ROWS",
    )
