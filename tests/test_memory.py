"""Freed memory goes back to the operating system (glibc's malloc_trim)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kgraph.memory import _malloc_trim

SCRIPT = """
import psutil
from kgraph.memory import release_free_memory
rss = lambda: psutil.Process().memory_info().rss
blocks = [bytes(1000) for _ in range(200_000)]  # about 200 MB in glibc's heap
kept = blocks[::100]  # a few survivors keep the heap from shrinking at its top
del blocks
before = rss()
release_free_memory()
print((before - rss()) // 2**20)
"""


@pytest.mark.skipif(_malloc_trim() is None, reason="not glibc: nothing to trim")
def test_freed_heap_pages_are_returned():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 100  # MB handed back
