"""Export filters: --since, --predicate, --type, --min-mentions, --entity/--hops, articles."""

from __future__ import annotations

import pytest

from kgraph.errors import KgraphError
from kgraph.export import ExportFilter, filter_graph

from .export_sample import ACME, JOSE, LINE, OBRIEN, ZURICH, sample_graph


@pytest.fixture
def graph(tmp_path):
    return sample_graph(tmp_path)


def _relations(graph):
    return sorted(
        (u, d["predicate"], v) for u, v, d in graph.edges(data=True) if d["label"] == "RELATION"
    )


def test_default_keeps_entities_and_relations_without_articles(graph):
    out = filter_graph(graph, ExportFilter())
    assert sorted(out) == sorted([ACME.id, JOSE.id, ZURICH.id, LINE.id, OBRIEN.id])
    assert out.number_of_edges() == 4
    assert graph.number_of_nodes() == 7  # the source graph is untouched


def test_with_articles_keeps_mentions(graph):
    out = filter_graph(graph, ExportFilter(with_articles=True))
    assert out.number_of_nodes() == 7 and out.number_of_edges() == 12


def test_since_trims_evidence_and_drops_relations_and_entities(graph):
    out = filter_graph(graph, ExportFilter(since="2021-01-01", with_articles=True))
    assert _relations(out) == [
        (ACME.id, "based-in", ZURICH.id),
        (JOSE.id, "based-in", ZURICH.id),
    ]
    edge = out.edges[JOSE.id, ZURICH.id, "based-in|asserted|affirmed"]
    assert edge["evidence_count"] == 1 and edge["articles"] == ["b2"]
    assert edge["sentences"] == ["Müller, in Zürich, said so."] and edge["confidence"] == 0.7
    assert sorted(out) == sorted(["article:b2", ACME.id, JOSE.id, ZURICH.id])
    source = graph.edges[JOSE.id, ZURICH.id, "based-in|asserted|affirmed"]
    assert source["evidence_count"] == 2 and len(source["sentences"]) == 2


def test_predicate_by_name_or_type(graph):
    out = filter_graph(graph, ExportFilter(predicates=frozenset({"based-in", "OWNS"})))
    assert _relations(out) == [
        (ACME.id, "based-in", ZURICH.id),
        (ACME.id, "owns", LINE.id),
        (JOSE.id, "based-in", ZURICH.id),
    ]
    assert OBRIEN.id not in out


def test_type_and_min_mentions(graph):
    out = filter_graph(graph, ExportFilter(types=frozenset({"PERSON", "GPE"})))
    assert sorted(out) == sorted([JOSE.id, ZURICH.id, OBRIEN.id])
    assert _relations(out) == [(JOSE.id, "based-in", ZURICH.id)]
    out = filter_graph(graph, ExportFilter(min_mentions=3))
    assert sorted(out) == sorted([ACME.id, JOSE.id, ZURICH.id])


def test_entity_hops_ignore_direction(graph):
    out = filter_graph(graph, ExportFilter(entity="line\nbreak ltd", hops=1))
    assert sorted(out) == sorted([LINE.id, ACME.id])
    out = filter_graph(graph, ExportFilter(entity="AW, the firm", hops=0))  # an alias
    assert list(out) == [ACME.id]
    out = filter_graph(graph, ExportFilter(entity=LINE.id, hops=2))
    assert sorted(out) == sorted([LINE.id, ACME.id, JOSE.id, ZURICH.id])


def test_entity_left_out_by_other_filters(graph):
    with pytest.raises(KgraphError, match="'José Müller' is left out by the other filters"):
        filter_graph(graph, ExportFilter(entity="José Müller", types=frozenset({"ORG"})))


def test_bad_filter_values():
    with pytest.raises(KgraphError, match=r"unknown entity type PEOPLE \(allowed: EVENT, FAC"):
        ExportFilter(types=frozenset({"PEOPLE"}))
    with pytest.raises(KgraphError, match=r"--since 'last week' is not a date \(use YYYY-MM-DD\)"):
        ExportFilter(since="last week")


def test_min_confidence_trims_evidence_and_drops_relations_and_entities(graph):
    out = filter_graph(graph, ExportFilter(min_confidence=0.6))
    assert _relations(out) == sorted(
        [
            (ACME.id, "based-in", ZURICH.id),
            (JOSE.id, "based-in", ZURICH.id),
            (JOSE.id, "chief-executive-of", ACME.id),
        ]
    )
    edge = out.edges[JOSE.id, ZURICH.id, "based-in|asserted|affirmed"]
    assert edge["evidence_count"] == 1 and edge["confidences"] == [0.7]
    assert edge["sentences"] == ["Müller, in Zürich, said so."] and edge["confidence"] == 0.7
    assert sorted(out) == sorted([ACME.id, JOSE.id, ZURICH.id])  # Line and O'Brien left out
    assert filter_graph(graph, ExportFilter(min_confidence=0.0)).number_of_edges() == 4
    assert _relations(filter_graph(graph, ExportFilter(min_confidence=0.95))) == []
    with pytest.raises(KgraphError, match="min_confidence must be from 0 to 1, not 1.5"):
        ExportFilter(min_confidence=1.5)
