"""Issue 24, "Nothing lost silently, round two": each case with its exact input (files in
``tests/inputs/``, written for these tests), through the real command line and model. Every
case keeps the text or gives a one-line reason; none prints a traceback."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import cli
from kgraph.models import Article, Reject
from kgraph.readers import ReadOptions, read_articles
from tests.conftest import EXAMPLES, ROOT

INPUTS = Path(__file__).parent / "inputs"
KGRAPH = str(Path(sys.executable).with_name("kgraph"))


def triples(output: str) -> set[tuple[str, str, str]]:
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {(r["subject"]["name"], r["predicate"], r["object"]["name"]) for r in records}


def one_line_error(result, *names: str) -> str:
    """The single ``Error:`` line of a failed run, checked to name each of ``names``."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith("Error: ")
    for name in names:
        assert name in line, line
    return line


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "graph.json"
    result = CliRunner().invoke(cli, ["ingest", str(EXAMPLES), "--graph", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


# Text lost or changed without a word


def test_a_stray_byte_costs_one_character_and_is_counted(tmp_path):
    path = INPUTS / "telefonica-stray-byte.txt"
    assert b"C\xe9sar" in path.read_bytes() and "’".encode() in path.read_bytes()
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert ("César Alierta", "chairman-of", "Telefónica") in triples(result.stdout)
    assert result.stderr == (
        f"warning: {path}: 1 byte run not valid UTF-8 (line 1) read as Windows-1252\n"
    )
    (article,) = read_articles([path], ReadOptions())
    assert article.text.startswith("Telefónica’s chairman César Alierta said in Madrid")
    ingest = CliRunner().invoke(cli, ["ingest", str(path), "--graph", str(tmp_path / "g.json")])
    assert ingest.exit_code == 0, ingest.output
    assert "; 1 byte run not UTF-8 read as Windows-1252; " in ingest.stdout


@pytest.mark.parametrize("name", ["sony-utf16-bom.txt", "sony-utf16-nobom.txt"])
def test_utf16_text_is_read(name):
    result = CliRunner().invoke(cli, ["extract", str(INPUTS / name)])
    assert result.exit_code == 0, result.output
    assert ("Kenichiro Yoshida", "chief-executive-of", "Sony") in triples(result.stdout)


def test_utf16_json_lines_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    record = {"id": "s1", "text": "Sony is based in Tokyo."}
    path.write_bytes((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-16"))
    (article,) = read_articles([path], ReadOptions())
    assert (article.id, article.text) == ("s1", "Sony is based in Tokyo.")


def test_an_unbalanced_csv_quote_is_a_reject_and_the_next_row_lands():
    path = INPUTS / "shops-unbalanced-quote.csv"
    items = list(read_articles([path], ReadOptions()))
    assert [i.id if isinstance(i, Article) else i.line for i in items] == [
        "c1", "c2", 4, "c4", "c5",
    ]  # fmt: skip
    reject = items[2]
    assert isinstance(reject, Reject) and str(reject).startswith(f"{path}:4: malformed CSV")
    assert "quoted field opened on line 4" in reject.reason
    assert items[3].text == "Tesco is based in Cheshunt." and items[3].published == "2005-01-04"
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 3
    assert ("Tesco", "based-in", "Cheshunt") in triples(result.stdout)
    assert "warning" not in result.stderr
    assert result.stderr.startswith(f"rejected: {path}:4: malformed CSV")


def test_json_lines_from_a_pipe_are_json_lines(tmp_path):
    lines = "".join(
        json.dumps({"id": i, "title": t, "text": x}) + "\n"
        for i, t, x in [
            ("a", "Tesco", "Tesco is based in Cheshunt."),
            ("b", "Asda", "Asda is based in Leeds."),
        ]
    )
    graph = tmp_path / "g.json"
    for given in (lines.encode(), gzip.compress(lines.encode())):  # zcat's output, or not
        result = CliRunner().invoke(cli, ["extract", "-"], input=given)
        assert result.exit_code == 0, result.output
        assert triples(result.stdout) == {
            ("Tesco", "based-in", "Cheshunt"),
            ("Asda", "based-in", "Leeds"),
        }
    result = CliRunner().invoke(cli, ["ingest", "-", "--graph", str(graph)], input=lines.encode())
    assert result.stdout.startswith("2 articles ingested")
    as_text = CliRunner().invoke(cli, ["extract", "-", "--input-format", "txt"], input=lines)
    assert as_text.exit_code == 0 and '"id": "a"' not in as_text.stdout  # one text article


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("zcat") is None, reason="no zcat")
def test_zcat_of_a_gzipped_feed_piped_into_ingest_is_json_lines(tmp_path):
    """The issue's exact command line, through a shell pipe into a real process."""
    feed = tmp_path / "feed.jsonl.gz"
    records = [
        {"id": "a", "title": "Tesco", "text": "Tesco is based in Cheshunt."},
        {"id": "b", "title": "Asda", "text": "Asda is based in Leeds."},
    ]
    feed.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    graph = tmp_path / "g.json"
    done = subprocess.run(
        f'zcat "{feed}" | "{KGRAPH}" ingest - --graph "{graph}"',
        shell=True,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("2 articles ingested"), done.stdout
    stats = subprocess.run(
        [KGRAPH, "stats", "--json", "--graph", str(graph)], capture_output=True, text=True
    )
    assert json.loads(stats.stdout)["articles"] == 2


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b'{"text": "Asda is based in Leeds."}\n{"text": "x"}', "jsonl"),
        (b'[\n  {"text": "Asda is based in Leeds."}', "json"),
        (b'{\n  "articles": [', "json"),
        (b"[Updated] Asda is based in Leeds.", "txt"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "rss"),
        (b"<!DOCTYPE html>\n<html><body><p>Asda</p>", "html"),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("Asda is based in Leeds.".encode("utf-16"), "txt"),
    ],
)
def test_a_stream_format_is_told_by_its_first_bytes(head, fmt):
    from kgraph.readers.sniff import sniff_format

    assert sniff_format(head) == fmt


def test_standard_input_of_unknown_markup_is_a_one_line_reject():
    result = CliRunner().invoke(cli, ["extract", "-"], input="<note><to>Tove</to></note>\n")
    assert result.exit_code == 3
    assert result.stderr == (
        "rejected: <stdin>: cannot tell the format (markup, but no HTML page or feed); "
        "give --input-format\n"
    )


def test_published_with_month_and_day_swapped_is_an_error(tmp_path):
    graph = tmp_path / "g.json"
    result = CliRunner().invoke(
        cli, ["ingest", str(EXAMPLES), "--graph", str(graph), "--published", "2005-31-12"]
    )
    one_line_error(result, "--published 2005-31-12", "YYYY-MM-DD")
    assert not graph.exists()


def test_a_swapped_date_in_a_record_is_not_swapped(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Asda is based in Leeds.", "date": "2005-31-12"}) + "\n")
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert '"published": null' in result.stdout
    assert "invalid date '2005-31-12' (not YYYY-MM-DD) stored as null" in result.stderr


def test_a_page_template_is_rejected_not_parsed():
    path = INPUTS / "angular-template.html"
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == (
        f"rejected: {path}: page template, not an article: 4 unfilled {{{{ }}}} placeholders "
        "(the page's script fills them in the browser)\n"
    )


def test_a_page_date_comes_from_its_dateline_not_a_teaser():
    path = INPUTS / "dw-dateline.html"
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    dates = {json.loads(line)["article"]["published"] for line in result.stdout.splitlines()}
    assert dates == {"2013-06-10"}
    assert result.stderr == (
        f"warning: {path}: page dates disagree: dateline 2013-06-10, elsewhere on the page "
        "2019-08-01; kept the dateline's\n"
    )


def test_page_metadata_comes_before_the_dateline(tmp_path):
    page = (INPUTS / "dw-dateline.html").read_text(encoding="utf-8")
    dated = tmp_path / "dated.html"
    meta = '<meta property="article:published_time" content="2013-06-11T08:00:00Z">'
    dated.write_text(page.replace("<head>", f"<head>\n{meta}"), encoding="utf-8")
    (article,) = read_articles([dated], ReadOptions())
    assert article.published == "2013-06-11"


# Bad input without a clear error


def test_an_empty_folder_is_an_error(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--graph", str(tmp_path / "g.json")])
    one_line_error(result, f"{folder}: empty folder: nothing to read")
    assert not (tmp_path / "g.json").exists()


def test_a_folder_of_unreadable_files_is_an_error_and_a_warning_beside_good_input(tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00")
    graph = tmp_path / "g.json"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--graph", str(graph)])
    one_line_error(result, f"{folder}: no file kgraph reads among its 2 (.doc, .png; reads .txt")
    good = str(EXAMPLES / "brexit-talks.txt")
    result = CliRunner().invoke(cli, ["ingest", str(folder), good, "--graph", str(graph)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"warning: {folder}: no file kgraph reads among its 2")
    assert result.stdout.startswith("1 articles ingested")


def test_a_truncated_json_file_gives_line_and_column():
    path = INPUTS / "truncated.json"
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 3
    assert result.stderr == (
        f"rejected: {path}:3: malformed JSON (Unterminated string starting at: line 3 column 30)\n"
    )


def test_query_names_a_missing_graph_file(tmp_path):
    missing = tmp_path / "missing.json"
    result = CliRunner().invoke(cli, ["query", "--entity", "X", "--graph", str(missing)])
    one_line_error(result, f"no graph file at {missing}")


def test_query_of_an_unknown_relation_lists_the_vocabulary(graph):
    result = CliRunner().invoke(cli, ["query", "--relation", "boss-of", "--graph", str(graph)])
    line = one_line_error(result, "--relation boss-of: not a relation of the vocabulary")
    assert "head-of, " in line and "acquires" in line
    known = CliRunner().invoke(cli, ["query", "--relation", "HEAD_OF", "--graph", str(graph)])
    assert known.exit_code == 0, known.output


def test_export_into_a_missing_folder_fails_naming_it(graph, tmp_path):
    out = tmp_path / "nonexistent" / "dir" / "f.png"
    result = CliRunner().invoke(cli, ["export", "--out", str(out), "--graph", str(graph)])
    one_line_error(result, f"no folder {out.parent}")
    assert not (tmp_path / "nonexistent").exists()


def test_local_cypher_reads_single_quotes_and_browser_param_lines(graph, tmp_path):
    query = tmp_path / "named.cypher"
    query.write_text(
        "// Two entities by name.\n"
        "// :param who => 'Microsoft';\n"
        "MATCH (a:Entity) WHERE a.name = $who OR a.name = 'TikTok' RETURN a.name AS name\n"
    )
    args = ["query", "--cypher", str(query), "--graph", str(graph), "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(line)["name"] for line in result.stdout.splitlines()) == [
        "Microsoft",
        "TikTok",
    ]
    again = CliRunner().invoke(cli, [*args, "--param", "who=ByteDance"])
    assert sorted(json.loads(line)["name"] for line in again.stdout.splitlines()) == [
        "ByteDance",
        "TikTok",
    ]


def test_local_cypher_reads_the_single_quoted_where_neo4j_runs(graph, tmp_path):
    query = tmp_path / "microsoft.cypher"
    query.write_text("MATCH (a:Entity) WHERE a.name = 'Microsoft' RETURN a.name AS name\n")
    args = ["query", "--cypher", str(query), "--graph", str(graph), "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == [{"name": "Microsoft"}]


def test_local_cypher_refuses_other_browser_commands_by_name(graph, tmp_path):
    query = tmp_path / "map.cypher"
    query.write_text(":param {who: 'Microsoft'}\nMATCH (a:Entity) RETURN a.name\n")
    result = CliRunner().invoke(cli, ["query", "--cypher", str(query), "--graph", str(graph)])
    one_line_error(result, f"{query}:1", "\":param {who: 'Microsoft'}\" is a Neo4j Browser command")


def test_shortest_path_steps_are_the_best_supported_relations(graph):
    from kgraph.query.cypher_files import read_cypher_file, run_local
    from kgraph.store.local import read_graph

    rows = run_local(
        read_graph(graph), read_cypher_file(ROOT / "cypher" / "shortest-path.cypher"), {}
    )
    assert [(r["subject"], r["object"]) for r in rows] == [
        ("Donald Trump", "TikTok"),
        ("ByteDance", "TikTok"),
    ]
    nx_graph = read_graph(graph)
    first = [
        d
        for u, v, d in nx_graph.edges(data=True)
        if d.get("label") == "RELATION"
        and {nx_graph.nodes[u]["name"], nx_graph.nodes[v]["name"]} == {"Donald Trump", "TikTok"}
    ]
    best = min(first, key=lambda d: (-d["evidence_count"], -d["confidence"], d["predicate"]))
    assert len(first) > 1 and rows[0]["predicate"] == best["predicate"]


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_graph_files_follow_the_umask(tmp_path, umask):
    graph = tmp_path / "g.json"
    before = os.umask(umask)
    try:
        result = CliRunner().invoke(
            cli, ["ingest", str(EXAMPLES / "brexit-talks.txt"), "--graph", str(graph), "--quiet"]
        )
    finally:
        os.umask(before)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(graph.stat().st_mode) == 0o666 & ~umask


def test_no_traceback_in_any_case(tmp_path):
    """Every input of tests/inputs together: rejects and warnings, never a traceback."""
    folder = tmp_path / "all"
    shutil.copytree(INPUTS, folder)
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--graph", str(tmp_path / "g.json")])
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert all(
        line.startswith(("rejected: ", "warning: ")) for line in result.stderr.splitlines()
    ), result.stderr
