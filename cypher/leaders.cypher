// Who leads what: the relationships typed HEAD_OF, HEAD_OF_GOVERNMENT or HEAD_OF_STATE
// (chief executives, chairmen, presidents, prime ministers, chancellors...), with the open
// predicate that says so.
// local: grand-cypher
MATCH (p:Entity)-[r:HEAD_OF|HEAD_OF_GOVERNMENT|HEAD_OF_STATE]->(o:Entity)
RETURN p.name AS leader, r.predicate AS predicate, o.name AS led, o.type AS led_type,
       r.evidence_count AS evidence
ORDER BY leader, led, predicate
