"""Entity-level scoring in the CoNLL (conlleval) convention.

An entity counts as found only when its span and its type both match exactly.
Chunks are read the way conlleval reads them, so scores are comparable with
published ANERcorp numbers: a chunk starts at `B-X`/`S-X`, or at `I-X`/`E-X`
whose previous tag is `O` or of another type (IOB1 files and stray `I-`
tags), and ends before the next chunk start, an `O`, or a change of type.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

TYPES = ("PERS", "LOC", "ORG", "MISC")


def _split(tag: str) -> tuple[str, str]:
    if tag == "O" or not tag:
        return "O", ""
    prefix, _, typ = tag.partition("-")
    return prefix, typ


def _ends(prev: str, prev_t: str, cur: str, cur_t: str) -> bool:
    """conlleval endOfChunk: does a chunk end between the previous and this tag?"""
    if prev in ("E", "S"):
        return True
    if prev in ("B", "I"):
        return cur in ("B", "S", "O") or cur_t != prev_t
    return False


def _starts(prev: str, prev_t: str, cur: str, cur_t: str) -> bool:
    """conlleval startOfChunk: does a chunk start at this tag?"""
    if cur in ("B", "S"):
        return True
    if cur in ("I", "E"):
        return prev in ("E", "S", "O") or prev_t != cur_t
    return False


def chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of every entity in one sentence's tags, end exclusive."""
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    prev, prev_t = "O", ""
    for i, tag in enumerate(list(tags) + ["O"]):
        cur, cur_t = _split(tag)
        if start is not None and _ends(prev, prev_t, cur, cur_t):
            out.append((start, i, prev_t))
            start = None
        if _starts(prev, prev_t, cur, cur_t):
            start = i
        prev, prev_t = cur, cur_t
    return out


@dataclass
class Scores:
    """Per-type counts of gold, predicted and correct entities."""

    gold: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)

    def prf(self, typ: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 for one type, or overall when `typ` is None."""
        g = self.gold[typ] if typ else sum(self.gold.values())
        p = self.pred[typ] if typ else sum(self.pred.values())
        c = self.correct[typ] if typ else sum(self.correct.values())
        prec = c / p if p else 0.0
        rec = c / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f1

    def types(self) -> list[str]:
        seen = set(self.gold) | set(self.pred)
        return [t for t in TYPES if t in seen] + sorted(seen - set(TYPES))

    def table(self) -> str:
        """Per-type table; the last line is exactly `F1 <overall f1>`."""
        lines = [f"{'type':<6} {'prec':>7} {'rec':>7} {'f1':>7} {'gold':>6} {'pred':>6}"]
        for t in self.types():
            p, r, f = self.prf(t)
            lines.append(f"{t:<6} {p:7.4f} {r:7.4f} {f:7.4f} {self.gold[t]:6d} {self.pred[t]:6d}")
        p, r, f = self.prf()
        lines.append(
            f"{'ALL':<6} {p:7.4f} {r:7.4f} {f:7.4f} {sum(self.gold.values()):6d} {sum(self.pred.values()):6d}"
        )
        lines.append(f"F1 {f:.4f}")
        return "\n".join(lines)


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Scores:
    """Entity-level counts over paired sentences of gold and predicted tags."""
    s = Scores()
    for g_tags, p_tags in zip(gold, pred, strict=True):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"sentence length mismatch: {len(g_tags)} gold vs {len(p_tags)} predicted tags")
        g = set(chunks(g_tags))
        p = set(chunks(p_tags))
        s.gold.update(t for _, _, t in g)
        s.pred.update(t for _, _, t in p)
        s.correct.update(t for _, _, t in g & p)
    return s
