"""Parquet files of articles: one article per row, fields mapped by :class:`FieldMap`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from kgraph.errors import RejectedInput
from kgraph.models import Article, Reject
from kgraph.readers.options import ReadOptions, article_from_record

__all__ = ["read_parquet"]


def read_parquet(
    stream: BinaryIO, *, source: str, name: str | None, options: ReadOptions
) -> Iterator[Article | Reject]:
    """One article per row; a bad row is a :class:`Reject` naming its row as the line."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RejectedInput("reading Parquet needs pyarrow: pip install 'kgraph[dask]'") from exc
    try:
        parquet = pq.ParquetFile(stream)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds
        raise RejectedInput(f"not a Parquet file ({exc})") from exc
    number = 0
    for batch in parquet.iter_batches():
        for record in batch.to_pylist():
            number += 1
            try:
                yield article_from_record(record, options.fields, source=source)
            except RejectedInput as exc:
                yield Reject(path=source, reason=exc.reason, line=number)
    if not number:
        raise RejectedInput("empty file")
