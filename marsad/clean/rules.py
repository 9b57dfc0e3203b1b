"""The boilerplate table (`boilerplate.tsv`) and how one of its rows matches a line.

Each row names a phrase real Arabic news pages carry outside the article (the
masthead, the print button, a keyword list, a related-articles heading), how it
must appear on a line (`match`), how much it takes with it (`scope`), where it
may appear (`where`: `head` = only before the body starts), and the longest line
it may take (`max_words`), so that a body sentence that happens to begin with the
same words is never taken.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.clean.lines import Line, key
from marsad.tsv import TableError, read_table

TABLE = Path(__file__).with_name("boilerplate.tsv")
MATCHES = ("line", "label", "prefix", "contains", "regex")
SCOPES = ("line", "next", "block")
WHERES = ("head", "any")
_FIRST_WORD_CHARS = 40
# What may follow a label: "المصدر: الحرة", "للمزيد - ...".
_LABEL_SEP = re.compile(r"\s*[:：\-–—]\s*")


@dataclass(frozen=True)
class Rule:
    kind: str
    match: str
    phrase: str
    scope: str
    head_only: bool
    max_words: int
    phrase_key: str
    phrase_norm: str
    pattern: re.Pattern[str] | None

    def value(self, line: Line) -> str | None:
        """What a matching line says beside the phrase ("الحرة" for "المصدر:
        الحرة"), None when the line is the phrase alone or is not a label."""
        if self.match != "label" or not line.norm.startswith(self.phrase_norm):
            return None
        rest = line.norm[len(self.phrase_norm):]
        m = _LABEL_SEP.match(rest)
        if not m:
            return None
        tail = len(rest) - m.end()
        return _original_tail(line.text, tail) if tail else None

    def matches(self, line: Line, in_head: bool) -> bool:
        if line.blank or line.n_words > self.max_words or (self.head_only and not in_head):
            return False
        k = line.key
        if self.match == "line":
            return k == self.phrase_key
        if self.match == "prefix":
            return k == self.phrase_key or k.startswith(self.phrase_key + " ")
        if self.match == "contains":
            return self.phrase_key in k
        if self.match == "regex":
            return bool(self.pattern and self.pattern.fullmatch(k))
        # label: the phrase alone, or the phrase then ':' / '-' and a value
        if k == self.phrase_key:
            return True
        return line.norm.startswith(self.phrase_norm) and bool(
            _LABEL_SEP.match(line.norm[len(self.phrase_norm):]))


def _original_tail(text: str, tail: int) -> str | None:
    """The last `tail` normalised characters of `text`, as written in `text`."""
    count = 0
    for i in range(len(text) - 1, -1, -1):
        if norm(text[i]):
            count += 1
            if count == tail:
                return text[i:].strip() or None
    return text.strip() or None


@cache
def load_rules(path: Path = TABLE) -> tuple[Rule, ...]:
    """The rows of the boilerplate table, checked, in file order (first match wins)."""
    rules: list[Rule] = []
    for row in read_table(path, ("kind", "match", "phrase", "scope", "where", "max_words")):
        if (row["match"] not in MATCHES or row["scope"] not in SCOPES
                or row["where"] not in WHERES):
            raise TableError(f"{row['_where']}: bad match, scope or where: "
                             f"{row['match']!r}, {row['scope']!r}, {row['where']!r}")
        phrase = row["phrase"]
        rules.append(Rule(
            kind=row["kind"], match=row["match"], phrase=phrase, scope=row["scope"],
            head_only=row["where"] == "head", max_words=int(row["max_words"]),
            phrase_key=key(phrase), phrase_norm=norm(phrase).strip(),
            pattern=re.compile(phrase) if row["match"] == "regex" else None,
        ))
    return tuple(rules)


class RuleSet:
    """The rules indexed by what a line must begin with or be, so that a line
    is checked against a handful of rules, not all of them (this runs on every
    short line of a 31,000-article corpus)."""

    def __init__(self, rules: tuple[Rule, ...]):
        self.rules = rules
        self.max_words = max((r.max_words for r in rules), default=0)
        self._by_first_word: dict[str, list[Rule]] = {}
        self._anywhere: list[Rule] = []
        self._pos = {id(r): i for i, r in enumerate(rules)}
        for r in rules:
            if r.match in ("line", "prefix", "label") and r.phrase_key:
                self._by_first_word.setdefault(r.phrase_key.split()[0], []).append(r)
            else:
                self._anywhere.append(r)

    def match(self, line: Line, in_head: bool) -> Rule | None:
        """The first rule (in file order) that takes `line`, if any."""
        if line.blank or line.n_words > self.max_words:
            return None
        # The first word from a short prefix: most lines are story text, and
        # their whole key is never needed.
        first = (key(line.text[:_FIRST_WORD_CHARS]).split(" ", 1) or [""])[0]
        candidates = [r for r in self._by_first_word.get(first, []) + self._anywhere
                      if line.n_words <= r.max_words]
        for rule in sorted(candidates, key=lambda r: self._pos[id(r)]):
            if rule.matches(line, in_head):
                return rule
        return None


@cache
def default_rules() -> RuleSet:
    return RuleSet(load_rules())
