"""A Neo4j write transaction that holds only the statements still being read.

The driver keeps every statement's :class:`neo4j.Result`, with its query text, its
parameters and its summary, until the transaction ends. A write applied in pieces runs a
few statements for every page of the articles it touches, so it would hold all of them:
client memory growing with the articles a merge touches, that is with the graph.
:class:`LeanTransaction` lets go of the results read to the end before each statement.
"""

from __future__ import annotations

from typing import Any, Protocol

from neo4j import ManagedTransaction, Result


class Statements(Protocol):
    """What kgraph's writes use of a transaction: running a statement."""

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Result:
        """Run ``query`` in the transaction; its result."""


class LeanTransaction:
    """``tx``, dropping its finished results (consumed, or read to the end) before each
    statement it runs. The driver keeps them in a private list, ``_results``, which it
    only reads to close them when the transaction ends (a finished one needs no closing);
    where a driver has no such list, nothing is dropped."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self.tx = tx

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Result:
        held = getattr(self.tx, "_results", None)
        if isinstance(held, list):
            held[:] = [result for result in held if not finished(result)]
        return self.tx.run(query, parameters, **kwargs)

    def held_results(self) -> int:
        """How many results the driver holds for the transaction now."""
        return len(getattr(self.tx, "_results", []))


def finished(result: Result) -> bool:
    """True if nothing more can be read from ``result``."""
    return result.closed() or bool(getattr(result, "_exhausted", False))
