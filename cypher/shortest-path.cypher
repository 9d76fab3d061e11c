// The shortest chain of relations (either direction, not through articles) between two
// entities, one row per step. Entities are found by id or name, case-insensitively.
// :param source => "Donald Trump";
// :param target => "ByteDance";
// local: python shortest_path (grand-cypher has no shortestPath or UNWIND)
MATCH (a:Entity) WHERE a.id = $source OR toLower(a.name) = toLower($source)
MATCH (b:Entity) WHERE b.id = $target OR toLower(b.name) = toLower($target)
MATCH p = shortestPath((a)-[rels*..10]-(b))
WHERE all(r IN rels WHERE type(r) <> "MENTIONS")
UNWIND range(0, size(rels) - 1) AS step
RETURN step, startNode(rels[step]).name AS subject, rels[step].predicate AS predicate,
       endNode(rels[step]).name AS object
ORDER BY step
