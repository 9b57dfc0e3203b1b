"""A function of one normalised word, remembered across documents.

The rules ask of every token "is this word a cue, a verb of saying, the
first word of a phrase?". A corpus repeats its words, so the answer is kept
per word, and a document's tokens are looked up in one pass at C speed
(`map` over a dict) instead of one Python call per token: the function only
runs on words not seen before.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress, count
from typing import Generic, TypeVar

T = TypeVar("T")


class WordMemo(Generic[T]):
    """`fn(word)` for the words that have a value (anything but None)."""

    def __init__(self, fn: Callable[[str], T | None], limit: int = 200_000):
        self._fn = fn
        self._limit = limit
        self._codes: dict[str, int] = {}  # word -> 0 (no value) or its value's index in `_values`
        self._values: list[T | None] = [None]

    def found(self, words: Sequence[str]) -> dict[int, T]:
        """Token index -> value, for the tokens of `words` that have one, in
        token order."""
        known = self._codes
        unseen = set(words).difference(known)  # set operations: at C speed
        if unseen:
            if len(known) + len(unseen) > self._limit:
                known.clear()
                del self._values[1:]
                unseen = set(words)
            for w in unseen:
                self._add(w)
        codes = list(map(known.__getitem__, words))
        values = self._values
        return {i: values[c] for i, c in zip(compress(count(), codes), filter(None, codes))}

    def _add(self, word: str) -> None:
        value = self._fn(word)
        if value is None:
            self._codes[word] = 0
        else:
            self._codes[word] = len(self._values)
            self._values.append(value)
