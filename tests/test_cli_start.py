"""A quick CLI: importing it loads none of the heavy packages; ingest reports its whole time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

from tests.conftest import EXAMPLES, ROOT

#: Packages that only the commands using them may import.
HEAVY = ("spacy", "neo4j", "matplotlib", "neo4j_viz", "trafilatura", "grandcypher")


def _python(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_importing_the_cli_loads_no_heavy_package():
    code = (
        "import json, sys\nimport kgraph.cli\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    assert json.loads(_python(code)) == []


def test_importing_kgraph_loads_no_heavy_package():
    code = (
        "import json, sys\nimport kgraph\n"
        f"print(json.dumps([m for m in {HEAVY + ('networkx',)!r} if m in sys.modules]))"
    )
    assert json.loads(_python(code)) == []


def test_ingest_summary_gives_the_whole_command_time(tmp_path):
    graph = tmp_path / "g.json"
    code = (
        "import sys\nfrom kgraph.cli import main\n"
        f"sys.argv = ['kgraph', 'ingest', {str(EXAMPLES / 'tiktok-microsoft.txt')!r}, "
        f"'--graph', {str(graph)!r}, '--workers', '1']\nmain()"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    with subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE) as run:
        summary = run.stdout.readline().decode()
        until_summary = time.perf_counter() - started  # the process's exit not counted
    seconds = float(re.search(r"; ([0-9.]+) s$", summary.strip())[1])
    # The summary counts the interpreter's start and loading spaCy, not only extraction
    # (it is rounded to 0.1 s, and the process start is known to a clock tick, 0.01 s).
    assert until_summary - 0.3 <= seconds <= until_summary + 0.07, (seconds, until_summary)
