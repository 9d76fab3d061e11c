"""The stage folders keep their boundary: reading a graph never loads spaCy.

``store/``, ``query/`` and ``export/``, and the commands that only read or rewrite a graph,
never import spaCy, thinc or ``kgraph.extract``: they start fast and run where no model is
installed. Each check runs in a fresh interpreter (this test session has spaCy loaded).
"""

from __future__ import annotations

import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kgraph
from tests.conftest import EXAMPLES, ROOT

#: The installed command, run as a user would.
KGRAPH = str(Path(sys.executable).with_name("kgraph"))
#: What a graph reader must not import.
PARSING = ("spacy", "thinc", "kgraph.extract", "kgraph.nlp.spacy_pipeline")
#: Packages that only read, write or show a graph.
READING_PACKAGES = ("kgraph.store", "kgraph.query", "kgraph.export")


def _loaded_after(code: str) -> list[str]:
    """Which of :data:`PARSING` a fresh interpreter holds after running ``code``."""
    report = f"print(json.dumps([m for m in {PARSING!r} if m in sys.modules]))"
    probe = f"{code}\nimport json, sys\n{report}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _modules_of(package: str) -> list[str]:
    path = [str(ROOT / package.replace(".", "/"))]
    return [package] + [f"{package}.{m.name}" for m in pkgutil.iter_modules(path)]


@pytest.mark.parametrize("package", READING_PACKAGES)
def test_graph_reading_packages_import_no_parser(package):
    modules = _modules_of(package)
    assert len(modules) > 3, modules  # the package was found
    code = "\n".join(f"import {module}" for module in modules)
    assert _loaded_after(code) == []


def test_the_spacy_free_part_of_the_entity_layer_imports_no_parser():
    code = "\n".join(
        f"import kgraph.entities.{m}"
        for m in ("names", "identity", "records", "overrides", "explain", "lexicon")
    )
    assert _loaded_after(code) == []


def test_the_parsing_modules_do_load_spacy():
    """The probe can fail: the modules that parse show up in it."""
    assert _loaded_after("import kgraph.extract") == list(PARSING[:3])


@pytest.fixture(scope="module")
def demo_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    graph = folder / "graph.json"
    subprocess.run(
        [KGRAPH, "ingest", str(EXAMPLES), "--graph", str(graph)],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    predictions = folder / "pred.jsonl"
    with predictions.open("w") as out:
        subprocess.run(
            [KGRAPH, "extract", str(EXAMPLES)],
            check=True,
            stdout=out,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    return graph, predictions


#: The commands that only read or rewrite a graph, each as its arguments after ``kgraph``.
READ_ONLY_COMMANDS = {
    "stats": ["stats", "--graph", "{graph}"],
    "query --entity": ["query", "--entity", "Microsoft", "--graph", "{graph}"],
    "export json": ["export", "--graph", "{graph}", "--out", "{dir}/out.json"],
    "entity": ["entity", "Microsoft", "--graph", "{graph}"],
    "merge": ["merge", "Microsoft", "TikTok", "--graph", "{graph}"],
    # TikTok is no name of Microsoft: split exits 1 (nothing to split), after reading
    "split": ["split", "Microsoft", "TikTok", "--graph", "{graph}"],
    "remove": ["remove", "--source", str(EXAMPLES / "brexit-talks.txt"), "--graph", "{graph}"],
    "eval triples": ["eval", "triples", str(ROOT / "examples/gold/triples.jsonl"), "{pred}"],
    "load": ["load", "{graph}", "--neo4j-uri", "bolt://127.0.0.1:9"],  # no server: imports only
}


@pytest.mark.parametrize("name", READ_ONLY_COMMANDS)
def test_read_only_commands_run_without_spacy(name, demo_graph, tmp_path):
    graph, predictions = demo_graph
    copy = tmp_path / "graph.json"
    shutil.copy(graph, copy)
    args = [a.format(graph=copy, dir=tmp_path, pred=predictions) for a in READ_ONLY_COMMANDS[name]]
    code = (
        "import sys\nfrom kgraph.cli import cli\n"
        f"cli.main({args!r}, prog_name='kgraph', standalone_mode=False)"
        if name not in ("load", "split")
        else "import sys\nfrom kgraph.cli import cli\n"
        f"try:\n    cli.main({args!r}, prog_name='kgraph', standalone_mode=False)\n"
        "except Exception:\n    pass"
    )
    assert _loaded_after(code) == []


def test_the_public_api_still_names_every_stage():
    assert kgraph.load_pipeline.__module__ == "kgraph.nlp.spacy_pipeline"
    assert kgraph.entity_relations.__module__ == "kgraph.query.local"
