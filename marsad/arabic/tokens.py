"""Tokens and clitics of normalised Arabic text.

Arabic writes conjunctions, prepositions and the article onto the word:
بكابل، وكابل، لكابل، والقاعدة، لطالبان، للتنظيم. Matching a name or a search
term means trying the word with those prefixes taken off. Taking them off
blindly breaks words that merely begin with the same letters (باكستان، لبنان),
so `stems` returns every reading, the whole word first, and callers keep the
reading that is a known word (mentions) or index all of them (search).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from marsad.arabic.normalize import Normalized, normalize

# A token is a run of letters/digits; Arabic letters, Latin letters and digits.
_TOKEN = re.compile(r"[0-9A-Za-z\u0621-\u064A\u0660-\u0669\u0671-\u06D3\u06F0-\u06F9]+")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")

# Proclitic chains, longest first. Each is conjunction? + preposition? + article?
_PREFIXES: tuple[str, ...] = (
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ول", "فل",
    "وب", "فب", "وك", "فك", "ال", "و", "ف", "ب", "ل", "ك",
)
_MIN_STEM = 2
# The chains by their first letter, in `_PREFIXES` order: a word is only
# tried against the chains that begin with its own first letter.
_PREFIXES_BY_LETTER: dict[str, tuple[str, ...]] = {
    first: tuple(p for p in _PREFIXES if p[0] == first) for first in {p[0] for p in _PREFIXES}}


def words(text: str) -> list[str]:
    """The tokens of already-normalised text without offsets (no match object
    per token: what indexing and fingerprinting need)."""
    return _TOKEN.findall(text)


def tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, token) for every token of already-normalised text."""
    for m in _TOKEN.finditer(text):
        yield m.start(), m.end(), m.group()


@dataclass(frozen=True)
class Tokenized:
    """A text normalised once and cut into tokens once (the core of
    `marsad.text.TextLayer`, which every stage reads). Offsets are in the
    normalised text; `spans[k]` is `(starts[k], ends[k], words[k])`. Shared:
    read only."""

    normalized: Normalized
    spans: list[tuple[int, int, str]]
    starts: list[int]
    ends: list[int]
    words: list[str]


def tokenize(text: str) -> Tokenized:
    """`normalize(text)` and its tokens."""
    nz = normalize(text)
    # Split into gap, token, gap, ..., and the running lengths give the offsets:
    # no match object per token (a fifth faster than `finditer`).
    parts = _TOKEN_SPLIT.split(nz.text)
    offsets = list(accumulate(map(len, parts)))
    words = parts[1::2]
    starts, ends = offsets[0::2][:len(words)], offsets[1::2]
    return Tokenized(nz, list(zip(starts, ends, words)), starts, ends, words)


def stems(token: str) -> list[str]:
    """Readings of `token` with proclitics removed: the token itself first,
    then shorter readings. `لل` also yields the article-bearing form (للتنظيم →
    التنظيم, تنظيم) because the article assimilates after ل."""
    out = [token]
    for p in _PREFIXES_BY_LETTER.get(token[:1], ()):
        if token.startswith(p) and len(token) - len(p) >= _MIN_STEM:
            rest = token[len(p):]
            if p.endswith("لل"):
                out.append("ال" + rest)
            out.append(rest)
            if not p.endswith("ال") and rest.startswith("ال") and len(rest) - 2 >= _MIN_STEM:
                out.append(rest[2:])
    seen: set[str] = set()
    return [s for s in out if not (s in seen or seen.add(s))]


def strip_article(token: str) -> str:
    """The token without a leading article, for lookup keys (القاعدة → قاعدة)."""
    return token[2:] if token.startswith("ال") and len(token) - 2 >= _MIN_STEM else token
