"""Start-up time of the kgraph commands that do not parse text: whole process, median of N.

Each command runs as its own process (``python -c "from kgraph.cli import main; main()"``),
``--runs`` times, on a small graph ingested from examples/articles/ once beforehand; the
figure is the median wall time from fork to exit. The children may write bytecode caches
(``PYTHONDONTWRITEBYTECODE`` is dropped), as a user's Python does: otherwise every start
recompiles kgraph's modules and the figure is one of the sandbox, not of kgraph.
``--source DIR`` times another checkout (e.g. the tree before a change, unpacked with
``git archive COMMIT | tar -x -C DIR``).
``--imports`` also prints the heaviest top-level imports of ``kgraph.cli``
(``python -X importtime``).

    python bench/bench_cli_start.py --runs 7
    python bench/bench_cli_start.py --runs 7 --source /tmp/kgraph-before
"""

from __future__ import annotations

import argparse
import os
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
    env = child_env(source)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MAIN, *args], env=env, capture_output=True, text=True, cwd="/"
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"kgraph {' '.join(args)} failed: {done.stderr.strip()[-300:]}")
    return seconds


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
    parser.add_argument("--imports", action="store_true", help="also list the heaviest imports")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph.json"
        run(options.source, ["ingest", str(EXAMPLES), "--graph", str(graph), "--quiet"])
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
