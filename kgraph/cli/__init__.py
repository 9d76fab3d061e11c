"""The ``kgraph`` command line: options in, a library call, output or a one-line error out."""

from __future__ import annotations

# Importing the command modules attaches their commands to the ``kgraph`` group.
from kgraph.cli import entities, evaluate, graph, ingest, query  # noqa: F401
from kgraph.cli.common import cli, main

__all__ = ["cli", "main"]
