"""What a packaged tool carries: its licence, a changelog of the current version, one
version everywhere, and the pandas extra named where pandas is missing."""

from __future__ import annotations

import builtins
import configparser
import re

import pytest

import kgraph
from kgraph.errors import KgraphError
from tests.conftest import ROOT


def _setup() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    return config


def test_one_version_everywhere():
    version = _setup()["metadata"]["version"]
    assert kgraph.__version__ == version == "0.2.0"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d\d-\d\d$", changelog, re.M)
    assert "## [Unreleased]" in changelog and "## [0.1.0]" in changelog


def test_the_licence_is_the_mit_licence_setup_cfg_names():
    metadata = _setup()["metadata"]
    assert metadata["license"] == "MIT" and metadata["license_files"] == "LICENSE"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the kgraph developers\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_pandas_is_an_extra_and_its_absence_names_it(monkeypatch, tmp_path):
    assert _setup()["options.extras_require"]["pandas"].split() == ["pandas>=2"]
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    from tests.export_sample import sample_graph

    graph = sample_graph(tmp_path)
    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(KgraphError) as raised:
        kgraph.triples_frame(graph)
    assert str(raised.value) == "triples_frame needs pandas: pip install 'kgraph[pandas]'"
