// The articles that mention an entity, most mentions first.
// :param entity => "Microsoft";
// local: grand-cypher
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity)
RETURN a.id AS article, a.title AS title, a.published AS published, m.count AS mentions
ORDER BY mentions DESC, article
