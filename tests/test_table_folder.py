"""Part files of the graph tables: written whole, replaced whole, half-written ones unseen."""

from __future__ import annotations

import pytest

pytest.importorskip("pyarrow")

from kgraph.scale.tables import TableFolder  # noqa: E402

ROWS = [{"article": "a1", "entity": "org:acme", "count": 2}]


def test_a_part_is_moved_into_place_and_a_rerun_replaces_it(tmp_path):
    folder = TableFolder.of(tmp_path)
    folder.write("mentions", 3, ROWS)
    folder.write("mentions", 3, ROWS + [{"article": "a2", "entity": "org:acme", "count": 1}])
    assert [p.name for p in (tmp_path / "mentions").iterdir()] == ["part-00003.parquet"]
    assert len(folder.read_number("mentions", 3)) == 2


def test_a_half_written_part_is_not_read(tmp_path):
    folder = TableFolder.of(tmp_path)
    folder.write("mentions", 0, ROWS)
    # what a task killed mid-write leaves behind
    (tmp_path / "mentions" / ".part-00001.parquet.0f3c.tmp").write_bytes(b"PAR1\x00trunc")
    assert [p.rsplit("/", 1)[-1] for p in folder.parts("mentions")] == ["part-00000.parquet"]
    assert [len(part) for part in folder.read("mentions")] == [1]
    assert not folder.has_part("mentions", 1)
