"""Long and pathological input: split at sentence ends, bounded memory (issue 11)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kgraph.models import Article
from kgraph.readers import MAX_ARTICLE_CHARS, split_article
from tests.conftest import EXAMPLES, ROOT

SENTENCE = "Microsoft said on Sunday that it would continue talks to buy TikTok from ByteDance. "


def _one_line_article(chars: int) -> str:
    """The example articles' sentences, on one line, repeated to ``chars`` characters."""
    words = " ".join(" ".join(p.read_text().split()) for p in sorted(EXAMPLES.glob("*.txt")))
    return ((words + " ") * (chars // len(words) + 1))[:chars]


def test_a_million_characters_on_one_line_split_at_sentence_ends():
    text = SENTENCE * (1_000_001 // len(SENTENCE) + 1)
    parts = list(split_article(Article(text=text, id="big"), MAX_ARTICLE_CHARS))
    assert "".join(p.text for p in parts) == text
    assert all(len(p.text) <= MAX_ARTICLE_CHARS for p in parts)
    assert all(p.text.endswith("ByteDance. ") for p in parts)
    assert all(p.text.startswith("Microsoft said") for p in parts)


def test_a_sentence_longer_than_the_limit_is_cut_at_a_space():
    text = "word " * 30_000
    parts = list(split_article(Article(text=text), 50_000))
    assert "".join(p.text for p in parts) == text
    assert all(len(p.text) <= 50_000 and p.text.endswith(" ") for p in parts)


def test_real_sentences_cut_only_where_a_sentence_ends():
    text = _one_line_article(200_000)
    parts = list(split_article(Article(text=text), 30_000))
    assert len(parts) > 6
    for part in parts[:-1]:
        assert re.search(r"[.!?][\"”’')\]]*\s+$", part.text), part.text[-80:]


@pytest.mark.slow
def test_peak_memory_of_a_long_one_line_article_stays_under_500_mb(tmp_path):
    """A 160 kB article on one line (the full 250 kB and 1.5 MB cases: bench/bench_long.py)."""
    path = tmp_path / "long.txt"
    text = _one_line_article(160_000)
    path.write_text(text)
    parts = len(list(split_article(Article(text=text), MAX_ARTICLE_CHARS)))
    script = (
        "import re, sys\n"
        "from kgraph.cli import cli\n"
        "try:\n"
        "    cli(['ingest', sys.argv[1], '--graph', sys.argv[2], '--workers', '1', '--quiet'])\n"
        "finally:\n"
        "    status = open('/proc/self/status').read()\n"
        "    print('peak', re.search(r'VmHWM:\\s*(\\d+)', status)[1], file=sys.stderr)\n"
    )
    command = [sys.executable, "-c", script, str(path), str(tmp_path / "g.json")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert parts > 1 and done.stdout.startswith(f"{parts} articles ingested")
    peak_mb = int(re.search(r"peak (\d+)", done.stderr)[1]) / 1024
    assert peak_mb < 500, f"peak {peak_mb:.0f} MB"
