"""A run killed at any point, then re-run, gives exactly the graph of an uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import networkx as nx
import pytest

from kgraph.readers.encoding import decode_text
from kgraph.store.local import read_graph
from tests.conftest import SHARED

BBC = SHARED / "corpora" / "bbc" / "business"
KGRAPH = [sys.executable, "-c", "from kgraph.cli import main; main()"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """About 30 small articles: the first paragraphs of BBC business stories."""
    if not BBC.is_dir():
        pytest.skip(f"{BBC} not found")
    folder = tmp_path_factory.mktemp("articles")
    for path in sorted(BBC.glob("*.txt"))[:30]:
        text = decode_text(path.read_bytes())
        (folder / path.name).write_text("\n\n".join(text.split("\n\n")[:6]), encoding="utf-8")
    return folder


def _ingest(folder, graph, *extra) -> subprocess.Popen:
    args = [*KGRAPH, "ingest", str(folder), "--graph", str(graph), "--quiet", *extra]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _kill_after_some_articles(folder, graph, rng: random.Random) -> None:
    """Start an ingest that saves after every article; SIGKILL it after a random number.
    On a loaded machine the run may finish before the poll sees its target: then the
    graph is put back as it was and another run is killed (up to three tries)."""
    before = graph.read_bytes() if graph.exists() else None
    for _ in range(3):
        if _killed_run(folder, graph, rng):
            return
        if before is None:
            graph.unlink()
        else:
            graph.write_bytes(before)


def _killed_run(folder, graph, rng: random.Random) -> bool:
    """One ingest killed after a random number of articles; False if it ended first (or
    had stored every article when the kill came)."""
    target = rng.randint(1, 20)
    workers = str(rng.choice([1, 2]))
    proc = _ingest(folder, graph, "--save-interval", "0", "--batch-size", "1", "--workers", workers)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        if graph.exists() and _articles(graph) >= target:
            break
        time.sleep(0.02)
    running = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # stored every article before the kill landed (it was only closing): as if it ended
    return running and _articles(graph) < len(list(folder.glob("*.txt")))


def _articles(graph) -> int:
    try:
        return sum(d.get("label") == "Article" for _, d in read_graph(graph).nodes(data=True))
    except Exception:  # noqa: BLE001 - the file is replaced while we read it
        return 0


def _snapshot(graph: nx.MultiDiGraph):
    nodes = {n: d for n, d in graph.nodes(data=True)}
    edges = {(u, v, k): d for u, v, k, d in graph.edges(keys=True, data=True)}
    return nodes, edges


@pytest.mark.slow
def test_killed_runs_resume_to_the_uninterrupted_graph(folder, tmp_path):
    seed = int(os.environ.get("KGRAPH_KILL_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    reference = tmp_path / "reference.json"
    done = _ingest(folder, reference, "--workers", "1")
    assert done.wait() == 0, done.stderr.read()

    resumed = tmp_path / "resumed.json"
    counts = []
    for _ in range(2):
        _kill_after_some_articles(folder, resumed, rng)
        counts.append(_articles(resumed))
    finish = _ingest(folder, resumed)
    out, err = finish.communicate()
    assert finish.returncode == 0, err
    skipped = int(out.split(" skipped")[0].split(", ")[-1])
    assert skipped == counts[-1], (seed, counts, out)
    assert 0 < counts[0] <= counts[1] < 30, (seed, counts)

    expected_nodes, expected_edges = _snapshot(read_graph(reference))
    nodes, edges = _snapshot(read_graph(resumed))
    assert nodes.keys() == expected_nodes.keys(), seed
    assert nodes == expected_nodes, seed  # mentions counted once, aliases, articles
    assert edges == expected_edges, seed  # evidence lists in the same order
