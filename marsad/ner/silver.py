"""Silver name counts: how often a first-stage tagger labels each word as
each entity type when it reads unlabeled news.

ANERcorp is small, so most names in new text never occur in a labelled
sentence. The news corpus mentions many of them again and again, and in some
of those mentions the context gives them away (a title before, a full name,
`في مدينة ...`), so the first-stage model tags them there. Counting its tags
over thousands of articles turns those readings into a per-word prior
("tagged PERS in 70% of its 40 occurrences") that the second-stage model can
use for a word it has never seen labelled: self-training through features,
which keeps the training set (and training time) the size of ANERcorp.
"""
from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.tsv import write_gz_table

TYPES = ("PERS", "LOC", "ORG", "MISC")
# Column order of a silver row: occurrences, then tagged-as counts per type,
# then how often it began a person name (first names vs surnames).
COLUMNS = ("total", *TYPES, "B-PERS")


def silver_counts(sentences: Iterable[Sequence[str]], tag: Callable[[Sequence[str]], Sequence[str]],
                  min_count: int = 3) -> dict[str, tuple[int, ...]]:
    """word -> (total, PERS, LOC, ORG, MISC, B-PERS) over `sentences` of raw
    tokens tagged by `tag`, for normalised words seen at least `min_count`
    times and tagged as a name at least once (the rest carry no signal)."""
    total: Counter = Counter()
    typed: dict[str, list[int]] = {}
    for words in sentences:
        if not words:
            continue
        tags = tag(words)
        normed = [norm(w) for w in words]
        total.update(normed)
        for w, t in zip(normed, tags):
            if t == "O" or t[2:] not in TYPES:
                continue
            row = typed.setdefault(w, [0] * (len(COLUMNS) - 1))
            row[TYPES.index(t[2:])] += 1
            if t == "B-PERS":
                row[-1] += 1
    return {w: (total[w], *row) for w, row in sorted(typed.items()) if total[w] >= min_count}


def save_silver(counts: dict[str, tuple[int, ...]], path: Path) -> None:
    write_gz_table(path, [("word", *COLUMNS), *((word, *row) for word, row in sorted(counts.items()))])


def load_silver(path: Path) -> dict[str, tuple[int, ...]]:
    """Silver rows; an absent file (models trained before silver counts) is empty."""
    if not path.exists():
        return {}
    out: dict[str, tuple[int, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        next(f)
        for n, line in enumerate(f, 2):
            word, *vals = line.rstrip("\n").split("\t")
            if len(vals) != len(COLUMNS) or not all(v.isdigit() for v in vals):
                raise ValueError(f"{path}:{n}: expected word and {len(COLUMNS)} counts")
            out[word] = tuple(map(int, vals))
    return out
