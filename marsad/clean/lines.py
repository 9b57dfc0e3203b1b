"""Lines of a text with their offsets, and the keys lines are compared by.

The cleaner decides line by line (a masthead, a dateline, a keyword list, a
related headline each take whole lines), so it works on `Line`s that remember
where they sit in the original; deleting whole lines keeps the offset map exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from marsad.arabic.normalize import norm

_NON_WORD = re.compile(r"[\W_]+")


def key(text: str) -> str:
    """Normalised words only: what two spellings of one phrase share
    (إقرأ أيضاً: / اقرأ أيضا -> "اقرا ايضا")."""
    return _NON_WORD.sub(" ", norm(text)).strip()


@dataclass
class Line:
    """One line of the original, with surrounding whitespace left out."""

    index: int
    start: int  # offset of its first non-space character
    end: int  # offset after its last non-space character
    text: str

    @property
    def blank(self) -> bool:
        return self.start == self.end

    @cached_property
    def n_words(self) -> int:
        return len(self.text.split())

    @cached_property
    def key(self) -> str:
        return key(self.text)

    @cached_property
    def norm(self) -> str:
        return norm(self.text)


def split_lines(text: str) -> list[Line]:
    """Every line of `text` (blank ones too), stripped, with offsets."""
    out: list[Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        raw = text[pos:stop]
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        start = pos + lead
        out.append(Line(len(out), start, start + len(stripped), stripped))
        if nl < 0:
            break
        pos = nl + 1
    return out


def is_headline_like(line: Line, max_words: int = 25) -> bool:
    """Short and not closed like a sentence: a headline, a list item, a tag.
    (A headline may end with '..' or '؟', a body sentence ends with '.')."""
    if line.blank or line.n_words > max_words:
        return False
    t = line.text
    return not (t.endswith(".") and not t.endswith(".."))


BULLETS = ("•", "·", "▪", "◄", "►", "-", "*", "»", "–")


def is_bullet(line: Line) -> bool:
    return line.text.startswith(BULLETS)
