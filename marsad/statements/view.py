"""A document's tokens with clean-text offsets and the mentions on each token.

The statement rules walk tokens (normalised words) but report clean-text
spans, and they ask of a token "is it inside an actor, outlet, place, date or
person mention?" many times; this view answers both in constant time.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from marsad.mentions.matcher import TokenText
from marsad.model import Mention

KINDS = ("person", "actor", "outlet", "place", "date", "number")
OPEN_QUOTES = "«“\""
CLOSE_QUOTES = "»”\""
COMMAS = "،,"
_LAST: list = []  # text, mentions, their number, view


@dataclass
class View:
    text: str
    words: list[str]                       # normalised tokens
    spans: list[tuple[int, int]]           # clean-text span of each token
    at: list[dict[str, Mention]]           # kind -> mention covering the token
    ends: list[int]                        # clean-text end of each token, for bisect
    starts: list[int]                      # clean-text start of each token

    @classmethod
    def of(cls, text: str, mentions: list[Mention]) -> View:
        """The view of `text` with `mentions`. The last one is kept: the
        statement and claim readers of a document ask for the same one (the
        same list object; holding it makes the identity test safe)."""
        if _LAST and _LAST[0] == text and _LAST[1] is mentions and len(mentions) == _LAST[2]:
            return _LAST[3]
        view = cls._build(text, mentions)
        _LAST[:] = [text, mentions, len(mentions), view]
        return view

    @classmethod
    def _build(cls, text: str, mentions: list[Mention]) -> View:
        tt = TokenText.of(text)
        spans = [tt.nz.span(s, e) for s, e in zip(tt.starts, tt.ends)]
        view = cls(text, list(tt.words), spans, [{} for _ in spans], [e for _, e in spans],
                   [s for s, _ in spans])
        starts = [s for s, _ in spans]
        for m in mentions:
            if m.kind not in KINDS:
                continue
            first = bisect.bisect_right(starts, m.start) - 1  # a token may start before it (بـ150)
            if first < 0 or view.ends[first] <= m.start:
                first += 1
            for k in range(first, bisect.bisect_left(starts, m.end)):
                view.at[k].setdefault(m.kind, m)
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
