"""Features of a span's surroundings, read from the event context's tokens.

The decisions learn their cue words instead of listing them: a candidate
carries the normalised words just before and after it (and the same words
without a leading و/ف), and the model weighs them from the gold. Positions
are bucketed so that "3 tokens away" and "4 tokens away" share a weight.
"""
from __future__ import annotations

from marsad.events.context import Context
from marsad.events.draft import Draft

_CONJ = ("و", "ف")


def bucket(n: int) -> str:
    """A coarse size: 0, 1, 2, 3-5, 6-10, 11-20, 21+."""
    for top, name in ((0, "0"), (1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= top:
            return name
    return "21+"


def forms(word: str) -> tuple[str, ...]:
    """The word, and the word without a leading و/ف."""
    if len(word) > 3 and word[0] in _CONJ:
        return word, word[1:]
    return (word,)


def window(ctx: Context, start: int, end: int, before: int = 2, after: int = 1, tag: str = "") -> list[str]:
    """Words around the clean span [start, end): `w-1=...`, `w-2=...`, `w+1=...`
    (prefixed by `tag`), each also without a leading conjunction."""
    words = ctx.words
    i, j = ctx.token_index(start), ctx.token_index(end)
    out: list[str] = []
    for k in range(1, before + 1):
        if i - k >= 0:
            out += [f"{tag}w-{k}={w}" for w in forms(words[i - k])]
    for k in range(after):
        if j + k < len(words):
            out += [f"{tag}w+{k + 1}={w}" for w in forms(words[j + k])]
    return out


def sentence_of(ctx: Context, offset: int) -> int:
    """Index of the sentence holding `offset` (the last one starting at or before it)."""
    lo, hi = 0, len(ctx.sentences) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if ctx.sentences[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def position(ctx: Context, d: Draft, start: int) -> list[str]:
    """Where a mention at `start` sits against the draft's trigger: side,
    token distance, same sentence or not, in the lead."""
    t = ctx.token_index(d.trigger_start)
    k = ctx.token_index(start)
    side = "after" if k >= t else "before"
    s = sentence_of(ctx, start)
    here = "same" if s == sentence_of(ctx, d.trigger_start) else ("event" if s in d.sentences else "other")
    out = [f"side={side}", f"dist={side}{bucket(abs(k - t))}", f"sent={here}"]
    if s == 0:
        out.append("lead")
    return out


def ranges(ctx: Context, d: Draft, before: int = 0, lead: bool = False) -> list[tuple[int, int]]:
    """Clean spans of the draft's sentences, with `before` sentences before
    the first one and the lead sentence when `lead`."""
    idx = set(d.sentences)
    if idx and before:
        first = min(idx)
        idx |= set(range(max(0, first - before), first))
    if lead and ctx.sentences:
        idx.add(0)
    return [(ctx.sentences[i].start, ctx.sentences[i].end) for i in sorted(idx)]
