"""Ingestion on Dask gives the graph plain ``kgraph ingest`` gives, whatever the partitions.

The example articles and 200 BBC stories (read in place) go through a real ``dask
scheduler`` with two ``dask worker`` processes on 127.0.0.1, and through a LocalCluster;
one worker is killed mid-run in another. The local graph file written from each run, and
the graph the Parquet tables describe, must equal the one plain ingestion writes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from click.testing import CliRunner  # noqa: E402

from kgraph.cli import cli  # noqa: E402
from kgraph.defaults import DEFAULT_MODEL  # noqa: E402
from kgraph.pipeline import ingest  # noqa: E402
from kgraph.readers import ReadOptions, read_articles  # noqa: E402
from kgraph.scale.dask_ingest import ingest_dask, ingest_on_dask, merge_relations  # noqa: E402
from kgraph.scale.tables import add_records, graph_from_tables, read_tables  # noqa: E402
from kgraph.store.local import LocalGraphStore, read_graph  # noqa: E402
from tests.conftest import EXAMPLES, ROOT, SHARED  # noqa: E402

pytestmark = pytest.mark.slow
BBC = SHARED / "corpora" / "bbc" / "business"
#: Seconds a cluster may take to come up.
START_TIMEOUT = 90


def _inputs() -> list[str]:
    paths = [str(EXAMPLES)]
    if BBC.is_dir():
        paths += [str(BBC / f"{n:03d}.txt") for n in range(1, 201)]
    return paths


def canonical(graph) -> tuple[list, list]:
    """A graph as sorted node and edge lists (attributes included)."""
    nodes = sorted((str(n), json.dumps(d, sort_keys=True)) for n, d in graph.nodes(data=True))
    edges = sorted(
        (str(u), str(v), str(k), json.dumps(d, sort_keys=True))
        for u, v, k, d in graph.edges(keys=True, data=True)
    )
    return nodes, edges


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> Path:
    """The graph file of plain ingestion (one process)."""
    path = tmp_path_factory.mktemp("plain") / "graph.json"
    with LocalGraphStore(path) as store:
        ingest(_inputs(), store, DEFAULT_MODEL, options=ReadOptions(), workers=1)
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dask_command() -> list[str]:
    script = Path(sys.executable).parent / "dask"
    return [str(script)] if script.exists() else [shutil.which("dask") or "dask"]


class Cluster:
    """A ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1."""

    def __init__(self) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
        port = self.address.rsplit(":", 1)[1]
        common = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.processes = [
            subprocess.Popen(
                [*_dask_command(), "scheduler", "--host", "127.0.0.1", "--port", port,
                 "--dashboard-address", f"127.0.0.1:{_free_port()}"],
                **common,
            )
        ]  # fmt: skip
        for name in ("w1", "w2"):
            self.processes.append(
                subprocess.Popen(
                    [*_dask_command(), "worker", self.address, "--host", "127.0.0.1",
                     "--nthreads", "1", "--memory-limit", "2GiB", "--name", name,
                     "--no-dashboard"],
                    **common,
                )
            )  # fmt: skip

    def client(self):
        from distributed import Client

        client = Client(self.address, timeout=START_TIMEOUT)
        client.wait_for_workers(2, timeout=START_TIMEOUT)
        return client

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.kill()
            process.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster():
    started = Cluster()
    try:
        yield started
    finally:
        started.stop()


def _run(client, tmp_path: Path, name: str, partition_size: int, on_article=None) -> Path:
    """A Dask run: the workers write Parquet tables, loaded into a local graph file."""
    articles = read_articles(_inputs(), ReadOptions())
    folder = tmp_path / f"{name}-tables"
    report, counts = ingest_dask(
        articles, client, DEFAULT_MODEL, folder, partition_size=partition_size,
        on_article=on_article,
    )  # fmt: skip
    tables = read_tables(folder)
    assert report.ingested == counts.articles == len(tables.articles) > 0
    assert (counts.entities, counts.relations) == (len(tables.entities), len(tables.relations))
    assert len(list((folder / "records").iterdir())) == -(-len(tables.articles) // partition_size)
    assert not (folder / "_shuffle").exists()
    path = tmp_path / f"{name}.json"
    with LocalGraphStore(path) as store:
        add_records(folder, store)
    return path


@pytest.mark.parametrize("partition_size", [1, 7])
def test_real_scheduler_gives_the_plain_graph(tmp_path, plain, cluster, partition_size):
    with cluster.client() as client:
        path = _run(client, tmp_path, "dask", partition_size)
    assert path.read_bytes() == plain.read_bytes()
    tables = read_tables(tmp_path / "dask-tables")
    assert canonical(graph_from_tables(tables)) == canonical(read_graph(plain))


def test_into_a_store_the_records_suffice(tmp_path, plain, cluster):
    # `kgraph ingest --dask ADDRESS --graph FILE`: no tables are kept, so the workers stop
    # after the map and the graph file resolves the records itself.
    path = tmp_path / "store.json"
    with LocalGraphStore(path) as store:
        report, entities, relations = ingest_on_dask(
            read_articles(_inputs(), ReadOptions()), cluster.address, DEFAULT_MODEL,
            store=store, partition_size=7,
        )  # fmt: skip
    assert path.read_bytes() == plain.read_bytes()
    graph = read_graph(plain)
    assert report.ingested == sum(1 for _, d in graph.nodes(data=True) if d["label"] == "Article")
    assert (entities, relations) > (0, 0)


def test_a_killed_worker_costs_a_retry_not_the_run(tmp_path, plain):
    started = Cluster()
    try:
        with started.client() as client:
            info = client.scheduler_info()["workers"]
            victim = next(a for a, w in info.items() if w["name"] == "w2")
            pid = client.run(os.getpid, workers=[victim])[victim]
            killed: list[int] = []

            def kill_once(_):
                if not killed:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)

            # partitions of one article: the killed worker has tasks in hand
            path = _run(client, tmp_path, "killed", 1, on_article=kill_once)
            assert killed
    finally:
        started.stop()
    assert path.read_bytes() == plain.read_bytes()


def test_local_cluster_through_the_cli_and_load(tmp_path, plain):
    tables = tmp_path / "tables"
    graph = tmp_path / "dask.json"
    args = ["ingest", *_inputs(), "--dask", "local", "--workers", "2", "--quiet"]
    url = tables.as_uri()  # an fsspec URL (file://): the workers write through fsspec
    options = ["--partition-size", "5", "--buckets", "3", "--out-parquet", url]
    result = CliRunner().invoke(cli, [*args, *options, "--graph", str(graph)])
    assert result.exit_code == 0, result.output
    assert len(list((tables / "relations").iterdir())) == 3
    assert "ingested" in result.output
    assert graph.read_bytes() == plain.read_bytes()
    loaded = tmp_path / "loaded.json"
    result = CliRunner().invoke(cli, ["load", str(tables), "--graph", str(loaded)])
    assert result.exit_code == 0, result.output
    assert loaded.read_bytes() == plain.read_bytes()
    from_url = tmp_path / "from-url.json"
    result = CliRunner().invoke(cli, ["load", url, "--graph", str(from_url)])
    assert result.exit_code == 0, result.output
    assert from_url.read_bytes() == plain.read_bytes()
    assert not list(tables.rglob("*.tmp"))  # parts are moved into place once written
    assert canonical(graph_from_tables(read_tables(tables))) == canonical(read_graph(plain))


def test_rejects_name_file_and_line_and_strict_stops(tmp_path):
    bad = tmp_path / "news.jsonl"
    text = (EXAMPLES / "tiktok-microsoft.txt").read_text("utf-8")
    bad.write_text(json.dumps({"text": text, "id": "tiktok"}) + "\n{not json\n", encoding="utf-8")
    tables = tmp_path / "tables"
    args = ["ingest", str(bad), "--dask", "local", "--workers", "1", "--quiet"]
    result = CliRunner().invoke(cli, [*args, "--out-parquet", str(tables)])
    assert result.exit_code == 3
    assert f"{bad}:2: malformed JSON" in result.output
    assert "1 articles ingested" in result.output
    assert [row["id"] for row in read_tables(tables).articles] == ["tiktok"]
    strict = CliRunner().invoke(cli, [*args, "--out-parquet", str(tmp_path / "s"), "--strict"])
    assert strict.exit_code != 0
    assert f"Error: {bad}:2: malformed JSON" in strict.output
    assert [row["id"] for row in read_tables(tmp_path / "s").articles] == ["tiktok"]


def _evidence(article: str, published: str, start: int, order: int, confidence: float) -> dict:
    from kgraph.store.rows import EVIDENCE_FIELDS

    return {
        **dict.fromkeys(EVIDENCE_FIELDS, ""),  # surface, pattern, source, when... left empty
        "subject": "a",
        "object": "b",
        "type": "RELATED_TO",
        "key": "meet|asserted|affirmed",
        "relation": "other",
        "predicate": "meet",
        "negated": False,
        "modality": "asserted",
        "article": article,
        "sentence": f"sentence {start}",
        "start": start,
        "end": start + 10,
        "published": published,
        "confidence": confidence,
        "surface": "",
        "pattern": "",
        "order": order,
    }


def test_merge_relations_orders_by_publication_and_drops_repeats():
    late = _evidence("z", "2024-02-01", 0, 0, 0.5)
    early = _evidence("y", "2024-01-01", 5, 1, 0.9)
    repeat = dict(early)
    one = merge_relations([late, early, repeat])
    other = merge_relations([repeat, early, late])
    assert one == other
    (relation,) = one
    assert [e["article"] for e in relation["evidence"]] == ["y", "z"]
    assert relation["evidence_count"] == 2
    assert relation["confidence"] == 0.9


def test_parquet_articles_are_read_with_field_options(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from kgraph.readers import FieldMap

    text = (EXAMPLES / "brexit-talks.txt").read_text("utf-8")
    pq.write_table(
        pa.Table.from_pylist([{"story": text, "head": "Brexit"}, {"story": "", "head": "x"}]),
        tmp_path / "news.parquet",
    )
    options = ReadOptions(fields=FieldMap.with_overrides(text="story", title="head"))
    items = list(read_articles([tmp_path / "news.parquet"], options))
    assert items[0].title == "Brexit" and items[0].text == text
    assert (items[1].path, items[1].line) == (str(tmp_path / "news.parquet"), 2)
