"""Training the CRF tagger, reproducibly.

`train_model` gathers the resources (word clusters from the news corpus or a
given clusters file, name lists from installed packages and the kb), turns
sentences into features, trains a first-stage model and counts how it tags
every third news article (`silver.py`; `silver=False` skips it), optionally picks the
L1/L2 weights (c1, c2) on a held-out part of the training file, and trains the
final model on the whole training file. Everything random (the held-out blocks, k-means) is seeded, and
crfsuite's L-BFGS is deterministic, so the same inputs and seed give the same
model.
"""
from __future__ import annotations

import json
import random
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pycrfsuite

from marsad.arabic.normalize import normalize

from .clusters import (
    build_clusters,
    load_clusters,
    load_counts,
    load_titles,
    news_texts,
    save_clusters,
    save_counts,
    title_counts,
    word_sequences,
)
from .conll import Sentence, describe, read_conll
from .features import Resources, sentence_features
from .gazetteer import Gazetteer, build_gazetteer, save_gazetteer
from .scoring import score
from .silver import save_silver, silver_counts
from .text import split_sentences

DEFAULT_C1, DEFAULT_C2 = 0.05, 0.05
GRID = tuple((c1, c2) for c1 in (0.0, 0.05, 0.1) for c2 in (0.01, 0.05, 0.1))
MAX_ITER = 300
BLOCK = 40  # held-out sentences come in contiguous blocks (ANERcorp is ordered by article)
SILVER_EVERY = 3  # the first-stage model reads every third news article (about 3 M tokens)


def holdout_split(n: int, fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Indices (train, held out): random contiguous blocks of sentences, so
    that a held-out article's names are mostly not seen in training."""
    blocks = list(range(0, n, BLOCK))
    rng = random.Random(seed)
    held_blocks = set(rng.sample(blocks, max(1, round(len(blocks) * fraction))))
    held = [i for b in sorted(held_blocks) for i in range(b, min(b + BLOCK, n))]
    held_set = set(held)
    return [i for i in range(n) if i not in held_set], held


def fit(xs: Sequence[list[list[str]]], ys: Sequence[list[str]], path: Path, c1: float, c2: float,
        max_iter: int = MAX_ITER) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params({
        "c1": c1, "c2": c2, "max_iterations": max_iter,
        "feature.possible_transitions": True,
    })
    trainer.train(str(path))


def evaluate(model_path: Path, xs: Sequence[list[list[str]]], ys: Sequence[list[str]]) -> float:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return score(ys, [tagger.tag(x) for x in xs]).prf()[2]


def news_sentences(news_dir: Path, every: int = SILVER_EVERY) -> Iterator[list[str]]:
    """Token lists of every `every`-th news article, split as `tag_text` splits text."""
    for k, text in enumerate(news_texts(news_dir)):
        if k % every == 0:
            for sent in split_sentences(normalize(text).text):
                yield [w for _, _, w in sent]


def first_stage_silver(xs: Sequence[list[list[str]]], ys: Sequence[list[str]], res: Resources, news_dir: Path,
                       path: Path, c1: float, c2: float, max_iter: int,
                       every: int = SILVER_EVERY) -> dict[str, tuple[int, ...]]:
    """Train a model without silver features on (xs, ys) and count its tags
    over the news (see `silver.py`); the model file at `path` is removed."""
    fit(xs, ys, path, c1, c2, max_iter)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    try:
        return silver_counts(news_sentences(news_dir, every), lambda ws: tagger.tag(sentence_features(ws, res)))
    finally:
        tagger.close()
        path.unlink(missing_ok=True)


def train_model(
    train_path: Path,
    out_dir: Path,
    *,
    news_dir: Path | None = None,
    clusters_path: Path | None = None,
    seed: int = 13,
    tune: bool = False,
    grid: Sequence[tuple[float, float]] = GRID,
    c1: float = DEFAULT_C1,
    c2: float = DEFAULT_C2,
    holdout: float = 0.1,
    max_iter: int = MAX_ITER,
    silver: bool = True,
    log: Callable[[str], None] = print,
) -> dict:
    """Train a model into `out_dir` and return its meta record.

    Clusters come from `clusters_path` when given, else are built from the
    news zips in `news_dir`. With `silver`, a first-stage model tags the news
    in `news_dir` and the final model also gets silver-count features."""
    if silver and news_dir is None:
        raise ValueError("silver counts need news_dir")
    t0 = time.time()
    sents: list[Sentence] = read_conll(train_path)
    out_dir.mkdir(parents=True, exist_ok=True)

    if clusters_path is not None:
        # Title counts were built from the same news as the clusters beside them.
        for src, name in ((Path(clusters_path), "clusters.tsv.gz"),
                          (Path(clusters_path).with_name("titles.tsv.gz"), "titles.tsv.gz")):
            if src.exists() and src.resolve() != (out_dir / name).resolve():
                shutil.copyfile(src, out_dir / name)
        log(f"clusters: copied from {clusters_path}")
    elif news_dir is not None:
        seqs = list(word_sequences(news_texts(news_dir)))
        clusters = build_clusters(seqs, seed=seed)
        save_clusters(clusters, out_dir / "clusters.tsv.gz")
        save_counts(title_counts(seqs, load_titles(), clusters), out_dir / "titles.tsv.gz")
        log(f"clusters: {len(clusters)} words from {news_dir} ({time.time() - t0:.0f}s)")
    else:
        raise ValueError("need news_dir (to build clusters) or clusters_path")
    save_gazetteer(build_gazetteer(), out_dir / "gazetteer.tsv.gz")
    res = Resources(load_clusters(out_dir / "clusters.tsv.gz"), Gazetteer.load(out_dir / "gazetteer.tsv.gz"),
                    load_counts(out_dir / "titles.tsv.gz"))

    xs = [sentence_features(s.tokens, res) for s in sents]
    ys = [s.tags for s in sents]
    log(f"features: {len(sents)} sentences ({time.time() - t0:.0f}s)")
    tr, ho = holdout_split(len(sents), holdout, seed) if tune else ([], [])

    def with_silver(idx: Sequence[int], what: str) -> tuple[list[list[list[str]]], dict]:
        """Features of all sentences with silver counts from a first-stage
        model trained on the sentences `idx` only."""
        counts = first_stage_silver([xs[i] for i in idx], [ys[i] for i in idx], res, news_dir,
                                    out_dir / "stage1.crfsuite", c1, c2, max_iter)
        log(f"silver ({what}): {len(counts)} words ({time.time() - t0:.0f}s)")
        res2 = Resources(res.words, res.gazetteer, res.titles, counts)
        return [sentence_features(s.tokens, res2) for s in sents], counts

    tuning: list[dict] = []
    if tune:
        xs_t = with_silver(tr, "tuning")[0] if silver else xs
        tmp = out_dir / "tune.crfsuite"
        for g1, g2 in grid:
            fit([xs_t[i] for i in tr], [ys[i] for i in tr], tmp, g1, g2, max_iter)
            f1 = evaluate(tmp, [xs_t[i] for i in ho], [ys[i] for i in ho])
            tuning.append({"c1": g1, "c2": g2, "holdout_f1": round(f1, 4)})
            log(f"tune: c1={g1} c2={g2} held-out F1={f1:.4f} ({time.time() - t0:.0f}s)")
        tmp.unlink(missing_ok=True)
        best = max(tuning, key=lambda g: g["holdout_f1"])
        c1, c2 = best["c1"], best["c2"]

    silver_words = 0
    (out_dir / "silver.tsv.gz").unlink(missing_ok=True)
    if silver:
        xs, counts = with_silver(range(len(sents)), "final")
        save_silver(counts, out_dir / "silver.tsv.gz")
        silver_words = len(counts)
    fit(xs, ys, out_dir / "model.crfsuite", c1, c2, max_iter)
    meta = {
        **describe(train_path, sents),
        "seed": seed,
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iter,
        "tuning": tuning,
        "silver_words": silver_words,
        "silver_every": SILVER_EVERY if silver_words else None,
        "train_seconds": round(time.time() - t0, 1),
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"model: {out_dir} ({meta['train_seconds']}s)")
    return meta
