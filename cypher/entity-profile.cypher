// An entity's profile (id, type, mentions, aliases) and its relations, in and out,
// strongest first. Found by id or by name, case-insensitively.
// :param entity => "Microsoft";
// local: python entity_profile (grand-cypher has no OPTIONAL MATCH, undirected match or CASE)
MATCH (e:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity)
OPTIONAL MATCH (e)-[r]-(other:Entity)
RETURN e.id AS id, e.name AS name, e.type AS type, e.mentions AS mentions, e.aliases AS aliases,
       CASE WHEN r IS NULL THEN null WHEN startNode(r) = e THEN "out" ELSE "in" END AS direction,
       r.predicate AS predicate, other.name AS other, r.modality AS modality,
       r.negated AS negated, r.evidence_count AS evidence, r.confidence AS confidence
ORDER BY id, direction DESC, evidence DESC, confidence DESC, predicate, other
