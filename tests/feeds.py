"""Feeds and web archives built from the example articles, for the reader and ingest tests.

Each example article becomes a news page (site chrome, metadata, the article's paragraphs
in ``<p>`` tags), an RSS 2.0 or Atom item (full content or summary), or a WARC response
record written with warcio.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from html import escape
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import EXAMPLES

SITE = "https://news.example"
VIDEO_PAGE = (
    b"<!DOCTYPE html><html><head><title>Watch: storm hits coast</title></head>"
    b'<body><video src="/media/storm.mp4" controls></video><script>play();</script></body></html>'
)


@dataclass(frozen=True)
class Story:
    """One example article: slug, headline, paragraphs, a date."""

    slug: str
    title: str
    paragraphs: tuple[str, ...]
    day: str

    @property
    def url(self) -> str:
        return f"{SITE}/{self.slug}"

    @property
    def summary(self) -> str:
        return self.paragraphs[0]

    def body_html(self) -> str:
        return "".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)


DAYS = ("2023-10-13", "2023-02-27", "2020-08-03", "2022-04-25")


def stories() -> list[Story]:
    """The example articles, headline first (the TikTok one has a caption, no headline)."""
    out = []
    for path, day in zip(sorted(EXAMPLES.glob("*.txt")), DAYS):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        out.append(Story(path.stem, blocks[0], tuple(blocks[1:]), day))
    return out


def page(story: Story, *, dated: bool = True) -> bytes:
    """A news page around the story: navigation, related links and a footer besides it."""
    date = f'<meta property="article:published_time" content="{story.day}T08:00:00Z">'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(story.title)} | Example News</title>
<meta property="og:site_name" content="Example News">
{date if dated else ""}
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/world">World</a></nav>
<article><h1>{escape(story.title)}</h1>
{story.body_html()}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Storm hits coast</a></li></ul></aside>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
""".encode()


def rss_item(story: Story, *, full: bool = True, guid: bool = True) -> str:
    content = f"<content:encoded><![CDATA[{story.body_html()}]]></content:encoded>" if full else ""
    return f"""<item>
  <title>{escape(story.title)}</title>
  <link>{story.url}</link>
  {f"<guid isPermaLink='false'>urn:example:{story.slug}</guid>" if guid else ""}
  <pubDate>{_rfc822(story.day)}</pubDate>
  <description>{escape(f"<p>{escape(story.summary)}</p>")}</description>
  {content}
</item>
"""


def rss(items: list[str]) -> bytes:
    """An RSS 2.0 feed of the given items."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Example News</title>
<link>{SITE}/</link>
<description>Top stories</description>
{"".join(items)}</channel>
</rss>
""".encode()


def atom_entry(story: Story, *, full: bool = True) -> str:
    content = f'<content type="html">{escape(story.body_html())}</content>' if full else ""
    return f"""<entry>
  <title>{escape(story.title)}</title>
  <link rel="alternate" href="{story.url}"/>
  <id>tag:news.example,2024:{story.slug}</id>
  <updated>{story.day}T08:00:00Z</updated>
  <summary>{escape(story.summary)}</summary>
  {content}
</entry>
"""


def atom(entries: list[str]) -> bytes:
    """An Atom 1.0 feed of the given entries."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Example News</title>
<id>tag:news.example,2024:feed</id>
<updated>2024-01-01T00:00:00Z</updated>
{"".join(entries)}</feed>
""".encode()


def _rfc822(day: str) -> str:
    when = datetime.fromisoformat(day).replace(hour=8, tzinfo=timezone.utc)
    return format_datetime(when)


@dataclass(frozen=True)
class Response:
    """One WARC response record: URL, HTTP status line, content type, payload."""

    url: str
    payload: bytes
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    with_request: bool = True


def write_warc(path: Path, responses: list[Response], *, gzip: bool = True) -> Path:
    """A WARC file (a warcinfo record, then a request and a response per page)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "kgraph tests"}))
        for response in responses:
            if response.with_request:
                request = StatusAndHeaders(
                    f"GET /{response.url.split('/', 3)[-1]} HTTP/1.1",
                    [("Host", "news.example")],
                    is_http_request=True,
                )
                writer.write_record(
                    writer.create_warc_record(response.url, "request", http_headers=request)
                )
            headers = StatusAndHeaders(
                response.status, [("Content-Type", response.content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                response.url,
                "response",
                payload=io.BytesIO(response.payload),
                http_headers=headers,
            )
            writer.write_record(record)
    return path


def news_warc(path: Path, *, gzip: bool = True) -> Path:
    """The example articles as pages (the last undated), then a 404, an image and a
    page with no article text (a video player)."""
    pages = stories()
    responses = [Response(s.url, page(s, dated=s is not pages[-1])) for s in pages]
    responses += [
        Response(f"{SITE}/gone", b"<html><body><h1>Not found</h1></body></html>", "404 Not Found"),
        Response(f"{SITE}/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"),
        Response(f"{SITE}/video", VIDEO_PAGE),
    ]
    return write_warc(path, responses, gzip=gzip)
