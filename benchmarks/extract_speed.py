"""Extraction speed: mentions + numbers + dates + events per article, one core.

Reads the first N articles of the SaudiNewsNet corpus (../shared/data/news),
warms the knowledge base and rule tables up on one article, then times
the stages of `marsad.pipeline.analyse` (mentions, numbers, dates, events; no
reading, no cleaning, no output) and prints articles per second, the time per
stage and the process's peak memory. Speeds are given in CPU time of this
process (`time.process_time`, what to compare across runs on a shared,
loaded machine) and in wall time.

    .venv/bin/python benchmarks/extract_speed.py --limit 1000
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import zipfile
from pathlib import Path

from marsad.arabic.dates import find_dates
from marsad.arabic.numbers import find_numbers
from marsad.events import extract_events
from marsad.events.assemble import published_date
from marsad.mentions import find_mentions
from marsad.model import Document
from marsad.pipeline import analyse

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news"


def articles(news_dir: Path, limit: int) -> list[Document]:
    out: list[Document] = []
    for path in sorted(news_dir.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for a in json.loads(zf.read(name)):
                    out.append(Document(doc_id=a.get("url") or str(len(out)), source=str(path),
                                        text=a.get("content") or "", title=a.get("title"),
                                        published=(a.get("date_extracted") or "")[:10] or None))
                    if len(out) >= limit:
                        return out
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="number of corpus articles (default 1000)")
    parser.add_argument("--news", type=Path, default=NEWS, help="folder of the corpus zips")
    args = parser.parse_args()
    if not args.news.is_dir():
        print(f"error: {args.news}: corpus folder not found", file=sys.stderr)
        return 2
    docs = articles(args.news, args.limit)
    if not docs:
        print(f"error: {args.news}: no articles read", file=sys.stderr)
        return 2
    analyse(docs[0])  # loads the knowledge base and compiles the rule tables
    chars = sum(len(d.text) for d in docs)
    stages = {"mentions": 0.0, "numbers": 0.0, "dates": 0.0, "events": 0.0}
    events = 0
    clock = time.process_time
    wall = time.perf_counter()
    for d in docs:
        t0 = clock()
        found = find_mentions(d.text)
        t1 = clock()
        found += find_numbers(d.text)
        t2 = clock()
        found += find_dates(d.text, published_date(d))
        t3 = clock()
        d.mentions = found
        events += len(extract_events(d))
        t4 = clock()
        for name, dt in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            stages[name] += dt
    wall = time.perf_counter() - wall
    cpu = sum(stages.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(docs)}  characters: {chars}  events: {events}")
    print(f"CPU time: {cpu:.2f} s  speed: {len(docs) / cpu:.1f} articles/s per core  "
          f"({chars / cpu / 1000:.0f} k chars/s)")
    print(f"wall time: {wall:.2f} s  speed: {len(docs) / wall:.1f} articles/s (depends on machine load)")
    print("per stage (CPU): " + ", ".join(f"{k} {v / len(docs) * 1000:.2f} ms/article" for k, v in stages.items()))
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
