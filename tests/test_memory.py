"""Freed memory goes back to the operating system (glibc's malloc_trim)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kgraph.nlp.memory import _malloc_trim

SCRIPT = """
import psutil
from kgraph.nlp.memory import release_free_memory
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


FAULTS = """
import resource, sys
from kgraph.nlp.memory import reuse_heap_for_large_blocks

def faults_per_block():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(200):
        block = bytearray(4 * 2**20)  # 4 MiB, zero-filled: every page is touched
        del block
    return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 200

slow = faults_per_block()
changed = reuse_heap_for_large_blocks()
print(changed, slow, faults_per_block())
"""


def _faults(env: dict[str, str]) -> tuple[str, float, float]:
    import os

    done = subprocess.run(
        [sys.executable, "-c", FAULTS], capture_output=True, text=True, env={**os.environ, **env}
    )
    assert done.returncode == 0, done.stderr
    changed, slow, fast = done.stdout.split()
    return changed, float(slow), float(fast)


@pytest.mark.skipif(_malloc_trim() is None, reason="not glibc")
def test_large_blocks_come_from_the_heap_again_under_dasks_trim_setting():
    # Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536: each 4 MiB block is
    # mapped anew and faulted in page by page (1,024 faults), until the threshold is set.
    changed, slow, fast = _faults({"MALLOC_TRIM_THRESHOLD_": "65536"})
    assert changed == "True"
    assert slow > 500
    assert fast < 50


@pytest.mark.skipif(_malloc_trim() is None, reason="not glibc")
def test_the_users_own_mmap_threshold_is_left_alone():
    changed, slow, fast = _faults(
        {"MALLOC_TRIM_THRESHOLD_": "65536", "MALLOC_MMAP_THRESHOLD_": "131072"}
    )
    assert changed == "False"
    assert fast > 500
