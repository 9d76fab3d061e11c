"""One writer at a time on a graph file: two real processes, both runs' articles land."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from kgraph.store.local import LocalGraphStore
from kgraph.store.lock import WriterLock
from tests.conftest import EXAMPLES

KGRAPH = str(Path(sys.executable).with_name("kgraph"))


def _ingest(graph: Path, *paths: Path, extra: tuple[str, ...] = ()) -> subprocess.Popen:
    command = [KGRAPH, "ingest", *map(str, paths), "--graph", str(graph), "--quiet", *extra]
    env = {**os.environ, "KGRAPH_GRAPH": ""}
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def test_two_ingests_into_one_graph_file_both_land(tmp_path):
    graph = tmp_path / "graph.json"
    articles = sorted(EXAMPLES.glob("*.txt"))
    first = _ingest(graph, *articles[:2], extra=("--workers", "1"))
    second = _ingest(graph, *articles[2:], extra=("--workers", "1"))
    for run in (first, second):
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        assert "articles ingested" in out
    stored = LocalGraphStore(graph).article_ids()
    assert len(stored) == len(articles)


def test_a_second_writer_waits_or_fails_in_one_line_with_no_wait(tmp_path):
    graph = tmp_path / "graph.json"
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    lock = WriterLock(graph)
    refused = _ingest(graph, article, extra=("--no-wait",))
    out, err = refused.communicate(timeout=600)
    assert refused.returncode == 1
    assert err == (
        f"Error: {graph} is being written by another kgraph run (process {os.getpid()}); "
        "try again when it ends (or leave out --no-wait to wait for it)\n"
    )
    waiting = _ingest(graph, article)
    first_line = waiting.stderr.readline()  # blocks until the run waits for the lock
    assert (
        first_line
        == f"waiting for the kgraph run (process {os.getpid()}) writing {graph} to finish...\n"
    )
    time.sleep(0.5)
    assert waiting.poll() is None
    lock.release()
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err
    assert "1 articles ingested" in out
    assert LocalGraphStore(graph).article_ids()


def test_migrate_is_a_writer_too(tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import cli

    graph = tmp_path / "graph.json"
    first = sorted(EXAMPLES.glob("*.txt"))[0]
    assert _ingest(graph, first, extra=("--workers", "1")).wait(timeout=600) == 0
    before = graph.read_bytes()
    lock = WriterLock(graph)  # another run writing the graph
    try:
        result = CliRunner().invoke(cli, ["migrate", "--graph", str(graph), "--no-wait"])
    finally:
        lock.release()
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {graph} is being written by another kgraph run")
    assert graph.read_bytes() == before
    result = CliRunner().invoke(cli, ["migrate", "--graph", str(graph), "--no-wait"])
    assert (result.exit_code, result.output) == (0, f"{graph} is a version 2 graph file\n")
