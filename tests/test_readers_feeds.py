"""RSS/Atom feeds and WARC archives read into articles, skips and rejects (no NLP here)."""

from __future__ import annotations

import gzip
import io
import sys

from warcio.archiveiterator import ArchiveIterator

from kgraph.models import Article, Reject, Skip
from kgraph.readers import ReadOptions, iter_files, read_articles
from kgraph.readers.warc import read_warc
from tests.feeds import (
    SITE,
    Response,
    atom,
    atom_entry,
    news_warc,
    page,
    rss,
    rss_item,
    stories,
    write_warc,
)


def _read(path, **options):
    return list(read_articles([path], ReadOptions(**options)))


def _words(text: str) -> str:
    return " ".join(text.split())


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_rss_items_with_full_content_become_whole_articles(tmp_path):
    items = stories()
    articles = _read(_write(tmp_path / "news.rss", rss([rss_item(s) for s in items])))
    assert [a.id for a in articles] == [f"urn:example:{s.slug}" for s in items]
    for article, story in zip(articles, items):
        assert isinstance(article, Article)
        assert (article.title, article.url) == (story.title, story.url)
        assert article.published == f"{story.day}T08:00:00Z"
        assert article.source == "Example News"
        assert article.text_kind is None
        assert _words(article.text) == _words(" ".join(story.paragraphs))
        assert article.text.count("\n") == len(story.paragraphs) - 1  # a line per paragraph


def test_rss_items_with_only_a_summary_are_marked_as_summaries(tmp_path):
    items = stories()
    feed = rss([rss_item(s, full=False, guid=False) for s in items])
    articles = _read(_write(tmp_path / "summaries.xml", feed))
    assert [a.text for a in articles] == [s.summary for s in items]  # HTML tags gone
    assert {a.text_kind for a in articles} == {"summary"}
    assert [a.id for a in articles] == [s.url for s in items]  # no guid: the link


def test_atom_entries_full_content_and_summary(tmp_path):
    full, short = stories()[:2], stories()[2:]
    feed = atom([atom_entry(s) for s in full] + [atom_entry(s, full=False) for s in short])
    articles = _read(_write(tmp_path / "news.atom", feed))
    assert [a.text_kind for a in articles] == [None, None, "summary", "summary"]
    assert [a.id for a in articles] == [f"tag:news.example,2024:{s.slug}" for s in full + short]
    assert [a.url for a in articles] == [s.url for s in full + short]
    assert _words(articles[0].text) == _words(" ".join(full[0].paragraphs))
    assert articles[3].text == short[1].summary
    assert articles[3].published == f"{short[1].day}T08:00:00Z"


def test_a_malformed_item_is_rejected_with_its_number_and_line_and_the_rest_lands(tmp_path):
    items = stories()
    broken = rss_item(items[1]).replace("</title>", "</titel>", 1)
    feed = rss([rss_item(items[0]), broken, rss_item(items[2]), rss_item(items[3])])
    path = _write(tmp_path / "news.rss", feed)
    results = _read(path)
    (reject,) = [r for r in results if isinstance(r, Reject)]
    line = feed.decode().splitlines().index("<item>", 10) + 1  # the second <item> tag
    assert str(reject).startswith(f"{path}:{line}: item 2: malformed XML (")
    assert "titel" in reject.reason
    landed = [r for r in results if isinstance(r, Article)]
    assert [a.title for a in landed] == [items[0].title, items[2].title, items[3].title]


def test_two_malformed_atom_entries_on_one_line_are_both_found(tmp_path):
    items = stories()
    entries = [atom_entry(s).replace("\n", "") for s in items]
    entries[0] = entries[0].replace("<title>", "<title><b>", 1)
    entries[2] = entries[2].replace("</id>", "", 1)
    path = _write(tmp_path / "news.atom", atom(entries))
    results = _read(path)
    rejects = [r for r in results if isinstance(r, Reject)]
    assert [r.reason.split(":")[0] for r in rejects] == ["item 1", "item 3"]
    assert [a.title for a in results if isinstance(a, Article)] == [items[1].title, items[3].title]


def test_html_entities_are_not_malformed_xml(tmp_path):
    item = rss_item(stories()[0], full=False).replace("<title>", "<title>&pound;69bn: ", 1)
    (article,) = _read(_write(tmp_path / "news.rss", rss([item])))
    assert article.title.startswith("£69bn: ")


def test_an_item_with_no_text_is_skipped(tmp_path):
    story = stories()[0]
    empty = f"<item><title>{story.title}</title><link>{story.url}</link></item>"
    path = _write(tmp_path / "news.rss", rss([empty, rss_item(stories()[1])]))
    skip, article = _read(path)
    assert isinstance(skip, Skip)
    assert str(skip) == f"{path}:7: item 1: no content or summary"
    assert article.title == stories()[1].title


def test_files_that_are_no_feed(tmp_path):
    (tmp_path / "sitemap.xml").write_bytes(b'<?xml version="1.0"?><urlset><url/></urlset>')
    feed = _write(tmp_path / "news.xml.gz", gzip.compress(rss([rss_item(stories()[0])])))
    assert list(iter_files([tmp_path])) == [feed]  # the sitemap is not read from a folder
    (reject,) = _read(tmp_path / "sitemap.xml")
    assert reject.reason == "not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed> root)"
    (article,) = _read(feed)
    assert article.title == stories()[0].title


def test_feed_on_standard_input_plain_or_gzipped(monkeypatch):
    for data in (atom([atom_entry(stories()[0])]), gzip.compress(rss([rss_item(stories()[0])]))):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        (article,) = _read("-", input_format="rss")
        assert article.title == stories()[0].title


def test_warc_pages_become_articles_and_the_rest_is_skipped(tmp_path):
    path = news_warc(tmp_path / "crawl.warc.gz")
    results = _read(path)
    articles = [r for r in results if isinstance(r, Article)]
    items = stories()
    assert [a.url for a in articles] == [s.url for s in items]
    assert [a.id for a in articles] == [s.url for s in items]
    assert [a.title for a in articles] == [s.title for s in items]  # the site name left out
    assert [a.published for a in articles[:-1]] == [s.day for s in items[:-1]]
    assert articles[-1].published.endswith("Z")  # no date in the page: the WARC-Date
    assert all(a.source == "Example News" for a in articles)
    for article, story in zip(articles, items):
        assert all(_words(p) in _words(article.text) for p in story.paragraphs)
        assert "Most read" not in article.text and "Copyright" not in article.text
    skips = [str(r) for r in results if not isinstance(r, Article)]
    assert skips == [
        f"{path}: record 11 ({SITE}/gone): HTTP status 404",
        f"{path}: record 13 ({SITE}/logo.png): not HTML (image/png)",
        f"{path}: record 15 ({SITE}/video): no article text found in the page",
    ]
    assert all(isinstance(r, Skip) for r in results if not isinstance(r, Article))


def test_uncompressed_warc_and_standard_input(tmp_path, monkeypatch):
    path = news_warc(tmp_path / "crawl.warc", gzip=False)
    assert len([a for a in _read(path) if isinstance(a, Article)]) == 4
    gz = news_warc(tmp_path / "crawl.warc.gz")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gz.read_bytes())))
    assert len([a for a in _read("-", input_format="warc") if isinstance(a, Article)]) == 4


def test_truncated_warc_keeps_the_records_before_and_rejects_the_rest(tmp_path):
    for name, compressed in (("cut.warc.gz", True), ("cut.warc", False)):
        path = news_warc(tmp_path / name, gzip=compressed)
        with path.open("rb") as handle:  # cut the file in the middle of the third page
            records = ArchiveIterator(handle)
            pages = (r for r in records if r.rec_type == "response")
            next(pages), next(pages), next(pages)
            cut = records.get_record_offset() + records.get_record_length() // 2
        path.write_bytes(path.read_bytes()[:cut])
        results = _read(path)
        reject = results[-1]
        assert isinstance(reject, Reject) and not isinstance(reject, Skip)
        assert "archive truncated" in reject.reason
        assert reject.reason.endswith("the records before it were read")
        articles = [r for r in results if isinstance(r, Article)]
        assert articles and all(a.text.strip() for a in articles)
        assert [a.url for a in articles] == [s.url for s in stories()[:2]]


def test_not_a_warc_is_rejected(tmp_path):
    (reject,) = _read(_write(tmp_path / "notes.warc", b"Just some notes, not an archive.\n"))
    assert reject.reason == "record 1: not a WARC record (ARC, expected WARC)"


class _Counting(io.BytesIO):
    """A stream that remembers how far it has been read."""

    high = 0

    def read(self, size=-1):
        data = super().read(size)
        self.high = max(self.high, self.tell())
        return data


def test_warc_records_are_streamed_one_at_a_time(tmp_path):
    pages = [Response(f"{SITE}/p{n}", page(stories()[n % 4])) for n in range(100)]
    data = write_warc(tmp_path / "big.warc.gz", pages).read_bytes()
    buffer = _Counting(data)
    articles = read_warc(buffer, source="big", name=None, options=ReadOptions())
    first = next(articles)
    assert first.url == f"{SITE}/p0"
    assert buffer.high < len(data) / 4  # the first page came before most of the archive was read
    assert len([first, *articles]) == 100


def test_an_archive_cut_anywhere_keeps_only_whole_pages_and_rejects_the_rest(tmp_path):
    for name, compressed in (("cut.warc.gz", True), ("cut.warc", False)):
        path = news_warc(tmp_path / name, gzip=compressed)
        whole = path.read_bytes()
        full = [a for a in _read(path) if isinstance(a, Article)]
        with path.open("rb") as handle:
            records = ArchiveIterator(handle)
            ends = [records.get_record_offset() + records.get_record_length() for _ in records]
        for cut in range(1, len(whole), 53):
            path.write_bytes(whole[:cut])
            results = _read(path)
            articles = [r for r in results if isinstance(r, Article)]
            assert articles == full[: len(articles)], (name, cut)
            rejects = [r for r in results if type(r) is Reject]
            # A cut between records loses nothing (nor one in the last bytes of a record's
            # gzip member, the closing blank lines and gzip trailer: its content is whole).
            slack = 16 if compressed else 0
            between = any(end - slack <= cut <= end + 4 for end in ends)
            assert len(rejects) == 1 or (between and not rejects), (name, cut, rejects)
            assert not rejects or results[-1] is rejects[0]


def test_a_truncated_feed_keeps_the_items_before_the_cut(tmp_path):
    feed = rss([rss_item(s) for s in stories()])
    cut = feed.index(b"<item>", feed.index(b"<item>") + 1) + 40  # inside the second item
    first, reject = _read(_write(tmp_path / "cut.rss", feed[:cut]))
    assert first.title == stories()[0].title
    assert reject.reason.startswith("item 2: malformed XML (")
    head = feed[: feed.index(b"<description>")]  # no item at all
    (reject,) = _read(_write(tmp_path / "head.rss", head))
    assert reject.reason.startswith("malformed XML (") and reject.line


def test_rss_1_0_rdf_items(tmp_path):
    story = stories()[3]
    feed = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{SITE}/"><title>Example News</title><link>{SITE}/</link></channel>
<item rdf:about="{story.url}">
  <title>{story.title}</title><link>{story.url}</link>
  <description>{story.summary}</description><dc:date>{story.day}T08:00:00Z</dc:date>
</item>
</rdf:RDF>
"""
    (article,) = _read(_write(tmp_path / "news.rdf.xml", feed.encode()))
    assert (article.title, article.url, article.text) == (story.title, story.url, story.summary)
    assert (article.published, article.text_kind) == (f"{story.day}T08:00:00Z", "summary")
