"""Every command of the README runs: each line of its ``sh`` blocks is either run (the
``kgraph`` commands, in order, in a scratch folder holding the examples) or checked (a
``make`` target the Makefile has, a ``pip install`` of an extra setup.cfg declares).
Commands that need Neo4j run in ``tests/neo4j/test_readme_neo4j.py``."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

KGRAPH = str(Path(sys.executable).with_name("kgraph"))
README = ROOT / "README.md"


def sh_lines() -> list[str]:
    """The commands of the README's ``sh`` blocks, comments dropped."""
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
    lines = []
    for block in blocks:
        for line in block.splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command:
                lines.append(command)
    return lines


def needs_neo4j(command: str) -> bool:
    return "--store neo4j" in command or command.startswith("kgraph load")


def _extras() -> set[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return set(config["options.extras_require"])


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z0-9-]+):", text, flags=re.M))


def test_the_readme_is_short():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 300


def test_every_line_of_the_readme_is_a_command_the_tests_know():
    extras, targets = _extras(), _make_targets()
    for command in sh_lines():
        if command.startswith("kgraph "):
            continue
        if command.startswith("make "):
            assert command.split()[1] in targets, command
        elif command == "python3 -m venv .venv":
            continue
        elif command.startswith(".venv/bin/pip install -e "):
            spec = shlex.split(command)[-1]
            extra = re.fullmatch(r"\.(?:\[(\w+)\])?", spec)
            assert extra, command
            assert extra[1] is None or extra[1] in extras, command
        else:
            pytest.fail(f"README command the tests neither run nor check: {command}")
    assert "pandas" in extras and "kgraph[pandas]" in README.read_text(encoding="utf-8")


def test_every_kgraph_command_of_the_readme_runs(tmp_path):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    env = {**os.environ, "KGRAPH_GRAPH": str(tmp_path / "default-graph.json")}
    commands = [c for c in sh_lines() if c.startswith("kgraph ") and not needs_neo4j(c)]
    assert len(commands) >= 10
    for command in commands:
        done = subprocess.run(
            [KGRAPH, *shlex.split(command)[1:]],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
        assert done.stdout.strip(), command  # each says what it did
    made = {p.name for p in tmp_path.iterdir()}
    wanted = {"demo-graph.json", "demo.graphml", "overview.png", "tiktok.html"}
    assert wanted | {"places.geojson", "places.map.png"} <= made
