"""A document's tokens with clean-text offsets and the mentions on each token.

The statement rules walk tokens (normalised words) but report clean-text
spans, and they ask of a token "is it inside an actor, outlet, place, date or
person mention?" many times; this view answers both in constant time.
"""
from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from marsad.model import Mention
from marsad.text import Sentence, TextLayer

KINDS = ("person", "actor", "outlet", "place", "date", "number")
OPEN_QUOTES = "«“\""
CLOSE_QUOTES = "»”\""
COMMAS = "،,"
_NONE: Mapping[str, Mention] = MappingProxyType({})


@dataclass
class View:
    text: str
    words: list[str]                       # normalised tokens
    spans: list[tuple[int, int]]           # clean-text span of each token
    at: list[Mapping[str, Mention]]        # kind -> mention covering the token
    ends: list[int]                        # clean-text end of each token, for bisect
    starts: list[int]                      # clean-text start of each token
    sentences: list[Sentence]

    @classmethod
    def of(cls, text: str | TextLayer, mentions: list[Mention]) -> View:
        """The view of a clean text (or its layer) with `mentions`."""
        layer = TextLayer.of(text)
        starts, ends = layer.starts, layer.ends
        at: list = [_NONE] * len(starts)  # most tokens are in no mention: one shared empty mapping
        view = cls(layer.text, layer.words, list(zip(starts, ends)), at, ends, starts, layer.sentences)
        for m in mentions:
            if m.kind not in KINDS:
                continue
            first = bisect.bisect_right(starts, m.start) - 1  # a token may start before it (بـ150)
            if first < 0 or view.ends[first] <= m.start:
                first += 1
            for k in range(first, bisect.bisect_left(starts, m.end)):
                if at[k] is _NONE:
                    at[k] = {}
                at[k].setdefault(m.kind, m)
        return view

    def __len__(self) -> int:
        return len(self.words)

    def surface(self, k: int) -> str:
        s, e = self.spans[k]
        return self.text[s:e]

    def gap(self, k: int) -> str:
        """The text between token k-1 and token k (before the first token:
        what precedes it)."""
        return self.text[self.spans[k - 1][1] if k else 0:self.spans[k][0]]

    def tokens_in(self, start: int, end: int) -> tuple[int, int]:
        """The tokens [first, last) that lie in the clean span [start, end)."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)

    def token_at(self, offset: int) -> int:
        """Index of the first token that ends after `offset`."""
        return bisect.bisect_right(self.ends, offset)

    def phrase(self, i: int, j: int) -> str:
        """Tokens [i, j) as written, without surrounding punctuation."""
        if j <= i:
            return ""
        return self.text[self.spans[i][0]:self.spans[j - 1][1]].strip(OPEN_QUOTES + CLOSE_QUOTES + "()، ,")

    def comma_before(self, k: int) -> bool:
        return any(c in COMMAS for c in self.gap(k))

    def segments(self, i: int, j: int) -> list[tuple[int, int]]:
        """Tokens [i, j) cut at commas: Arabic sets off an apposition (role,
        name, date, addressee) with commas."""
        out, start = [], i
        for k in range(i + 1, j):
            if self.comma_before(k):
                out.append((start, k))
                start = k
        if j > start:
            out.append((start, j))
        return out
