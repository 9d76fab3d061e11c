"""Long and pathological articles: time and peak memory of ``kgraph ingest`` on one line.

Not a test. Generates two inputs (the issue 11 cases) and ingests each in a fresh child
process with one worker, printing its wall time and peak resident set size:

- ``real-250k``: the example articles' sentences, on one line, repeated to 250,000 chars;
- ``repeated-1.5m``: one sentence repeated to 1,500,000 characters on one line.

Usage (from the repository root)::

    .venv/bin/python bench/bench_long.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "Microsoft said on Sunday that it would continue talks to buy TikTok from ByteDance. "
# The peak is the child's VmHWM: ru_maxrss would carry the parent's peak over the exec.
CHILD = r"""import re, sys
from kgraph.cli import cli
try:
    cli(['ingest', sys.argv[1], '--graph', sys.argv[2], '--workers', '1', '--quiet'])
finally:
    status = open('/proc/self/status').read()
    print('peak', re.search(r'VmHWM:\s*(\d+)', status)[1], file=sys.stderr)
"""


def inputs() -> dict[str, str]:
    examples = sorted((ROOT / "examples" / "articles").glob("*.txt"))
    words = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in examples)
    real = ((words + " ") * (250_000 // len(words) + 1))[:250_000]
    return {"real-250k": real, "repeated-1.5m": SENTENCE * (1_500_000 // len(SENTENCE))}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in inputs().items():
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            command = [sys.executable, "-c", CHILD, str(path), str(Path(tmp) / f"{name}.json")]
            started = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            seconds = time.perf_counter() - started
            peak = int(re.search(r"peak (\d+)", done.stderr)[1]) / 1024
            summary = done.stdout.strip().split(";")[0]
            print(f"{name}: {len(text):,} chars, {seconds:.1f} s, peak {peak:.0f} MB ({summary})")


if __name__ == "__main__":
    main()
