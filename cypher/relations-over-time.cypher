// An entity's relations over time: one row per piece of evidence, by date: the event's
// (from a time expression of the sentence, `when`) where known, else the article's
// (undated evidence, date "", first); only evidence meeting $since..$until ("": open).
// :param entity => "Microsoft";
// :param since => "";
// :param until => "";
// local: python relations_over_time (grand-cypher has no UNWIND or list indexing)
MATCH (e:Entity)-[r]-(other:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity)
UNWIND range(0, size(r.articles) - 1) AS i
WITH r, i, coalesce(r.whens[i], "") AS when
WITH r, i, when,
     CASE WHEN when <> "" THEN split(when, "/")[0] ELSE left(r.published[i], 10) END AS start,
     CASE WHEN when <> "" THEN split(when, "/")[1] ELSE left(r.published[i], 10) END AS end
WHERE ($since = "" OR (start <> "" AND end >= left($since, 10)))
  AND ($until = "" OR (start <> "" AND start <= left($until, 10)))
OPTIONAL MATCH (a:Article {id: r.articles[i]})
RETURN start AS date, when, r.published[i] AS published, r.articles[i] AS article,
       a.title AS title, startNode(r).name AS subject, r.predicate AS predicate,
       endNode(r).name AS object, r.modality AS modality, r.starts[i] AS start_char,
       r.sentences[i] AS sentence
ORDER BY date, article, start_char, predicate
