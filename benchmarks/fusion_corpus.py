"""Fusion on the news corpus: ingest it (extraction + store + fusion) and
print how many raw events fuse into how many incidents and what fusion costs.

    .venv/bin/python benchmarks/fusion_corpus.py --db /tmp/corpus.db [--limit N]
    .venv/bin/python benchmarks/fusion_corpus.py --db /tmp/corpus.db --sample 50 --seed 1 > sample.jsonl

The first form ingests into a fresh database, timing fusion apart from
extraction and storing (fusion runs inside `Store.add`; its share is the time
spent in `StoreFusion.add_document`), and prints a line at 1,000 and 10,000
documents and at the end; then the time to restore the fuser from the tables,
as a new process does on its first write. The second form reads an existing
database and writes a seeded random sample of merges (events with reports
from two or more documents) with every report's outlet, date, fields and
evidence, for judging by hand (docs/evaluation.md).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from marsad.model import InputError
from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.store import Store, ingest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
CHECKPOINTS = (1_000, 10_000)


def timed(fn: Callable, clock: list[float]) -> Callable:
    def run(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            clock[0] += time.perf_counter() - t
    return run


def status(store: Store, n: int, wall: float, fusing: float, analysing: float) -> str:
    c, f = store.counts(), store.fusion.counts()
    return (f"{n:>6} docs  {c['events']:>6} raw events ({f['fused_reports']} fused, {f['unfused_reports']} of near "
            f"copies)  -> {f['fused_events']:>6} incidents, {f['multi_document_events']} from 2+ documents  | "
            f"fusion {fusing:7.1f} s ({fusing / max(n, 1) * 1000:.1f} ms/doc, "
            f"{fusing / max(f['fused_reports'], 1) * 1000:.1f} ms/report)  extraction {analysing:7.1f} s  "
            f"wall {wall:7.1f} s")


def run_ingest(args: argparse.Namespace) -> None:
    zips = sorted(args.corpus.glob("*.zip"))
    if not zips:
        sys.exit(f"error: {args.corpus}: no *.zip files (set MARSAD_SHARED or --corpus)")
    if args.db.exists():
        sys.exit(f"error: {args.db}: exists; the benchmark needs a fresh database")
    items = iter(read_paths(zips))
    if args.limit:
        items = itertools.islice(items, args.limit)
    fusing, analysing = [0.0], [0.0]
    tally: Counter[str] = Counter()
    start = time.perf_counter()
    with Store.open(args.db) as store:
        store.fusion.add_document = timed(store.fusion.add_document, fusing)
        store.fusion.settle = timed(store.fusion.settle, fusing)  # the large components, once at the end
        for n, (_, outcome) in enumerate(ingest(store, items, timed(analyse, analysing)), 1):
            tally["failed" if isinstance(outcome, InputError) else outcome.status] += 1
            if n in CHECKPOINTS:
                print(status(store, n, time.perf_counter() - start, fusing[0], analysing[0]), flush=True)
        print(status(store, sum(tally.values()), time.perf_counter() - start, fusing[0], analysing[0]))
        print(f"inputs: {dict(sorted(tally.items()))}")
    with Store.open(args.db) as store:
        t = time.perf_counter()
        store.fusion._synced()
        print(f"restoring the fuser from the tables (a new process's first write): {time.perf_counter() - t:.1f} s")


def run_sample(args: argparse.Namespace) -> None:
    with Store.open(args.db, create=False) as store:
        multi = [r["event_id"] for r in store.fusion.rows() if r["documents"] > 1]
        picked = sorted(random.Random(args.seed).sample(multi, min(args.sample, len(multi))))
        print(f"{len(multi)} events from 2+ documents; sampled {len(picked)} (seed {args.seed})", file=sys.stderr)
        for eid in picked:
            ev = store.fusion.event(eid)
            print(json.dumps({
                "event_id": eid, "outlets": ev.outlets,
                "fused": {k: ev.fields.get(k) for k in ("event_type", "sub_event_type", "event_date", "location",
                                                       "country_code", "actor1", "actor2")},
                "reports": [{"report_id": r.report_id, "outlet": r.outlet, "published": r.published,
                             **{k: r.get(k) for k in ("sub_event_type", "event_date", "location", "actor1",
                                                      "actor2", "fatalities", "injuries")},
                             "evidence": [e.get("text") for e in r.evidence]} for r in ev.reports],
                "links": [e["reason"] for e in store.fusion.log(eid) if e["kind"] in ("join", "merge")],
            }, ensure_ascii=False))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="database file (fresh for ingesting)")
    ap.add_argument("--corpus", type=Path, default=SHARED / "data" / "news", help="folder of *.zip")
    ap.add_argument("--limit", type=int, default=None, help="stop after N inputs")
    ap.add_argument("--sample", type=int, default=0, help="write N sampled merges of an existing --db")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the sample")
    args = ap.parse_args()
    if args.sample:
        run_sample(args)
    else:
        run_ingest(args)


if __name__ == "__main__":
    main()
