"""Figures that are not events: statistics kept with their scope and source.

"N% of the civilian casualties recorded in the first half of the year" or
"more than N attacks in the country" describe many incidents at once; the
contract says not to code them as events, but analysts want them, so they
are kept as figures: the number (low, high, qualifier), the unit, the scope
(from the number to the end of its clause, which says what it counts), and
the statement that gave it, if the number stands in one. Percentages are
always figures; counts only when followed by an aggregate noun
(figure_nouns.tsv) and outside every event's evidence.
"""
from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.text import TextLayer
from marsad.mentions.matcher import readings
from marsad.model import Event, Mention, Span
from marsad.statements.records import Figure, Statement
from marsad.tsv import read_table

_DATA = Path(__file__).resolve().parent / "data" / "figure_nouns.tsv"


@lru_cache(maxsize=1)
def _nouns() -> dict[str, str]:
    return {norm(r["noun"]): r["counts"] for r in read_table(_DATA, ("noun", "counts"))}


def find_figures(text: str | TextLayer, mentions: list[Mention], statements: list[Statement],
                 events: list[Event], published: str | None = None) -> list[Figure]:
    """The statistics of a document's clean `text` (or its layer; see the
    module docstring)."""
    layer = TextLayer.of(text)
    text, sentences = layer.text, layer.sentences
    starts = [s.start for s in sentences]
    contents = sorted((st.content.start, i) for i, st in enumerate(statements))
    longest = max((st.content.end - st.content.start for st in statements), default=0)
    evidence = [(s.start, s.end) for ev in events for s in ev.evidence]
    out: list[Figure] = []
    numbers = sorted((m for m in mentions if m.kind == "number"), key=lambda m: m.start)
    for i, m in enumerate(numbers):
        unit = _unit(text, m)
        if unit is None or (unit != "percent" and any(a <= m.start < b for a, b in evidence)):
            continue
        at = bisect.bisect_right(starts, m.start) - 1
        sentence = sentences[at] if at >= 0 and m.start < sentences[at].end else None
        if sentence is None:
            continue
        clause = next((c for c in sentence.clauses if c.start <= m.start < c.end), sentence)
        st = _statement_at(m.start, contents, statements, longest)
        end = clause.end
        if i + 1 < len(numbers) and numbers[i + 1].start < end:  # 39% ... و9% ...: one scope each
            end = len(text[:numbers[i + 1].start].rstrip(" و"))
        end = m.start + len(text[m.start:end].rstrip(" ،,.؛;"))
        scope = Span(m.start, end, text[m.start:end])
        out.append(Figure(len(out), m.value.get("low"), m.value.get("high"), unit, m.value.get("qualifier"),
                          scope, Span(sentence.start, sentence.end, text[sentence.start:sentence.end]),
                          speaker=st.speaker if st else None, statement_index=st.index if st else None,
                          date=st.date if st else published))
    return out


def _statement_at(at: int, contents: list[tuple[int, int]], statements: list[Statement],
                  longest: int) -> Statement | None:
    """The first statement (in reading order) whose content holds offset
    `at`: only contents that start at most `longest` characters before it can."""
    lo = bisect.bisect_left(contents, (at - longest, -1))
    hi = bisect.bisect_right(contents, (at, len(statements)))
    held = [i for start, i in contents[lo:hi] if at < statements[i].content.end]
    return statements[min(held)] if held else None


def _unit(text: str, m: Mention) -> str | None:
    if m.value.get("unit") == "percent":
        return "percent"
    following = text[m.end:m.end + 30].split()
    if following:
        for r in readings(norm(following[0])):
            if r in _nouns():
                return _nouns()[r]
    return None
