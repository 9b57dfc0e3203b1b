"""End to end: does `marsad ingest` in another order give the same store?

Fusion alone is order independent (benchmarks/fusion_order.py). A whole
ingest adds one more choice: of exact or near copies, which is the head, whose
events are fused (the others' are kept unfused). The store chooses it by a
rule (earliest published day, then smallest id: marsad.store.copies), so the
two stores should agree; this script measures whether they do.

    .venv/bin/python benchmarks/store_order.py shuffle --seed 1 --out /tmp/shuffled.jsonl [CORPUS_DIR]
    .venv/bin/marsad ingest ../shared/data/news --db /tmp/forward.db
    .venv/bin/marsad ingest /tmp/shuffled.jsonl --db /tmp/shuffled.db
    .venv/bin/python benchmarks/store_order.py compare /tmp/forward.db /tmp/shuffled.db

`shuffle` writes the corpus records (the zips' JSON arrays, fields as they
are) in a seeded random order as JSON Lines, so that both ingests read the
same records and give them the same document ids (their URLs). The output is
the licensed text: keep it outside the project. `compare` prints how many
documents changed role (head or copy), and how the fused events differ:
events with the same id and the same reports, reports fused in only one
store, and reports fused in both but grouped differently.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import zipfile
from pathlib import Path

from marsad.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


def shuffle(corpus: Path, seed: int, out: Path) -> None:
    records = []
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".json"):
                    records.extend(json.loads(z.read(name)))
    if not records:
        sys.exit(f"error: {corpus}: no records in *.zip")
    random.Random(seed).shuffle(records)
    with out.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(records)} records in seeded order {seed} -> {out}")


def _state(db: Path) -> tuple[dict[str, str | None], dict[str, str]]:
    """(document id -> the head it copies or None, report id -> event id)."""
    with Store.open(db, create=False) as store:
        conn = store._conn
        docs = dict(conn.execute("SELECT doc_id, near_duplicate_of FROM documents"))
        docs.update(conn.execute("SELECT doc_id, duplicate_of FROM duplicates"))
        members = dict(conn.execute("SELECT report_id, event_id FROM fusion_reports WHERE event_id IS NOT NULL"))
    return docs, members


def compare(a: Path, b: Path) -> None:
    docs_a, mem_a = _state(a)
    docs_b, mem_b = _state(b)
    both_docs = docs_a.keys() & docs_b.keys()
    role = sum(1 for d in both_docs if (docs_a[d] is None) != (docs_b[d] is None))
    print(f"documents: {len(docs_a)} / {len(docs_b)}, in both {len(both_docs)}, "
          f"head in one and copy in the other {role}")

    def events(mem: dict[str, str]) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for rid, eid in mem.items():
            out.setdefault(eid, set()).add(rid)
        return {e: frozenset(m) for e, m in out.items()}

    ev_a, ev_b = events(mem_a), events(mem_b)
    same = sum(1 for e, m in ev_a.items() if ev_b.get(e) == m)
    print(f"fused events: {len(ev_a)} / {len(ev_b)}, same id and same reports {same}")
    only = (mem_a.keys() ^ mem_b.keys())
    print(f"reports fused: {len(mem_a)} / {len(mem_b)}, fused in only one store {len(only)}")
    shared = mem_a.keys() & mem_b.keys()
    moved = sum(1 for r in shared if (ev_a[mem_a[r]] & shared) != (ev_b[mem_b[r]] & shared))
    print(f"reports fused in both, grouped with other shared reports differently: {moved} of {len(shared)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("shuffle", help="write the corpus records in a seeded random order")
    s.add_argument("corpus", type=Path, nargs="?", default=SHARED / "data" / "news")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--out", type=Path, required=True)
    c = sub.add_parser("compare", help="compare two stores of the same inputs")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args()
    if args.cmd == "shuffle":
        shuffle(args.corpus, args.seed, args.out)
    else:
        for db in (args.a, args.b):
            if not db.exists():
                sys.exit(f"error: {db}: no such store")
        compare(args.a, args.b)


if __name__ == "__main__":
    main()
