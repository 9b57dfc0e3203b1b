"""One name, one label within a document.

News names a person in full once (دونالد رامسفيلد) and then by surname alone
(رامسفيلد); the CRF, which sees one sentence at a time, finds the full form
and often misses the bare surname. So after tagging every sentence of a
document, names the model found are remembered and their later (or earlier)
bare occurrences that the model left untagged are tagged the same way: every
entity's full token sequence, and a person's surname on its own.
"""
from __future__ import annotations

from collections.abc import Sequence

from marsad.arabic.normalize import norm
from marsad.arabic.tokens import stems

from .scoring import chunks

MIN_LEN = 3  # characters; shorter keys (بن، ابو) are not worth the risk


def _memory(sents: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> dict[tuple[str, ...], str]:
    """Normalised token sequence -> type, for every entity found in the document."""
    votes: dict[tuple[str, ...], dict[str, int]] = {}
    for words, ts in zip(sents, tags):
        for s, e, typ in chunks(ts):
            key = tuple(norm(w) for w in words[s:e])
            keys = [key]
            if typ == "PERS" and len(key) > 1:
                keys.append(key[-1:])
            for k in keys:
                if sum(map(len, k)) >= MIN_LEN:
                    votes.setdefault(k, {}).setdefault(typ, 0)
                    votes[k][typ] += 1
    return {k: max(v, key=v.get) for k, v in votes.items()}


def propagate(sents: Sequence[Sequence[str]], tags: Sequence[list[str]]) -> list[list[str]]:
    """`tags` with remembered names tagged where the model left only `O`."""
    memory = _memory(sents, tags)
    longest = max((len(k) for k in memory), default=0)
    out = [list(t) for t in tags]
    for words, ts in zip(sents, out):
        normed = [norm(w) for w in words]
        i = 0
        while i < len(words):
            hit = None
            for n in range(min(longest, len(words) - i), 0, -1):
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
    return out
