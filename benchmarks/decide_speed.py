"""Speed of the learned decisions: events per article with the shipped
models against the rules' own decisions, on the same corpus articles.

Mentions, numbers and dates are found once per article (not timed); then
`extract_events` runs over all articles with `RulesDecider()` and with the
shipped `LearnedDecider`, three rounds each, alternating, and the best round
of each is kept (CPU time, `time.process_time`). Also prints the models'
load time (fresh read of the JSON files) and their size on disk.

    .venv/bin/python benchmarks/decide_speed.py --limit 1000
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from marsad.decide import MODELS, LearnedDecider, RulesDecider, load
from marsad.events import extract_events
from marsad.mentions import document_mentions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_speed import corpus_sample  # noqa: E402  (the same corpus sample)


def _round(docs, decider) -> tuple[float, int]:
    t0 = time.process_time()
    n = sum(len(extract_events(d, decider)) for d in docs)
    return time.process_time() - t0, n


def main() -> int:
    docs = corpus_sample(__doc__.splitlines()[0])
    if docs is None:
        return 2
    for d in docs:
        d.mentions = document_mentions(d)
    t0 = time.perf_counter()
    learned = LearnedDecider(load())
    load_s = time.perf_counter() - t0
    rules = RulesDecider()
    extract_events(docs[0], learned)  # warm the rule tables
    times: dict[str, list[float]] = {"rules": [], "learned": []}
    counts = {}
    for _ in range(3):
        for name, decider in (("rules", rules), ("learned", learned)):
            dt, counts[name] = _round(docs, decider)
            times[name].append(dt)
    best = {k: min(v) for k, v in times.items()}
    size_kb = sum(p.stat().st_size for p in MODELS.glob("*.json")) / 1024
    print(f"articles: {len(docs)}")
    for name in ("rules", "learned"):
        print(f"{name:8s} events {counts[name]:5d}  {best[name]:.2f} s CPU  {len(docs) / best[name]:.0f} articles/s")
    print(f"learned / rules: {best['learned'] / best['rules']:.3f}")
    print(f"models: {size_kb:.0f} KB, load {load_s * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
