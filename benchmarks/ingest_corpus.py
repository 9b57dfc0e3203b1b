"""Ingest the news corpus into a fresh store and print throughput and memory.

    .venv/bin/python benchmarks/ingest_corpus.py [--limit N] [--db FILE] [--skip-analysis]

Runs on one core (pinned where the OS allows) in one process, the way
`marsad ingest` runs, and splits the wall time into reading (unzip, decode,
clean: `marsad.sources.read_paths`), analysis (`marsad.pipeline.analyse`) and
storing (the rest: de-duplication, search index, SQLite writes), in wall
and in CPU time.
`--skip-analysis` measures reading and storing alone, for a full-corpus run
when extraction is too slow to wait for.
"""
from __future__ import annotations

import argparse
import itertools
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from marsad.model import Document, InputError
from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.store import Store, ingest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


class Clock:
    """Wall and CPU seconds spent inside the wrapped iterator or function
    (CPU time is the steadier figure on a machine shared with other jobs)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.cpu = 0.0

    def _add(self, wall: float, cpu: float) -> None:
        self.seconds += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu

    def iterate(self, items: Iterator) -> Iterator:
        while True:
            t, c = time.perf_counter(), time.process_time()
            try:
                item = next(items)
            except StopIteration:
                self._add(t, c)
                return
            self._add(t, c)
            yield item

    def wrap(self, fn: Callable[[Document], Document]) -> Callable[[Document], Document]:
        def timed(doc: Document) -> Document:
            t, c = time.perf_counter(), time.process_time()
            try:
                return fn(doc)
            finally:
                self._add(t, c)
        return timed


def _no_analysis(doc: Document) -> Document:
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="stop after N inputs (quick runs)")
    ap.add_argument("--db", type=Path, default=None, help="database file (default: a fresh temporary one)")
    ap.add_argument("--skip-analysis", action="store_true", help="store documents without running analyse")
    ap.add_argument("--corpus", type=Path, default=SHARED / "data" / "news", help="folder of *.zip")
    args = ap.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    zips = sorted(args.corpus.glob("*.zip"))
    if not zips:
        sys.exit(f"error: {args.corpus}: no *.zip files (set MARSAD_SHARED or --corpus)")
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="marsad-bench-")
        args.db = Path(tmp.name) / "bench.db"
    elif args.db.exists():
        sys.exit(f"error: {args.db}: exists; the benchmark needs a fresh database")

    reading, analysing = Clock(), Clock()
    items = reading.iterate(iter(read_paths(zips)))
    if args.limit:
        items = itertools.islice(items, args.limit)
    tally: Counter[str] = Counter()
    start, start_cpu = time.perf_counter(), time.process_time()
    with Store.open(args.db) as store:
        for _, outcome in ingest(store, items, analysing.wrap(_no_analysis if args.skip_analysis else analyse)):
            tally["failed" if isinstance(outcome, InputError) else outcome.status] += 1
        counts = store.counts()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    db_bytes = sum(p.stat().st_size for p in args.db.parent.glob(args.db.name + "*"))
    n = sum(tally.values())
    storing = wall - reading.seconds - analysing.seconds
    storing_cpu = cpu - reading.cpu - analysing.cpu

    print(f"inputs          {n}  ({', '.join(f'{k} {v}' for k, v in sorted(tally.items()))})")
    print(f"stored          {counts['documents']} documents, {counts['events']} events")
    print(f"wall time       {wall:.1f} s  ->  {n / wall:.1f} documents/s")
    print(f"  reading       {reading.seconds:.1f} s   (read_paths: unzip, decode, clean)")
    print(f"  analysing     {analysing.seconds:.1f} s   ({'skipped' if args.skip_analysis else 'pipeline.analyse'})")
    print(f"  storing       {storing:.1f} s   (dedup, search index, SQLite)   {n / max(storing, 1e-9):.0f} docs/s")
    print(f"storing CPU     {storing_cpu:.1f} s  ->  {1000 * storing_cpu / max(n, 1):.2f} ms a document "
          f"(reading {reading.cpu:.1f} s, analysing {analysing.cpu:.1f} s CPU)")
    print(f"peak memory     {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (ru_maxrss)")
    print(f"database        {db_bytes / 2**20:.1f} MB  ({args.db})")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
