"""Start-up time of the kgraph commands that do not parse text: whole process, median of N.

Each command runs as its own process (``python -c "from kgraph.cli import main; main()"``),
``--runs`` times, on a small graph ingested from examples/articles/ once beforehand; the
figure is the median wall time from fork to exit. The children may write bytecode caches
(``PYTHONDONTWRITEBYTECODE`` is dropped), as a user's Python does: otherwise every start
recompiles kgraph's modules and the figure is one of the sandbox, not of kgraph.
``--source DIR`` times another checkout (e.g. the tree before a change, unpacked with
``git archive COMMIT | tar -x -C DIR``); ``--before DIR`` runs that checkout and
``--source`` alternately and prints their wall and CPU seconds side by side (CPU moves
less with the load of a shared machine).
``--imports`` also prints the heaviest top-level imports of ``kgraph.cli``
(``python -X importtime``).

    python bench/bench_cli_start.py --runs 7
    python bench/bench_cli_start.py --runs 7 --source /tmp/kgraph-before
    python bench/bench_cli_start.py --runs 11 --before /tmp/kgraph-before
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
#: The commands timed, each after ``kgraph``; {graph} and {out} are filled in.
COMMANDS = {
    "--help": ["--help"],
    "stats": ["stats", "--graph", "{graph}"],
    "query --entity": ["query", "--entity", "Microsoft", "--graph", "{graph}"],
    "export json": ["export", "--graph", "{graph}", "--out", "{out}/g.json"],
    "export graphml": ["export", "--graph", "{graph}", "--out", "{out}/g.graphml"],
    "export jsonl": ["export", "--graph", "{graph}", "--out", "{out}/g.jsonl"],
}
MAIN = "from kgraph.cli import main; main()"
#: Packages only the commands that need them should import.
HEAVY = ("spacy", "neo4j", "matplotlib", "neo4j_viz", "trafilatura", "grandcypher")


def child_env(source: Path) -> dict[str, str]:
    """The environment of a timed process: kgraph from SOURCE, bytecode caching on."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(source: Path, args: list[str]) -> float:
    """Seconds one ``kgraph ARGS`` process takes from start to exit (run from ``/``:
    ``python -c`` puts the working folder first on the path, before ``--source``)."""
    return run_timed(source, args)[0]


def run_timed(source: Path, args: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one ``kgraph ARGS`` process."""
    env = child_env(source)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MAIN, *args], env=env, capture_output=True, text=True, cwd="/"
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"kgraph {' '.join(args)} failed: {done.stderr.strip()[-300:]}")
    return seconds, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def compare(before: Path, source: Path, graph: Path, out: str, runs: int) -> None:
    """Each command of BEFORE and SOURCE run alternately: median wall and CPU seconds."""
    print(f"before {before}, after {source}: median of {runs} alternate runs, wall (CPU) s")
    for name, template in COMMANDS.items():
        args = [a.format(graph=graph, out=out) for a in template]
        pairs = [(run_timed(before, args), run_timed(source, args)) for _ in range(runs)]
        cells = [
            (statistics.median(p[i][0] for p in pairs), statistics.median(p[i][1] for p in pairs))
            for i in (0, 1)
        ]
        (_, cpu_before), (_, cpu_after) = cells
        row = "  ".join(f"{wall:6.2f} ({cpu:.3f})" for wall, cpu in cells)
        print(f"  kgraph {name:<16} {row}   CPU after/before {cpu_after / cpu_before:.2f}")


def heaviest_imports(source: Path, top: int = 6) -> tuple[list[tuple[int, str]], list[str]]:
    """What ``import kgraph.cli`` costs: it and its heaviest direct imports (cumulative
    µs), and which of the heavy packages (spaCy, neo4j, matplotlib...) it loads."""
    env = child_env(source)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import kgraph.cli"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd="/",  # python -c puts the working folder first on the path
    )
    rows, loaded = [], []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip())) // 2  # 0: kgraph.cli, 1: its imports
        if depth <= 1:
            rows.append((int(parts[1]), name.strip()))
        if name.strip() in HEAVY:
            loaded.append(name.strip())
    return sorted(rows, reverse=True)[: top + 1], loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout to time")
    parser.add_argument(
        "--before", type=Path, help="another checkout, run alternately with --source (CPU too)"
    )
    parser.add_argument("--imports", action="store_true", help="also list the heaviest imports")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph.json"
        run(options.source, ["ingest", str(EXAMPLES), "--graph", str(graph), "--quiet"])
        if options.before:
            compare(options.before, options.source, graph, tmp, options.runs)
            return
        print(f"kgraph start-up, {options.source}: median of {options.runs} runs")
        for name, template in COMMANDS.items():
            args = [a.format(graph=graph, out=tmp) for a in template]
            times = [run(options.source, args) for _ in range(options.runs)]
            print(f"  kgraph {name:<16} {statistics.median(times):6.2f} s")
    if options.imports:
        rows, loaded = heaviest_imports(options.source)
        print("python -X importtime -c 'import kgraph.cli' (cumulative):")
        for micros, name in rows:
            print(f"  {name:<24} {micros / 1e6:6.3f} s")
        print(f"  heavy packages loaded: {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()
