// The most connected entities: relations in either direction, then mentions.
// :param limit => 10;
// local: python most_connected (grand-cypher has no COUNT {} subquery or undirected match)
MATCH (e:Entity)
RETURN e.id AS id, e.name AS name, e.type AS type, COUNT { (e)-[]-(:Entity) } AS relations,
       e.mentions AS mentions
ORDER BY relations DESC, mentions DESC, id
LIMIT $limit
