"""kgraph's own exceptions; the CLI turns them into one-line errors."""


class KgraphError(Exception):
    """Base class: something the user can fix, with a message saying how."""


class ModelNotFoundError(KgraphError):
    """The named spaCy pipeline is not installed."""


class RejectedInput(KgraphError):
    """An input file or record that cannot become an article."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class StoreError(KgraphError):
    """The graph store could not be read or written."""
