"""The shortest chain between two entities: shortest, the first by ids of several, the same
whatever order a store returns neighbours in, and found without visiting the whole graph."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from kgraph.query.paths import shortest_chain


def _neighbours(graph: nx.Graph, seed: int | None = None, asked: list | None = None):
    """``neighbours`` over ``graph``, each list shuffled by ``seed``; records what is asked."""
    shuffle = random.Random(seed)

    def neighbours(ids):
        if asked is not None:
            asked.append(sorted(ids))
        found = {}
        for node in ids:
            others = list(graph.neighbors(node)) if node in graph else []
            shuffle.shuffle(others)
            found[node] = others
        return found

    return neighbours


def _random_graph(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(rng.randint(2, 30), rng.randint(1, 60), seed=seed)
    return nx.relabel_nodes(graph, {n: f"e{rng.randint(0, 999):03d}-{n}" for n in graph})


@pytest.mark.parametrize("seed", range(200))
def test_the_chain_is_the_first_by_ids_of_the_shortest_ones(seed):
    graph = _random_graph(seed)
    start, end = sorted(graph)[0], sorted(graph)[-1]
    chain = shortest_chain(start, end, _neighbours(graph, seed))
    if not nx.has_path(graph, start, end):
        assert chain is None
        return
    assert chain == min(nx.all_shortest_paths(graph, start, end))
    assert shortest_chain(start, end, _neighbours(graph, seed + 1)) == chain


def test_two_chains_of_equal_length_give_the_first_by_ids():
    graph = nx.Graph([("a", "south"), ("south", "z"), ("a", "north"), ("north", "z")])
    assert shortest_chain("a", "z", _neighbours(graph)) == ["a", "north", "z"]
    assert shortest_chain("z", "a", _neighbours(graph)) == ["z", "north", "a"]


def test_ends_that_are_one_or_unknown():
    graph = nx.Graph([("a", "b")])
    assert shortest_chain("a", "a", _neighbours(graph)) == ["a"]
    assert shortest_chain("a", "nowhere", _neighbours(graph)) is None


def test_the_search_widens_the_smaller_side_and_stops_where_the_two_meet():
    # a hub with 500 spokes next to the start; the end two hops away on a thin line
    graph = nx.Graph([("start", "hub"), ("hub", "middle"), ("middle", "end")])
    graph.add_edges_from(("hub", f"spoke{i:03d}") for i in range(500))
    asked: list[list[str]] = []
    chain = shortest_chain("start", "end", _neighbours(graph, asked=asked))
    assert chain == ["start", "hub", "middle", "end"]
    assert asked == [["start"], ["hub"], ["end"]]  # then the 501 ends are the larger side
