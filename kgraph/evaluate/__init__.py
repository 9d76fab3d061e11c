"""Evaluation of extracted triples against reference benchmarks."""

from kgraph.evaluate.carb import (
    CarbScore,
    Extraction,
    read_gold,
    read_system,
    score,
    sentence_key,
    tuple_match,
    write_system,
)

__all__ = [
    "CarbScore",
    "Extraction",
    "read_gold",
    "read_system",
    "score",
    "sentence_key",
    "tuple_match",
    "write_system",
]
