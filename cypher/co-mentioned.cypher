// Entities mentioned in the same articles as an entity, by the number of shared articles.
// :param entity => "Microsoft";
// :param limit => 25;
// local: grand-cypher
MATCH (x:Entity)<-[m1:MENTIONS]-(a:Article)-[m2:MENTIONS]->(y:Entity)
WHERE (x.id = $entity OR toLower(x.name) = toLower($entity)) AND y.id <> x.id
RETURN y.id AS id, y.name AS name, y.type AS type, COUNT(a) AS articles
ORDER BY articles DESC, id
LIMIT $limit
