"""One writer at a time on a graph file: an advisory lock held for a whole run.

A writer takes the lock before it reads the graph file and keeps it until its last save,
so a second writer reads what the first wrote instead of overwriting it with a stale
copy. The lock is ``fcntl.flock`` on a small file beside the graph (``.NAME.lock``,
holding the writer's process id); the system releases it when the process ends, however
it ends, so a killed run never leaves the graph locked. Readers take no lock: saves
replace the file atomically, so they see the graph before or after a save.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

from kgraph.errors import StoreError


def lock_path(graph_path: Path) -> Path:
    """The lock file of a graph file: ``graph.json`` → ``.graph.json.lock``."""
    return graph_path.with_name(f".{graph_path.name}.lock")


class WriterLock:
    """The writer's lock on ``graph_path``, taken at creation, released by :meth:`release`.

    Args:
        wait: wait for another writer to finish (else fail at once).
        on_wait: told once, in a line, that this writer is waiting and for whom.

    Raises:
        StoreError: another process writes the graph and ``wait`` is false.
    """

    def __init__(
        self,
        graph_path: Path,
        *,
        wait: bool = True,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = lock_path(graph_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd: int | None = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._holder()
            if not wait:
                self.release()
                raise StoreError(
                    f"{graph_path} is being written by another kgraph run{holder}; "
                    "try again when it ends (or leave out --no-wait to wait for it)"
                ) from None
            if on_wait:
                on_wait(f"waiting for the kgraph run{holder} writing {graph_path} to finish...")
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"{os.getpid()}\n".encode(), 0)

    def _holder(self) -> str:
        try:
            pid = os.pread(self._fd, 32, 0).decode().strip()
        except OSError:
            return ""
        return f" (process {pid})" if pid.isdigit() else ""

    def release(self) -> None:
        """Release the lock (a second call does nothing)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
