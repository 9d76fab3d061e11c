// The articles and sentences behind a relation between two entities (any predicate when
// $predicate is ""), with character offsets into the article text.
// :param subject => "Microsoft";
// :param predicate => "";
// :param object => "TikTok";
// local: python relation_evidence (grand-cypher has no UNWIND or list indexing)
MATCH (s:Entity)-[r]->(o:Entity)
WHERE (s.id = $subject OR toLower(s.name) = toLower($subject))
  AND (o.id = $object OR toLower(o.name) = toLower($object))
  AND ($predicate = "" OR r.predicate = $predicate)
UNWIND range(0, size(r.articles) - 1) AS i
OPTIONAL MATCH (a:Article {id: r.articles[i]})
RETURN r.predicate AS predicate, r.modality AS modality, r.negated AS negated,
       r.articles[i] AS article, a.title AS title, a.url AS url, r.published[i] AS published,
       r.sentences[i] AS sentence, r.starts[i] AS start_char, r.ends[i] AS end_char,
       r.confidences[i] AS confidence
ORDER BY predicate, modality, published, article, start_char
