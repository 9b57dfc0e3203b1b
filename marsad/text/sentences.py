"""Sentences and clauses of a document's clean text, as character spans.

An event is read from one clause and its arguments are looked for first in
that clause, then in its sentence: "A blast in X killed 6, and mortar fire on
Y killed 18" is two incidents in one sentence, split at the comma + "and".
Arabic news runs long sentences joined by commas, so clauses end at commas,
semicolons and the contrastive joiners (فيما، بينما، في حين) as well.
"""
from __future__ import annotations

import re
from typing import NamedTuple

# Sentence ends: . ! ? ؟ (not inside a number such as 1107.6 or 13.30) and
# line breaks (headlines and captions carry no full stop). Each pattern opens
# with the character class of its ends and checks what precedes the end with a
# look-behind after it, so that `re` skips to candidates at C speed (ten times
# faster than opening with the look-behind). The same matches as:
# (?<![\d.(])[.!?؟](?![\d.)]) | (?<![.(])\.(?=\s) | \n+
_SENTENCE_END = re.compile(r"[.!?؟\n](?:(?<=[.!?؟])(?<![\d.(].)(?![\d.)])|(?<=\.)(?<![.(]\.)(?=\s)|(?<=\n)\n*)")
# [،,;؛:](?!\d) | \s(?=(?:فيما|بينما|في حين|...)\s)
_CLAUSE_END = re.compile(r"[،,;؛:\s](?:(?<=[،,;؛:])(?!\d)"
                         r"|(?<=\s)(?=(?:فيما|بينما|في حين|وفيما|وبينما|ردا|رداً|انتقاما|انتقاماً)\s))")


class Clause(NamedTuple):
    start: int
    end: int


class Sentence(NamedTuple):
    index: int
    start: int
    end: int
    paragraph: int
    clauses: tuple[Clause, ...]


def split(text: str) -> list[Sentence]:
    """Sentences of `text` (spans trimmed of blanks), each with its clauses."""
    out: list[Sentence] = []
    paragraph = 0
    pos = 0
    for m in _SENTENCE_END.finditer(text + "\n"):
        start, end = _trim(text, pos, min(m.end(), len(text)))
        if end > start:
            out.append(Sentence(len(out), start, end, paragraph, tuple(_clauses(text, start, end))))
        if "\n" in m.group():
            paragraph += 1
        pos = m.end()
    return out


def _clauses(text: str, start: int, end: int) -> list[Clause]:
    out: list[Clause] = []
    pos = start
    for m in _CLAUSE_END.finditer(text, start, end):
        s, e = _trim(text, pos, m.end())
        if e > s:
            out.append(Clause(s, e))
        pos = m.end()
    s, e = _trim(text, pos, end)
    if e > s:
        out.append(Clause(s, e))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
