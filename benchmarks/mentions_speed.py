"""Speed of `find_mentions` over SaudiNewsNet articles, one core.

Run: .venv/bin/python benchmarks/mentions_speed.py [N]   (default 3000 articles)
Prints articles/s (wall clock and per CPU second), characters/s and the count of mentions by kind. Reads the
corpus in place from ../shared (nothing is copied).
"""
from __future__ import annotations

import collections
import json
import sys
import time
import zipfile
from pathlib import Path

from marsad.kb import load
from marsad.mentions import find_mentions

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news"


def articles(n: int) -> list[str]:
    out: list[str] = []
    for path in sorted(NEWS.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            out += [a.get("content") or "" for a in json.load(z.open(z.namelist()[0]))]
        if len(out) >= n:
            break
    return out[:n]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    t0 = time.perf_counter()
    kb = load()
    t_load = time.perf_counter() - t0
    find_mentions("كابل", kb)  # build the trie outside the timed loop
    t_trie = time.perf_counter() - t0 - t_load
    texts = articles(n)
    kinds: collections.Counter[str] = collections.Counter()
    t, c = time.perf_counter(), time.process_time()
    for text in texts:
        for m in find_mentions(text, kb):
            kinds[m.kind] += 1
    dt, cpu = time.perf_counter() - t, time.process_time() - c
    chars = sum(len(x) for x in texts)
    print(f"kb load {t_load:.2f} s, trie build {t_trie:.2f} s")
    print(f"{len(texts)} articles, {chars} chars in {dt:.2f} s: "
          f"{len(texts) / dt:.0f} articles/s wall, {chars / dt / 1e6:.2f} M chars/s")
    print(f"CPU time {cpu:.2f} s: {len(texts) / cpu:.0f} articles/s per core "
          "(the figure that holds when the machine is shared)")
    print("mentions:", dict(kinds))


if __name__ == "__main__":
    main()
