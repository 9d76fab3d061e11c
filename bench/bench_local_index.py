"""How the local store answers one entity's question, three ways side by side.

- whole file: parse the graph file (``read_graph``), answer in memory (what every read did
  before the index);
- SQLite index (kgraph's): ``graph.index.sqlite`` holds a copy of each relation's and
  entity's properties beside lookup columns (:mod:`kgraph.store.local_index`);
- offsets index (the alternative considered): the graph file written piece by piece, and a
  SQLite table of where each relation and entity starts in it; a question seeks and parses
  those pieces only. Works on an uncompressed graph file only.

For each: the extra time a save takes (beside ``json.dumps`` of the graph, what a save
costs now), the extra disk, and one question (``Tony Blair``'s relations) from an open
file, median of ``--runs``. In one process, so start-up is left out (see
bench/bench_queries.py for whole commands).

    python bench/bench_local_index.py --graph /tmp/bbc.json --entity "Tony Blair"
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from kgraph.query import questions
from kgraph.store.local import NODE_LINK, read_graph
from kgraph.store.local_index import IndexReader, write_index
from kgraph.store.reader import MemoryReader


def timed(action, runs: int) -> tuple[float, object]:
    """The median seconds of ``runs`` calls of ``action``, and its last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def write_pieces(graph: nx.MultiDiGraph, path: Path, index: Path) -> None:
    """The offsets alternative: the graph as JSON written piece by piece (node-link
    layout), and where each entity and relation piece starts."""
    rows_entities, rows_relations = [], []
    with open(path, "wb") as out:
        out.write(b'{"format": "kgraph", "version": 2, "graph": {"nodes": [')
        for i, (node, data) in enumerate(graph.nodes(data=True)):
            piece = json.dumps({**data, "key": node}, ensure_ascii=False).encode()
            at = out.tell() + (1 if i else 0)
            out.write((b"," if i else b"") + piece)
            if data.get("label") == "Entity":
                rows_entities.append((node, data["name"].casefold(), at, len(piece)))
        out.write(b'], "links": [')
        for i, (u, v, key, data) in enumerate(graph.edges(keys=True, data=True)):
            piece = json.dumps(
                {**data, "source": u, "target": v, "edge_key": key}, ensure_ascii=False
            ).encode()
            at = out.tell() + (1 if i else 0)
            out.write((b"," if i else b"") + piece)
            if data.get("label") == "RELATION":
                rows_relations.append((u, v, at, len(piece)))
        out.write(b"]}}")
    with sqlite3.connect(index) as db:
        db.execute("CREATE TABLE entities (id TEXT, folded TEXT, at INT, size INT)")
        db.execute("CREATE TABLE relations (subject TEXT, object TEXT, at INT, size INT)")
        db.executemany("INSERT INTO entities VALUES (?, ?, ?, ?)", rows_entities)
        db.executemany("INSERT INTO relations VALUES (?, ?, ?, ?)", rows_relations)
        db.execute("CREATE INDEX entities_folded ON entities (folded)")
        db.execute("CREATE INDEX relations_subject ON relations (subject)")
        db.execute("CREATE INDEX relations_object ON relations (object)")
    db.close()


def relations_by_offsets(path: Path, index: Path, name: str) -> list[dict]:
    """The offsets alternative's read: the entity's relation pieces, parsed one by one."""
    db = sqlite3.connect(f"file:{index}?mode=ro&immutable=1", uri=True)
    (entity,) = db.execute(
        "SELECT id FROM entities WHERE folded = ?", (name.casefold(),)
    ).fetchone()
    spots = db.execute(
        "SELECT at, size FROM relations WHERE subject = ?1 OR object = ?1", (entity,)
    ).fetchall()
    with open(path, "rb") as graph_file:
        pieces = []
        for at, size in spots:
            graph_file.seek(at)
            pieces.append(json.loads(graph_file.read(size)))
    db.close()
    return pieces


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, required=True)
    parser.add_argument("--entity", default="Tony Blair")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    read_time, graph = timed(lambda: read_graph(options.graph), 3)
    dump_time, _ = timed(
        lambda: json.dumps(nx.node_link_data(graph, **NODE_LINK), ensure_ascii=False), 3
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sqlite_path = folder / "graph.json"
        shutil.copy(options.graph, sqlite_path)  # an index is kept for files of 1 MiB or more
        build_sqlite, _ = timed(
            lambda: write_index(graph, sqlite_path, os.stat(sqlite_path)), options.runs
        )
        pieces_path, offsets = folder / "pieces.json", folder / "offsets.sqlite"

        def build_offsets():
            offsets.unlink(missing_ok=True)
            write_pieces(graph, pieces_path, offsets)

        build_pieces, _ = timed(build_offsets, options.runs)
        reader = IndexReader.open(sqlite_path)
        ask_sqlite, answer = timed(
            lambda: questions.entity_question(reader, options.entity), options.runs
        )
        ask_memory, expected = timed(
            lambda: questions.entity_question(MemoryReader(graph), options.entity), options.runs
        )
        assert answer == expected
        ask_offsets, _ = timed(
            lambda: relations_by_offsets(pieces_path, offsets, options.entity), options.runs
        )
        sizes = {
            "sqlite": (folder / "graph.index.sqlite").stat().st_size,
            "offsets": offsets.stat().st_size,
        }
    mb = options.graph.stat().st_size / 1e6
    print(f"graph {options.graph}: {mb:.1f} MB; save's json.dumps {dump_time:.2f} s")
    print(f"{'':24}{'whole file':>14}{'sqlite index':>14}{'offsets index':>15}")
    print(
        f"{'extra time per save':24}{0:14.2f}{build_sqlite:14.2f}"
        f"{build_pieces - dump_time:15.2f}  (pieces written {build_pieces:.2f} s in all)"
    )
    print(
        f"{'extra disk, MB':24}{0:14.1f}{sizes['sqlite'] / 1e6:14.1f}{sizes['offsets'] / 1e6:15.1f}"
    )
    print(
        f"{'read ' + options.entity:24}{read_time + ask_memory:14.3f}{ask_sqlite:14.3f}"
        f"{ask_offsets:15.3f}  ({len(answer.relations)} relations; offsets: parse only)"
    )
    print(f"  (whole file: parse {read_time:.2f} s + answer {ask_memory:.3f} s)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
