"""Everything the event rules look at in one document, computed once.

The rules match on normalised text but every span they report is in clean-text
offsets (the contract's evidence offsets), so the context keeps both and the
tokens in clean offsets with their normalised form.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from marsad.arabic.normalize import Normalized
from marsad.model import Mention
from marsad.text import Sentence, TextLayer


class Token(NamedTuple):
    """A token: clean-text offsets and its normalised form (a tuple, for speed)."""

    start: int
    end: int
    norm: str


_token = partial(tuple.__new__, Token)
T = TypeVar("T")  # Token(...) without NamedTuple's Python-level __new__


@dataclass
class Context:
    text: str
    published: date | None
    normalized: Normalized
    sentences: list[Sentence]
    _token_parts: tuple[list[int], list[int], list[str]]  # starts, ends, normalised forms
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    _token_starts: list[int] = field(default_factory=list)
    _home: set[str] | None = None
    _norm_tokens: list[tuple[int, int, str]] = field(default_factory=list)
    _matches: dict = field(default_factory=dict)
    _sentence_starts: list[int] = field(default_factory=list)
    _tokens: list[Token] | None = None
    _mention_starts: dict[str, list[int]] = field(default_factory=dict)
    _once: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str | TextLayer, published: date | None, mentions: list[Mention]) -> "Context":
        """The context of a clean text (or its layer) with its mentions."""
        layer = TextLayer.of(text)
        tk = layer.tokens
        by_kind: dict[str, list[Mention]] = {}
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            by_kind.setdefault(m.kind, []).append(m)
        sentences = layer.sentences
        return cls(layer.text, published, tk.normalized, sentences, (layer.starts, layer.ends, tk.words), by_kind,
                   layer.starts, _norm_tokens=tk.spans, _sentence_starts=[x.start for x in sentences])

    @property
    def tokens(self) -> list[Token]:
        """The tokens in clean-text offsets, made when first read: about four
        articles in ten have no trigger, and their tokens are never read."""
        if self._tokens is None:
            self._tokens = list(map(_token, zip(*self._token_parts)))
        return self._tokens

    @property
    def words(self) -> list[str]:
        """The normalised form of each token (`words[i] == tokens[i].norm`),
        for the rules that only read words: no `Token` is made."""
        return self._token_parts[2]

    def norm_range(self, start: int, end: int) -> tuple[int, int]:
        """Normalised-text range of the clean span [start, end)."""
        index = self.normalized.index
        return bisect.bisect_left(index, start, 0, len(index) - 1), bisect.bisect_left(index, end, 0, len(index) - 1)

    def clean_span(self, nstart: int, nend: int) -> tuple[int, int]:
        return self.normalized.span(nstart, nend)

    def find(self, table, start: int, end: int):
        """Matches of a `PhraseTable` inside the clean span, in clean offsets.
        Each sentence is scanned once per table, when first asked for: most
        tables are only ever consulted in the few sentences with a trigger."""
        first = max(0, bisect.bisect_right(self._sentence_starts, start) - 1)
        for i in range(first, len(self.sentences)):
            sentence = self.sentences[i]
            if sentence.start >= end:
                break
            for m in self._sentence_matches(table, i):
                if start <= m[0] and m[1] <= end:
                    yield m

    def _sentence_matches(self, table, i: int) -> list:
        key = (id(table), i)
        found = self._matches.get(key)
        if found is None:
            s = self.sentences[i]
            a, b = bisect.bisect_left(self._token_starts, s.start), bisect.bisect_left(self._token_starts, s.end)
            cands = table.candidates(self.words[a:b])  # the sentence's words: a slice, not a list built per token
            found = [(*self.clean_span(ns, ne), row)
                     for ns, ne, row in table.scan(self.normalized.text, self._norm_tokens[a:b], cands)]
            self._matches[key] = found
        return found

    def tokens_in(self, start: int, end: int) -> list[Token]:
        i = bisect.bisect_left(self._token_starts, start)
        j = bisect.bisect_left(self._token_starts, end)
        return self.tokens[i:j]

    def token_index(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self._token_starts, offset)

    def in_span(self, kind: str, start: int, end: int) -> list[Mention]:
        """The mentions of `kind` inside [start, end), in text order."""
        found = self.mentions.get(kind, ())
        starts = self._mention_starts.get(kind)
        if starts is None:
            starts = self._mention_starts[kind] = [m.start for m in found]
        i, j = bisect.bisect_left(starts, start), bisect.bisect_right(starts, end)
        return [m for m in found[i:j] if m.end <= end]

    def once(self, key: str, make: Callable[[], T]) -> T:
        """A value read off the whole document (`make()`), made the first time
        `key` is asked for: rules that ask per incident must not re-read a
        long document each time."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]

    def home_countries(self) -> set[str]:
        """Countries the document names at least twice (by country or place)."""
        if self._home is None:
            counts: dict[str, int] = {}
            for m in self.mentions.get("place", ()):
                code = m.value.get("country_code")
                counts[code] = counts.get(code, 0) + 1
            self._home = {c for c, n in counts.items() if n >= 2}
        return self._home
