"""Arabic normalisation for matching, that never loses the way back.

Matching needs one spelling per word (أ/إ/آ/ا, ة/ه, ى/ي, Persian ی/ک written
inside Arabic, tatweel, diacritics, three kinds of digits, hashtags such as
`#الولايات_المتحدة`). Evidence must still point at the clean text, so
`normalize` returns, beside the normalised string, the clean-text offset of every
normalised character. Each rule maps one character to one character or deletes
it, which keeps that index exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# One character in, one character out.
_CHAR_MAP: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
    "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي", "ے": "ي",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ؤ": "و", "ئ": "ي",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ",
    "_": " ",  # hashtags join words with underscores
    "،": ",", "؛": ";", "؟": "?",
}
_CHAR_MAP.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_CHAR_MAP.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits

# Deleted: diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic
# marks), tatweel, hashtag signs, invisible direction and joining marks.
_DELETE: frozenset[str] = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "#", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
       "\u061c", "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
)


@dataclass(frozen=True)
class Normalized:
    """A normalised string and, for each of its characters, the offset of the
    character in the input it came from (`index` has one extra entry: the
    input's length, so that end offsets map too)."""

    text: str
    index: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Input span of the normalised span [start, end)."""
        if end <= start:
            return self.index[start], self.index[start]
        return self.index[start], self.index[end - 1] + 1


def normalize_char(ch: str) -> str:
    """The normalised form of one character ('' when it is deleted)."""
    if ch in _DELETE:
        return ""
    return _CHAR_MAP.get(ch, ch).lower()


class _CharTable(dict):
    """`str.translate` table filled on demand from `normalize_char`."""

    def __missing__(self, code: int) -> str:
        self[code] = normalize_char(chr(code))
        return self[code]


_TABLE = _CharTable()
_DELETED = re.compile("[" + "".join(re.escape(c) for c in sorted(_DELETE)) + "]")


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching, keeping the offset of every character.

    `str.translate` does the mapping and the deleted characters' positions give
    the index, several times faster than a loop per character on news text.
    Only `_DELETE` shortens the text, so when the lengths do not add up some
    character expanded on lower-casing (İ → i + combining dot) and the
    per-character loop indexes every output character instead."""
    out = text.translate(_TABLE)
    index: list[int] = []
    prev = 0
    for m in _DELETED.finditer(text):
        index.extend(range(prev, m.start()))
        prev = m.end()
    index.extend(range(prev, len(text)))
    if len(index) != len(out):
        return _normalize_expanding(text)
    index.append(len(text))
    return Normalized(out, index)


def _normalize_expanding(text: str) -> Normalized:
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = normalize_char(ch)
        out.append(n)
        index.extend([i] * len(n))
    index.append(len(text))
    return Normalized("".join(out), index)


def norm(text: str) -> str:
    """Normalised text alone, for keys and queries where offsets do not matter."""
    return text.translate(_TABLE)
