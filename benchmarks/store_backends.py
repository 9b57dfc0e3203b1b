"""The news corpus into an SQLite and a PostgreSQL store at once: the same
analysed documents are added to both, so any difference in what they hold is
the backends', not the extractor's. Prints the time each backend spent
storing and fusing, the time to restore the fuser from each (a new writer's
first write), and then compares documents, copies, fused events (ids,
members, every derived field and figure), links and search results.

    .venv/bin/python benchmarks/store_backends.py --sqlite /tmp/a.db \\
        --postgres postgresql://marsad:marsad@localhost/marsad_bench [--limit N]

Both stores must be new (or hold an earlier run of the same input, which
then only costs lookups). Results go into docs/postgres.md.
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

from marsad.model import InputError
from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
QUERIES = ("كابل", "القاعدة", "داعش", "الحوثي", "صنعاء", "انفجار", "قتلى", "غارة جوية", "عاصفة الحزم", "طالبان")


def snapshot(store: Store) -> dict[str, list]:
    """Everything a user of the store sees, in a backend-neutral order
    (`updated_at` left out: the clock, not the data)."""
    q = store._conn.execute
    cols = [c for c in store._conn.columns("fused_events") if c != "updated_at"]
    return {
        "documents": q("SELECT doc_id, content_hash, near_duplicate_of FROM documents ORDER BY doc_id").fetchall(),
        "duplicates": q("SELECT doc_id, duplicate_of FROM duplicates ORDER BY doc_id").fetchall(),
        "events": q("SELECT doc_id, event_index, event_type, fatalities FROM events ORDER BY doc_id, event_index").fetchall(),
        "members": q("SELECT report_id, event_id, not_fused FROM fusion_reports ORDER BY report_id").fetchall(),
        "fused_events": q(f"SELECT {', '.join(cols)} FROM fused_events ORDER BY event_id").fetchall(),
        "links": q("SELECT a, b, score FROM fusion_links ORDER BY a, b").fetchall(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sqlite", required=True, help="SQLite store file")
    ap.add_argument("--postgres", required=True, help="postgresql:// URL of the PostgreSQL store")
    ap.add_argument("--corpus", type=Path, default=SHARED / "data" / "news")
    ap.add_argument("--limit", type=int, help="only the first N documents")
    args = ap.parse_args()
    zips = sorted(args.corpus.glob("*.zip"))
    if not zips:
        sys.exit(f"error: {args.corpus}: no corpus zips")
    clocks = {"analysis": 0.0, "sqlite": 0.0, "postgres": 0.0}
    n = failed = 0
    start = time.perf_counter()
    with Store.open(args.sqlite) as lite, Store.open(args.postgres) as pg:
        stores = {"sqlite": lite, "postgres": pg}
        for item in itertools.islice(read_paths(zips), args.limit):
            if isinstance(item, InputError):
                failed += 1
                continue
            n += 1
            if not (lite.has(item.doc_id) and pg.has(item.doc_id)):
                t = time.perf_counter()
                doc = analyse(item)
                clocks["analysis"] += time.perf_counter() - t
                for name, store in stores.items():
                    t = time.perf_counter()
                    store.add(doc)
                    clocks[name] += time.perf_counter() - t
            if n % 5000 == 0:
                print(f"{n:>6} docs  " + "  ".join(f"{k} {v:7.1f} s" for k, v in clocks.items())
                      + f"  wall {time.perf_counter() - start:7.1f} s", flush=True)
    print(f"{n} documents ({failed} unreadable inputs); wall {time.perf_counter() - start:.1f} s")
    for name, secs in clocks.items():
        print(f"  {name:<9} {secs:8.1f} s  ({secs / max(n, 1) * 1000:.2f} ms/doc)")

    snaps = {}
    for name, db in (("sqlite", args.sqlite), ("postgres", args.postgres)):
        with Store.open(db) as store:
            t = time.perf_counter()
            store.fusion._fuser = None
            store.fusion._synced()
            restore = time.perf_counter() - t
            print(f"{name}: {store.counts()} {store.fusion.counts()}  fuser restored in {restore:.1f} s")
            snaps[name] = snapshot(store)
            snaps[name]["search"] = [(q, sorted(store.search_ids(q))) for q in QUERIES]
    a, b = snaps["sqlite"], snaps["postgres"]
    for key in a:
        if key == "search":
            continue
        diff = len(set(a[key]) ^ set(b[key]))
        print(f"{key:<13} sqlite {len(a[key]):>7}  postgres {len(b[key]):>7}  "
              f"{'identical' if a[key] == b[key] else f'DIFFERENT ({diff} rows differ)'}")
    for (q, lite_ids), (_, pg_ids) in zip(a["search"], b["search"]):
        both = len(set(lite_ids) & set(pg_ids))
        print(f"search {q}: sqlite {len(lite_ids)}, postgres {len(pg_ids)}, both {both}")


if __name__ == "__main__":
    main()
