"""Readers for every input format, on small fixture files written into tmp_path."""

from __future__ import annotations

import gzip
import io
import json

from kgraph.models import Article, Reject
from kgraph.readers import (
    FieldMap,
    ReadOptions,
    count_articles,
    iter_files,
    read_articles,
    split_article,
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Acme agrees to buy Widget Co | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://planet.example/business/acme-widget">
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Acme agrees to buy Widget Co</h1>
<p>Acme Corporation, based in Chicago, agreed to buy Widget Co for $2bn on Tuesday, its
chief executive John Smith said.</p>
<p>The deal still needs approval from regulators in Brussels and Washington.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm hits coast</a></li></ul></aside>
<footer>Copyright 2024 Daily Planet. All rights reserved.</footer>
</body></html>
"""


def _write(tmp_path, name, data: bytes | str):
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _read(path, **options):
    return list(read_articles([path], ReadOptions(**options)))


def test_html_page_gives_main_text_and_metadata(tmp_path):
    (article,) = _read(_write(tmp_path, "acme.html", PAGE))
    assert isinstance(article, Article)
    assert article.title == "Acme agrees to buy Widget Co"
    assert article.published == "2024-03-05"
    assert article.url == "https://planet.example/business/acme-widget"
    assert article.source == "Daily Planet"
    assert "Acme Corporation, based in Chicago, agreed to buy Widget Co" in article.text
    for chrome in ("Home", "Most read", "Storm hits coast", "Copyright"):
        assert chrome not in article.text


def test_html_without_a_date_gets_none(tmp_path):
    page = PAGE.replace(
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">', ""
    )
    (article,) = _read(_write(tmp_path, "acme.htm", page))
    assert article.published is None  # not the year of the copyright line


def test_html_without_text_is_rejected(tmp_path):
    path = _write(tmp_path, "empty.html", "<html><head><title>x</title></head><body></body></html>")
    (reject,) = _read(path)
    assert reject == Reject(str(path), "no article text found in the HTML page")


def test_jsonl_default_fields_and_bad_lines(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "a1",
                "headline": "Acme buys Widget",
                "body": "Acme bought Widget Co.",
                "link": "https://x.example/1",
                "published_at": "2024-03-05",
            }
        ),
        "",
        '{"text": "broken',
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"content": "Second story about Widget Co.", "guid": 7, "date": None}),
        json.dumps({"text": "   "}),
    ]
    path = _write(tmp_path, "news.jsonl", "\n".join(lines) + "\n")
    first, bad_json, no_text, not_object, second, blank = _read(path)
    assert first == Article(
        text="Acme bought Widget Co.",
        id="a1",
        title="Acme buys Widget",
        published="2024-03-05",
        url="https://x.example/1",
        source=str(path),
        read_from=str(path.absolute()),
    )
    assert (bad_json.line, bad_json.reason.split(" (")[0]) == (3, "malformed JSON")
    assert str(no_text) == f"{path}:4: no text field (looked for text, content, body)"
    assert str(not_object) == f"{path}:5: expected a JSON object, got list"
    assert (second.id, second.published, second.title) == ("7", None, None)
    assert str(blank) == f"{path}:7: empty text field"


def test_jsonl_field_names_are_configurable(tmp_path):
    record = {"story": "Text here.", "name": "T", "when": "2020-01-02", "key": "k9"}
    path = _write(tmp_path, "feed.json", json.dumps(record) + "\n")
    fields = FieldMap.with_overrides(text="story", title="name", published="when", id="key")
    (article,) = _read(path, fields=fields)
    assert (article.text, article.title, article.published, article.id) == (
        "Text here.",
        "T",
        "2020-01-02",
        "k9",
    )
    assert FieldMap.with_overrides(text="a, b").text == ("a", "b")
    assert FieldMap.with_overrides(text=None).text == ("text", "content", "body")


def test_csv_rows_with_missing_fields_are_rejected(tmp_path):
    data = (
        "id,title,text,url\n"
        'c1,First,"Acme bought Widget Co.\n\nIt paid $2bn.",https://x.example/1\n'
        "c2,Second\n"
        "c3,Third,,https://x.example/3\n"
        "\n"
        "c4,Fourth,Fourth story.,\n"
    )
    path = _write(tmp_path, "news.csv", data)
    first, short, empty, fourth = _read(path)
    assert (first.id, first.title, first.text) == (
        "c1",
        "First",
        "Acme bought Widget Co.\n\nIt paid $2bn.",
    )
    assert first.url == "https://x.example/1"
    assert str(short) == f"{path}:5: row has 2 of 4 fields (no text, url)"
    assert str(empty) == f"{path}:6: empty text field"
    assert (fourth.id, fourth.url) == ("c4", None)


def test_gzipped_files_of_each_format(tmp_path):
    texts = {
        "a.txt.gz": b"Headline\n\nAcme bought Widget Co.",
        "b.jsonl.gz": b'{"text": "One."}\n{"text": "Two."}\n',
        "c.csv.gz": b"text\nThree.\n",
        "d.html.gz": PAGE.encode(),
    }
    for name, data in texts.items():
        _write(tmp_path, name, gzip.compress(data))
    items = list(read_articles([tmp_path]))
    assert [type(i) for i in items] == [Article] * 5
    assert [i.text for i in items[:4]] == [
        "Headline\n\nAcme bought Widget Co.",
        "One.",
        "Two.",
        "Three.",
    ]
    assert items[0].title == "Headline"
    assert count_articles([tmp_path]) == 5


def test_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path):
    data = gzip.compress(b"".join(b'{"text": "Story %d."}\n' % n for n in range(2000)))
    path = _write(tmp_path, "cut.jsonl.gz", data[: len(data) // 2])
    items = _read(path)
    *articles, reject = items
    assert len(articles) > 10 and all(isinstance(a, Article) for a in articles)
    assert [a.text for a in articles[:2]] == ["Story 0.", "Story 1."]
    assert reject == Reject(
        str(path), "truncated gzip file (compressed data ends early)", len(articles) + 1
    )
    (notgz,) = _read(_write(tmp_path, "fake.txt.gz", b"plain text, not gzip"))
    assert notgz.reason.startswith("not a gzip file")


def test_non_utf8_lines_fall_back_or_are_rejected(tmp_path):
    data = '{"text": "Caf\u00e9 story."}\n'.encode("cp1252") + b'{"text": "\xe9\x07"}\n'
    good, bad = _read(_write(tmp_path, "mixed.jsonl", data))
    assert good.text == "Caf\u00e9 story."
    assert str(bad) == (
        f"{tmp_path / 'mixed.jsonl'}:2: "
        "not valid UTF-8 (byte 0xe9 at offset 10) nor Windows-1252 text"
    )


def test_standard_input_in_the_chosen_format(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b'{"text": "From a pipe.", "id": "p1"}\n'))
    monkeypatch.setattr("sys.stdin", stdin)
    (article,) = list(read_articles(["-"], ReadOptions(input_format="jsonl")))
    assert (article.id, article.text, article.source) == ("p1", "From a pipe.", "<stdin>")


def test_long_article_is_split_at_paragraphs(tmp_path):
    paragraph = "Acme bought Widget Co. " * 20 + "\n\n"
    path = _write(tmp_path, "long.txt", "Long story\n\n" + paragraph * 30)
    parts = _read(path, max_chars=2000)
    assert len(parts) > 1 and all(len(p.text) <= 2000 for p in parts)
    assert "".join(p.text for p in parts) == path.read_text()
    assert all(p.text.endswith("\n\n") for p in parts[:-1])
    whole = Article(text=path.read_text(), title="Long story")
    assert [p.id for p in parts] == [f"{whole.id}.{n}" for n in range(1, len(parts) + 1)]
    assert parts[1].title == "Long story (part 2)"
    (one,) = split_article(Article(text="x " * 10, id="s"), 1000)
    assert one.id == "s.1"


def test_folders_list_every_known_format(tmp_path):
    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.jsonl", "f.json", "g.csv", "h.txt.gz"):
        _write(tmp_path, name, "x")
    _write(tmp_path, "notes.pdf", "x")
    _write(tmp_path, "archive.tar.gz", "x")
    assert [p.name for p in iter_files([tmp_path])] == [
        "a.txt",
        "b.md",
        "c.html",
        "d.htm",
        "e.jsonl",
        "f.json",
        "g.csv",
        "h.txt.gz",
    ]
