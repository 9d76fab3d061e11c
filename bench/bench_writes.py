"""Write cost against graph size: 5 new articles, removing 1, a merge, on both stores.

Not a test. Each write is a whole ``kgraph`` process (as a user runs it), timed with
``/usr/bin/time`` (wall seconds and the process's peak resident memory), into stores of
N articles: empty, the BBC corpus (N = 2,123 + the 5), and the corpus's article records
ten times under other ids (N = 21,280): extraction once, records duplicated. The five new
articles are BBC stories held out of every store; they are read in place. Stores: a JSON
graph file (``local``), a graph database file (``db``, SQLite) and Neo4j (``neo4j``, a
server per size, see below).

Figures are medians of ``--runs`` runs; each run starts from the same store (a fresh copy
of the graph file; in Neo4j, the articles ingested are removed and the merge is undone
afterwards, untimed). Every store is built once, then the runs are interleaved: run 1 on
every store and size in turn, then run 2, ..., so a load that drifts (a shared machine)
weighs on every size alike. Neo4j Community holds one user database, so each size gets a
server of its own (``scripts/neo4j.sh`` on the ports from ``--neo4j-port`` up, its data in
``WORK/neo4j-N``; a server's store already holding the N articles is not built again),
stopped at the end unless ``--keep-servers``. ``--neo4j-uri URI`` instead builds and runs
every size in turn on that one server (its database is emptied).

Usage (from the repository root; the BBC graph with records comes from
``kgraph ingest ../shared/corpora/bbc --graph artifacts/bbc.json``)::

    .venv/bin/python bench/bench_writes.py --records artifacts/bbc.json --sizes 0 2128 21280
    .venv/bin/python bench/bench_writes.py --records artifacts/bbc.json --stores local
    .venv/bin/python bench/bench_writes.py ... --kgraph ../old/.venv/bin/kgraph   # another build
    .venv/bin/python bench/bench_writes.py ... --stores neo4j --work /tmp/writes --keep-servers
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
#: The new articles: BBC stories held out of every store.
HELD_OUT = [
    "politics/010.txt",
    "politics/011.txt",
    "business/012.txt",
    "sport/013.txt",
    "tech/014.txt",
]
#: Two entities the merge joins (in every store once the five are in), undone by a split.
MERGE = ("Tony Blair", "Charles Kennedy")
COPIES = 10


def held_out_articles(corpus: Path) -> list[tuple[Path, str]]:
    """The held-out files and their article ids."""
    from kgraph.readers import read_articles

    files = [corpus / name for name in HELD_OUT]
    return [(f, a.id) for f, a in zip(files, read_articles(files))]


def base_rows(records_file: Path, skip: set[str], copies: int) -> tuple[list, dict]:
    """Article rows and records of the BBC graph without ``skip``, ``copies`` times."""
    envelope = json.loads(records_file.read_text("utf-8"))
    nodes = {n["id"]: n for n in envelope["graph"]["nodes"] if n.get("label") == "Article"}
    articles, records = [], {}
    for article_id, record in sorted(envelope["records"].items()):
        if article_id in skip:
            continue
        node = nodes[article_id]
        for copy in range(copies):
            new_id = article_id if copies == 1 else f"{article_id}~{copy}"
            row = {k: node.get(k) for k in ("title", "published", "url", "source", "content_hash")}
            articles.append({**row, "id": new_id})
            records[new_id] = record
    return articles, records


def build_local(path: Path, articles: list, records: dict) -> None:
    from kgraph.store.local import LocalGraphStore

    if not articles:
        import networkx as nx

        from kgraph.store.local import write_graph

        write_graph(nx.MultiDiGraph(), path, {})
        return
    store = LocalGraphStore(path)
    store.add_records(articles, records)
    store.save()


def build_database(path: Path, articles: list, records: dict) -> None:
    from kgraph.store.sqlite import SqliteGraphStore

    with SqliteGraphStore(path) as store:
        store.add_records(articles, records)


def build_neo4j(articles: list, records: dict) -> None:
    from kgraph.store.neo4j import Neo4jGraphStore

    with Neo4jGraphStore() as store:
        store.clear()
        if hasattr(store, "add_records"):
            store.add_records(articles, records)
        else:  # a kgraph before add_records: articles written, then resolved
            from kgraph.entities.records import from_record
            from kgraph.models import Article

            batch = []
            for row in articles:
                article = Article(
                    "", row["id"], row["title"], row["published"], row["url"], row["source"]
                )
                batch.append(from_record(records[row["id"]], article))
            store.write(batch)
            store.resolve()


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of one process; its output."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        result = subprocess.run(
            ["/usr/bin/time", "-o", report.name, "-f", "%e %M", *command],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        seconds, kb = report.read().split()[-2:]
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
    return float(seconds), int(kb) / 1024, result.stdout


def run_writes(kgraph: str, target: list[str], held: list[tuple[Path, str]]) -> dict:
    """The three writes in turn (each a whole process); returns seconds and MB of each."""
    files = [str(f) for f, _ in held]
    out = {}
    out["ingest 5"] = timed([kgraph, "ingest", *files, *target, "--quiet", "--workers", "1"])
    out["remove 1"] = timed([kgraph, "remove", held[0][1], *target])
    out["merge"] = timed([kgraph, "merge", *MERGE, *target])
    return {k: v[:2] for k, v in out.items()}


def undo(kgraph: str, target: list[str], held: list[tuple[Path, str]]) -> None:
    subprocess.run([kgraph, "split", *MERGE, *target], capture_output=True, cwd=ROOT)
    ids = [i for _, i in held[1:]]
    subprocess.run([kgraph, "remove", *ids, *target], capture_output=True, cwd=ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, required=True, help="a BBC graph file")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 2128, 21280])
    parser.add_argument(
        "--stores",
        nargs="+",
        default=["local", "db", "neo4j"],
        help="local: a JSON graph file; db: a graph database file (.db); neo4j",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kgraph", default=str(Path(sys.executable).with_name("kgraph")))
    parser.add_argument("--work", type=Path, default=ROOT / "artifacts" / "bench-writes")
    parser.add_argument(
        "--neo4j-port",
        type=int,
        default=7711,
        help="bolt port of the first size's server (size i: bolt +2i, http +2i+1)",
    )
    parser.add_argument("--keep-servers", action="store_true", help="leave them running")
    parser.add_argument(
        "--neo4j-uri", help="one server for every size, in turn (no interleaving for neo4j)"
    )
    args = parser.parse_args()
    held = held_out_articles(args.corpus)
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[tuple[str, int], dict] = {}
    stores: dict[tuple[str, int], Callable[[], list[str]]] = {}
    servers: list[Path] = []
    try:
        for i, n in enumerate(args.sizes):  # every store built first; then the runs
            copies = COPIES if n > 5000 else 1
            articles, records = (
                base_rows(args.records, {i for _, i in held}, copies) if n else ([], {})
            )
            for store in [s for s in args.stores if s != "neo4j"]:
                base = args.work / f"{store}-{len(articles)}"
                if not base.exists():
                    print(f"  building {store} N={len(articles)}...", file=sys.stderr, flush=True)
                    build = build_local if store == "local" else build_database
                    build(base, articles, records)
                stores[store, len(articles)] = _file_store(args.work, store, base)
            if "neo4j" in args.stores and args.neo4j_uri:
                os.environ["NEO4J_URI"] = args.neo4j_uri
                build_neo4j(articles, records)
                results["neo4j", len(articles)] = _neo4j_runs(args, held)
            elif "neo4j" in args.stores:
                state = args.work / f"neo4j-{len(articles)}"
                uri = start_server(state, args.neo4j_port + 2 * i)
                servers.append(state)
                os.environ["NEO4J_URI"] = uri
                if stored_articles() != len(articles) or not articles:
                    print(f"  building neo4j N={len(articles)}...", file=sys.stderr, flush=True)
                    build_neo4j(articles, records)
                stores["neo4j", len(articles)] = _server_store(uri)
        runs_of: dict[tuple[str, int], list] = {key: [] for key in stores}
        for run in range(args.runs):
            for (store, n), target in stores.items():
                runs_of[store, n].append(run_writes(args.kgraph, target(), held))
                if store == "neo4j":
                    undo(args.kgraph, target(), held)
                print(
                    f"  run {run + 1} {store} N={n}: {runs_of[store, n][-1]}",
                    file=sys.stderr,
                    flush=True,
                )
        results.update((key, _medians(runs)) for key, runs in runs_of.items() if runs)
    finally:
        for state in servers if not args.keep_servers else []:
            stop_server(state)
    print_table(results, args)


def _file_store(work: Path, store: str, base: Path) -> Callable[[], list[str]]:
    """The target of a run on a fresh copy of the graph file ``base``."""

    def target() -> list[str]:
        graph = work / ("graph.json" if store == "local" else "graph.db")
        shutil.copyfile(base, graph)
        (work / "graph.overrides.json").unlink(missing_ok=True)
        return ["--graph", str(graph)]

    return target


def _server_store(uri: str) -> Callable[[], list[str]]:
    """The target of a run on the Neo4j server ``uri`` (the writes are undone after)."""

    def target() -> list[str]:
        os.environ["NEO4J_URI"] = uri  # the kgraph processes' server
        return ["--store", "neo4j"]

    return target


def _neo4j_runs(args: argparse.Namespace, held: list[tuple[Path, str]]) -> dict:
    runs = []
    for _ in range(args.runs):
        runs.append(run_writes(args.kgraph, ["--store", "neo4j"], held))
        undo(args.kgraph, ["--store", "neo4j"], held)
    return _medians(runs)


def start_server(state: Path, bolt_port: int) -> str:
    """Start (or find running) the Neo4j server keeping its data in ``state``; its URI."""
    env = {
        **os.environ,
        "NEO4J_STATE_DIR": str(state),
        "NEO4J_BOLT_PORT": str(bolt_port),
        "NEO4J_HTTP_PORT": str(bolt_port + 1),
    }
    subprocess.run(["bash", str(ROOT / "scripts" / "neo4j.sh"), "start"], env=env, check=True)
    return f"bolt://127.0.0.1:{bolt_port}"


def stop_server(state: Path) -> None:
    env = {**os.environ, "NEO4J_STATE_DIR": str(state)}
    subprocess.run(["bash", str(ROOT / "scripts" / "neo4j.sh"), "stop"], env=env, check=False)


def stored_articles() -> int:
    """How many articles the server of ``NEO4J_URI`` holds."""
    from kgraph.store.neo4j import Neo4jGraphStore

    with Neo4jGraphStore() as store:
        return store.stats().articles


def _medians(runs: list[dict]) -> dict:
    return {
        op: (statistics.median(r[op][0] for r in runs), statistics.median(r[op][1] for r in runs))
        for op in runs[0]
    }


def print_table(results: dict, args: argparse.Namespace) -> None:
    ops = ["ingest 5", "remove 1", "merge"]
    print(f"kgraph: {args.kgraph}; medians of {args.runs} runs; load {os.getloadavg()[0]:.1f}")
    print(f"{'store':<7} {'N':>7}  " + "  ".join(f"{op + ' s (MB)':>20}" for op in ops))
    for (store, n), row in sorted(results.items()):
        cells = [f"{row[op][0]:8.2f} ({row[op][1]:5.0f})" for op in ops]
        print(f"{store:<7} {n:>7}  " + "  ".join(f"{c:>20}" for c in cells))
    for store in args.stores:
        sizes = sorted(n for s, n in results if s == store)
        if len(sizes) < 2:
            continue
        big = results[store, sizes[-1]]
        for n in sizes[:-1]:
            ratios = "  ".join(f"{op}: {big[op][0] / results[store, n][op][0]:.2f}x" for op in ops)
            print(f"{store}: N={sizes[-1]} against N={n}: {ratios}")


if __name__ == "__main__":
    main()
