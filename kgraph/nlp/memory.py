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
import os
from functools import lru_cache

__all__ = ["release_free_memory", "reuse_heap_for_large_blocks"]

#: ``mallopt`` parameter numbers (glibc's malloc.h).
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
#: The ceiling of glibc's sliding mmap threshold on 64-bit systems (32 MiB); the trim
#: threshold slides along at twice the mmap threshold.
SLIDING_MMAP_CEILING = 32 * 1024 * 1024
#: Environment variables that turn glibc's sliding mmap threshold off at start-up.
_FIXING_VARIABLES = ("MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_MMAP_MAX_")


def release_free_memory() -> None:
    """Collect garbage, then return free heap pages to the OS (glibc; elsewhere a no-op).

    Not for every small step: pages handed back are faulted in again by the next
    allocations (trimming after every worker batch cost 5% of an ingest's time).
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def reuse_heap_for_large_blocks() -> bool:
    """Serve large blocks from the heap again where the environment stopped it.

    glibc raises its mmap and trim thresholds as large blocks are freed, so the arrays a
    pipeline allocates for every batch come back from the heap. Setting
    ``MALLOC_TRIM_THRESHOLD_`` (Dask's nanny starts every worker with 65536, its
    ``distributed.nanny.pre-spawn-environ``) stops that: every block over 128 KiB is then
    mapped anew, or handed back as soon as it is freed, and faulted in page by page, which
    cost a Dask worker 28% more CPU per article. This sets both thresholds where the
    sliding ones end (32 and 64 MiB). Nothing changes when they still slide, when
    ``MALLOC_MMAP_THRESHOLD_`` is set too (a deliberate choice), or off glibc.

    Returns:
        True if the thresholds were set.
    """
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    if not any(name in os.environ for name in _FIXING_VARIABLES):
        return False
    mallopt = _libc_function("mallopt")
    return bool(
        mallopt
        and mallopt(M_MMAP_THRESHOLD, SLIDING_MMAP_CEILING)
        and mallopt(M_TRIM_THRESHOLD, 2 * SLIDING_MMAP_CEILING)
    )


def _malloc_trim():
    return _libc_function("malloc_trim")


@lru_cache(maxsize=4)
def _libc_function(name: str):
    """glibc's function ``name``, or None (musl, macOS)."""
    library = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(library), name) if library else None
    except (OSError, AttributeError):  # not glibc: nothing to set or trim
        return None
