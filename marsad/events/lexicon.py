"""The event-rule tables of `marsad/kb/data/` compiled into matchers.

Triggers, responsibility cues, non-event cues, casualty words and victim nouns
are tables a reviewer edits (triggers.tsv, responsibility.tsv, events_*.tsv);
this module turns each into one regular expression over normalised text.

Phrase syntax (written in ordinary or normalised spelling):
- words separated by spaces; each word may carry the proclitics Arabic writes
  onto it (و، ف، ب، ل، ك and the article), so `هجوم` also finds وبالهجوم;
- a word ending in `*` also matches longer words (`اشتباك*` → اشتباكات);
- a word starting with `=` takes no proclitic (`=قد` must not match لقد);
- a word starting with `~` is a verb: only و or ف may precede it (`~قتل`
  finds وقتل but not القتل, the abstract noun).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.arabic.normalize import norm
from marsad.kb.tables import read_tsv

_LETTER = "\u0621-\u064a\u0671-\u06d3a-z0-9"
# conjunction? + (preposition? + article | لل | preposition)?
_PROCLITIC = "(?:[وف]?(?:[بك]?ال|لل|[بلك])?)"


@dataclass(frozen=True)
class Phrase:
    """One row of a table, with the columns the caller needs."""

    phrase: str
    row: dict[str, str]


class PhraseTable:
    """All phrases of one table as a single regex; `find` yields every
    non-overlapping match, longest phrase first at each position."""

    def __init__(self, rows: list[dict[str, str]], column: str = "phrase"):
        self.rows: list[Phrase] = []
        parts: list[tuple[int, int, str]] = []
        for i, row in enumerate(rows):
            phrase = row[column]
            self.rows.append(Phrase(phrase, row))
            words = [w for w in norm(phrase).split() if w]
            parts.append((len(words), len(phrase), f"(?P<p{i}>{_words_regex(words)})"))
        parts.sort(key=lambda p: (-p[0], -p[1]))
        body = "|".join(p[2] for p in parts) or "(?!)"
        self.regex = re.compile(rf"(?<![{_LETTER}])(?:{body})")

    def find(self, text: str, start: int = 0, end: int | None = None):
        """(start, end, Phrase) of each match in `text[start:end]` (normalised)."""
        end = len(text) if end is None else end
        for m in self.regex.finditer(text, start, end):
            yield m.start(), m.end(), self.rows[int(m.lastgroup[1:])]


def _words_regex(words: list[str]) -> str:
    out = []
    for w in words:
        clitics = "" if w.startswith("=") else "[وف]?" if w.startswith("~") else _PROCLITIC
        w = w.lstrip("=~")
        open_end = w.endswith("*")
        w = w.rstrip("*")
        if w == "%":
            out.append("%")
            continue
        core = re.escape(w) + (f"[{_LETTER}]*" if open_end else f"(?![{_LETTER}])")
        out.append(clitics + core)
    return r"[\s\"'«»“”]+".join(out)


def _rows(name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    return read_tsv(name, required)


@cache
def triggers() -> PhraseTable:
    return PhraseTable(_rows("triggers.tsv", ("phrase", "event_type", "sub_event_type",
                                              "variant", "rank", "strength")))


@cache
def responsibility_cues() -> PhraseTable:
    return PhraseTable(_rows("responsibility.tsv", ("phrase", "class", "actor_side")))


@cache
def nonevent_cues() -> PhraseTable:
    return PhraseTable(_rows("events_nonevent_cues.tsv", ("phrase", "kind")))


@cache
def casualty_words() -> PhraseTable:
    return PhraseTable(_rows("events_casualty_words.tsv", ("phrase", "kind", "number_side")))


@cache
def victims() -> dict[str, tuple[int, str]]:
    """Normalised victim noun (or `stem*`) -> (count it implies, class)."""
    return {norm(r["form"]): (int(r["number"]), r["class"])
            for r in _rows("events_victims.tsv", ("form", "number", "class"))}


@cache
def air_cues() -> PhraseTable:
    return PhraseTable(_rows("events_air_cues.tsv", ("phrase",)))


@cache
def date_anaphora() -> PhraseTable:
    return PhraseTable(_rows("events_date_anaphora.tsv", ("phrase", "precision")))


def victim_of(token: str) -> tuple[int, str] | None:
    """(count, class) when the normalised token (clitics allowed) is a victim
    noun: جنديا → (1, military), مدنيين → (0, civilians)."""
    table = victims()
    for cand in _strip(token):
        if cand in table:
            return table[cand]
        for form, val in table.items():
            if form.endswith("*") and cand.startswith(form[:-1]):
                return val
    return None


def _strip(token: str) -> list[str]:
    out = [token]
    for p in ("وال", "بال", "لل", "ال", "و", "ب", "ل"):
        if token.startswith(p) and len(token) - len(p) >= 3:
            out.append(token[len(p):])
    return out
