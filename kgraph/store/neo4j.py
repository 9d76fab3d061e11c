"""The Neo4j store: the same graph as the local one, written in batches through the driver.

Connection settings come from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``. Opening the store checks the server and creates the constraints and
indexes; each :meth:`Neo4jGraphStore.write_rows` is one managed write transaction (the
driver retries it on transient faults), so a batch lands whole or not at all. Every
statement comes from :mod:`kgraph.store.cypher` and carries its values as parameters.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl
from neo4j import exceptions as neo4j_errors

from kgraph.entities.identity import Overrides
from kgraph.errors import StoreError
from kgraph.models import EntityRef, Extraction
from kgraph.relations import Vocabulary, relation_of, relationship_type
from kgraph.store import cypher
from kgraph.store.base import ARTICLE_PREFIX, GraphStats
from kgraph.store.delta import (
    EmptyIndex,
    GraphDelta,
    chunks,
    load_new_articles,
    loaded_extraction,
    plan,
    plan_loaded,
)
from kgraph.store.local import read_from_source
from kgraph.store.neo4j_delta import apply_delta, overrides_from_json, write_delta
from kgraph.store.partition import Block, mention_rounds, relation_rounds
from kgraph.store.rows import GraphRows, gc_paused
from kgraph.store.settings import (  # noqa: F401 - re-exported
    DEFAULT_DATABASE,
    DEFAULT_PASSWORD,
    DEFAULT_URI,
    Neo4jSettings,
)

#: Rows per UNWIND statement inside one transaction.
STATEMENT_ROWS = 2000
#: Write transactions :meth:`Neo4jGraphStore.load` runs at once by default. Concurrent ones
#: get node-disjoint rows, yet Neo4j 5 also locks the relationships next in a node's chain,
#: so they may still deadlock (the server detects it, the driver retries): opt-in.
PARALLEL = 1


def store_error(exc: Exception, settings: Neo4jSettings) -> StoreError:
    """A one-line :class:`StoreError` for a driver exception."""
    first = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, neo4j_errors.AuthError):
        return StoreError(
            f"Neo4j at {settings.uri} rejected the credentials of user {settings.username!r} "
            "(set NEO4J_USERNAME and NEO4J_PASSWORD)"
        )
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
        return StoreError(f"cannot reach Neo4j at {settings.uri}: {first}")
    if isinstance(exc, neo4j_errors.Neo4jError) and exc.code and "DatabaseNotFound" in exc.code:
        return StoreError(
            f"Neo4j at {settings.uri} has no database {settings.database!r} (set NEO4J_DATABASE)"
        )
    if isinstance(exc, neo4j_errors.Neo4jError):
        return StoreError(f"Neo4j refused the statement: {exc.code}: {first}")
    if isinstance(exc, neo4j_errors.ConfigurationError):
        return StoreError(f"bad Neo4j settings (NEO4J_URI={settings.uri!r}): {first}")
    return StoreError(f"Neo4j failed: {type(exc).__name__}: {first}")


class Neo4jGraphStore:
    """A :class:`~kgraph.store.base.GraphStore` on a Neo4j 5 server.

    Args:
        settings: the server; default :meth:`Neo4jSettings.from_env`.
        max_retry_time: seconds the driver keeps retrying a failed transaction.
        dynamic_types: write all relationship types with one statement (Neo4j 5.26+'s
            ``$(row.type)``) rather than one statement per type; default: when the server
            supports it.
        check_legacy: refuse a database whose relationships were written by an older kgraph
            (typed by predicate, no ``relation``) until ``kgraph migrate`` retypes them.
        parallel: write transactions :meth:`load` runs at once (1: one after another).

    Raises:
        StoreError: the server cannot be reached, refuses the credentials, or has no such
            database (one line saying which); or the database needs ``kgraph migrate``.
    """

    def __init__(
        self,
        settings: Neo4jSettings | None = None,
        *,
        max_retry_time: float = 30.0,
        dynamic_types: bool | None = None,
        check_legacy: bool = True,
        parallel: int = PARALLEL,
    ) -> None:
        self.settings = settings or Neo4jSettings.from_env()
        self.parallel = max(1, parallel)
        self.driver: Driver | None = None
        #: Extracted articles not written yet: the next :meth:`save` writes them in one
        #: transaction.
        self._pending: dict[str, Extraction] = {}
        #: True once the database is known to hold kgraph's records for every article.
        self._indexed = False
        #: Where the overrides live (shown by merge and split).
        self.overrides_path = f"Neo4j database {self.settings.database!r}"
        try:
            self.driver = GraphDatabase.driver(
                self.settings.uri,
                auth=(self.settings.username, self.settings.password),
                max_transaction_retry_time=max_retry_time,
                connection_timeout=10.0,
                notifications_min_severity="OFF",
            )
            self.driver.verify_connectivity()
            agent = self.driver.get_server_info().agent
            self.dynamic_types = (
                supports_dynamic_types(agent) if dynamic_types is None else dynamic_types
            )
            self.ensure_schema()
            legacy = (
                check_legacy
                and self._driver.execute_query(
                    cypher.legacy_relation_exists(), database_=self.settings.database
                ).records
            )
        except ValueError as exc:  # the driver's word for a malformed URI
            self.close()
            raise StoreError(f"bad NEO4J_URI {self.settings.uri!r}: {exc}") from exc
        except Exception as exc:
            self.close()
            raise store_error(exc, self.settings) from exc
        #: True if no relationship is typed by predicate (checked, or marked so): a
        #: write marks the database, and the check is not run again.
        self.relations_typed = check_legacy and not legacy
        if legacy:
            self.close()
            raise StoreError(
                f"Neo4j database {self.settings.database!r} at {self.settings.uri} holds "
                "relationships typed by predicate (written by an older kgraph): run "
                "`kgraph migrate --store neo4j` once to retype them by relation"
            )

    def __enter__(self) -> Neo4jGraphStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def ensure_schema(self) -> None:
        """Create the constraints and indexes of ``cypher/schema.cypher`` if missing."""
        for statement in cypher.schema_statements():
            self._driver.execute_query(statement, database_=self.settings.database)

    @property
    def _driver(self) -> Driver:
        if self.driver is None:
            raise StoreError("the Neo4j store is closed")
        return self.driver

    def has_article(self, article_id: str, content_hash: str) -> bool:
        records = self.run(cypher.has_article(), {"id": article_id, "content_hash": content_hash})
        return bool(records)

    def stored_hash(self, article_id: str) -> str | None:
        """The content hash article ``article_id`` is stored with; None if not stored."""
        rows = self.run(cypher.stored_hash(), {"id": article_id})
        return (rows[0]["content_hash"] or "") if rows else None

    def article_ids(self, source: str | None = None) -> list[str]:
        """Ids of the stored articles (only those read from ``source`` or a file under it)."""
        return [
            row["id"] for row in self.run(cypher.article_ids()) if read_from_source(row, source)
        ]

    def remove(self, article_ids: list[str]) -> int:
        """Retract articles: one transaction rewrites the blocks their entities were in.

        Returns:
            The number of articles removed (ids not stored are passed over).
        """
        self.check_indexed()
        ids = list(article_ids)
        return len(self.write_delta(lambda index: plan(index, removed=ids)).removed_articles)

    def write(self, extractions: list[Extraction]) -> None:
        """Keep new articles (a new version of a stored one replaces it) for the next
        :meth:`save`, which writes them in one transaction."""
        self.check_indexed()
        for extraction in extractions:
            article = extraction.article
            if article.id not in self._pending and not self.has_article(
                article.id, article.content_hash
            ):
                self._pending[article.id] = extraction

    def save(self) -> GraphDelta | None:
        """Write the pending articles in one transaction (the graph's blocks they touch
        rewritten); readers see the graph before or after, never a part."""
        if not self._pending:
            return None
        added = list(self._pending.values())
        delta = self.write_delta(lambda index: plan(index, added=added))
        self._pending.clear()
        return delta

    checkpoint = save
    resolve = save

    def add_records(self, articles: list[dict[str, Any]], records: dict[str, str]) -> int:
        """Add articles (rows of their properties) with their article-level records, as
        :meth:`write` adds extractions, in transactions of
        :data:`~kgraph.store.delta.LOAD_ARTICLES`.

        Returns:
            How many articles were new.
        """
        self.check_indexed()
        if not self.stats().articles:
            return self._bulk_load(articles, records)
        return load_new_articles(articles, records, self.has_article, self.write_delta)

    def _bulk_load(self, articles: list[dict[str, Any]], records: dict[str, str]) -> int:
        """Load articles into an empty database: one resolution of all of them, written
        in transactions of :data:`STATEMENT_ROWS` rows (not one: a reader may see the
        database fill up)."""
        batch = [(loaded_extraction(row, records[row["id"]]), row) for row in articles]
        delta = plan_loaded(EmptyIndex(self.overrides()), batch)
        for part in chunks(delta, 10 * STATEMENT_ROWS):
            with self._driver.session(database=self.settings.database) as session:
                session.execute_write(apply_delta, part, self.dynamic_types)
        return len(delta.articles)

    def overrides(self) -> Overrides:
        """The merge and split corrections the graph is resolved with."""
        rows = self.run("MATCH (s:KgraphState {id: 'graph'}) RETURN s.overrides AS overrides")
        return overrides_from_json(rows[0]["overrides"] if rows else None)

    def set_overrides(self, overrides: Overrides, *, only_if_changed: bool = True) -> bool:
        """Resolve the graph with ``overrides`` and keep them (one transaction rewriting the
        blocks of the names they give), if that changes the graph (or ``only_if_changed``
        is false); returns whether it did (the transaction is rolled back otherwise)."""
        self.check_indexed()

        def planned(index: Any) -> GraphDelta:
            delta = plan(index, overrides=overrides)
            if only_if_changed and not delta.changes_graph():
                raise _Unchanged
            return delta

        try:
            self.write_delta(planned)
        except _Unchanged:
            return False
        return True

    def write_delta(self, planner: Callable[[Any], GraphDelta]) -> GraphDelta:
        """Run one write transaction: lock, plan against the stored graph, apply."""
        try:
            with self._driver.session(database=self.settings.database) as session:
                return session.execute_write(
                    write_delta, planner, self.dynamic_types, self.relations_typed
                )
        except (StoreError, _Unchanged):
            raise
        except Exception as exc:
            raise store_error(exc, self.settings) from exc

    def indexed(self) -> bool:
        """True if every stored article has kgraph's records (an empty database too).

        Every write of this kgraph marks the state node ``indexed``; a database without
        the mark and with articles is checked article by article (once per store)."""
        if not self._indexed:
            state = self.run(cypher.graph_state())
            self._indexed = bool(
                (state and state[0]["indexed"])
                or not self.run(cypher.count_articles())[0]["n"]
                or not self.run(cypher.count_articles_without_index())[0]["n"]
            )
        return self._indexed

    def check_indexed(self) -> None:
        """Refuse to change a database whose articles lack kgraph's records (written by an
        older kgraph, or loaded from a graph without them): it cannot be resolved again."""
        if self.indexed():
            return
        missing = self.run(cypher.count_articles_without_index())[0]["n"]
        raise StoreError(
            f"Neo4j database {self.settings.database!r} holds {missing} articles without "
            "kgraph's article records (written by an older kgraph, or loaded from a "
            "graph or triples without them), so it cannot be changed: rebuild it with "
            "`kgraph load GRAPH_FILE --replace` from a graph file this kgraph wrote, "
            "or `kgraph ingest` the articles into an empty database"
        )

    def write_rows(self, rows: GraphRows, *, skip_stored: bool = False) -> None:
        """Write ``rows`` in one managed transaction: all of them or, on failure, none.

        Args:
            rows: the batch.
            skip_stored: leave out articles stored with the same ``content_hash`` (and their
                mentions and evidence), as ``kgraph ingest`` does.

        Raises:
            StoreError: the transaction failed after the driver's retries.
        """
        if not len(rows):
            return
        try:
            with self._driver.session(database=self.settings.database) as session:
                session.execute_write(_write_batch, rows, skip_stored, self.dynamic_types)
        except Exception as exc:
            raise store_error(exc, self.settings) from exc

    def migrate(self, vocabulary: Vocabulary | None = None, *, batch_size: int = 10_000) -> int:
        """Retype relationships written by an older kgraph (typed by predicate) by relation.

        Each gets a ``relation`` from its predicate, its first evidence's construction and
        the subject's and object's entity types (as a new write would), and is
        replaced by one of the relation's type with the same properties; one transaction
        per batch. Running it again changes nothing.

        Returns:
            The number of relationships retyped.
        """
        rows = [
            {
                "id": row["id"],
                "relation": relation_of(
                    row["predicate"],
                    row["pattern"] or None,
                    row["object_type"],
                    vocabulary,
                    subject_type=row["subject_type"],
                ),
            }
            for row in self.run(cypher.legacy_relations())
        ]
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault(relationship_type(row["relation"]), []).append(row)
        for rel_type, group in sorted(groups.items()):
            statement = cypher.retype_relations(rel_type)
            for start in range(0, len(group), batch_size):
                self._write(statement, group[start : start + batch_size])
        return len(rows)

    def _write(self, query: str, rows: list[dict[str, Any]]) -> None:
        try:
            self._driver.execute_query(query, rows=rows, database_=self.settings.database)
        except Exception as exc:
            raise store_error(exc, self.settings) from exc

    def load(
        self,
        rows: GraphRows,
        *,
        batch_size: int = 10_000,
        on_batch: Callable[[int], None] | None = None,
    ) -> int:
        """Write ``rows`` in transactions of at most ``batch_size`` rows; return the count.

        Articles and entities go first, then MENTIONS and relations. With
        :attr:`parallel` above 1 these come in rounds of node-disjoint blocks
        (:mod:`kgraph.store.partition`), that many transactions at a time: no two
        concurrent transactions write relationships of the same node. Neo4j still locks
        the relationship next in a node's chain when it inserts one, and two such locks
        can deadlock; the server detects it and the driver runs the transaction again
        (every statement is idempotent). ``on_batch`` gets each transaction's row count.
        """
        report = _locked(on_batch)
        if rows.articles:  # articles without kgraph's records: later writes are refused
            self.execute(cypher.unmark_indexed())
            self._indexed = False
        with gc_paused():
            nodes = GraphRows(articles=rows.articles, entities=rows.entities)
            links = GraphRows(mentions=rows.mentions, relations=rows.relations)
            for batch in nodes.split(batch_size):
                self.write_rows(batch)
                report(len(batch))
            if self.parallel == 1:
                for batch in links.split(batch_size):
                    self.write_rows(batch)
                    report(len(batch))
                return len(rows)
            buckets = 2 * self.parallel
            rounds = [
                *(("mentions", r) for r in mention_rounds(rows.mentions.values(), buckets)),
                *(("relations", r) for r in relation_rounds(rows.relations.values(), buckets)),
            ]
            with ThreadPoolExecutor(self.parallel, thread_name_prefix="kgraph-load") as pool:
                for kind, blocks in rounds:  # one round at a time: rounds share nodes
                    done = [
                        pool.submit(self._write_block, kind, b, batch_size, report) for b in blocks
                    ]
                    for future in done:
                        future.result()
        return len(rows)

    def _write_block(
        self, kind: str, block: Block, batch_size: int, report: Callable[[int], None]
    ) -> None:
        for start in range(0, len(block), batch_size):
            batch = _link_rows(kind, block[start : start + batch_size])
            self.write_rows(batch)
            report(len(batch))

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read query with ``parameters``; the records as dicts."""
        try:
            records, _, _ = self._driver.execute_query(
                query,
                parameters or {},
                database_=self.settings.database,
                routing_=RoutingControl.READ,
            )
        except Exception as exc:
            raise store_error(exc, self.settings) from exc
        return [record.data() for record in records]

    def execute(self, query: str, parameters: dict[str, Any] | None = None) -> None:
        """Run one statement in an auto-commit transaction (``delete_all``, tests)."""
        try:
            with self._driver.session(database=self.settings.database) as session:
                session.run(query, parameters or {}).consume()
        except Exception as exc:
            raise store_error(exc, self.settings) from exc

    def clear(self) -> None:
        """Delete everything in the database (``kgraph load --replace``, tests)."""
        for statement in cypher.delete_all():
            self.execute(statement)

    def read_graph(self, query: str | None = None) -> nx.MultiDiGraph:
        """The stored graph (or the nodes, relationships and paths ``query`` returns) as a
        networkx graph in the local store's schema, for :mod:`kgraph.export`."""
        try:
            with self._driver.session(database=self.settings.database) as session:
                found = session.run(query or cypher.whole_graph()).graph()
        except Exception as exc:
            raise store_error(exc, self.settings) from exc
        graph = nx.MultiDiGraph()
        keys = {node.element_id: _node_key(node) for node in found.nodes}
        for node in found.nodes:
            graph.add_node(keys[node.element_id], label=next(iter(node.labels), ""), **node)
        for rel in found.relationships:
            kind = "MENTIONS" if rel.type == "MENTIONS" else "RELATION"
            key = "MENTIONS" if kind == "MENTIONS" else rel.get("key", rel.type)
            source, target = (keys[n.element_id] for n in (rel.start_node, rel.end_node))
            props = {k: v for k, v in rel.items() if k != "key"}
            graph.add_edge(source, target, key=key, **props, label=kind, type=rel.type)
        return graph

    def entities(self) -> Iterator[EntityRef]:
        """The stored entities, for :class:`kgraph.entities.identity.EntityDirectory`."""
        for row in self.run(cypher.all_entities()):
            yield EntityRef(row["id"], row["name"], row["type"], tuple(row["aliases"] or ()))

    def entities_named(self, name: str, *, aliases: bool = False) -> list[dict[str, Any]]:
        """Entities whose id or name is ``name``, else whose name is in another case (or,
        with ``aliases``, who have it as an alias): their properties."""
        rows = self.run(cypher.entities_named(), {"name": name})
        if not rows:
            rows = self.run(cypher.entities_named_any_case(aliases), {"name": name.casefold()})
        return [row["e"] for row in rows]

    def counts(self) -> tuple[int, int, int]:
        """Articles, entities and relations, from Neo4j's counts (no scan)."""
        rows = self.run(cypher.graph_counts())[0]
        return rows["articles"], rows["entities"], rows["relations"]

    def stats(self) -> GraphStats:
        articles = self.run(cypher.count_articles())[0]["n"]
        types = {r["key"]: r["n"] for r in self.run(cypher.count_entities_by_type())}
        predicates = {r["key"]: r["n"] for r in self.run(cypher.count_relations_by_predicate())}
        return GraphStats(
            articles, sum(types.values()), sum(predicates.values()), types, predicates
        )

    def close(self) -> None:
        if self.driver is not None and self._pending:
            self.save()
        if self.driver is not None:
            self.driver.close()
            self.driver = None


def _link_rows(kind: str, rows: Block) -> GraphRows:
    """MENTIONS or relation rows as a :class:`GraphRows` batch."""
    if kind == "mentions":
        return GraphRows(mentions={(r["article"], r["entity"]): r for r in rows})
    return GraphRows(relations={(r["subject"], r["object"], r["key"]): r for r in rows})


def _locked(on_batch: Callable[[int], None] | None) -> Callable[[int], None]:
    """``on_batch`` callable from several threads, one call at a time (or a no-op)."""
    lock = threading.Lock()

    def report(rows: int) -> None:
        if on_batch is not None:
            with lock:
                on_batch(rows)

    return report


def _node_key(node: Any) -> str:
    """A Neo4j node's key in the local graph: entity id, or ``article:<id>``."""
    if "Article" in node.labels:
        return ARTICLE_PREFIX + str(node["id"])
    return str(node.get("id", node.element_id))


def supports_dynamic_types(agent: str) -> bool:
    """True for servers with dynamic relationship types in MERGE (``Neo4j/5.26`` and later).

    >>> supports_dynamic_types("Neo4j/5.26.30"), supports_dynamic_types("Neo4j/5.20.0")
    (True, False)
    """
    numbers = re.findall(r"\d+", agent.rpartition("/")[2])
    return len(numbers) >= 2 and (int(numbers[0]), int(numbers[1])) >= (5, 26)


def _write_batch(
    tx: ManagedTransaction, rows: GraphRows, skip_stored: bool, dynamic_types: bool
) -> None:
    """The body of one write transaction (the driver may run it again on a retry)."""
    if skip_stored:
        rows = _without_stored(tx, rows)
    _unwind(tx, cypher.merge_articles(), rows.articles.values())
    _unwind(tx, cypher.merge_entities(), rows.entities.values())
    _unwind(tx, cypher.merge_mentions(), rows.mentions.values())
    groups = rows.relations_by_type()
    for rel_type in groups:  # sanitized upstream; checked again before reaching Cypher
        if not cypher.RELATIONSHIP_TYPE.fullmatch(rel_type):
            raise ValueError(f"relationship type {rel_type!r} is not [A-Z][A-Z0-9_]*")
    if dynamic_types:
        _unwind(tx, cypher.merge_relations_dynamic(), map(_relation_row, rows.relations.values()))
        return
    for rel_type, group in sorted(groups.items()):
        _unwind(tx, cypher.merge_relations(rel_type), map(_relation_row, group))


def _relation_row(row: dict[str, Any]) -> dict[str, Any]:
    """A relation row as :func:`cypher.merge_relations` takes it: evidence as parallel lists."""
    fields = row.copy()
    fields["props"] = cypher.relation_properties(fields.pop("evidence"))
    return fields


def _without_stored(tx: ManagedTransaction, rows: GraphRows) -> GraphRows:
    wanted = [
        {"id": row["id"], "content_hash": row["props"].get("content_hash")}
        for row in rows.articles.values()
    ]
    stored = {record["id"] for record in tx.run(cypher.stored_articles(), rows=wanted)}
    if not stored:
        return rows
    kept = GraphRows(
        articles={k: r for k, r in rows.articles.items() if k not in stored},
        mentions={k: r for k, r in rows.mentions.items() if k[0] not in stored},
    )
    for row in rows.relations.values():
        evidence = [e for e in row["evidence"] if e["article"] not in stored]
        if evidence:
            kept.relations[row["subject"], row["object"], row["key"]] = {
                **row,
                "evidence": evidence,
            }
    needed = {m["entity"] for m in kept.mentions.values()}
    needed |= {end for r in kept.relations.values() for end in (r["subject"], r["object"])}
    kept.entities = {k: r for k, r in rows.entities.items() if k in needed}
    return kept


class _Unchanged(Exception):
    """Raised inside a write transaction to roll it back: it would change nothing."""


def _unwind(tx: ManagedTransaction, query: str, rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    for start in range(0, len(rows), STATEMENT_ROWS):
        tx.run(query, rows=rows[start : start + STATEMENT_ROWS]).consume()
