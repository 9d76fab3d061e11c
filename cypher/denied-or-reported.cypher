// Claims that are denied (negated) or only reported, alleged or hypothetical: the
// relations whose modality is in $modalities, or that are negated.
// :param modalities => ["denied", "reported"];
// local: grand-cypher
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.negated = true OR r.modality IN $modalities
RETURN s.name AS subject, r.predicate AS predicate, o.name AS object, r.modality AS modality,
       r.negated AS negated, r.evidence_count AS evidence
ORDER BY subject, predicate, object, modality
