"""The cypher/ library's files, parameters and the local runner (no server needed)."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.query.cypher_files import (
    CypherFileError,
    parse_param,
    read_cypher_file,
    run_grand_cypher,
    substitute,
)
from kgraph.store import cypher
from kgraph.store.local import write_graph

from .conftest import ROOT

QUERIES = sorted(p for p in (ROOT / "cypher").glob("*.cypher") if p.name != "schema.cypher")


def test_schema_file_is_the_loaders_schema():
    text = (ROOT / "cypher" / "schema.cypher").read_text(encoding="utf-8")
    statements = [
        " ".join(s.split()) for s in re.sub(r"//[^\n]*", "", text).split(";") if s.strip()
    ]
    assert statements == list(cypher.schema_statements())


def test_the_library_has_the_analyst_queries():
    names = {p.stem for p in QUERIES}
    assert len(names) >= 8
    assert {
        "entity-profile",
        "related-by-predicate",
        "shortest-path",
        "most-connected",
        "relations-over-time",
        "relation-evidence",
        "co-mentioned",
        "denied-or-reported",
    } <= names


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_each_file_says_what_it_answers_and_how_it_runs_locally(path):
    query = read_cypher_file(path)
    assert query.summary
    assert query.local == "grand-cypher" or re.fullmatch(r"python \w+ \(.+\)", query.local)
    assert set(query.parameters) == set(query.defaults)  # every $param has a default line
    for line in path.read_text(encoding="utf-8").splitlines():
        if ":param" in line:  # Browser syntax once the leading // is removed
            assert re.fullmatch(r"// :param \w+ => .+;", line)


def test_parameters_from_the_command_line():
    assert parse_param("limit=5") == ("limit", 5)
    assert parse_param("entity=Donald Trump") == ("entity", "Donald Trump")
    assert parse_param('entity="42"') == ("entity", "42")
    assert parse_param('modalities=["denied"]') == ("modalities", ["denied"])
    with pytest.raises(CypherFileError, match="is not NAME=VALUE"):
        parse_param("no-equals-sign")


def test_a_missing_parameter_is_named(tmp_path):
    path = tmp_path / "q.cypher"
    path.write_text("// q\nMATCH (e:Entity) WHERE e.name = $who RETURN e.name AS name\n")
    with pytest.raises(CypherFileError, match="q.cypher needs --param who=VALUE"):
        read_cypher_file(path).bind({})


HOSTILE = [
    'x" OR 1 = 1 OR "',
    'x") RETURN e //',
    "\\\" + __import__('os').system('touch /tmp/pwned') + \"",
    "line\nbreak\r\u2028\u2029\x85",
    "ünïcödé 🚀 \x00 \x7f",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_substituted_strings_stay_one_literal(value):
    graph = nx.MultiDiGraph()
    graph.add_node("e1", label="Entity", id="e1", name=value, type="ORG")
    graph.add_node("e2", label="Entity", id="e2", name="other", type="ORG")
    statement = substitute(
        "MATCH (e:Entity) WHERE e.name = $name RETURN e.id AS id // $name", {"name": value}
    )
    assert run_grand_cypher(graph, statement) == [{"id": "e1"}]


def test_strings_and_comments_are_not_parameters():
    text = 'MATCH (e) WHERE e.name = "$x" // $y\nRETURN $z AS z'
    assert substitute(text, {"z": 1}) == 'MATCH (e) WHERE e.name = "$x" \nRETURN 1 AS z'


def test_only_sanitized_relationship_types_reach_cypher():
    assert "[r:`OWNS` {key: row.key}]" in cypher.merge_relations("OWNS")
    for bad in ("owns", "OWNS`]->() DETACH DELETE", "", "1X", "A-B"):
        with pytest.raises(ValueError):
            cypher.merge_relations(bad)


def test_entity_question_to_an_unreachable_neo4j_is_one_line():
    args = [
        "query",
        "--entity",
        "Microsoft",
        "--store",
        "neo4j",
        "--neo4j-uri",
        "bolt://127.0.0.1:9",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:9: ")
    assert result.output.count("\n") == 1


def test_a_query_grand_cypher_cannot_parse_is_a_clear_error(tmp_path):
    path = tmp_path / "with.cypher"
    path.write_text("MATCH (e:Entity) WITH e RETURN e.name AS name\n")
    write_graph(nx.MultiDiGraph(), tmp_path / "g.json")
    result = CliRunner().invoke(
        cli, ["query", "--cypher", str(path), "--graph", str(tmp_path / "g.json")]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: grand-cypher cannot run with.cypher on the local graph")
    assert result.output.rstrip().endswith("use --store neo4j")
