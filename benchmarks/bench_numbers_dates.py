"""Speed of find_numbers / find_dates on SaudiNewsNet articles (prints numbers).

Usage: .venv/bin/python benchmarks/bench_numbers_dates.py [N_ARTICLES]
Each function is timed alone on fresh text, so each pays for normalising it.
CPU time is the number to compare; wall time depends on what else runs.
Reads ../shared/data/news in place; nothing is copied.
"""
from __future__ import annotations

import json
import sys
import time
import zipfile
from pathlib import Path

from marsad.arabic.dates import find_dates
from marsad.arabic.numbers import find_numbers

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news"


def articles(limit: int):
    n = 0
    for z in sorted(NEWS.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for a in json.loads(zf.read(name)):
                    yield a["content"] or "", a["date_extracted"][:10]
                    n += 1
                    if n >= limit:
                        return


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    docs = list(articles(limit))
    chars = sum(len(t) for t, _ in docs)
    find_numbers("٣"), find_dates("أمس", "2015-07-21")  # load word lists first
    for name, fn in (("find_numbers", lambda t, p: find_numbers(t)), ("find_dates", find_dates)):
        t0, c0 = time.perf_counter(), time.process_time()
        found = sum(len(fn(t, p)) for t, p in docs)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"{name}: {len(docs)} articles, {chars / 1e6:.2f} M chars, {found} mentions; "
              f"CPU {cpu:.2f} s = {found / cpu:.0f} mentions/s, {len(docs) / cpu:.0f} articles/s, "
              f"{chars / cpu / 1e6:.2f} M chars/s (wall {wall:.2f} s, machine shared)")


if __name__ == "__main__":
    main()
