// Who is related to whom through a predicate (as extracted, "parent-of"), or through a
// relationship type (a relation of the vocabulary in UPPER_SNAKE, "PARENT_OF"), best
// attested first.
// :param predicate => "chief-executive-of";
// local: grand-cypher
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.predicate = $predicate OR type(r) = $predicate
RETURN s.name AS subject, r.predicate AS predicate, o.name AS object, r.modality AS modality,
       r.negated AS negated, r.evidence_count AS evidence, r.confidence AS confidence
ORDER BY evidence DESC, subject, object, modality
