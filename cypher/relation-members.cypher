// The relations of one relation of the vocabulary (kgraph/data/relations.tsv: head-of,
// acquires, citizen-of, ...), with the open predicates that state them, best attested first.
// Each relation is also a relationship type (head-of -> HEAD_OF), so a hand-written query
// can match it directly: MATCH (p:Entity)-[r:HEAD_OF|HEAD_OF_GOVERNMENT]->(o:Entity).
// :param relation => "head-of";
// local: grand-cypher
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.relation = $relation
RETURN s.name AS subject, r.relation AS relation, r.predicate AS predicate, o.name AS object,
       r.modality AS modality, r.evidence_count AS evidence, r.confidence AS confidence
ORDER BY evidence DESC, subject, object, predicate
