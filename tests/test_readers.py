"""Reading article files: text, titles, and the inputs that must be rejected."""

from __future__ import annotations

from kgraph.models import Article, Reject
from kgraph.readers import read_articles


def _read(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_articles([path]))


def test_headline_becomes_title(tmp_path):
    (article,) = _read(
        tmp_path, "a.txt", b"Ad sales boost profits\n\nTime Warner said on Friday.\n"
    )
    assert isinstance(article, Article)
    assert article.title == "Ad sales boost profits"
    assert article.text.startswith("Ad sales")


def test_caption_is_not_a_title(tmp_path):
    (article,) = _read(
        tmp_path, "story.txt", b"The app (illustration). - A B // SIPA\n\nText here."
    )
    assert article.title == "story"


def test_empty_binary_and_non_text_are_rejected(tmp_path):
    (empty,) = _read(tmp_path, "empty.txt", b"  \n")
    (binary,) = _read(tmp_path, "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    (junk,) = _read(tmp_path, "junk.txt", b"first line\ncaf\xe9\x07\x1b au lait")
    assert isinstance(empty, Reject) and empty.reason == "empty file"
    assert isinstance(binary, Reject) and "binary" in binary.reason
    assert isinstance(junk, Reject)
    assert junk.reason == "not valid UTF-8 (byte 0xe9 at offset 14) nor Windows-1252 text"
    assert junk.line == 2
    assert str(junk) == f"{tmp_path / 'junk.txt'}:2: {junk.reason}"


def test_latin1_and_cp1252_text_is_decoded(tmp_path):
    (latin,) = _read(tmp_path, "latin.txt", "first line\ncaf\xe9 au lait".encode("latin-1"))
    (quotes,) = _read(tmp_path, "cp.txt", "\u201cYes\u201d \u2013 \u20ac5".encode("cp1252"))
    assert isinstance(latin, Article) and latin.text == "first line\ncaf\xe9 au lait"
    assert quotes.text == "\u201cYes\u201d \u2013 \u20ac5"


def test_folder_is_read_in_order_and_same_text_gets_same_id(tmp_path):
    (tmp_path / "b.txt").write_text("Same story.")
    (tmp_path / "a.txt").write_text("Same story.")
    (tmp_path / "notes.csv").write_text("ignored")
    first, second = read_articles([tmp_path])
    assert first.source.endswith("a.txt") and second.source.endswith("b.txt")
    assert first.id == second.id
