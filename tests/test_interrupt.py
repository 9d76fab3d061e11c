"""Ctrl-C during parsing: one line saying what was saved and how to go on, no worker
tracebacks, and what it reports saved is in the graph (a real ``kgraph ingest`` process,
interrupted as a terminal does: SIGINT to its whole process group)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SHARED, missing

KGRAPH = str(Path(sys.executable).with_name("kgraph"))
BBC = SHARED / "corpora" / "bbc" / "business"


@pytest.mark.slow
def test_ctrl_c_during_parsing_saves_and_says_how_to_go_on(tmp_path):
    if not BBC.is_dir():
        missing(f"no BBC corpus at {BBC}")
    graph = tmp_path / "g.json"
    args = [KGRAPH, "ingest", str(BBC), "--graph", str(graph), "--workers", "2"]
    process = subprocess.Popen(
        [*args, "--save-interval", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while not graph.exists() and time.monotonic() < deadline:  # the first checkpoint
        time.sleep(0.2)
    assert process.poll() is None, process.communicate()
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=300)

    assert process.returncode == 130, (out, err)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    (line,) = err.strip().splitlines()
    found = re.fullmatch(
        rf"interrupted: the (\d+) articles extracted before it are saved; run the same "
        r"command again to go on \(stored articles are skipped\) "
        rf"\(saved in {re.escape(str(graph))}\)",
        line,
    )
    assert found, line
    saved = int(found[1])
    assert 0 < saved < 500
    stats = subprocess.run(
        [KGRAPH, "stats", "--json", "--graph", str(graph)], capture_output=True, text=True
    )
    assert json.loads(stats.stdout)["articles"] == saved
