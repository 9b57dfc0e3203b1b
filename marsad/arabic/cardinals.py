"""Cardinal numbers in normalised Arabic text: digits and number words.

Reports give casualty figures as digits in three scripts with two kinds of
thousands separator (2,500 / 2.500 / ٢٬٥٠٠), glued to prepositions (بـ150), or
as words that change with gender and case and combine (ثلاثة وعشرون، ثلاث
مئة، خمسة آلاف، عشرات الآلاف). This module finds each such figure and its
value; `marsad.arabic.numbers` adds qualifiers and ranges on top, and
`marsad.arabic.dates` reads durations (قبل ثلاثة أيام) with it. Words come from
`marsad/kb/data/number_words.tsv`. Offsets are in the normalised text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.arabic.alternation import alternation
from marsad.arabic.tokens import stems
from marsad.arabic.wordlists import int_field, load_rows

# A digit run with optional separators: 2500, 2,500, 2.500, 2.5, ٢٬٥٠٠ (normalised
# to 2٬500), 2٫5. A letter may precede it (a clitic: ب150). The run's first
# digit comes first and the look-behind after it (what precedes that digit may
# not be a digit or separator), so that `re` skips to digits at C speed.
_DIGITS = re.compile(r"[0-9](?<![0-9.,\u066b\u066c][0-9])[0-9]*(?:[.,\u066b\u066c][0-9]+)*(?![0-9])")
_LETTER = "\u0621-\u064a\u0671-\u06d3"  # Arabic letters (normalised text)
_GAP = re.compile(r"[ \t]*")  # words of one number sit on one line
_MIN_CLITIC_STEM = 4  # short number words (ست، عشر) hide in other words: لست


@dataclass(frozen=True)
class Cardinal:
    """A figure in normalised text: [start, end), its value, and whether it is
    a vague word (عشرات، مئات، آلاف، بضعة) rather than an exact count."""

    start: int
    end: int
    value: int | float
    vague: bool


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    kinds: dict[str, int]  # kind -> value ("digits" for a digit run)
    wa: bool  # written with the conjunction و (وعشرون)
    core: int  # start of the number itself, after any clitic (و، ب، ال)
    decimal: float | None = None


@cache
def _words() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in load_rows("number_words.tsv", ("form", "value", "kind")):
        out.setdefault(r["form"], {})[r["kind"]] = int_field("number_words.tsv", r, "value")
    return out


def _digit_value(run: str) -> tuple[int, float | None]:
    """Integer value of a digit run and, if it is a decimal, its float value.
    A separator followed by exactly three digits groups thousands (2.500);
    otherwise it is a decimal point (2.5 مليون)."""
    groups = re.split(r"[.,\u066b\u066c]", run)
    seps = re.findall(r"[.,\u066b\u066c]", run)
    if len(groups) > 1 and "\u066b" not in seps and all(len(g) == 3 for g in groups[1:]):
        return int("".join(groups)), None
    if len(groups) == 2:
        x = float(f"{groups[0]}.{groups[1]}")
        return int(x), x
    return int(groups[0]), None  # e.g. a version or phone number: keep the first part


_MAX_CLITIC = 3  # letters a number word may carry before it (وبال، لل)


@cache
def _number_words() -> re.Pattern[str]:
    """The words of a text that may read as a number word: a whole word that
    is up to three letters, then a form of number_words.tsv. Found by one
    regex pass instead of a dictionary look-up per word (the reading itself,
    `_word_reading`, then decides)."""
    forms = [f for f in _words() if re.fullmatch(f"[{_LETTER}]+", f)]
    return re.compile(f"(?<![{_LETTER}])[{_LETTER}]{{0,{_MAX_CLITIC}}}{alternation(forms)}(?![{_LETTER}])")


def _word_reading(token: str) -> tuple[dict[str, int], bool, int] | None:
    """(kinds, written with و, offset of the number's core in the token) when
    a clitic reading of the word is a number word, else None."""
    words = _words()
    for reading in stems(token):
        kinds = words.get(reading)
        if kinds is None:
            continue
        if "not_number" in kinds:
            return None
        prefix = token[: len(token) - len(reading)]
        if prefix and prefix not in ("و", "ال", "وال") and len(reading) < _MIN_CLITIC_STEM:
            return None
        # The span keeps the article (العشرات) but not و/ب/ل before it.
        article = 2 if prefix.endswith("ال") else 1 if prefix.endswith("لل") else 0
        return kinds, prefix.startswith("و"), len(prefix) - article
    return None


def _atoms(text: str) -> list[_Atom]:
    atoms = []
    for m in _DIGITS.finditer(text):
        value, dec = _digit_value(m.group())
        atoms.append(_Atom(m.start(), m.end(), {"digits": value}, wa=False, core=m.start(), decimal=dec))
    for m in _number_words().finditer(text):
        hit = _word_reading(m.group())
        if hit is not None:
            kinds, wa, core = hit
            atoms.append(_Atom(m.start(), m.end(), kinds, wa=wa, core=m.start() + core))
    return sorted(atoms, key=lambda a: a.start)


def _order(v: int) -> int:
    return len(str(v))


class _Builder:
    """Accumulates the atoms of one figure: `chunk` is the part below the
    last scale word (ثلاثة وعشرون in ثلاثة وعشرون ألفا), `total` the rest."""

    def __init__(self, atom: _Atom) -> None:
        self.start, self.end = atom.core, atom.end
        self.total = 0
        self.chunk: int | float = 0
        self.orders: set[int] = set()
        self.vague = False
        self.last = ""
        self.ok = self._first(atom)

    def _first(self, a: _Atom) -> bool:
        k = a.kinds
        if "digits" in k:
            self.chunk, self.last = (a.decimal if a.decimal is not None else k["digits"]), "digits"
        elif "vague" in k:
            self.chunk, self.vague, self.last = k["vague"], True, "vague"
        elif "scale_plural" in k:  # آلاف alone: "thousands"
            self.total, self.vague, self.last = k["scale_plural"], True, "scale"
        elif "scale_dual" in k:
            self.total, self.last = k["scale_dual"], "scale"
        elif "scale" in k:
            self.total, self.last = k["scale"], "scale"
        else:
            for kind in ("unit", "ten", "hundred", "hundreds", "teen_ten", "teen_unit"):
                if kind in k:
                    self.chunk, self.last = k[kind], kind
                    self.orders.add(_order(k[kind]))
                    return True
            return False
        return True

    def extend(self, a: _Atom) -> bool:
        """Take `a` into this figure if the grammar allows; False otherwise."""
        k, c = a.kinds, self.chunk
        if a.wa:
            for kind in ("unit", "ten", "hundred", "hundreds"):
                if kind in k and self.last not in ("digits", "vague") and _order(k[kind]) not in self.orders:
                    # ألف وخمسون، مئة وخمسون، ثلاثة وعشرون (units come before tens)
                    if self.last == "scale" or k[kind] < c or (c < 10 and kind == "ten"):
                        self.chunk += k[kind]
                        self.orders.add(_order(k[kind]))
                        return self._took(a, kind)
            return False
        if "teen_ten" in k and self.last in ("unit", "teen_unit") and 1 <= c <= 9:
            self.chunk = c + 10
            return self._took(a, "teen")
        if "hundred" in k and self.last == "unit" and 3 <= c <= 9:
            self.chunk = c * 100
            return self._took(a, "hundreds")
        if "hundred" in k and self.last == "vague" and c == 3:  # بضع مئة
            self.chunk = 300
            return self._took(a, "vague")
        if self.last != "scale" and c:
            for kind in ("scale_plural", "scale", "scale_dual"):
                if kind in k and (kind != "scale_plural" or self.last in ("vague", "digits") or 3 <= c <= 10):
                    if kind == "scale_dual":
                        return False
                    self.total += int(c * k[kind])
                    self.chunk, self.orders = 0, set()
                    return self._took(a, "scale")
        if "vague" in k and self.last == "vague" and k["vague"] > c:  # بضع عشرات، بضع مئات
            self.chunk = c * k["vague"]
            return self._took(a, "vague")
        return False

    def _took(self, a: _Atom, kind: str) -> bool:
        self.end, self.last = a.end, kind
        return True

    def result(self) -> Cardinal:
        value = self.total + self.chunk
        return Cardinal(self.start, self.end, int(value) if value == int(value) else value, self.vague)


def find_cardinals(text: str) -> list[Cardinal]:
    """Every figure in normalised `text`, in order, each as long as the
    grammar of Arabic numerals allows (ثلاثة وعشرون ألفا is one figure)."""
    out: list[Cardinal] = []
    atoms = _atoms(text)
    i = 0
    while i < len(atoms):
        b = _Builder(atoms[i])
        j = i + 1
        while b.ok and j < len(atoms) and _adjacent(text, b.end, atoms[j].start) and b.extend(atoms[j]):
            j += 1
        if b.ok and not (b.last == "teen_unit"):
            out.append(b.result())
        i = max(j, i + 1)
    return out


def _adjacent(text: str, end: int, start: int) -> bool:
    m = _GAP.match(text, end)
    return m is not None and m.end() == start
