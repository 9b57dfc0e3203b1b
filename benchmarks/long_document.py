"""Analysis time against document size: does any stage grow faster than the text?

Builds one document from the first corpus articles joined (../shared/data/news), cut to
each size asked for, and times the stages of `marsad.pipeline.analyse` on it (the text
layer, names, numbers, dates, events, statements) in CPU time, with the time per 100,000
characters, which stays flat for a stage that is linear in the text.

    .venv/bin/python benchmarks/long_document.py --sizes 100000 400000 1600000
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

from marsad.arabic.dates import find_dates
from marsad.arabic.numbers import find_numbers
from marsad.events import extract_events
from marsad.mentions import find_mentions
from marsad.model import Document
from marsad.pipeline import analyse
from marsad.said import said_in
from marsad.sources import read_paths
from marsad.text import layer_of

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news"


def joined_text(news: Path, chars: int) -> str:
    """The first corpus articles joined by line breaks, at least `chars` long."""
    parts, total = [], 0
    docs = (d for d in read_paths(sorted(news.glob("*.zip"))) if isinstance(d, Document))
    for d in itertools.takewhile(lambda _d: total < chars, docs):
        parts.append(d.text)
        total += len(d.text) + 1
    return "\n".join(parts)


def stage_times(text: str) -> dict[str, float]:
    clock = time.process_time
    doc = Document(doc_id="long", source="long", text=text, published="2015-07-20")
    t = clock()
    layer = layer_of(doc)
    layer.dates
    out = {"layer": clock() - t}
    t = clock()
    found = find_mentions(layer)
    out["names"] = clock() - t
    t = clock()
    found += find_numbers(text, layer.normalized, layer.dates)
    out["numbers"] = clock() - t
    t = clock()
    found += find_dates(text, doc.published, layer.normalized, layer.dates)
    out["dates"] = clock() - t
    doc.mentions = found
    t = clock()
    doc.events = extract_events(doc)
    out["events"] = clock() - t
    t = clock()
    said_in(doc)
    out["statements"] = clock() - t
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 1_600_000],
                        help="document sizes in characters")
    parser.add_argument("--news", type=Path, default=NEWS, help="folder of the corpus zips")
    args = parser.parse_args()
    if not args.news.is_dir():
        print(f"error: {args.news}: corpus folder not found", file=sys.stderr)
        return 2
    text = joined_text(args.news, max(args.sizes))
    analyse(Document(doc_id="warm", source="warm", text=text[:5000], published="2015-07-20"))
    for size in sorted(args.sizes):
        times = stage_times(text[:size])
        per = {k: v / size * 100_000 for k, v in times.items()}
        print(f"{size:>9} chars  total {sum(times.values()):6.2f} s  per 100k chars: "
              + ", ".join(f"{k} {v:.3f}" for k, v in per.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
