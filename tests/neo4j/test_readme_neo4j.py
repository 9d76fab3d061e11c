"""The README's Neo4j commands, and its Cypher for Browser, run against a real server."""

from __future__ import annotations

import re
import shlex

from tests.test_readme_commands import README, needs_neo4j, sh_lines

from .conftest import kgraph


def test_the_readme_neo4j_commands_run(neo4j_store, tmp_path):
    commands = [c for c in sh_lines() if c.startswith("kgraph ") and needs_neo4j(c)]
    assert len(commands) >= 2
    for command in commands:
        done = kgraph(*shlex.split(command)[1:])
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-2000:])
    assert "TikTok -[" in done.stdout
    (cypher,) = re.findall(r"```cypher\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    query = tmp_path / "readme.cypher"
    query.write_text(cypher, encoding="utf-8")
    done = kgraph("query", "--store", "neo4j", "--cypher", str(query), "--json")
    assert done.returncode == 0, done.stderr
    assert "ByteDance" in done.stdout  # TikTok's relationships, with their other ends
