"""kgraph: entity knowledge graphs from news articles.

Data flows one way: articles (:mod:`kgraph.readers`) → spaCy ``Doc`` (:mod:`kgraph.nlp`)
→ triples (:mod:`kgraph.extract`) → entities (:mod:`kgraph.resolve`, :mod:`kgraph.coref`)
→ store (:mod:`kgraph.store`) → query and export.

The public API is listed in ``__all__``; ``import kgraph`` stays light (no spaCy, no
networkx): each name is imported from its module on first use.

    >>> import kgraph
    >>> kgraph.relationship_type("parent-of")
    'PARENT_OF'
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

#: Public name → the module that defines it.
_API = {
    # records
    "Article": "kgraph.models",
    "EntityRef": "kgraph.models",
    "Triple": "kgraph.models",
    "relationship_type": "kgraph.models",
    "KgraphError": "kgraph.errors",
    # extract and ingest
    "extract_triples": "kgraph.api",
    "ingest": "kgraph.api",
    "load_pipeline": "kgraph.nlp",
    # stores
    "read_graph": "kgraph.api",
    "LocalGraphStore": "kgraph.store.local",
    # questions
    "entity_relations": "kgraph.query",
    "relations_with_predicate": "kgraph.query",
    "path_between": "kgraph.query",
    "find_entity": "kgraph.query",
    # exports and tables
    "ExportFilter": "kgraph.export",
    "filter_graph": "kgraph.export",
    "export_graph": "kgraph.export",
    "triple_records": "kgraph.export.triples",
    "triples_frame": "kgraph.api",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use."""
    if name in _API:
        value = getattr(import_module(_API[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
