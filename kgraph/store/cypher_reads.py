"""The Cypher of the questions answered on the server (:mod:`kgraph.store.neo4j_reader`).

One function per statement, each returning its text; every value travels as a parameter.
Relation rows share one shape (:func:`relation_columns`): ``rid`` (the relationship's
element id), ``subject``, ``object``, ``type`` and ``props`` (all its properties).

Names are compared case-folded: :func:`folded` lowercases a string and spells out the
letters whose case folding is not their lowercase (ß → ss, ſ → s, ﬁ → fi ...: the pairs
in ``$fold``, :data:`FOLDS`), as Python's ``str.casefold`` does, so the server's
candidates include every entity Python would match; the questions then pick the exact
ones.
"""

from __future__ import annotations

#: Letters whose case folding differs from their lowercase, as (lowercase, folded) pairs
#: (Latin, Greek and the Latin ligatures; ``str.casefold`` is the reference).
FOLDS = tuple((letter, letter.casefold()) for letter in "µßŉſǰΐΰςϐϑϕϖϰϱϵẖẗẘẙẚẛﬀﬁﬂﬃﬄﬅﬆ")


def folded(expression: str) -> str:
    """Cypher for ``expression`` lowercased and case-folded with the ``$fold`` pairs."""
    return f"reduce(s = toLower({expression}), pair IN $fold | replace(s, pair[0], pair[1]))"


def relation_columns(rel: str = "r") -> str:
    """The columns of a relation row for relationship variable ``rel``."""
    return (
        f"elementId({rel}) AS rid, startNode({rel}).id AS subject, endNode({rel}).id AS object, "
        f"type({rel}) AS type, properties({rel}) AS props"
    )


#: The properties of an entity a question reads (``type_votes`` and ``merges`` only
#: ``kgraph entity`` shows: :func:`entity_details`).
ENTITY = "e {.id, .name, .type, .aliases, .mentions}"


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


def entities_by_id() -> str:
    """The entities ``$ids`` (the properties questions read)."""
    return f"UNWIND $ids AS id MATCH (e:Entity {{id: id}}) RETURN {ENTITY} AS entity"


def entity_details() -> str:
    """Every property of the entities ``$ids``, by id."""
    return (
        "UNWIND $ids AS id MATCH (e:Entity {id: id})\nRETURN properties(e) AS entity ORDER BY e.id"
    )


def all_entities() -> str:
    """Every entity (the properties questions read)."""
    return f"MATCH (e:Entity) RETURN {ENTITY} AS entity"


def articles_by_id() -> str:
    """Id, title and date of the articles ``$ids``."""
    return (
        "UNWIND $ids AS id MATCH (a:Article {id: id})\n"
        "RETURN a.id AS id, a.title AS title, a.published AS published"
    )


def relations_around() -> str:
    """Every relation into or out of entity ``$id``."""
    return f"MATCH (e:Entity {{id: $id}})-[r]-(:Entity)\nRETURN DISTINCT {relation_columns()}"


def predicates() -> str:
    """The distinct predicates of the relations, sorted."""
    return (
        "MATCH (:Entity)-[r]->(:Entity)\n"
        "RETURN DISTINCT r.predicate AS predicate ORDER BY predicate"
    )


def relations_with_predicates() -> str:
    """The relations whose predicate is one of ``$predicates``."""
    return (
        "MATCH (:Entity)-[r]->(:Entity) WHERE r.predicate IN $predicates\n"
        f"RETURN {relation_columns()}"
    )


def relations_of_relation() -> str:
    """The relations whose ``relation`` is ``$relation`` or whose type, lowercased, is."""
    return (
        "MATCH (:Entity)-[r]->(:Entity)\n"
        "WHERE r.relation = $relation OR toLower(type(r)) = $relation\n"
        f"RETURN {relation_columns()}"
    )


def neighbours() -> str:
    """For each entity of ``$ids``, the entities it shares a relation with (either way)."""
    return (
        "UNWIND $ids AS id MATCH (e:Entity {id: id})-[]-(other:Entity)\n"
        "RETURN id, collect(DISTINCT other.id) AS others"
    )


def dated_neighbours() -> str:
    """Each relation into or out of an entity of ``$ids``: that entity, the other one,
    and the relation's evidence dates (``articles``, ``published``, ``whens``)."""
    return (
        "UNWIND $ids AS id MATCH (e:Entity {id: id})-[r]-(other:Entity)\n"
        "RETURN id, other.id AS other,\n"
        "  r {.articles, .published, whens: coalesce(r.whens, [])} AS props"
    )


def relations_between() -> str:
    """The relations between each pair of ``$pairs`` (``[a, b]``), either direction."""
    return (
        "UNWIND $pairs AS pair\n"
        "MATCH (:Entity {id: pair[0]})-[r]-(:Entity {id: pair[1]})\n"
        f"RETURN DISTINCT {relation_columns()}"
    )


def claims() -> str:
    """The relations reported by a source whose folded name is ``$folded``, or by the
    entity ``$source`` or one of ``$ids``."""
    return (
        "MATCH (:Entity)-[r]->(:Entity) WHERE size(coalesce(r.sources, [])) > 0\n"
        "  AND (any(name IN r.sources WHERE "
        f"{folded('name')} = $folded)\n"
        "    OR any(id IN coalesce(r.source_ids, []) WHERE id = $source OR id IN $ids))\n"
        f"RETURN {relation_columns()}"
    )


def most_connected() -> str:
    """The ``$limit`` entities with most relations (a relation to itself counts twice,
    as in the local store), then most mentions, then by id."""
    return (
        "MATCH (e:Entity)\n"
        "WITH e, COUNT { (e)-[]->(:Entity) } + COUNT { (:Entity)-[]->(e) } AS relations\n"
        "RETURN e.id AS id, e.name AS name, e.type AS type, relations,\n"
        "  coalesce(e.mentions, 0) AS mentions\n"
        "ORDER BY relations DESC, mentions DESC, id LIMIT $limit"
    )
