"""``kgraph export --format csv`` through Neo4j's own import tool equals the batched load.

The export folder's ``import.sh`` runs ``neo4j-admin database import full``; here
``neo4j-admin`` is Neo4j's ``org.neo4j.cli.AdminTool`` run by ``scripts/neo4j.sh admin``
(Neo4j's jars from Maven Central, no install), into a fresh server folder. A second server
is started on that folder and its graph compared with the same graph written by
``kgraph load`` into the test server.
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

from kgraph.store.neo4j import Neo4jGraphStore, Neo4jSettings

from .conftest import EXAMPLES, ROOT, kgraph
from .test_loader import neo4j_snapshot

SCRIPT = ROOT / "scripts" / "neo4j.sh"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _neo4j_sh(*args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=cwd,
        timeout=300,
    )


def _import(csv_dir: Path, state: Path, bin_dir: Path) -> subprocess.CompletedProcess:
    """Run the export's own ``import.sh`` with ``neo4j-admin`` on the PATH."""
    bin_dir.mkdir()
    admin = bin_dir / "neo4j-admin"
    admin.write_text(f'#!/bin/sh\nexec bash "{SCRIPT}" admin "$@"\n', encoding="utf-8")
    admin.chmod(0o755)
    env = {"NEO4J_STATE_DIR": str(state), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["sh", str(csv_dir / "import.sh")],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )


def _without_empty_lists(snapshot: dict) -> dict:
    """The snapshot less what a CSV cannot carry: neo4j-admin leaves an empty cell out, so a
    list of nothing, or of empty strings only (``published`` of undated articles), is no
    property after the import."""

    def kept(props: dict) -> dict:
        return {
            k: v for k, v in props.items() if not (isinstance(v, list) and all(e == "" for e in v))
        }

    return {
        kind: {key: kept(v) if isinstance(v, dict) else v for key, v in rows.items()}
        for kind, rows in snapshot.items()
    }


def test_admin_import_of_the_export_equals_the_batched_load(neo4j_store, tmp_path):
    graph = tmp_path / "graph.json"
    result = kgraph("ingest", str(EXAMPLES), "--graph", str(graph), "--quiet", "--workers", "1")
    assert result.returncode == 0, result.stderr
    csv_dir = tmp_path / "csv"
    result = kgraph("export", "--out", str(csv_dir), "--format", "csv", "--graph", str(graph))
    assert result.returncode == 0, result.stderr

    state = tmp_path / "imported"
    imported = _import(csv_dir, state, tmp_path / "bin")
    assert imported.returncode == 0, imported.stdout[-2000:] + imported.stderr[-2000:]
    assert "IMPORT DONE" in imported.stdout

    assert kgraph("load", str(graph)).returncode == 0
    loaded = neo4j_snapshot(neo4j_store)

    bolt = _free_port()
    env = {
        "NEO4J_STATE_DIR": str(state),
        "NEO4J_BOLT_PORT": str(bolt),
        "NEO4J_HTTP_PORT": str(_free_port()),
    }
    started = _neo4j_sh("start", env=env)
    try:
        assert started.returncode == 0, started.stderr
        settings = Neo4jSettings(
            f"bolt://127.0.0.1:{bolt}",
            neo4j_store.settings.username,
            neo4j_store.settings.password,
            "neo4j",
        )
        with Neo4jGraphStore(settings) as store:
            from_import = neo4j_snapshot(store)
    finally:
        _neo4j_sh("stop", env=env)

    assert len(from_import["relations"]) == len(loaded["relations"]) > 30
    assert _without_empty_lists(from_import) == _without_empty_lists(loaded)
