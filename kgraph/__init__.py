"""kgraph: entity knowledge graphs from news articles.

Data flows one way, one folder per stage: articles in (:mod:`kgraph.readers`, with
:mod:`kgraph.text` for raw text) → spaCy ``Doc`` (:mod:`kgraph.nlp`) → mentions and
entities (:mod:`kgraph.entities`) → triples (:mod:`kgraph.extract`) → store
(:mod:`kgraph.store`) → questions (:mod:`kgraph.query`) and exports (:mod:`kgraph.export`);
:mod:`kgraph.scale` runs ingestion on Dask, :mod:`kgraph.cli` is the command line.

The public API is listed in ``__all__``; ``import kgraph`` stays light (no spaCy, no
networkx): each name is imported from its module on first use.

    >>> import kgraph
    >>> kgraph.relationship_type("parent-of")
    'PARENT_OF'
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.2.0"

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
    "load_pipeline": "kgraph.nlp.spacy_pipeline",
    # stores
    "read_graph": "kgraph.api",
    "LocalGraphStore": "kgraph.store.local",
    # questions
    "entity_relations": "kgraph.query.local",
    "relations_with_predicate": "kgraph.query.local",
    "path_between": "kgraph.query.local",
    "find_entity": "kgraph.query.local",
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
