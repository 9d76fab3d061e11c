"""Giving freed memory back to the operating system between the steps of a long run.

CPython frees objects into its own arenas and glibc's heap, which keep the pages: after a
worker batch's arrays or the previous graph are freed, the process's resident size stays
at its high-water mark, and the next large structure (the graph rebuilt at the end of an
ingest) is built on top of it. ``malloc_trim`` hands the free pages back.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache

__all__ = ["release_free_memory"]


def release_free_memory() -> None:
    """Collect garbage, then return free heap pages to the OS (glibc; elsewhere a no-op).

    Not for every small step: pages handed back are faulted in again by the next
    allocations (trimming after every worker batch cost 5% of an ingest's time).
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None
