"""Questions answered on the Neo4j server: each read fetches only the entities, relations
and articles it names (:mod:`kgraph.store.cypher_reads`), never the whole graph.

A reader opens one read transaction and asks everything of one command in it. It writes
nothing (no schema statements either), so it works on a read-only user or replica. Like
the store, it refuses a database whose relationships an older kgraph typed by predicate
(``kgraph migrate --store neo4j`` retypes them).
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable, Iterator
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph.errors import StoreError
from kgraph.models import slugify
from kgraph.store import cypher_reads
from kgraph.store.base import ARTICLE_PREFIX, GraphStats
from kgraph.store.reader import ranked_counts
from kgraph.store.settings import Neo4jSettings

if TYPE_CHECKING:
    from neo4j import Driver, Session, Transaction

__all__ = ["Neo4jReader", "import_lean_driver"]

#: What the Neo4j driver imports when it can, only to take their values as parameters
#: and for ``Result.to_df``: about 0.5 s of a command's start, which a reader never uses.
DRIVER_EXTRAS = ("numpy", "pandas", "pyarrow")


def import_lean_driver() -> None:
    """Import the Neo4j driver without :data:`DRIVER_EXTRAS` (unless they are loaded
    already). For a process that runs one read command: the driver keeps doing without
    them afterwards, so a process that may write numpy values must not call this."""
    if "neo4j" in sys.modules:
        return
    blocked = [name for name in DRIVER_EXTRAS if name not in sys.modules]
    sys.modules.update(dict.fromkeys(blocked, None))  # None: "import fails"
    try:
        import neo4j  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]


#: The case-folding pairs every name comparison sends as ``$fold``.
FOLD = [list(pair) for pair in cypher_reads.FOLDS]


class Neo4jReader:
    """A :class:`~kgraph.store.reader.GraphReader` on a Neo4j 5 server.

    Raises:
        StoreError: the server cannot be reached, refuses the credentials or has no such
            database (one line saying which).
    """

    def __init__(self, settings: Neo4jSettings | None = None) -> None:
        self.settings = settings or Neo4jSettings.from_env()
        self._driver: Driver | None = None
        self._session: Session | None = None
        self._tx: Transaction | None = None
        from neo4j import GraphDatabase

        try:
            self._driver = GraphDatabase.driver(
                self.settings.uri,
                auth=(self.settings.username, self.settings.password),
                connection_timeout=10.0,
                notifications_min_severity="OFF",
            )
            self._session = self._driver.session(
                database=self.settings.database, default_access_mode="READ"
            )
            self._tx = self._session.begin_transaction()
        except ValueError as exc:  # the driver's word for a malformed URI
            self.close()
            raise StoreError(f"bad NEO4J_URI {self.settings.uri!r}: {exc}") from exc
        except Exception as exc:
            self.close()
            raise _error(exc, self.settings) from exc
        if self._run(cypher_reads.legacy_relation_exists()):
            self.close()
            raise StoreError(
                f"Neo4j database {self.settings.database!r} at {self.settings.uri} holds "
                "relationships typed by predicate (written by an older kgraph): run "
                "`kgraph migrate --store neo4j` once to retype them by relation"
            )

    def __enter__(self) -> Neo4jReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        for part in (self._tx, self._session, self._driver):
            if part is not None:
                with suppress(Exception):  # closing after a failure: the first error counts
                    part.close()
        self._tx = self._session = self._driver = None

    def entities_called(self, name: str) -> nx.MultiDiGraph:
        rows = self._run(cypher_reads.entities_by_slug(), name=name, slug=slugify(name))
        return _entity_graph(row["entity"] for row in rows)

    def entities_named(self, name: str) -> nx.MultiDiGraph:
        rows = self._run(
            cypher_reads.entities_named(), name=name, folded=name.casefold(), fold=FOLD
        )
        return _entity_graph(row["entity"] for row in rows)

    def entity_details(self, ids: Collection[str]) -> list[dict[str, Any]]:
        rows = self._run(cypher_reads.entity_details(), ids=list(ids))
        return [{"label": "Entity", **row["entity"]} for row in rows]

    def all_names(self) -> nx.MultiDiGraph:
        return _entity_graph(self._run(cypher_reads.all_entities())[0]["entities"])

    def around(self, entity_id: str) -> nx.MultiDiGraph:
        return self._subgraph(cypher_reads.relations_around(), [entity_id], id=entity_id)

    def predicates(self) -> list[str]:
        return self._run(cypher_reads.predicates())[0]["predicates"]

    def with_predicates(self, predicates: Collection[str]) -> nx.MultiDiGraph:
        query = cypher_reads.relations_with_predicates()
        return self._subgraph(query, predicates=list(predicates))

    def with_relation(self, relation: str) -> nx.MultiDiGraph:
        return self._subgraph(cypher_reads.relations_of_relation(), relation=relation)

    def neighbours(
        self, ids: Collection[str], *, dated: bool = False
    ) -> Iterator[tuple[str, str, dict[str, Any]]]:
        if dated:
            yield from self._run(cypher_reads.dated_neighbours(), ids=list(ids))[0]["neighbours"]
            return
        for node, others in self._run(cypher_reads.neighbours(), ids=list(ids))[0]["neighbours"]:
            for other in others:
                yield node, other, {}

    def between(self, pairs: Collection[tuple[str, str]]) -> nx.MultiDiGraph:
        query = cypher_reads.relations_between()
        return self._subgraph(query, pairs=[list(p) for p in pairs])

    def claims(self, source: str, entity_ids: Collection[str]) -> nx.MultiDiGraph:
        return self._subgraph(
            cypher_reads.claims(),
            speakers=True,
            folded=source.casefold(),
            source=source,
            sources=list(entity_ids),
            fold=FOLD,
        )

    def stats(self) -> GraphStats:
        (row,) = self._run(cypher_reads.counts())
        types, predicates = ranked_counts(row["types"]), ranked_counts(row["predicates"])
        return GraphStats(
            row["articles"], sum(types.values()), sum(predicates.values()), types, predicates
        )

    def most_connected(self, limit: int) -> list[dict[str, Any]]:
        rows = self._run(cypher_reads.most_connected(), limit=int(limit))
        if len(rows) < limit:
            rows += self._run(cypher_reads.least_connected(), limit=int(limit) - len(rows))
        return rows

    def _run(self, query: str, **parameters: Any) -> list[dict[str, Any]]:
        if self._tx is None:
            raise StoreError("the Neo4j reader is closed")
        try:
            return [record.data() for record in self._tx.run(query, parameters)]
        except Exception as exc:
            raise _error(exc, self.settings) from exc

    def _subgraph(
        self, query: str, ids: Iterable[str] = (), speakers: bool = False, **parameters: Any
    ) -> nx.MultiDiGraph:
        """The one row of a :func:`cypher_reads._subgraph` query as a graph: its relations,
        their entities (with ``ids``; with ``speakers``, the entities they are attributed
        to) and their articles."""
        (row,) = self._run(query, ids=list(ids), speakers=speakers, **parameters)
        graph = _entity_graph(row["entities"])
        for article in row["articles"]:
            graph.add_node(ARTICLE_PREFIX + article["id"], label="Article", **article)
        for relation in row["relations"]:
            props = dict(relation["props"])
            key = props.pop("key", relation["type"])
            graph.add_edge(
                relation["subject"],
                relation["object"],
                key,
                **props,
                label="RELATION",
                type=relation["type"],
            )
        return graph


def _error(exc: Exception, settings: Neo4jSettings) -> StoreError:
    from kgraph.store.neo4j import store_error  # the writer's module: only on failure

    return store_error(exc, settings)


def _entity_graph(entities: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for entity in entities:
        graph.add_node(
            entity["id"],
            label="Entity",
            **{k: v for k, v in entity.items() if v is not None},
        )
    return graph
