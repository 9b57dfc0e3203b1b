"""The event-rule tables of `marsad/kb/data/` compiled into matchers.

Triggers, responsibility cues, non-event cues, casualty words and victim nouns
are tables a reviewer edits (triggers.tsv, responsibility.tsv, events_*.tsv);
this module turns each into a matcher over the tokens of normalised text.

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
from functools import cache, lru_cache
from itertools import compress

from marsad.arabic.alternation import alternation
from marsad.arabic.normalize import norm
from marsad.kb.tables import KbDataError, read_tsv

# Proclitic chains a word may carry: conjunction? + (preposition? + article | لل | preposition)?
_PROCLITICS: tuple[str, ...] = tuple(sorted({
    c + p for c in ("", "و", "ف")
    for p in ("", "ب", "ك", "ل", "ال", "بال", "كال", "لل")}, key=len))
_PROCLITIC_SET = frozenset(_PROCLITICS)
_LONGEST_PROCLITIC = max(map(len, _PROCLITICS))
_VERB_PROCLITICS = ("", "و", "ف")
_MEMO_MAX = 200_000
_SEPARATOR = re.compile(r"[\s\"'«»“”]*")


@dataclass(frozen=True)
class Phrase:
    """One row of a table, with the columns the caller needs."""

    phrase: str
    row: dict[str, str]


@dataclass(frozen=True)
class _Word:
    core: str
    open_end: bool     # `*`: longer words match too
    clitics: tuple[str, ...]

    def matches(self, token: str) -> bool:
        for p in self.clitics:
            if token.startswith(p) and len(token) > len(p):
                rest = token[len(p):]
                if rest == self.core or (self.open_end and rest.startswith(self.core)):
                    return True
        return False


class PhraseTable:
    """All phrases of one table, matched on the tokens of normalised text.

    `scan` finds every non-overlapping match, at each token the phrase with
    the most words (then the longest) first; a first-word index keeps it to
    a few dictionary lookups per token."""

    def __init__(self, rows: list[dict[str, str]], column: str = "phrase"):
        self.rows: list[Phrase] = []
        self._words: list[tuple[_Word, ...]] = []
        self._raw: list[tuple[str, int]] = []  # non-word phrases such as "%"
        self._exact: dict[str, list[int]] = {}
        self._open: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            self.rows.append(Phrase(row[column], row))
            words = tuple(_word(w) for w in norm(row[column]).split() if w)
            self._words.append(words)
            if not words or not words[0].core.isalnum():
                self._raw.append((norm(row[column]).strip(), i))
                continue
            first = words[0]
            (self._open if first.open_end else self._exact).setdefault(first.core, []).append(i)
        self._order = {i: (-len(w), -len(self.rows[i].phrase)) for i, w in enumerate(self._words)}
        self._open_lengths = sorted({len(c) for c in self._open})
        # Does some clitic reading of a token begin a phrase? One regex match
        # answers for the many words that begin none (`_candidates` is then
        # spared its look-ups); the same readings as `_rests`.
        firsts = ([alternation(self._exact) + r"\Z"] if self._exact else []) + \
            ([alternation(self._open)] if self._open else [])
        self._may_start = re.compile(f"{alternation(_PROCLITICS)}(?:{'|'.join(firsts) or '(?!)'})")
        self._memo: dict[str, tuple[int, ...]] = {}  # token -> candidate rows (words repeat a lot)

    def candidates(self, words: list[str]) -> list[tuple[int, ...]]:
        """The rows whose phrase may begin at each word (most words: none, ())."""
        cands_at = list(map(self._memo.get, words))
        if None in cands_at:
            cands_at = [self._candidates(w) if c is None else c for c, w in zip(cands_at, words)]
        return cands_at

    def scan(self, text: str, toks: list[tuple[int, int, str]],
             cands_at: list[tuple[int, ...]] | None = None) -> list[tuple[int, int, Phrase]]:
        """(start, end, Phrase) in normalised-text offsets, in text order
        (`cands_at`: `candidates` of the tokens' words, when already known)."""
        out: list[tuple[int, int, Phrase]] = []
        if cands_at is None:
            cands_at = self.candidates([t[2] for t in toks])
        order = self._order
        after = 0  # the token after the last match (matches do not overlap)
        for i in compress(range(len(toks)), cands_at):
            if i < after:
                continue
            best: tuple[tuple[int, int], int, int] | None = None
            for k in cands_at[i]:
                n = self._match(k, text, toks, i)
                if n and (best is None or order[k] < best[0]):
                    best = (order[k], k, n)
            if best:
                _, k, n = best
                out.append((toks[i][0], toks[i + n - 1][1], self.rows[k]))
                after = i + n
        lo, hi = (toks[0][0], toks[-1][1]) if toks else (0, 0)
        for raw, k in self._raw:  # "%" and the like, inside the scanned tokens' stretch
            pos = text.find(raw, lo, hi + len(raw))
            while raw and pos >= 0:
                out.append((pos, pos + len(raw), self.rows[k]))
                pos = text.find(raw, pos + 1, hi + len(raw))
        out.sort(key=lambda m: m[0])
        return out

    def _candidates(self, token: str) -> tuple[int, ...]:
        hit = self._memo.get(token)
        if hit is not None:
            return hit
        if len(self._memo) > _MEMO_MAX:
            self._memo.clear()
        if not self._may_start.match(token):
            self._memo[token] = ()
            return ()
        out: list[int] = []
        for rest in _rests(token):
            out += self._exact.get(rest, ())
            for k in self._open_lengths:
                if k > len(rest):
                    break
                out += self._open.get(rest[:k], ())
        hit = self._memo[token] = tuple(dict.fromkeys(out))
        return hit

    def _match(self, k: int, text: str, toks, i: int) -> int:
        words = self._words[k]
        if i + len(words) > len(toks):
            return 0
        for j, w in enumerate(words):
            tok = toks[i + j]
            if not w.matches(tok[2]):
                return 0
            if j and _SEPARATOR.fullmatch(text, toks[i + j - 1][1], tok[0]) is None:
                return 0
        return len(words)


@lru_cache(maxsize=_MEMO_MAX)
def _rests(token: str) -> tuple[str, ...]:
    """The token with each proclitic chain it may carry taken off, shortest
    chain first (one chain per length can begin a token)."""
    return tuple(token[k:] for k in range(min(_LONGEST_PROCLITIC, len(token) - 1) + 1)
                 if token[:k] in _PROCLITIC_SET)


def _word(w: str) -> _Word:
    clitics = ("",) if w.startswith("=") else _VERB_PROCLITICS if w.startswith("~") else _PROCLITICS
    w = w.lstrip("=~")
    return _Word(w.rstrip("*"), w.endswith("*"), clitics)


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


@dataclass(frozen=True)
class EventWords:
    """The single words the event rules read by what they do in a sentence
    (events_words.tsv, normalised)."""

    anaphors: dict[str, str]       # التنظيم -> the actor type it refers back to
    target_cues: frozenset[str]    # على، ضد: what an attack hits follows
    target_heads: frozenset[str]   # before an actor: it is the target
    partner_heads: frozenset[str]  # before an actor: it is the other side
    belonging: frozenset[str]      # تابعة ل...: not the named side
    breakdown: frozenset[str]      # بينهم: a toll broken down
    others: frozenset[str]         # آخرين: a second group of one toll
    skip: frozenset[str]           # between a casualty word and its figure
    age_prefixes: tuple[str, ...]  # the text after a figure begins with one: an age
    age_words: tuple[str, ...]     # ... or with one and a space


_WORD_USES = ("anaphor", "target_cue", "target_head", "partner_head", "belonging", "breakdown", "others",
              "skip", "age_prefix", "age_word")


@cache
def words() -> EventWords:
    by_use: dict[str, list[tuple[str, str]]] = {u: [] for u in _WORD_USES}
    for r in _rows("events_words.tsv", ("word", "use")):
        if r["use"] not in by_use:
            raise KbDataError(f"{r['_where']}: use must be one of {', '.join(_WORD_USES)}, not {r['use']!r}")
        by_use[r["use"]].append((norm(r["word"]), r.get("value", "")))

    def listed(use: str) -> frozenset[str]:
        return frozenset(w for w, _v in by_use[use])

    return EventWords(dict(by_use["anaphor"]), listed("target_cue"), listed("target_head"), listed("partner_head"),
                      listed("belonging"), listed("breakdown"), listed("others"), listed("skip"),
                      tuple(w for w, _v in by_use["age_prefix"]), tuple(w + " " for w, _v in by_use["age_word"]))


@cache
def toll_limits() -> dict[str, int]:
    """Casualty kind -> the largest figure one incident is taken to report;
    above it a figure is a war, national or campaign total
    (events_toll_limits.tsv)."""
    return {r["kind"]: int(r["max"]) for r in _rows("events_toll_limits.tsv", ("kind", "max"))}


@cache
def victims() -> dict[str, tuple[int, str]]:
    """Normalised victim noun (or `stem*`) -> (count it implies, class)."""
    return {norm(r["form"]): (int(r["number"]), r["class"])
            for r in _rows("events_victims.tsv", ("form", "number", "class"))}


@cache
def air_cues() -> PhraseTable:
    return PhraseTable(_rows("events_air_cues.tsv", ("phrase",)))


@cache
def security_context() -> PhraseTable:
    return PhraseTable(_rows("events_security_context.tsv", ("phrase",)))


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
