"""Extraction speed: the text layer, mentions, numbers, dates, events and statements per article, one core.

Reads the first N documents of the SaudiNewsNet corpus (../shared/data/news)
through `marsad.sources.read_paths` (cleaned, as `marsad ingest` reads them;
not timed), warms the knowledge base and rule tables up on one article, then
times the stages of `marsad.pipeline.analyse` (the text layer: normalised
text, tokens, sentences, date expressions; names; numbers; dates; events;
and statements: `marsad.said.said_in`; no reading, no cleaning, no
output) and prints articles per second for extraction (all but the
statements) and for the whole analysis, the time per stage and the
process's peak memory. In the same run, before and after the stages, it
times a bare pass over the same documents (read the document's JSON line,
normalise, tokenise, write it) and prints each speed as a multiple of their mean: the
ratio to compare across machines and loads.
Speeds are given in CPU time of this process (`time.process_time`, what to
compare across runs on a shared, loaded machine) and in wall time.

    .venv/bin/python benchmarks/extract_speed.py --limit 1000
"""
from __future__ import annotations

import argparse
import io
import itertools
import json
import resource
import sys
import time
from pathlib import Path

from marsad.arabic.dates import find_dates
from marsad.arabic.numbers import find_numbers
from marsad.arabic.tokens import tokenize
from marsad.said import said_in
from marsad.events import extract_events
from marsad.mentions import find_mentions
from marsad.model import Document, iso_day
from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.text import layer_of

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news"


def articles(news_dir: Path, limit: int) -> list[Document]:
    """The first `limit` corpus documents (unreadable records skipped)."""
    docs = (d for d in read_paths(sorted(news_dir.glob("*.zip"))) if isinstance(d, Document))
    return list(itertools.islice(docs, limit))


def corpus_sample(description: str) -> list[Document] | None:
    """The articles `--limit` and `--news` ask for, or None (after a one-line
    error) when the corpus is not there: the command line of the corpus
    benchmarks."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--limit", type=int, default=1000, help="number of corpus articles (default 1000)")
    parser.add_argument("--news", type=Path, default=NEWS, help="folder of the corpus zips")
    args = parser.parse_args()
    if not args.news.is_dir():
        print(f"error: {args.news}: corpus folder not found", file=sys.stderr)
        return None
    docs = articles(args.news, args.limit)
    if not docs:
        print(f"error: {args.news}: no articles read", file=sys.stderr)
        return None
    return docs


def bare_pass(lines: list[str]) -> float:
    """CPU seconds to read each document's JSON line, normalise and tokenise
    its text and write the line again: the least any pass over the corpus does."""
    sink = io.StringIO()
    t = time.process_time()
    for line in lines:
        record = json.loads(line)
        tokenize(record["text"])
        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
    return time.process_time() - t


def main() -> int:
    docs = corpus_sample(__doc__.splitlines()[0])
    if docs is None:
        return 2
    analyse(docs[0])  # loads the knowledge base and compiles the rule tables
    chars = sum(len(d.text) for d in docs)
    clock = time.process_time
    stages = {"layer": 0.0, "names": 0.0, "numbers": 0.0, "dates": 0.0, "events": 0.0, "statements": 0.0}
    lines = [json.dumps(d.to_dict(), ensure_ascii=False) for d in docs]
    bare = bare_pass(lines)
    events = 0
    wall = time.perf_counter()
    for d in docs:
        t0 = clock()
        layer = layer_of(d)
        layer.dates
        t1 = clock()
        found = find_mentions(layer)
        t2 = clock()
        found += find_numbers(d.text, layer.normalized, layer.dates)
        t3 = clock()
        found += find_dates(d.text, iso_day(d.published), layer.normalized, layer.dates)
        t4 = clock()
        d.mentions = found
        d.events = extract_events(d)
        events += len(d.events)
        t5 = clock()
        said_in(d)
        t6 = clock()
        d.layer = None
        for name, dt in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            stages[name] += dt
    wall = time.perf_counter() - wall
    bare = (bare + bare_pass(lines)) / 2  # before and after: a load that comes and goes hits both
    cpu = sum(stages.values()) - stages["statements"]
    whole = sum(stages.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(docs)}  characters: {chars}  events: {events}")
    print(f"bare pass (read JSON, normalise, tokenise, write JSON) CPU time: {bare:.2f} s  speed: {len(docs) / bare:.0f} "
          "articles/s per core")
    print(f"extraction (layer to events) CPU time: {cpu:.2f} s  speed: {len(docs) / cpu:.1f} articles/s per core  "
          f"({chars / cpu / 1000:.0f} k chars/s)  {cpu / bare:.1f} x the bare pass")
    print(f"with statements (the whole of pipeline.analyse): CPU {whole:.2f} s  speed: {len(docs) / whole:.1f} "
          f"articles/s per core  {whole / bare:.1f} x the bare pass")
    print(f"wall time (all stages): {wall:.2f} s  speed: {len(docs) / wall:.1f} articles/s (depends on machine load)")
    print("per stage (CPU): " + ", ".join(f"{k} {v / len(docs) * 1000:.2f} ms/article" for k, v in stages.items()))
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
