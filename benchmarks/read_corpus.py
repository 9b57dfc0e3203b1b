"""Throughput of reading + cleaning the SaudiNewsNet corpus (one process, one core).

Usage: .venv/bin/python benchmarks/read_corpus.py [ZIP_OR_DIR ...]
(default: ../shared/data/news). Prints documents, errors, wall and CPU seconds
with docs/s for each (CPU time is the fairer number on a shared machine), and
the peak resident memory.
"""
from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from pathlib import Path

from marsad.model import InputError
from marsad.sources import read_paths

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    paths = argv or [str(ROOT.parent / "shared" / "data" / "news")]
    docs = errors = 0
    reasons: Counter[str] = Counter()
    removed: Counter[str] = Counter()
    start = time.perf_counter()
    cpu_start = time.process_time()
    for item in read_paths(paths):
        if isinstance(item, InputError):
            errors += 1
            reasons[item.reason] += 1
        else:
            docs += 1
            removed.update(b.kind for b in item.removed)
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {docs}  errors: {errors}  wall: {seconds:.1f} s ({docs / seconds:.0f} docs/s)  "
          f"cpu: {cpu:.1f} s ({docs / cpu:.0f} docs/s per core)  peak RSS: {peak_mb:.0f} MB")
    for reason, n in reasons.most_common(5):
        print(f"  error x{n}: {reason}")
    print("  removed blocks by kind:", dict(removed.most_common()))


if __name__ == "__main__":
    main(sys.argv[1:])
