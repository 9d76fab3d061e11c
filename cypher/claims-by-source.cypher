// What a source claimed, about whom: one row per reported statement whose source is
// $source (an entity's name, alias or id, or an unnamed source's words such as "officials").
// :param source => "Donald Trump";
// local: python claims_by_source (grand-cypher has no UNWIND or list indexing)
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.sources IS NOT NULL
UNWIND range(0, size(r.sources) - 1) AS i
WITH s, r, o, i
OPTIONAL MATCH (src:Entity {id: r.source_ids[i]})
WITH s, r, o, i, src
WHERE toLower(r.sources[i]) = toLower($source) OR r.source_ids[i] = $source
   OR (src IS NOT NULL AND ANY(alias IN src.aliases WHERE toLower(alias) = toLower($source)))
RETURN r.sources[i] AS source, s.name AS subject, r.predicate AS predicate,
       o.name AS object, r.modality AS modality, r.negated AS negated,
       r.articles[i] AS article, r.published[i] AS published, r.sentences[i] AS sentence,
       r.starts[i] AS start_char
ORDER BY source, published, article, start_char, predicate
