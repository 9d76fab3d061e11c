// The shortest chain of relations (either direction, not through articles) between two
// entities, one row per step. Entities are found by id or name, case-insensitively. Of
// several shortest chains, the one whose entity ids come first in order is taken; each
// step is the best-supported relation between its two entities (most evidence, then
// confidence, then predicate), so Neo4j and the local graph give the same steps.
// :param source => "Donald Trump";
// :param target => "ByteDance";
// local: python shortest_path (grand-cypher has no shortestPath or UNWIND)
MATCH (a:Entity) WHERE a.id = $source OR toLower(a.name) = toLower($source)
MATCH (b:Entity) WHERE b.id = $target OR toLower(b.name) = toLower($target)
CALL {
  WITH a, b
  MATCH p = allShortestPaths((a)-[rels*..10]-(b))
  WHERE all(r IN rels WHERE type(r) <> "MENTIONS")
  RETURN nodes(p) AS chain
  ORDER BY [n IN nodes(p) | n.id]
  LIMIT 1
}
UNWIND range(0, size(chain) - 2) AS step
WITH step, chain[step] AS x, chain[step + 1] AS y
CALL {
  WITH x, y
  MATCH (x)-[r]-(y)
  WHERE type(r) <> "MENTIONS"
  RETURN r
  ORDER BY r.evidence_count DESC, r.confidence DESC, r.predicate, startNode(r).id
  LIMIT 1
}
RETURN step, startNode(r).name AS subject, r.predicate AS predicate, endNode(r).name AS object
ORDER BY step
