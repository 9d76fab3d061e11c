"""Every Cypher statement kgraph's Neo4j store sends, each built by one named function.

Values always travel as parameters (``$rows``, ``$id``); the only text spliced into a
statement is a relationship type, and :func:`merge_relations` accepts nothing but
``[A-Z][A-Z0-9_]*`` (what :func:`kgraph.relations.relationship_type` produces). On Neo4j
5.26 and later :func:`merge_relations_dynamic` takes the type as a parameter instead. Writes
are ``UNWIND $rows AS row MERGE ...`` so one statement carries a whole batch.
"""

from __future__ import annotations

import re
from functools import cache
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
    "CREATE CONSTRAINT entity_record_ref IF NOT EXISTS "
    "FOR (r:EntityRecord) REQUIRE r.ref IS UNIQUE",
    "CREATE INDEX entity_record_article IF NOT EXISTS FOR (r:EntityRecord) ON (r.article)",
    "CREATE INDEX kgraph_evidence IF NOT EXISTS "
    "FOR (e:KgraphEvidence) ON (e.subject, e.object, e.key)",
    "CREATE INDEX kgraph_combined IF NOT EXISTS FOR (c:KgraphCombined) ON (c.kgraph_seq)",
    "CREATE INDEX kgraph_replaced IF NOT EXISTS "
    "FOR (d:KgraphReplaced) ON (d.subject, d.object, d.key)",
    "CREATE CONSTRAINT name_key IF NOT EXISTS FOR (k:NameKey) REQUIRE k.key IS UNIQUE",
    "CREATE CONSTRAINT kgraph_state IF NOT EXISTS FOR (s:KgraphState) REQUIRE s.id IS UNIQUE",
    "CREATE INDEX article_read_from IF NOT EXISTS FOR (a:Article) ON (a.read_from)",
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
    return (
        "MATCH (a:Article) RETURN a.id AS id, a.source AS source, a.read_from AS read_from "
        "ORDER BY a.id"
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
    article-level records (``:Extraction``, ``:EntityRecord``, ``:NameKey``) and the
    ``:KgraphState`` node are bookkeeping, not part of the graph."""
    return (
        "MATCH (n) WHERE n:Entity OR n:Article\n"
        "OPTIONAL MATCH (n)-[r]->(m) WHERE m:Entity OR m:Article RETURN n, r, m"
    )


# The write path (kgraph.store.delta): each write is one transaction that first locks the
# state node, reads the blocks it touches through the key index, then rewrites them.


def lock_graph() -> str:
    """Lock the graph for one writer (held to the end of the transaction); the state node
    keeps the overrides (JSON), counts the writes, marks the database ``indexed``
    (every article has kgraph's records: only such a database is written) and is marked
    ``record_clash`` once every entity record keeps its surname clash, and
    ``relations_typed`` when ``$typed`` (the writer found no relationship typed by
    predicate: this kgraph writes none, so the check is not run again)."""
    return (
        "MERGE (s:KgraphState {id: 'graph'})\n"
        "SET s.writes = coalesce(s.writes, 0) + 1, s.indexed = true,\n"
        "    s.relations_typed = coalesce(s.relations_typed, $typed OR null)\n"
        "RETURN s.overrides AS overrides, s.record_clash AS record_clash"
    )


def graph_state() -> str:
    """Whether the database is marked ``indexed`` (no row when it has no state node)."""
    return "MATCH (s:KgraphState {id: 'graph'}) RETURN s.indexed AS indexed"


def unmark_indexed() -> str:
    """Drop the ``indexed`` mark (articles were loaded without records)."""
    return "MATCH (s:KgraphState {id: 'graph'}) REMOVE s.indexed"


def entities_named() -> str:
    """Entities whose id or name is ``$name``."""
    return (
        "MATCH (e:Entity {id: $name}) RETURN e {.*} AS e\n"
        "UNION MATCH (e:Entity {name: $name}) RETURN e {.*} AS e"
    )


def entities_named_any_case(aliases: bool = False) -> str:
    """Entities whose name, case aside, is ``$name`` (case-folded), or an alias too."""
    alias = " OR any(a IN e.aliases WHERE toLower(a) = $name)" if aliases else ""
    return f"MATCH (e:Entity) WHERE toLower(e.name) = $name{alias} RETURN e {{.*}} AS e"


def graph_counts() -> str:
    """Articles, entities and relations between entities, from the counts store: every
    relationship but MENTIONS and the key index's HAS_KEY."""
    return (
        "CALL { MATCH (a:Article) RETURN count(a) AS articles }\n"
        "CALL { MATCH (e:Entity) RETURN count(e) AS entities }\n"
        "CALL { MATCH ()-[r]->() RETURN count(r) AS all }\n"
        "CALL { MATCH ()-[m:MENTIONS]->() RETURN count(m) AS mentions }\n"
        "CALL { MATCH ()-[k:HAS_KEY]->() RETURN count(k) AS keys }\n"
        "RETURN articles, entities, all - mentions - keys AS relations"
    )


def set_overrides() -> str:
    """Keep the overrides ``$overrides`` (JSON) on the state node."""
    return "MATCH (s:KgraphState {id: 'graph'}) SET s.overrides = $overrides"


def stored_hashes() -> str:
    """Id and content hash of the ``$ids`` articles that are stored."""
    return (
        "UNWIND $ids AS id MATCH (a:Article {id: id})\n"
        "RETURN collect({id: a.id, content_hash: a.content_hash}) AS rows"
    )


def groups_with_keys() -> str:
    """The entity records having any of the name keys ``$keys`` (but those of the
    ``$excluding`` articles), alike ones summed in one row
    (:class:`kgraph.store.delta.StoredGroup`): the first one's ``ref``, ``count`` and
    ``mentions``."""
    return (
        "UNWIND $keys AS key MATCH (:NameKey {key: key})<-[:HAS_KEY]-(r:EntityRecord)\n"
        "WITH DISTINCT r WHERE NOT r.article IN $excluding\n"
        "WITH r.name AS name, r.aliases AS aliases, r.type_votes AS type_votes, r.type AS type,\n"
        "     r.clash AS clash, r.keys AS keys, r.entity AS entity,\n"
        "     r.entity_name AS entity_name,\n"
        "     min(r.ref) AS first, count(r) AS count, sum(r.mentions) AS mentions\n"
        "RETURN collect({name: name, aliases: aliases, type_votes: type_votes, type: type,\n"
        "    clash: clash, keys: keys, entity: entity, entity_name: entity_name,\n"
        "    first: first, count: count, mentions: mentions}) AS rows"
    )


def records_without_clash() -> str:
    """The articles having entity records written before records kept their surname
    clash (``r.clash``)."""
    return (
        "MATCH (r:EntityRecord) WHERE r.clash IS NULL\nRETURN collect(DISTINCT r.article) AS rows"
    )


def article_names_of() -> str:
    """[article, local, name, type] of each entity record of the ``$ids`` articles."""
    return (
        "UNWIND $ids AS id MATCH (r:EntityRecord {article: id})\n"
        "RETURN collect([r.article, r.local, r.name, r.type]) AS rows"
    )


def set_clashes() -> str:
    """Set ``clash`` of the entity records ``$rows`` of ``{ref, clash}``."""
    return "UNWIND $rows AS row MATCH (r:EntityRecord {ref: row.ref}) SET r.clash = row.clash"


def mark_record_clash() -> str:
    """Mark the state node: every entity record keeps its surname clash."""
    return "MATCH (s:KgraphState {id: 'graph'}) SET s.record_clash = true"


def records_of_articles() -> str:
    """The entity records of the ``$ids`` articles."""
    return (
        "UNWIND $ids AS id MATCH (r:EntityRecord {article: id})\n"
        "RETURN collect({record: r {.*}}) AS rows"
    )


def extractions_of() -> str:
    """Article-level records of the ``$ids`` articles, with the articles' properties."""
    return (
        "UNWIND $ids AS id MATCH (x:Extraction {article: id}) MATCH (a:Article {id: id})\n"
        "RETURN collect({record: x.record, id: a.id, title: a.title, published: a.published,\n"
        "  url: a.url, source: a.source}) AS rows"
    )


def entity_maps_of() -> str:
    """[article, local id, entity id, entity name] of each record of the ``$ids`` articles."""
    return (
        "UNWIND $ids AS id MATCH (r:EntityRecord {article: id})\n"
        "RETURN collect([r.article, r.local, r.entity, r.entity_name]) AS rows"
    )


def group_refs_in() -> str:
    """[n, article, local] of the entity records of the ``$ids`` articles alike in every
    field of a group of ``$groups`` (rows of :meth:`kgraph.store.delta.StoredGroup.row`
    with their position ``n``). Only the records named as a group are paired with the
    groups (a piece's other records are most of them: comparing each with every group on
    all its fields was most of the statement's time)."""
    return (
        "WITH [g IN $groups | g.name] AS names\n"
        "UNWIND $ids AS id MATCH (r:EntityRecord {article: id}) WHERE r.name IN names\n"
        "UNWIND $groups AS g\n"
        "WITH r, g WHERE r.name = g.name AND r.aliases = g.aliases\n"
        "  AND r.type_votes = g.type_votes AND coalesce(r.type, '') = g.type\n"
        "  AND r.clash = g.clash AND r.keys = g.keys\n"
        "  AND coalesce(r.entity, '') = g.entity\n"
        "  AND coalesce(r.entity_name, '') = g.entity_name\n"
        "RETURN collect([g.n, r.article, r.local]) AS rows"
    )


#: Label of the node a write keeps the ids of the articles it touches on while it reads
#: them a page at a time (deleted before the write commits).
TOUCHED_LABEL = "KgraphTouched"


def keep_articles_of_groups() -> str:
    """Keep the ids of the articles having an entity record alike in every field of any
    group of ``$groups`` (rows of :meth:`kgraph.store.delta.StoredGroup.row`), found
    through its name key ``key``, but the ``$excluding`` articles, sorted, as the list
    ``ids`` of a new :data:`TOUCHED_LABEL` node, beside ``sizes``, the lengths of their
    stored records, and ``records``, their entity records; returns its ``count``."""
    return (
        f"MATCH (old:{TOUCHED_LABEL}) DELETE old\n"
        "WITH count(*) AS gone\n"
        "UNWIND $groups AS g\n"
        "MATCH (:NameKey {key: g.key})<-[:HAS_KEY]-(r:EntityRecord)\n"
        "WHERE r.name = g.name AND r.aliases = g.aliases\n"
        "  AND r.type_votes = g.type_votes AND coalesce(r.type, '') = g.type\n"
        "  AND r.clash = g.clash AND r.keys = g.keys\n"
        "  AND coalesce(r.entity, '') = g.entity\n"
        "  AND coalesce(r.entity_name, '') = g.entity_name\n"
        "  AND NOT r.article IN $excluding\n"
        "WITH DISTINCT r.article AS article\n"
        "OPTIONAL MATCH (x:Extraction {article: article})\n"
        "WITH article, coalesce(size(x.record), 0) AS size,\n"
        "     COUNT { MATCH (:EntityRecord {article: article}) } AS records ORDER BY article\n"
        "WITH collect(article) AS ids, collect(size) AS sizes, collect(records) AS records\n"
        f"CREATE (t:{TOUCHED_LABEL}) SET t.ids = ids, t.sizes = sizes, t.records = records\n"
        "RETURN size(ids) AS count"
    )


def kept_articles_page() -> str:
    """Ids ``$start`` to ``$end`` (excluded) of the :data:`TOUCHED_LABEL` node with their
    records' lengths and entity records, as ``rows`` of ``[id, size, records]``."""
    return (
        f"MATCH (t:{TOUCHED_LABEL})\n"
        "RETURN [i IN range($start, $end - 1) WHERE i < size(t.ids)\n"
        "        | [t.ids[i], t.sizes[i], t.records[i]]] AS rows"
    )


def delete_kept_articles() -> str:
    """Delete the :data:`TOUCHED_LABEL` node."""
    return f"MATCH (t:{TOUCHED_LABEL}) DELETE t"


def article_records_of() -> str:
    """The ``$ids`` articles' article-level records, one row each (``id``, ``record``:
    read as a stream, so the driver never receives a piece's records as one message)."""
    return "UNWIND $ids AS id MATCH (x:Extraction {article: id})\nRETURN id, x.record AS record"


def relations_of() -> str:
    """The relationships ``$rows`` of ``{subject, object, key}`` name, with their properties."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (:Entity {id: row.subject})-[r {key: row.key}]->(:Entity {id: row.object})\n"
        "RETURN collect({subject: row.subject, object: row.object, key: row.key, props: r {.*}})"
        " AS rows"
    )


def delete_relations() -> str:
    """Delete the relationships ``$rows`` of ``{subject, object, key}`` name."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (:Entity {id: row.subject})-[r {key: row.key}]->(:Entity {id: row.object})\n"
        "DELETE r"
    )


def delete_mentions_of() -> str:
    """Delete the MENTIONS of the ``$ids`` articles."""
    return "UNWIND $ids AS id MATCH (:Article {id: id})-[m:MENTIONS]->() DELETE m"


def delete_mentions() -> str:
    """Delete the MENTIONS of ``$rows`` of ``{article, entity}``."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (:Article {id: row.article})-[m:MENTIONS]->(:Entity {id: row.entity}) DELETE m"
    )


def delete_article_records() -> str:
    """Delete the ``$ids`` articles, their article-level records and entity records."""
    return (
        "UNWIND $ids AS id\n"
        "OPTIONAL MATCH (a:Article {id: id}) DETACH DELETE a\n"
        "WITH DISTINCT id OPTIONAL MATCH (x:Extraction {article: id}) DELETE x\n"
        "WITH DISTINCT id OPTIONAL MATCH (r:EntityRecord {article: id}) DETACH DELETE r"
    )


def delete_entities_by_id() -> str:
    """Delete the ``$ids`` entities with their relationships."""
    return "UNWIND $ids AS id MATCH (e:Entity {id: id}) DETACH DELETE e"


def put_entities() -> str:
    """Create or replace entities from ``$rows`` of ``{id, props}`` (every property)."""
    return "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e = row.props"


def put_articles() -> str:
    """Create articles from ``$rows`` of ``{id, props, record}``, with their records."""
    return (
        "UNWIND $rows AS row\n"
        "MERGE (a:Article {id: row.id}) SET a = row.props, a.id = row.id\n"
        "MERGE (x:Extraction {article: row.id}) SET x.record = row.record"
    )


def put_mentions() -> str:
    """``(Article)-[:MENTIONS {count}]->(Entity)`` from ``{article, entity, count}`` rows."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (a:Article {id: row.article}) MATCH (e:Entity {id: row.entity})\n"
        "MERGE (a)-[m:MENTIONS]->(e) SET m.count = row.count"
    )


def put_relations(rel_type: str | None = None) -> str:
    """Create relationships from ``$rows`` of ``{subject, object, type, props}`` (of type
    ``rel_type``, or each row's own on servers with dynamic types).

    Raises:
        ValueError: ``rel_type`` is not ``[A-Z][A-Z0-9_]*``.
    """
    if rel_type is not None and not RELATIONSHIP_TYPE.fullmatch(rel_type):
        raise ValueError(f"relationship type {rel_type!r} is not [A-Z][A-Z0-9_]*")
    kind = "$(row.type)" if rel_type is None else f"`{rel_type}`"
    return (
        "UNWIND $rows AS row\n"
        "MATCH (s:Entity {id: row.subject}) MATCH (o:Entity {id: row.object})\n"
        f"CREATE (s)-[r:{kind}]->(o) SET r = row.props"
    )


def put_entity_records() -> str:
    """Create or update entity records from ``$rows`` (``ref``, the record's fields and
    ``keys``), each linked to its name keys."""
    return (
        "UNWIND $rows AS row\n"
        "MERGE (r:EntityRecord {ref: row.ref}) SET r = row\n"
        "WITH r, row UNWIND row.keys AS key\n"
        "MERGE (k:NameKey {key: key}) MERGE (r)-[:HAS_KEY]->(k)"
    )


def reassign_entity_records() -> str:
    """Set the entity (id and name) of the entity records ``$rows`` of ``{ref, entity,
    entity_name}``."""
    return (
        "UNWIND $rows AS row MATCH (r:EntityRecord {ref: row.ref})\n"
        "SET r.entity = row.entity, r.entity_name = row.entity_name"
    )


def delete_unused_keys() -> str:
    """Delete the name keys of ``$keys`` no entity record has any more."""
    return (
        "UNWIND $keys AS key MATCH (k:NameKey {key: key})\n"
        "WHERE NOT EXISTS { (k)<-[:HAS_KEY]-() } DELETE k"
    )


def count_articles_without_index() -> str:
    """Articles without an article-level record or entity records: a database written by an
    older kgraph, or loaded from a graph without records."""
    return (
        "MATCH (a:Article) WHERE NOT EXISTS { MATCH (x:Extraction {article: a.id}) }\n"
        "  OR (NOT EXISTS { MATCH (r:EntityRecord {article: a.id}) }\n"
        "      AND EXISTS { (a)-[:MENTIONS]->() })\n"
        "RETURN count(a) AS n"
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


#: No row when the state node is marked ``relations_typed`` (see :func:`lock_graph`).
UNLESS_RELATIONS_TYPED = (
    "OPTIONAL MATCH (state:KgraphState {id: 'graph'})\n"
    "WITH state WHERE state.relations_typed IS NULL\n"
)


def legacy_relation_exists() -> str:
    """One row if some entity relationship has no ``relation`` (written before kgraph had
    relations: typed by predicate); ``kgraph migrate`` retypes them. Not looked for (it
    reads every relationship) once a write marked the database ``relations_typed``."""
    return (
        UNLESS_RELATIONS_TYPED
        + "MATCH (:Entity)-[r]->(:Entity) WHERE r.relation IS NULL AND r.predicate IS NOT NULL "
        "RETURN 1 AS found LIMIT 1"
    )


def legacy_relations() -> str:
    """Entity relationships without a ``relation``: element id, predicate, the construction
    of the first evidence, subject and object types."""
    return (
        "MATCH (s:Entity)-[r]->(o:Entity) WHERE r.relation IS NULL AND r.predicate IS NOT NULL "
        "RETURN elementId(r) AS id, r.predicate AS predicate, "
        "coalesce(r.patterns, [null])[0] AS pattern, s.type AS subject_type, "
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


#: Labels of the nodes a write keeps its evidence on until it is applied (none outlives
#: its transaction): the new pieces, and the relationships combined from them.
EVIDENCE_LABEL = "KgraphEvidence"
COMBINED_LABEL = "KgraphCombined"
#: Label of the (relationship, article) pairs whose stored pieces a write replaces.
REPLACED_LABEL = "KgraphReplaced"
#: Every label of the nodes a write keeps its evidence on.
WRITE_LABELS = (EVIDENCE_LABEL, COMBINED_LABEL, REPLACED_LABEL)
#: Properties of a combined node that are not the relationship's.
COMBINED_ONLY = ("kgraph_seq", "kgraph_subject", "kgraph_object", "kgraph_type")


def evidence_pieces_of() -> str:
    """The stored pieces of the relationships ``$rows`` (``{subject, object, key}``) from
    the ``$ids`` articles, never a relationship's whole lists: one row each, its ``values``
    in the order of :data:`EVIDENCE_LISTS`."""
    values = ", ".join(f"{_stored(name)}[i]" for name in EVIDENCE_LISTS)
    return (
        "UNWIND $rows AS row\n"
        "MATCH (:Entity {id: row.subject})-[r {key: row.key}]->(:Entity {id: row.object})\n"
        "UNWIND [i IN range(0, size(r.articles) - 1) WHERE r.articles[i] IN $ids] AS i\n"
        "RETURN collect({subject: row.subject, object: row.object, key: row.key, n: i, "
        f"values: [{values}]}}) AS rows"
    )


def put_evidence() -> str:
    """Keep the new pieces ``$rows`` (``{subject, object, key, seq, meta}`` and the piece's
    fields) on :data:`EVIDENCE_LABEL` nodes until the write is applied."""
    return f"UNWIND $rows AS row CREATE (e:{EVIDENCE_LABEL}) SET e = row"


def put_replaced() -> str:
    """Keep the pairs ``$rows`` (``{subject, object, key, article}``: a relationship and
    an article whose stored pieces of it the write replaces) on :data:`REPLACED_LABEL`
    nodes until the write is applied."""
    return f"UNWIND $rows AS row CREATE (d:{REPLACED_LABEL}) SET d = row"


@cache
def combine_evidence() -> str:
    """The relationships ``$rows`` (``{subject, object, key, seq}``) combined in the
    server, one row each in turn: a relationship's stored pieces but those of the
    ``$rewritten`` articles and of the articles its :data:`REPLACED_LABEL` nodes name, and
    its new pieces, in order
    (publication date, article; stored before new, each in its order), put on a
    :data:`COMBINED_LABEL` node numbered ``seq`` (none when it has no piece). Returns, per
    row, its ``seq``, the combined node's element id, how many pieces, the first one
    (``src`` 1: a new one, with its ``meta``) and the stored relationship's fields and
    first piece (null: none stored)."""
    kept = ", ".join(f"{field}: {_stored(name)}[i]" for name, field in EVIDENCE_LISTS.items())
    new = ", ".join(f"{field}: e.{field}" for field in EVIDENCE_LISTS.values())
    lists = ", ".join(
        f"{name}: [p IN sorted | p.{field}]" for name, field in EVIDENCE_LISTS.items()
    )
    return (
        "UNWIND $rows AS row\n"
        "CALL { WITH row\n"
        "OPTIONAL MATCH (:Entity {id: row.subject})-[r {key: row.key}]->"
        "(:Entity {id: row.object})\n"
        f"WITH row, r, COLLECT {{ MATCH (d:{REPLACED_LABEL} "
        "{subject: row.subject, object: row.object, key: row.key}) RETURN d.article } "
        "AS dropped\n"
        "WITH row, r, CASE WHEN r IS NULL THEN [] ELSE [i IN range(0, size(r.articles) - 1) "
        "WHERE NOT (r.articles[i] IN $rewritten OR r.articles[i] IN dropped) | "
        f"{{o1: coalesce(r.published[i], ''), o2: r.articles[i], src: 0, n: i, {kept}}}] END "
        "AS kept\n"
        f"WITH row, r, kept + COLLECT {{ MATCH (e:{EVIDENCE_LABEL} "
        "{subject: row.subject, object: row.object, key: row.key}) "
        f"RETURN {{o1: coalesce(e.published, ''), o2: e.article, src: 1, n: e.seq, meta: e.meta, "
        f"{new}}} }} AS pieces\n"
        "UNWIND CASE size(pieces) WHEN 0 THEN [null] ELSE pieces END AS p\n"
        "WITH row, r, p ORDER BY p.o1, p.o2, p.src, p.n\n"
        "WITH row, r, collect(p) AS sorted\n"
        f"FOREACH (_ IN CASE WHEN size(sorted) > 0 THEN [1] ELSE [] END | "
        f"CREATE (:{COMBINED_LABEL} {{kgraph_seq: row.seq, kgraph_subject: row.subject, "
        "kgraph_object: row.object, key: row.key, evidence_count: size(sorted), "
        "confidence: reduce(m = sorted[0].confidence, p IN sorted | "
        f"CASE WHEN p.confidence > m THEN p.confidence ELSE m END), {lists}}}))\n"
        "WITH row, r, sorted, sorted[0] AS head\n"
        f"OPTIONAL MATCH (c:{COMBINED_LABEL} {{kgraph_seq: row.seq}})\n"
        "RETURN elementId(c) AS combined, size(sorted) AS count, "
        "head {.src, .meta, .article, .start, .end, .published} AS first, "
        "CASE WHEN r IS NULL THEN null ELSE r {.relation, .predicate, .negated, .modality, "
        "article: r.articles[0], start: r.starts[0], end: r.ends[0]} END AS stored\n"
        "}\n"
        "RETURN row.seq AS seq, combined, count, first, stored"
    )


@cache
def set_combined_fields() -> str:
    """Give each combined node of ``$rows`` (``{id, fields, type}``: its element id, its
    relationship's fields ``relation``, ``predicate``, ``negated``, ``modality``, and its
    type) those fields and type."""
    return (
        "UNWIND $rows AS row\n"
        "MATCH (c) WHERE elementId(c) = row.id SET c += row.fields, c.kgraph_type = row.type"
    )


def delete_combined_relations() -> str:
    """Delete the stored relationships the write combined again (before it puts them)."""
    return (
        f"MATCH (c:{COMBINED_LABEL})\n"
        "MATCH (:Entity {id: c.kgraph_subject})-[r {key: c.key}]->(:Entity {id: c.kgraph_object})\n"
        "DELETE r"
    )


def combined_types() -> str:
    """The relationship types of the combined nodes."""
    return f"MATCH (c:{COMBINED_LABEL}) RETURN collect(DISTINCT c.kgraph_type) AS rows"


def put_combined(rel_type: str | None = None) -> str:
    """Create the relationships of the combined nodes (of type ``rel_type``, or each one's
    own on servers with dynamic types), in the order they were combined.

    Raises:
        ValueError: ``rel_type`` is not ``[A-Z][A-Z0-9_]*``.
    """
    if rel_type is not None and not RELATIONSHIP_TYPE.fullmatch(rel_type):
        raise ValueError(f"relationship type {rel_type!r} is not [A-Z][A-Z0-9_]*")
    kind = "$(c.kgraph_type)" if rel_type is None else f"`{rel_type}`"
    where = "" if rel_type is None else "WHERE c.kgraph_type = $type "
    return (
        f"MATCH (c:{COMBINED_LABEL}) {where}WITH c ORDER BY c.kgraph_seq\n"
        "MATCH (s:Entity {id: c.kgraph_subject}) MATCH (o:Entity {id: c.kgraph_object})\n"
        f"CREATE (s)-[r:{kind}]->(o) SET r = properties(c) "
        f"REMOVE {', '.join(f'r.{p}' for p in COMBINED_ONLY)}"
    )


def delete_write_evidence(label: str) -> str:
    """Delete the nodes a write kept its evidence on (``label``: one of
    :data:`WRITE_LABELS`)."""
    if label not in WRITE_LABELS:
        raise ValueError(f"{label!r} is not a label of a write's evidence")
    return f"MATCH (n:{label}) DELETE n"
