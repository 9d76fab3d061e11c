"""neo4j-admin import CSV files: headers, typed columns, arrays, awkward text."""

from __future__ import annotations

import csv
import json

import pytest

from kgraph.export import ExportFilter, export_graph, filter_graph
from kgraph.export.neo4j_csv import column_header

from .export_sample import ACME, JOSE, LINE, ZURICH, sample_graph


@pytest.fixture
def folder(tmp_path):
    graph = filter_graph(sample_graph(tmp_path), ExportFilter(with_articles=True))
    out = tmp_path / "import"
    result = export_graph(graph, "csv", out)
    assert (result.nodes, result.relationships) == (7, 12)
    return out


def _read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]


def test_files_written(folder):
    assert sorted(p.name for p in folder.iterdir()) == [
        "articles.csv",
        "entities.csv",
        "import.sh",
        "mentions.csv",
        "relations.csv",
    ]
    script = (folder / "import.sh").read_text(encoding="utf-8")
    assert (
        "neo4j-admin database import full neo4j --nodes=entities.csv --nodes=articles.csv "
        "--relationships=relations.csv --relationships=mentions.csv --multiline-fields=true"
    ) in script


def test_entity_file_headers_and_rows(folder):
    header, rows = _read(folder / "entities.csv")
    assert header == [
        "id:ID(Entity)",
        ":LABEL",
        "aliases:string[]",
        "mentions:int",
        "merges:string[]",
        "name",
        "type",
        "type_votes:string[]",
    ]
    by_id = {row["id:ID(Entity)"]: row for row in rows}
    assert len(rows) == 5 and {r[":LABEL"] for r in rows} == {"Entity"}
    acme = by_id[ACME.id]
    assert acme["name"] == 'Acme "Widgets", Inc.' and acme["type"] == "ORG"
    assert acme["aliases:string[]"].split(";") == ["AW, the firm", "Acme"]
    assert acme["mentions:int"] == "5"
    assert by_id[LINE.id]["name"] == "Line\nBreak Ltd"  # a multi-line field
    assert by_id[JOSE.id]["aliases:string[]"] == ""  # empty list: no property


def test_article_file(folder):
    header, rows = _read(folder / "articles.csv")
    assert header[:2] == ["id:ID(Article)", ":LABEL"]
    assert {"title", "published", "content_hash"} <= set(header)
    assert {r["id:ID(Article)"]: r["title"] for r in rows} == {
        "a1": 'Deal "done", finally',
        "b2": "Zürich\nnews",
    }


def test_relation_file_headers_and_arrays(folder):
    header, rows = _read(folder / "relations.csv")
    assert header[:3] == [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"]
    assert set(header[3:]) == {
        "articles:string[]",
        "confidence:double",
        "confidences:double[]",
        "surfaces:string[]",
        "patterns:string[]",
        "sources:string[]",
        "source_ids:string[]",
        "whens:string[]",
        "when_texts:string[]",
        "ends:int[]",
        "evidence_count:int",
        "key",  # what the Neo4j loader merges on, so a later `kgraph load` adds to it
        "modality",
        "negated:boolean",
        "predicate",
        "published:string[]",
        "relation",
        "sentences",  # a sentence holds ";": the column is JSON text, not an array
        "starts:int[]",
    }
    row = next(
        r for r in rows if (r[":START_ID(Entity)"], r[":END_ID(Entity)"]) == (JOSE.id, ZURICH.id)
    )
    assert row[":TYPE"] == "BASED_IN" and row["negated:boolean"] == "false"
    assert row["relation"] == "based-in" and row["predicate"] == "based-in"
    assert row["key"] == "based-in|asserted|affirmed"
    (chief,) = [r for r in rows if r["predicate"] == "chief-executive-of"]
    assert (chief[":TYPE"], chief["relation"]) == ("HEAD_OF", "head-of")
    assert row["articles:string[]"] == "a1;b2" and row["starts:int[]"] == "80;30"
    assert row["published:string[]"] == "2020-08-01;2021-03-05"
    assert json.loads(row["sentences"]) == [
        "Müller lives in Zürich.",
        "Müller, in Zürich, said so.",
    ]
    assert row["confidence:double"] == "0.7" and row["evidence_count:int"] == "2"


def test_mentions_file(folder):
    header, rows = _read(folder / "mentions.csv")
    assert header == [":START_ID(Article)", ":END_ID(Entity)", ":TYPE", "count:int"]
    assert len(rows) == 8 and {r[":TYPE"] for r in rows} == {"MENTIONS"}


def test_without_articles_only_entity_files(tmp_path):
    out = tmp_path / "import"
    export_graph(sample_graph(tmp_path).subgraph([ACME.id, ZURICH.id]).copy(), "csv", out)
    assert sorted(p.name for p in out.iterdir()) == ["entities.csv", "import.sh", "relations.csv"]


@pytest.mark.parametrize(
    ("values", "header"),
    [
        ([1, 2, None], "n:int"),
        ([1, 2.5], "n:double"),
        ([True, False], "n:boolean"),
        ([True, 1], "n"),
        (["a", None], "n"),
        ([["a", "b"], []], "n:string[]"),
        ([[1, 2]], "n:int[]"),
        ([["a;b"]], "n"),
        ([[]], "n:string[]"),
    ],
)
def test_column_header(values, header):
    assert column_header("n", values) == header
