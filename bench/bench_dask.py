"""Dask ingestion versus local ``--workers 2`` on the BBC articles (read in place).

Not a test. Local: :func:`kgraph.pipeline.ingest` with two worker processes into a local
graph file. Dask: a ``dask scheduler`` and two ``dask worker`` processes (one thread each)
on 127.0.0.1, started by this script, timed two ways:

- into a graph file, as ``kgraph ingest --dask ADDRESS --graph FILE`` does: the workers
  write the articles and records tables (:func:`kgraph.scale.dask_ingest.ingest_dask` without
  the reduce) and the graph file is loaded from them
  (:func:`kgraph.scale.tables.add_records`), which resolves the graph itself;
- tables only, as ``kgraph ingest --dask ADDRESS --out-parquet DIR`` does: map and reduce
  on the cluster, every graph table written by the workers.

Throughput is words (whitespace-separated) per second; the model load is excluded in both
(the local workers fork from a process that loaded it; the Dask workers load it in their
plugin before the clock starts). Peak memory per worker: the highest resident set size
(RSS) of each worker process, sampled every 0.1 s with psutil; the client's (this
process, which holds the model from the local run) while the cluster extracts and writes
the tables, as its peak and its growth over its RSS before the run (loading the graph
file afterwards costs what it costs in the local run). The load average (1 minute) is
printed at the start and end of each round.

Usage (from the repository root)::

    .venv/bin/python bench/bench_dask.py --articles 300 --rounds 3   # best of 3 each
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"


class PeakRss:
    """Samples the RSS of the processes ``pids()`` returns; keeps each one's peak."""

    def __init__(self, pids) -> None:
        self.pids, self.peaks, self._stop = pids, {}, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for pid in self.pids():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[pid] = max(self.peaks.get(pid, 0), rss)
            time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_local(files: list[Path], model: str) -> tuple[float, list[int]]:
    import psutil

    from kgraph.nlp.spacy_pipeline import load_pipeline
    from kgraph.pipeline import ingest
    from kgraph.store.local import LocalGraphStore

    load_pipeline(model)
    me = psutil.Process()
    with (
        tempfile.TemporaryDirectory() as tmp,
        PeakRss(lambda: [c.pid for c in me.children(recursive=True)]) as peak,
    ):
        started = time.perf_counter()
        with LocalGraphStore(Path(tmp) / "graph.json") as store:
            ingest(files, store, model, workers=2)
        seconds = time.perf_counter() - started
    return seconds, sorted(peak.peaks.values(), reverse=True)[:2]


def run_dask(files: list[Path], model: str) -> tuple[float, list[int], int, int, float]:
    """Seconds into a graph file, peak RSS per worker, the client's peak RSS and its
    growth in that run, and seconds of the tables-only run."""
    import psutil
    from distributed import Client

    from kgraph.readers import read_articles
    from kgraph.scale.dask_ingest import PLUGIN_NAME, PipelinePlugin, ingest_dask
    from kgraph.scale.tables import add_records
    from kgraph.store.local import LocalGraphStore

    dask = str(Path(sys.executable).parent / "dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--dashboard-address", f"127.0.0.1:{_free_port()}"], **quiet
        )
    ]  # fmt: skip
    for name in ("w1", "w2"):
        processes.append(
            subprocess.Popen(
                [dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1",
                 "--memory-limit", "2GiB", "--name", name, "--no-dashboard"], **quiet
            )
        )  # fmt: skip
    try:
        with Client(address, timeout=90) as client:
            client.wait_for_workers(2, timeout=90)
            client.register_plugin(PipelinePlugin(model), name=PLUGIN_NAME)
            pids = list(client.run(os.getpid).values())
            me = os.getpid()
            before = psutil.Process(me).memory_info().rss
            with tempfile.TemporaryDirectory() as tmp, PeakRss(lambda: pids) as peak:
                started = time.perf_counter()
                with PeakRss(lambda: [me]) as mine:  # the client while the cluster works
                    tables = Path(tmp) / "tables"
                    ingest_dask(read_articles(files), client, model, tables, reduce=False)
                with LocalGraphStore(Path(tmp) / "graph.json") as store:
                    add_records(tables, store)
                seconds = time.perf_counter() - started
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                ingest_dask(read_articles(files), client, model, Path(tmp) / "tables")
                tables_seconds = time.perf_counter() - started
    finally:
        for process in reversed(processes):
            process.kill()
            process.wait()
    client_peak = mine.peaks.get(me, before)
    return seconds, list(peak.peaks.values()), client_peak, client_peak - before, tables_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2225)
    parser.add_argument("--model", default=None)
    parser.add_argument(
        "--rounds", type=int, default=1, help="alternate local and Dask this many times; best of"
    )
    args = parser.parse_args()
    from kgraph.defaults import DEFAULT_MODEL
    from kgraph.readers.encoding import decode_text

    model = args.model or DEFAULT_MODEL
    files = sorted(p for p in CORPUS.rglob("*.txt") if p.parent != CORPUS)[: args.articles]
    words = sum(len(decode_text(p.read_bytes()).split()) for p in files)
    print(f"{len(files)} BBC articles, {words} words")
    local_runs, dask_runs = [], []
    for _ in range(args.rounds):  # alternating, so a busy spell on a shared machine hits both
        load = os.getloadavg()[0]
        local_runs.append(run_local(files, model))
        dask_runs.append(run_dask(files, model))
        print(
            f"round: local {words / local_runs[-1][0]:,.0f} words/s, "
            f"dask {words / dask_runs[-1][0]:,.0f} words/s "
            f"(tables only {words / dask_runs[-1][4]:,.0f}); "
            f"load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end",
            flush=True,
        )
    local_s, local_peaks = min(local_runs)
    dask_s, dask_peaks, client_peak, client_growth, _ = min(dask_runs)
    tables_s = min(run[4] for run in dask_runs)
    mib = 1024 * 1024
    print(
        f"local --workers 2: {words / local_s:,.0f} words/s ({local_s:.1f} s), "
        f"peak RSS per worker {', '.join(f'{p / mib:.0f}' for p in local_peaks)} MiB"
    )
    print(
        f"dask, 2 workers:   {words / dask_s:,.0f} words/s ({dask_s:.1f} s), "
        f"peak RSS per worker {', '.join(f'{p / mib:.0f}' for p in dask_peaks)} MiB; "
        f"client peak {client_peak / mib:.0f} MiB (+{client_growth / mib:.0f} MiB in ingest_dask)"
    )
    print(f"dask, tables only: {words / tables_s:,.0f} words/s ({tables_s:.1f} s, map and reduce)")
    print(
        f"ratio dask/local: {local_s / dask_s:.2f}x into a graph file, "
        f"{local_s / tables_s:.2f}x tables only"
    )


if __name__ == "__main__":
    main()
