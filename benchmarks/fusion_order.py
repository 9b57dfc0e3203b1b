"""Does the order of ingestion change the fused events? Measured on a real store.

Reads the fused reports of a store (`marsad ingest` output, e.g. the whole news
corpus), fuses them again in memory in their stored order and in shuffled
orders, each with a settle at the end as every ingest does, and prints for
each order the time, the links and events found, and how many reports land in
a different group than in the stored order.

    .venv/bin/python benchmarks/fusion_order.py --db /tmp/corpus.db [--shuffles 1 2]
    .venv/bin/python benchmarks/fusion_order.py --db /tmp/corpus.db --rebuild-limit 1000000

`--rebuild-limit` changes the size above which components are rebuilt only
locally while adding (default: the shipped FusionConfig); a huge value rebuilds
every component whole on every report, the slow reference.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from marsad.fusion import Fuser, FusionConfig
from marsad.fusion.reports import report_from_dict
from marsad.store import Store


def fuse_in(order: list[dict[str, Any]], cfg: FusionConfig) -> tuple[Fuser, float, float, int]:
    fuser = Fuser(cfg, clock=lambda: "")
    t0 = time.perf_counter()
    for d in order:
        fuser.add(report_from_dict(d, d["report_id"]))
    t1 = time.perf_counter()
    settled = fuser.settle()
    return fuser, t1 - t0, time.perf_counter() - t1, settled


def groups(fuser: Fuser) -> dict[str, tuple[str, ...]]:
    return {r: tuple(sorted(ms)) for ms in fuser.clusters().values() for r in ms}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True, help="a store written by marsad ingest")
    ap.add_argument("--shuffles", type=int, nargs="*", default=[1, 2], help="seeds of the shuffled orders")
    ap.add_argument("--rebuild-limit", type=int, default=FusionConfig().rebuild_limit)
    args = ap.parse_args()
    if not args.db.exists():
        sys.exit(f"error: {args.db}: no such store")
    with Store.open(args.db, create=False) as store:
        reports = store.fusion.reports()
    cfg = FusionConfig(rebuild_limit=args.rebuild_limit)
    base, add, settle, settled = fuse_in(reports, cfg)
    base_links = {(a, b) for a, b, _ in base.links()}
    base_groups = groups(base)
    sizes = Counter(base._find(n) for n in range(len(base.reports)))
    print(f"{len(reports)} reports, largest link component {max(sizes.values())}, "
          f"{sum(s > cfg.rebuild_limit for s in sizes.values())} above rebuild_limit {cfg.rebuild_limit}")
    print(f"stored order : add {add:6.1f} s  settle {settle:5.2f} s ({settled} components)  "
          f"links {len(base_links)}  events {len(base.clusters())}")
    for seed in args.shuffles:
        order = list(reports)
        random.Random(seed).shuffle(order)
        fuser, add, settle, settled = fuse_in(order, cfg)
        links = {(a, b) for a, b, _ in fuser.links()}
        g = groups(fuser)
        moved = sum(1 for r, members in base_groups.items() if g[r] != members)
        print(f"shuffle {seed:>4} : add {add:6.1f} s  settle {settle:5.2f} s ({settled} components)  "
              f"links {len(links)} ({len(links - base_links)} new, {len(base_links - links)} missing)  "
              f"events {len(fuser.clusters())}  reports in another group {moved}", flush=True)


if __name__ == "__main__":
    main()
