// An entity's relations over time: one row per piece of evidence, by article date
// (undated articles, published "", first), from $since on.
// :param entity => "Microsoft";
// :param since => "";
// local: python relations_over_time (grand-cypher has no UNWIND or list indexing)
MATCH (e:Entity)-[r]-(other:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity)
UNWIND range(0, size(r.articles) - 1) AS i
WITH r, i WHERE r.published[i] >= $since
OPTIONAL MATCH (a:Article {id: r.articles[i]})
RETURN r.published[i] AS published, r.articles[i] AS article, a.title AS title,
       startNode(r).name AS subject, r.predicate AS predicate, endNode(r).name AS object,
       r.modality AS modality, r.starts[i] AS start_char, r.sentences[i] AS sentence
ORDER BY published, article, start_char, predicate
