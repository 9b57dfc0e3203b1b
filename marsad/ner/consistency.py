"""One name, one label within a document.

News names a person in full once (دونالد رامسفيلد) and then by surname alone
(رامسفيلد); the CRF, which sees one sentence at a time, finds the full form
and often misses the bare surname. So after tagging every sentence of a
document, names the model found are remembered and their later (or earlier)
bare occurrences that the model left untagged are tagged the same way: every
entity's full token sequence, and a person's surname on its own.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from marsad.arabic.normalize import norm
from marsad.arabic.tokens import stems

from .scoring import chunks

MIN_LEN = 3  # characters; shorter keys (بن، ابو) are not worth the risk
# Sentences either side that count as "the same document" when a file has no
# document boundaries (picked on held-out training data: docs/ner.md).
WINDOW = 10


def _votes(words: Sequence[str], tags: Sequence[str]) -> list[tuple[tuple[str, ...], str]]:
    """(normalised token sequence, type) for every entity found in one sentence:
    the entity's tokens, and a person's last token on its own."""
    out = []
    for s, e, typ in chunks(tags):
        key = tuple(norm(w) for w in words[s:e])
        keys = [key, key[-1:]] if typ == "PERS" and len(key) > 1 else [key]
        out.extend((k, typ) for k in keys if sum(map(len, k)) >= MIN_LEN)
    return out


def _memory(votes: Iterable[list[tuple[tuple[str, ...], str]]]) -> dict[tuple[str, ...], str]:
    """Token sequence -> the type most often given to it."""
    counts: dict[tuple[str, ...], Counter] = {}
    for sent_votes in votes:
        for key, typ in sent_votes:
            counts.setdefault(key, Counter())[typ] += 1
    return {k: c.most_common(1)[0][0] for k, c in counts.items()}


def _apply(normed: Sequence[str], tags: Sequence[str], memory: dict[tuple[str, ...], str],
           longest: int) -> list[str]:
    """One sentence's tags with remembered names filled in where all tags are O."""
    ts = list(tags)
    i = 0
    while i < len(normed):
        hit = None
        for n in range(min(longest, len(normed) - i), 0, -1):
            if any(t != "O" for t in ts[i:i + n]):
                continue
            for first in stems(normed[i]):
                typ = memory.get((first, *normed[i + 1:i + n]))
                if typ:
                    hit = (n, typ)
                    break
            if hit:
                break
        if hit:
            n, typ = hit
            ts[i:i + n] = [f"B-{typ}"] + [f"I-{typ}"] * (n - 1)
            i += n
        else:
            i += 1
    return ts


def propagate_windowed(sents: Sequence[Sequence[str]], tags: Sequence[list[str]],
                       window: int | None) -> list[list[str]]:
    """`tags` with remembered names tagged where the model left only `O`.

    Each sentence's memory comes from the `window` sentences either side of
    it (for files with no document boundaries, such as CoNLL corpora); `None`
    treats all sentences as one document, 0 leaves the tags as they are."""
    if window == 0:
        return [list(t) for t in tags]
    votes = [_votes(w, t) for w, t in zip(sents, tags)]
    normed = [[norm(w) for w in ws] for ws in sents]
    if window is None:
        memory = _memory(votes)
        longest = max((len(k) for k in memory), default=0)
        return [_apply(nw, t, memory, longest) for nw, t in zip(normed, tags)]
    out = []
    for i in range(len(sents)):
        memory = _memory(votes[max(0, i - window): i + window + 1])
        longest = max((len(k) for k in memory), default=0)
        out.append(_apply(normed[i], tags[i], memory, longest))
    return out
