// How often each predicate links two entities, most frequent first.
// local: grand-cypher
MATCH (s:Entity)-[r]->(o:Entity)
RETURN r.predicate AS predicate, COUNT(r) AS relations
ORDER BY relations DESC, predicate
