"""Two versions of a small BBC feed, for the tests of articles that change (local and Neo4j).

v1: 24 articles (the first paragraphs of BBC business stories); v2: every other one
without its first paragraph (changed), every fifth one gone (removed), four new ones.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kgraph.models import content_hash
from kgraph.readers.encoding import decode_text
from tests.conftest import SHARED

BBC = SHARED / "corpora" / "bbc" / "business"
KGRAPH = [sys.executable, "-c", "from kgraph.cli import main; main()"]


def bbc_versions() -> tuple[dict[str, str], dict[str, str]]:
    """v1 and v2 of the feed: article id -> text."""
    if not BBC.is_dir():
        pytest.skip(f"{BBC} not found")
    texts = [
        "\n\n".join(decode_text(p.read_bytes()).split("\n\n")[:5])
        for p in sorted(BBC.glob("*.txt"))[:28]
    ]
    v1 = {f"bbc-{n:03}": text for n, text in enumerate(texts[:24])}
    v2 = {}
    for n, (article_id, text) in enumerate(v1.items()):
        if n % 5 == 4:
            continue
        v2[article_id] = "\n\n".join(text.split("\n\n")[1:]) if n % 2 == 0 else text
    v2.update({f"bbc-{n:03}": text for n, text in enumerate(texts[24:], 24)})
    return v1, v2


def write_feed(path: Path, version: dict[str, str]) -> None:
    lines = [
        json.dumps({"id": i, "text": t, "published": f"2024-02-{1 + int(i[-3:]) % 28:02}"})
        for i, t in version.items()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def changed_hashes(v1: dict[str, str], v2: dict[str, str]) -> set[str]:
    """Content hashes of the v2 articles that are new or changed."""
    return {content_hash(t) for i, t in v2.items() if v1.get(i) != t}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [*KGRAPH, *args], capture_output=True, text=True, timeout=600, env=env or os.environ
    )
    assert result.returncode == 0, result.stderr
    return result


def kill_during_update(
    feed: Path,
    store_args: list[str],
    written: Callable[[], int],
    rng: random.Random,
    env: dict[str, str] | None = None,
    linger: float = 0.0,
) -> int:
    """Start an ingest of ``feed`` that writes after every article; SIGKILL it once
    ``written()`` reaches a random target (1 when ``linger``), then after a random wait of
    up to ``linger`` seconds. Returns what ``written()`` said when it was reached.

    Neo4j's ingest resolves after its first write and then writes again only after ten
    times that resolve took (the adaptive checkpoint), so there the kill lands at a random
    moment after the first write (in a resolve or between writes) rather than at a count.
    """
    target = 1 if linger else rng.randint(1, 4)
    args = [*KGRAPH, "ingest", str(feed), "--quiet", "--workers", "1", *store_args]
    proc = subprocess.Popen(
        [*args, "--save-interval", "0", "--batch-size", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env or os.environ,
    )
    deadline = time.monotonic() + 180
    seen = 0
    while proc.poll() is None and time.monotonic() < deadline:
        seen = written()
        if seen >= target:
            break
        time.sleep(0.005)
    time.sleep(rng.uniform(0, linger))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return seen
