// kgraph's Neo4j schema: constraints and indexes, created by the loader before any write
// (`kgraph ingest --store neo4j`, `kgraph load`). Each statement is idempotent.
//
// The graph (the same in the local store; see kgraph/store/base.py):
//   (:Entity {id, name, type, type_votes, aliases, mentions, merges})
//   (:Article {id, title, published, url, source, content_hash})
//   (:Article)-[:MENTIONS {count}]->(:Entity)
//   (:Entity)-[:RELATION_TYPE {relation, predicate, key, negated, modality, confidence,
//       evidence_count, articles, sentences, starts, ends, published, confidences}]->(:Entity)
// RELATION_TYPE is the relation of the vocabulary (kgraph/data/relations.tsv) in UPPER_SNAKE
// case (head-of -> HEAD_OF, other -> RELATED_TO); the open predicate ("chancellor-of") is a
// property. One relationship per (subject, object, key), key = "predicate|modality|affirmed"
// or "...|negated".
//   (:Extraction {article, record}): each article's own entities and triples (JSON), from
//   which the entities above are recomputed (kgraph/entities/identity.py); not part of exports.
//   (:EntityRecord {ref, article, local, name, aliases, type_votes, mentions, type, keys,
//       entity, entity_name})-[:HAS_KEY]->(:NameKey {key}): each article-level entity with
//   its name keys and the graph entity it belongs to: the index a write finds the blocks it
//   touches by (kgraph/entities/blocks.py, kgraph/store/delta.py).
//   (:KgraphState {id: 'graph', overrides, writes}): the merge/split overrides; every write
//   locks it first, so writes run one at a time.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type);
CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published);
CREATE CONSTRAINT extraction_article IF NOT EXISTS FOR (x:Extraction) REQUIRE x.article IS UNIQUE;
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name];
CREATE CONSTRAINT entity_record_ref IF NOT EXISTS FOR (r:EntityRecord) REQUIRE r.ref IS UNIQUE;
CREATE INDEX entity_record_article IF NOT EXISTS FOR (r:EntityRecord) ON (r.article);
// A write's evidence, kept in the server until the write is applied (never committed):
// the new pieces, the relationships combined from them, and the (relationship, article)
// pairs whose stored pieces the write replaces (kgraph/store/neo4j_evidence.py).
CREATE INDEX kgraph_evidence IF NOT EXISTS FOR (e:KgraphEvidence) ON (e.subject, e.object, e.key);
CREATE INDEX kgraph_combined IF NOT EXISTS FOR (c:KgraphCombined) ON (c.kgraph_seq);
CREATE INDEX kgraph_replaced IF NOT EXISTS FOR (d:KgraphReplaced) ON (d.subject, d.object, d.key);
CREATE CONSTRAINT name_key IF NOT EXISTS FOR (k:NameKey) REQUIRE k.key IS UNIQUE;
CREATE CONSTRAINT kgraph_state IF NOT EXISTS FOR (s:KgraphState) REQUIRE s.id IS UNIQUE;
CREATE INDEX article_read_from IF NOT EXISTS FOR (a:Article) ON (a.read_from);
