"""Patterns grand-cypher would answer wrongly are refused with one line, never run.

Each refused construct has a test through the CLI on the sample graph (exact output),
beside a check that what the guard lets through still answers as Neo4j would.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.query.cypher_files import run_grand_cypher
from kgraph.query.cypher_guard import refusal
from kgraph.store.local import read_graph
from tests.export_sample import sample_graph_file


@pytest.fixture()
def run(tmp_path):
    graph = sample_graph_file(tmp_path)

    def invoke(statement: str):
        path = tmp_path / "mine.cypher"
        path.write_text(statement + "\n", encoding="utf-8")
        return CliRunner().invoke(cli, ["query", "--cypher", str(path), "--graph", str(graph)])

    return invoke


PREFIX = "Error: the local graph cannot answer mine.cypher correctly: "
SUFFIX = "; or use --store neo4j\n"


def test_undirected_relationship_is_refused(run):
    result = run('MATCH (e:Entity {name: "Zürich"})-[r]-(o:Entity) RETURN o.name AS other')
    assert result.exit_code == 1
    assert result.output == (
        PREFIX + "an undirected relationship -[r]-: grand-cypher matches only pairs related "
        "both ways; give it a direction (-[r]-> or <-[r]-)" + SUFFIX
    )
    assert run("MATCH (e:Entity)--(o:Entity) RETURN o.name AS other").output == (
        PREFIX + "an undirected relationship --: grand-cypher matches only pairs related "
        "both ways; give it a direction (-[r]-> or <-[r]-)" + SUFFIX
    )


def test_directed_relationships_answer_every_relation(run):
    # Zürich has two relations, both incoming: what the undirected pattern should give.
    result = run(
        'MATCH (e:Entity {name: "Zürich"})<-[r]-(o:Entity) RETURN o.name AS other ORDER BY other'
    )
    assert result.exit_code == 0
    assert result.output == 'other\nAcme "Widgets", Inc.\nJosé Müller\n'


def test_variable_length_relationship_is_refused(run):
    result = run('MATCH (a:Entity {name: "José Müller"})-[r*1..2]->(b) RETURN b.name AS name')
    assert result.exit_code == 1
    assert result.output == (
        PREFIX + "a variable-length relationship -[*..]-: grand-cypher's paths never come "
        "back to a node, Neo4j's may" + SUFFIX
    )


def test_nodes_that_may_be_one_node_are_refused(run):
    # José Müller has two relations into Zürich's neighbourhood: Neo4j would also return
    # a = c = José Müller through two different relationships; grand-cypher never does.
    result = run("MATCH (a:Entity)-[r]->(b:Entity)<-[s]-(c:Entity) RETURN a.name AS a, c.name AS c")
    assert result.exit_code == 1
    assert result.output == (
        PREFIX + "node variables a and c may be the same node, which grand-cypher never "
        "matches (add WHERE a <> c if they must differ)" + SUFFIX
    )
    result = run('MATCH (a {name: "Zürich"}) MATCH (b {name: "Zürich"}) RETURN a.name AS a')
    assert result.output == (
        PREFIX + "node variables a and b may be the same node, which grand-cypher never "
        "matches (add WHERE a <> b if they must differ)" + SUFFIX
    )


def test_nodes_told_apart_are_answered(run):
    result = run(
        "MATCH (a:Entity)-[r]->(b:Entity)<-[s]-(c:Entity) WHERE a <> c "
        "RETURN a.name AS a, b.name AS b, c.name AS c ORDER BY a"
    )
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "a\tb\tc",
        'Acme "Widgets", Inc.\tZürich\tJosé Müller',
        'José Müller\tZürich\tAcme "Widgets", Inc.',
    ]


def test_exists_over_two_outer_variables_is_refused(run):
    result = run(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE EXISTS { MATCH (b)-[s]->(a) } RETURN a.name AS name"
    )
    assert result.exit_code == 1
    assert result.output == (
        PREFIX + "an EXISTS { } subquery over 2 variables of the outer MATCH (a, b): "
        "grand-cypher matches nothing there" + SUFFIX
    )


@pytest.mark.parametrize(
    "statement",
    [
        "MATCH (s:Entity)-[r]->(o:Entity) RETURN s.name AS s",
        "MATCH (a:Article)-[m:MENTIONS]->(e:Entity)-[r]->(o:Entity) RETURN a.id AS id",
        'MATCH (a {name: "Zürich"}) MATCH (b {name: "Acme"}) RETURN a.name AS a',
        "MATCH (x:Entity)<-[m1:MENTIONS]-(a:Article)-[m2:MENTIONS]->(y:Entity) "
        "WHERE y.id <> x.id RETURN y.name AS name",
        "MATCH (a) WHERE EXISTS { MATCH (a)-[r]->(b) } RETURN a.name AS name",
    ],
)
def test_patterns_grand_cypher_answers_right_pass(statement):
    assert refusal(statement) is None


def test_the_library_passes_the_guard(tmp_path):
    graph = read_graph(sample_graph_file(tmp_path))
    rows = run_grand_cypher(
        graph,
        "MATCH (x:Entity)<-[m1:MENTIONS]-(a:Article)-[m2:MENTIONS]->(y:Entity) "
        'WHERE x.name = "Zürich" AND y.id <> x.id RETURN y.name AS name, COUNT(a) AS articles',
    )
    assert sorted((r["name"], r["articles"]) for r in rows) == [
        ('Acme "Widgets", Inc.', 2),
        ("José Müller", 2),
        ("Line\nBreak Ltd", 1),
        ("O'Brien, Pat", 1),
    ]
