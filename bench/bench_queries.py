"""Time the read commands on a large graph, the local file and Neo4j side by side.

Each command runs as its own process (``python -c "from kgraph.cli import main; main()"``),
``--runs`` times; the figure is the median wall time from fork to exit. Columns: the local
graph file read whole (a copy without its index), the local file with its index (when the
graph file given has a current one), and Neo4j (with ``--neo4j-uri``, holding the same
graph: ``kgraph load GRAPH --replace --neo4j-uri URI``). ``kgraph --help`` is the CLI's own
start; "beyond start" is the Neo4j figure minus it. ``--before DIR`` adds the columns of
another checkout (e.g. main, unpacked with ``git archive main | tar -x -C DIR``), timed in
the same run. Whether the current checkout's stores print the same is checked. Each cell is
the median wall time and, in brackets, the median CPU seconds (user + system) of the
process and, for Neo4j with ``--neo4j-pid``, of the server meanwhile: on a shared machine
the CPU figure moves less with the load than the wall time. The children
may write bytecode caches, as a user's Python does (as in bench_cli_start.py).

    kgraph ingest ../shared/corpora/bbc --graph /tmp/bbc.json --workers 2
    kgraph load /tmp/bbc.json --replace --neo4j-uri bolt://127.0.0.1:7689
    python bench/bench_queries.py --graph /tmp/bbc.json --neo4j-uri bolt://127.0.0.1:7689 \\
        --before /tmp/kgraph-main
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN = "from kgraph.cli import main; main()"
#: The commands timed, each after ``kgraph`` (the store options are added per column).
COMMANDS = {
    "query --entity": ["query", "--entity", "Tony Blair"],
    "query --relation": ["query", "--relation", "head-of"],
    "query --predicate": ["query", "--predicate", "based-in"],
    "query --path": ["query", "--path", "Tony Blair", "Rafael Nadal"],
    "query --source": ["query", "--source", "Tony Blair"],
    "stats": ["stats"],
    "entity": ["entity", "Tony Blair"],
}


def server_cpu(pid: int | None) -> float:
    """CPU seconds (user + system) the Neo4j server process has used so far (0 without one)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(source: Path, args: list[str], server: int | None) -> tuple[float, float, str]:
    """Seconds one ``kgraph ARGS`` process takes, the CPU seconds it and the server (when
    ``server`` is the Neo4j server's process id) used meanwhile, and what it printed."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cache bytecode as a user's Python does
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = server_cpu(server)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MAIN, *args], env=env, capture_output=True, text=True, cwd="/"
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    cpu += server_cpu(server) - server_before
    if done.returncode:
        raise SystemExit(f"kgraph {' '.join(args)} failed: {done.stderr.strip()[-300:]}")
    return seconds, cpu, done.stdout


def median_time(
    source: Path, args: list[str], runs: int, server: int | None = None
) -> tuple[float, float, str]:
    """The median wall and CPU seconds of ``runs`` runs (after one untimed run), and the
    output."""
    *_, output = run(source, args, server)
    timings = [run(source, args, server) for _ in range(runs)]
    wall = statistics.median(t[0] for t in timings)
    return wall, statistics.median(t[1] for t in timings), output


def columns(
    graph: Path, whole: Path, neo4j_uri: str | None, source: Path, before: Path | None
) -> dict[str, tuple[Path, list[str]]]:
    """Each column's checkout and store options."""
    local, neo4j = ["--graph", str(whole)], ["--store", "neo4j", "--neo4j-uri", str(neo4j_uri)]
    found: dict[str, tuple[Path, list[str]]] = {}
    if before:
        found["before: local"] = (before, local)
    found["local, whole file"] = (source, local)
    if index_path(graph).exists():
        found["local, index"] = (source, ["--graph", str(graph)])
    if neo4j_uri and before:
        found["before: neo4j"] = (before, neo4j)
    if neo4j_uri:
        found["neo4j"] = (source, neo4j)
    return found


def index_path(graph: Path) -> Path:
    """The index kgraph keeps beside a graph file (kgraph.store.local_index)."""
    return graph.with_name(graph.name.removesuffix(".gz").removesuffix(".json") + ".index.sqlite")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, required=True, help="a large local graph file")
    parser.add_argument("--neo4j-uri", help="a Neo4j server holding the same graph")
    parser.add_argument(
        "--neo4j-pid", type=int, help="the server's process id: its CPU counts in Neo4j's"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", type=Path, default=ROOT, help="checkout to time")
    parser.add_argument("--before", type=Path, help="another checkout to time beside it")
    parser.add_argument("--only", action="append", help="time only these commands")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        whole = Path(tmp) / options.graph.name  # a copy without an index beside it
        shutil.copy(options.graph, whole)
        stores = columns(options.graph, whole, options.neo4j_uri, options.source, options.before)
        print(f"kgraph read commands, {options.source}: median of {options.runs} runs, seconds")
        if options.before:
            print(f"before: {options.before}")
        print(f"graph {options.graph} ({options.graph.stat().st_size / 1e6:.1f} MB)")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        start, start_cpu, _ = median_time(options.source, ["--help"], options.runs)
        print(f"  kgraph --help (the CLI's own start): {start:.2f} ({start_cpu:.2f})")
        header = "".join(f"{name:>19}" for name in stores)
        print(f"  {'command':<18}{header}" + ("  neo4j beyond start" if options.neo4j_uri else ""))
        for name, args in COMMANDS.items():
            if options.only and name not in options.only:
                continue
            cells, outputs = [], {}
            for label, (source, store_args) in stores.items():
                server = options.neo4j_pid if label.endswith("neo4j") else None
                wall, cpu, output = median_time(source, args + store_args, options.runs, server)
                cells.append((wall, cpu))
                outputs[label] = output
            row = "".join(f"{f'{wall:.2f} ({cpu:.2f})':>19}" for wall, cpu in cells)
            wall, cpu = cells[-1]
            beyond = f"{f'{wall - start:.2f} ({cpu - start_cpu:.2f})':>21}"
            now = {v for k, v in outputs.items() if not k.startswith("before")}
            same = "" if len(now) == 1 else "   (outputs differ!)"
            print(f"  {name:<18}{row}{beyond if options.neo4j_uri else ''}{same}")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
