"""The Cypher of the questions answered on the server (:mod:`kgraph.store.neo4j_reader`).

One function per statement, each returning its text; every value travels as a parameter.
The questions' relations come in one row with their entities and articles
(:func:`_subgraph`): one round trip each.

Names are compared case-folded: :func:`folded` lowercases a string and spells out the
letters whose case folding is not their lowercase (ß → ss, ſ → s, ﬁ → fi ...: the pairs
in ``$fold``, :data:`FOLDS`), as Python's ``str.casefold`` does, so the server's
candidates include every entity Python would match; the questions then pick the exact
ones.
"""

from __future__ import annotations

from kgraph.store.cypher import UNLESS_RELATIONS_TYPED

#: Letters whose case folding differs from their lowercase, as (lowercase, folded) pairs
#: (Latin, Greek and the Latin ligatures; ``str.casefold`` is the reference).
FOLDS = tuple((letter, letter.casefold()) for letter in "µßŉſǰΐΰςϐϑϕϖϰϱϵẖẗẘẙẚẛﬀﬁﬂﬃﬄﬅﬆ")


def folded(expression: str) -> str:
    """Cypher for ``expression`` lowercased and case-folded with the ``$fold`` pairs."""
    return f"reduce(s = toLower({expression}), pair IN $fold | replace(s, pair[0], pair[1]))"


#: The properties of an entity a question reads (``type_votes`` and ``merges`` only
#: ``kgraph entity`` shows: :func:`entity_details`).
ENTITY = "e {.id, .name, .type, .aliases, .mentions}"


def _subgraph(match: str) -> str:
    """One row holding the relationships ``r`` that ``match`` binds (``relations``, each
    ``{rid, subject, object, type, props}``), the entities at their ends, those of
    ``$ids`` and, when ``$speakers``, those the relations are attributed to
    (``entities``), and the articles of their evidence (``articles``)."""
    return (
        f"{match}\n"
        "WITH collect(DISTINCT r) AS rels\n"
        "RETURN [r IN rels | {rid: elementId(r), subject: startNode(r).id,\n"
        "  object: endNode(r).id, type: type(r), props: properties(r)}] AS relations,\n"
        "COLLECT {\n"
        f"  UNWIND rels AS r UNWIND [startNode(r), endNode(r)] AS e RETURN {ENTITY} AS entity\n"
        "  UNION\n"
        f"  UNWIND $ids AS id MATCH (e:Entity {{id: id}}) RETURN {ENTITY} AS entity\n"
        "  UNION\n"
        "  UNWIND rels AS r\n"
        "  UNWIND CASE WHEN $speakers THEN coalesce(r.source_ids, []) ELSE [] END AS id\n"
        f"  MATCH (e:Entity {{id: id}}) RETURN {ENTITY} AS entity\n"
        "} AS entities,\n"
        "COLLECT {\n"
        "  UNWIND rels AS r UNWIND r.articles AS id\n"
        "  WITH DISTINCT id MATCH (a:Article {id: id})\n"
        "  RETURN a {.id, .title, .published} AS article\n"
        "} AS articles"
    )


def entities_named() -> str:
    """Entities whose id is ``$name``, or whose id, name or an alias is ``$folded`` once
    case-folded, or whose folded name contains it."""
    return (
        "MATCH (e:Entity)\n"
        f"WHERE e.id = $name OR {folded('e.id')} = $folded\n"
        f"  OR {folded('e.name')} CONTAINS $folded\n"
        f"  OR any(alias IN coalesce(e.aliases, []) WHERE {folded('alias')} = $folded)\n"
        f"RETURN {ENTITY} AS entity"
    )


def entities_by_slug() -> str:
    """Entities whose id is ``$name``, ``$slug`` or ``$slug`` and a number (``-2``): every
    entity whose name is ``$name`` ignoring case, since kgraph makes an entity's id of its
    name's slug (:func:`kgraph.models.slugify`); found through the id constraint's index."""
    return (
        "MATCH (e:Entity) WHERE e.id IN [$name, $slug] OR e.id STARTS WITH $slug + '-'\n"
        f"RETURN {ENTITY} AS entity"
    )


def entity_details() -> str:
    """Every property of the entities ``$ids``, by id."""
    return (
        "UNWIND $ids AS id MATCH (e:Entity {id: id})\nRETURN properties(e) AS entity ORDER BY e.id"
    )


def all_entities() -> str:
    """Every entity (the properties questions read), in one row: ``entities``."""
    return f"MATCH (e:Entity) RETURN collect({ENTITY}) AS entities"


def relations_around() -> str:
    """Every relation into or out of entity ``$id`` (:func:`_subgraph`)."""
    return _subgraph("MATCH (:Entity {id: $id})-[r]-(:Entity)")


def predicates() -> str:
    """The distinct predicates of the relations, sorted, in one row: ``predicates``."""
    return (
        "MATCH (:Entity)-[r]->(:Entity)\n"
        "WITH DISTINCT r.predicate AS predicate ORDER BY predicate\n"
        "RETURN collect(predicate) AS predicates"
    )


def relations_with_predicates() -> str:
    """The relations whose predicate is one of ``$predicates`` (:func:`_subgraph`)."""
    return _subgraph("MATCH (:Entity)-[r]->(:Entity) WHERE r.predicate IN $predicates")


def relations_of_relation() -> str:
    """The relations whose ``relation`` is ``$relation`` or whose type, lowercased, is
    (:func:`_subgraph`)."""
    return _subgraph(
        "MATCH (:Entity)-[r]->(:Entity)\n"
        "WHERE r.relation = $relation OR toLower(type(r)) = $relation"
    )


def neighbours() -> str:
    """For each entity of ``$ids``, the entities it shares a relation with (either way),
    in one row: ``neighbours``, a list of ``[id, [other ids]]``."""
    return (
        "UNWIND $ids AS id MATCH (:Entity {id: id})-[]-(other:Entity)\n"
        "WITH id, collect(DISTINCT other.id) AS others\n"
        "RETURN collect([id, others]) AS neighbours"
    )


def dated_neighbours() -> str:
    """Each relation into or out of an entity of ``$ids`` with its evidence dates and
    confidences, in one row: ``neighbours``, a list of ``[id, other id, {articles,
    published, whens, confidences}]``."""
    return (
        "UNWIND $ids AS id MATCH (:Entity {id: id})-[r]-(other:Entity)\n"
        "RETURN collect([id, other.id,\n"
        "  r {.articles, .published, .confidences, whens: coalesce(r.whens, [])}])"
        " AS neighbours"
    )


def relations_between() -> str:
    """The relations between each pair of ``$pairs`` (``[a, b]``), either direction
    (:func:`_subgraph`)."""
    return _subgraph(
        "UNWIND $pairs AS pair\nMATCH (:Entity {id: pair[0]})-[r]-(:Entity {id: pair[1]})"
    )


def claims() -> str:
    """The relations reported by a source whose folded name is ``$folded``, or by the
    entity ``$source`` or one of ``$sources`` (:func:`_subgraph`)."""
    return _subgraph(
        "MATCH (:Entity)-[r]->(:Entity) WHERE size(coalesce(r.sources, [])) > 0\n"
        f"  AND (any(name IN r.sources WHERE {folded('name')} = $folded)\n"
        "    OR any(id IN coalesce(r.source_ids, []) WHERE id = $source OR id IN $sources))"
    )


def counts() -> str:
    """The graph's counts in one row: ``articles``, and ``types`` and ``predicates`` as
    ``[key, count]`` pairs (entities by type, relations by predicate)."""
    return (
        "CALL { MATCH (a:Article) RETURN count(a) AS articles }\n"
        "CALL { MATCH (e:Entity) WITH coalesce(e.type, '') AS key, count(*) AS n\n"
        "  RETURN collect([key, n]) AS types }\n"
        "CALL { MATCH (:Entity)-[r]->(:Entity) WITH r.predicate AS key, count(*) AS n\n"
        "  RETURN collect([key, n]) AS predicates }\n"
        "RETURN articles, types, predicates"
    )


def legacy_relation_exists() -> str:
    """One row if some relation has no ``relation`` (typed by predicate by an older
    kgraph; ``kgraph migrate`` retypes them); not looked for once a write marked the
    database ``relations_typed`` (:func:`kgraph.store.cypher.lock_graph`)."""
    return (
        UNLESS_RELATIONS_TYPED
        + "MATCH ()-[r:!MENTIONS]->() WHERE r.relation IS NULL AND r.predicate IS NOT NULL\n"
        "RETURN 1 AS found LIMIT 1"
    )


def most_connected() -> str:
    """The ``$limit`` entities with most relations (a relation to itself counts twice,
    as in the local store), then most mentions, then by id; only entities with relations
    (:func:`least_connected` adds the others)."""
    return (
        "MATCH (s:Entity)-[]->(o:Entity) UNWIND [s, o] AS e\n"
        "WITH e, count(*) AS relations\n"
        "RETURN e.id AS id, e.name AS name, e.type AS type, relations,\n"
        "  coalesce(e.mentions, 0) AS mentions\n"
        "ORDER BY relations DESC, mentions DESC, id LIMIT $limit"
    )


def least_connected() -> str:
    """The ``$limit`` entities without relations with most mentions, then by id."""
    return (
        "MATCH (e:Entity) WHERE NOT EXISTS { (e)-[]-(:Entity) }\n"
        "RETURN e.id AS id, e.name AS name, e.type AS type, 0 AS relations,\n"
        "  coalesce(e.mentions, 0) AS mentions\n"
        "ORDER BY mentions DESC, id LIMIT $limit"
    )
