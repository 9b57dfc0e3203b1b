"""Distributional word clusters learned from unlabeled Arabic news.

ANERcorp is small (about 125k tokens), so most names in new text were never
seen in training. Words that occur in the same contexts (سيارة/شاحنة,
بغداد/كابل, الوزير/الرئيس) fall into the same cluster, which lets the tagger
generalise from a seen name to an unseen one. Brown clustering is too slow for
a CPU budget, so we do the fast equivalent: directional co-occurrence counts
(which word is one or two places to the left or right), positive PMI, a
truncated SVD, then k-means at several granularities. Coarse clusters
generalise, fine ones keep distinctions; the tagger gets all of them.

Only `build_clusters` (training time) needs scipy; loading is a plain TSV read.
"""
from __future__ import annotations

import gzip
import json
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad.arabic.normalize import norm
from marsad.arabic.tokens import tokens
from marsad.tsv import write_gz_table

WINDOW = (-2, -1, 1, 2)


def news_texts(news_dir: Path) -> Iterator[str]:
    """Title and body of every article in the SaudiNewsNet zips of `news_dir`
    (each zip holds one JSON array of articles)."""
    zips = sorted(Path(news_dir).glob("*.zip"))
    if not zips:
        raise FileNotFoundError(f"{news_dir}: no *.zip news files found")
    for path in zips:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for art in json.loads(z.read(name)):
                    yield f"{art.get('title') or ''}\n{art.get('content') or ''}"


def word_sequences(texts: Iterable[str]) -> Iterator[list[str]]:
    """Normalised word tokens of each line of each text (lines approximate
    sentences, so windows do not run across paragraph breaks)."""
    for text in texts:
        for line in norm(text).split("\n"):
            words = [t for _, _, t in tokens(line)]
            if words:
                yield words


def build_clusters(
    sequences: Iterable[list[str]],
    sizes: tuple[int, ...] = (50, 200, 500, 1000, 2000),
    vocab_size: int = 100000,
    context_size: int = 10000,
    dims: int = 100,
    seed: int = 13,
) -> dict[str, tuple[int, ...]]:
    """word -> (corpus count, then one cluster id per granularity in `sizes`),
    for the `vocab_size` most frequent words. Deterministic for a given `seed`."""
    from scipy import sparse
    from scipy.sparse.linalg import svds

    seqs = list(sequences)
    freq = Counter(w for s in seqs for w in s)
    ranked = [w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))]
    vocab = ranked[:vocab_size]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(context_size, len(vocab))

    ids = np.fromiter((index.get(w, -1) for s in seqs for w in s + [None] * 2), dtype=np.int64)
    # Each sequence is followed by two padding slots (-1), so windows never
    # cross sequence boundaries.
    rows, cols = [], []
    for slot, off in enumerate(WINDOW):
        a = ids[max(0, -off): len(ids) - max(0, off)]
        b = ids[max(0, off): len(ids) - max(0, -off)]
        keep = (a >= 0) & (b >= 0) & (b < n_ctx)
        rows.append(a[keep])
        cols.append(b[keep] + slot * n_ctx)
    r, c = np.concatenate(rows), np.concatenate(cols)
    counts = sparse.coo_matrix(
        (np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), len(WINDOW) * n_ctx)
    ).tocsr()
    counts.sum_duplicates()

    # Positive PMI with context-distribution smoothing (alpha 0.75).
    total = counts.sum()
    row_p = np.asarray(counts.sum(axis=1)).ravel() / total
    col_c = np.asarray(counts.sum(axis=0)).ravel() ** 0.75
    col_p = col_c / col_c.sum()
    coo = counts.tocoo()
    pmi = np.log((coo.data / total) / (row_p[coo.row] * col_p[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)

    rng = np.random.default_rng(seed)
    v0 = rng.standard_normal(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=dims, v0=v0)
    vecs = u * np.sqrt(s)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9

    labels = [kmeans(vecs, k, seed=seed + k) for k in sizes]
    return {w: (freq[w], *(int(lab[i]) for lab in labels)) for i, w in enumerate(vocab)}


TITLES = Path(__file__).resolve().parent / "data" / "person_titles.tsv"


def load_titles(path: Path = TITLES) -> set[str]:
    """Normalised person titles (الرئيس, الشيخ, اللواء ...) from the TSV."""
    with path.open(encoding="utf-8") as f:
        next(f)
        return {norm(line.split("\t")[0]) for line in f if line.strip()}


def title_counts(sequences: Iterable[list[str]], titles: set[str], vocab: Iterable[str]) -> dict[str, int]:
    """How often each `vocab` word comes one or two words after a person
    title (الرئيس باراك اوباما): a person-name cue that does not need the
    word to have been seen in labelled data."""
    keep = set(vocab)
    out: Counter = Counter()
    for s in sequences:
        for i, w in enumerate(s):
            if w in keep and ((i > 0 and s[i - 1] in titles) or (i > 1 and s[i - 2] in titles)):
                out[w] += 1
    return dict(out)


def save_counts(counts: dict[str, int], path: Path) -> None:
    write_gz_table(path, sorted(counts.items()))


def load_counts(path: Path) -> dict[str, int]:
    """word -> count; an absent file (models trained before it existed) is empty."""
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return {w: int(n) for w, n in (line.rstrip("\n").split("\t") for line in f)}


def kmeans(x: np.ndarray, k: int, seed: int, iters: int = 20) -> np.ndarray:
    """Spherical k-means (cosine) on unit rows of `x`; returns a label per row."""
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        labels = np.argmax(x @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x)
        sizes = np.bincount(labels, minlength=k)
        empty = sizes == 0  # re-seed empty clusters on random points
        sums[empty] = x[rng.integers(len(x), size=int(empty.sum()))]
        centres = sums / (np.linalg.norm(sums, axis=1, keepdims=True) + 1e-9)
    return labels


def save_clusters(clusters: dict[str, tuple[int, ...]], path: Path) -> None:
    """One line per word: word, corpus count, cluster ids (most frequent first)."""
    write_gz_table(path, ((word, *row) for word, row in clusters.items()))


@dataclass
class WordStats:
    """What the tagger knows about a word from unlabeled text."""

    count: int
    clusters: tuple[str, ...]  # strings: they are only ever feature values


def load_clusters(path: Path) -> dict[str, WordStats]:
    out: dict[str, WordStats] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            word, count, *ids = line.rstrip("\n").split("\t")
            if not ids or not count.isdigit():
                raise ValueError(f"{path}:{n}: expected 'word count cluster...'")
            out[word] = WordStats(int(count), tuple(ids))
    return out
