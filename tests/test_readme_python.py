"""The README's "From Python" code runs as written, and prints what it promises."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

import kgraph
from tests.conftest import ROOT


def _python_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", readme, flags=re.S)


def test_the_readme_has_a_python_section():
    assert "## From Python" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert _python_blocks()


def test_the_readme_python_code_runs(tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in _python_blocks():
            exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own README
    lines = printed.getvalue().splitlines()
    counted = next(
        i for i, line in enumerate(lines) if re.fullmatch(r"4 articles, \d+ nodes", line)
    )
    assert "ByteDance parent-of TikTok asserted" in lines[:counted]  # the sentence's triples
    assert "ByteDance based-in Beijing asserted" in lines[:counted]
    assert lines[counted + 1].startswith("TikTok -[")
    assert (tmp_path / "demo-graph.json").exists() and (tmp_path / "tiktok.graphml").exists()
    assert any(line.startswith("wrote ") and "tiktok.graphml (graphml)" in line for line in lines)
    assert lines[-1].startswith("dtype: int64") or "predicate" in printed.getvalue()


def test_the_public_api_is_listed_and_importable():
    import kgraph.export  # noqa: F401 - a subpackage must not shadow a public name
    import kgraph.extract  # noqa: F401

    assert {"extract_triples", "ingest", "read_graph", "entity_relations", "triples_frame"} <= set(
        kgraph.__all__
    )
    for name in kgraph.__all__:
        assert not isinstance(getattr(kgraph, name), type(kgraph)), name
    with pytest.raises(AttributeError):
        kgraph.no_such_thing  # noqa: B018


def test_triples_frame_has_a_row_per_evidence(tmp_path):
    pd = pytest.importorskip("pandas")
    from tests.export_sample import sample_graph

    frame = kgraph.triples_frame(sample_graph(tmp_path))
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == 5
    row = frame[frame.predicate == "chief-executive-of"].iloc[0]
    assert (row.subject, row.object, row.title) == (
        "José Müller",
        'Acme "Widgets", Inc.',
        'Deal "done", finally',
    )
