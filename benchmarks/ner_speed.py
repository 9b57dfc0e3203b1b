"""Speed of a shipped NER model (prints numbers, asserts nothing).

Usage: .venv/bin/python benchmarks/ner_speed.py [N_ARTICLES] [MODEL]

MODEL is a shipped model's name (default, crf) or a model directory.

Measures, pinned to one CPU core: model load time (cold, in a fresh process),
tagging speed on the ANERcorp test split (pre-tokenised, tokens/s, features
included), and `tag_text` on raw news articles (tokenising, tagging and
confidence included). Reads ../shared in place; nothing is copied.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

SHARED = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
TEST = SHARED / "data" / "ner" / "anercorp_camel_test.conll"
NEWS = SHARED / "data" / "news"

_LOAD = ("import sys, time; t=time.perf_counter(); from marsad.ner import open_model; t1=time.perf_counter(); "
         "open_model(sys.argv[1]); print(t1-t, time.perf_counter()-t1)")


def articles(limit: int) -> list[str]:
    out: list[str] = []
    for z in sorted(NEWS.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for a in json.loads(zf.read(name)):
                    out.append(a["content"] or "")
                    if len(out) >= limit:
                        return out
    return out


def main() -> None:
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    name = sys.argv[2] if len(sys.argv) > 2 else "default"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    imp, load = (float(x) for x in subprocess.run(
        [sys.executable, "-c", _LOAD, name], capture_output=True, text=True, check=True).stdout.split())
    print(f"load: import {imp:.3f}s, model load {load:.3f}s (fresh process)")

    from marsad.ner import open_model
    from marsad.ner.conll import read_conll
    from marsad.ner.loading import resolve

    model = open_model(name)
    path = resolve(name)
    size = sum(f.stat().st_size for f in path.iterdir() if f.suffix in (".gz", ".crfsuite", ".json", ".npz"))
    print(f"model size: {size / 1e6:.1f} MB in {path}")
    if TEST.exists():
        sents = read_conll(TEST)
        n = sum(len(s.tokens) for s in sents)
        t0 = time.perf_counter()
        model.tag_sentences([s.tokens for s in sents], 0)
        dt = time.perf_counter() - t0
        print(f"tag_sentences: {n} tokens in {dt:.2f}s = {n / dt:,.0f} tokens/s (one core, no consistency step)")
    if NEWS.exists():
        docs = articles(limit)
        chars = sum(map(len, docs))
        t0 = time.perf_counter()
        found = sum(len(model.tag_text(d)) for d in docs)
        dt = time.perf_counter() - t0
        print(f"tag_text: {len(docs)} articles, {chars:,} chars, {found} entities in {dt:.2f}s = "
              f"{len(docs) / dt:.1f} articles/s, {chars / dt:,.0f} chars/s (one core)")


if __name__ == "__main__":
    main()
