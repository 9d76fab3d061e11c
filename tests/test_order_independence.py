"""The graph of a set of articles is the same whatever their order and batching.

Real articles: the examples and a few BBC stories read in place, among them one about the
singer Ian Brown and others naming Gordon Brown (who must stay two people).
"""

from __future__ import annotations

import random

import pytest

from kgraph.extract import extract_article
from kgraph.models import Article
from kgraph.store.local import LocalGraphStore
from tests.conftest import EXAMPLES, SHARED

BBC = SHARED / "corpora" / "bbc"
STORIES = [
    "entertainment/293.txt",  # Ian Brown, the singer
    "business/008.txt",  # Gordon Brown
    "business/034.txt",
    "business/154.txt",
    "business/059.txt",  # Bernie Ebbers
    "business/114.txt",
    "politics/001.txt",
    "politics/002.txt",
]


@pytest.fixture(scope="module")
def extractions(nlp):
    if not BBC.is_dir():
        pytest.skip("the BBC corpus is not in ../shared")
    paths = [BBC / name for name in STORIES] + sorted(EXAMPLES.glob("*.txt"))
    articles = [
        Article(path.read_text("latin-1"), id=path.parent.name + "-" + path.stem) for path in paths
    ]
    return [extract_article(nlp, article) for article in articles]


def _graph_file(tmp_path, name, extractions, batch):
    path = tmp_path / f"{name}.json"
    store = LocalGraphStore(path)
    for start in range(0, len(extractions), batch):
        store.write(extractions[start : start + batch])
        store.save()  # a checkpoint between batches, as a long ingest makes
    store.close()
    return path


def test_shuffled_orders_and_batches_give_the_same_graph(tmp_path, extractions):
    expected = _graph_file(tmp_path, "ordered", extractions, len(extractions)).read_bytes()
    for seed, batch in [(1, 1), (2, 3), (3, 5)]:
        shuffled = extractions[:]
        random.Random(seed).shuffle(shuffled)
        assert _graph_file(tmp_path, f"s{seed}", shuffled, batch).read_bytes() == expected


def test_two_browns_stay_two_people(tmp_path, extractions):
    for order in (extractions, extractions[::-1]):
        graph = LocalGraphStore(_graph_file(tmp_path, "browns", order, 2)).graph
        people = {d["name"]: d for _, d in graph.nodes(data=True) if d.get("label") == "Entity"}
        assert "Ian Brown" in people and "Gordon Brown" in people
        assert "Gordon Brown" not in people["Ian Brown"]["aliases"]
        assert "Ian Brown" not in people["Gordon Brown"]["aliases"]
        (tmp_path / "browns.json").unlink()
