"""Shared fixtures: the real spaCy pipeline and the example articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.nlp import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def tiktok_text() -> str:
    return (EXAMPLES / "tiktok-microsoft.txt").read_text(encoding="utf-8")
