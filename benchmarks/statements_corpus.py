"""Statements and actor claims on the news corpus: speed, counts, and a sample
of person speakers to judge by hand.

Reads N articles of SaudiNewsNet (../shared/data/news, every k-th document
that `marsad.sources.read_paths` gives, cleaned as `marsad ingest` reads
them, so that all days and outlets are in), runs the pipeline (not timed),
then times the four readers of its last step (`marsad.said.said_in`):
`find_statements`, `find_claims`, `find_figures` and `aliases_of`, in CPU
time of this process, and prints statements per article, speakers by kind,
claims by kind and `--show` person speakers with their role, for a precision
check by eye.

    .venv/bin/python benchmarks/statements_corpus.py --limit 600 --show 40
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from pathlib import Path

from marsad.claims import find_claims
from marsad.claims.aliases import aliases_of
from marsad.model import Document
from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.statements import find_figures, find_statements

NEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news"


def articles(news_dir: Path, limit: int, step: int) -> list[Document]:
    """Every `step`-th corpus document (unreadable records skipped), up to `limit`."""
    docs = (d for d in read_paths(sorted(news_dir.glob("*.zip"))) if isinstance(d, Document))
    return list(itertools.islice(itertools.islice(docs, step - 1, None, step), limit))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--news", type=Path, default=NEWS)
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--step", type=int, default=50, help="take every STEP-th article")
    ap.add_argument("--show", type=int, default=40, help="how many person speakers to print (random sample)")
    args = ap.parse_args()
    if not args.news.exists():
        print(f"{args.news}: corpus absent", file=sys.stderr)
        return 1
    docs = [analyse(d) for d in articles(args.news, args.limit, args.step)]
    spent = Counter()
    kinds, speakers, claims = Counter(), Counter(), Counter()
    persons = []
    n_statements = 0
    for d in docs:
        t = time.process_time()
        sts = find_statements(d.text, d.mentions, d.outlet, d.published, d.events)
        spent["statements"] += time.process_time() - t
        t = time.process_time()
        cls = find_claims(d.text, d.mentions, sts, d.outlet, d.published)
        spent["claims"] += time.process_time() - t
        t = time.process_time()
        find_figures(d.text, d.mentions, sts, d.events, d.published)
        spent["figures"] += time.process_time() - t
        t = time.process_time()
        aliases_of(d.text, d.mentions)
        spent["aliases"] += time.process_time() - t
        n_statements += len(sts)
        kinds.update(s.kind for s in sts)
        speakers.update(s.speaker.kind if s.speaker else "none" for s in sts)
        claims.update(c.kind for c in cls)
        persons += [(s.speaker.name, s.speaker.role_text or s.speaker.role, s.verb, d.doc_id) for s in sts
                    if s.speaker and s.speaker.kind == "person" and s.speaker.resolved_by is None]
    total = sum(spent.values())
    print(f"articles: {len(docs)}  statements: {n_statements} ({n_statements / max(1, len(docs)):.1f} per article)")
    print("CPU seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in spent.items())
          + f"; {len(docs) / max(total, 1e-9):.0f} articles/s, {1000 * total / max(1, len(docs)):.2f} ms an "
          "article for the four together")
    print("statement kinds:", dict(kinds.most_common()))
    print("speaker kinds:", dict(speakers.most_common()))
    print("claims:", dict(claims.most_common()))
    print(f"person speakers (first mention): {len(persons)}; a random sample of {args.show}:")
    for name, role, verb, doc_id in random.Random(8).sample(persons, min(args.show, len(persons))):
        print(f"  {name} | {role} | {verb} | {doc_id[-40:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
