"""Figures in Arabic news text, with their qualifiers, as `Mention`s.

Casualty counts come hedged (أكثر من 50، ما لا يقل عن 84، نحو 20، 133 على
الأقل), as ranges (بين 10 و15) and as vague words (عشرات = 10, مئات = 100, as
the gold rules code them). Days, years and clock times look like figures but
are not counts, so spans that `marsad.arabic.dates` reads as dates, and clock
times, are left out; percentages are kept but marked with unit "percent" so
that callers skip them. Qualifier phrases live in
`marsad/kb/data/quantity_qualifiers.tsv`, number words in number_words.tsv.
"""
from __future__ import annotations

import bisect
import re
from functools import cache
from itertools import accumulate

from marsad.arabic.cardinals import Cardinal, find_cardinals
from marsad.arabic.dates import RawDate, date_spans, text_span
from marsad.arabic.normalize import Normalized, normalize
from marsad.arabic.wordlists import load_rows
from marsad.model import Mention

_L = r"\u0621-\u064a\u0671-\u06d3a-z"
# 2015م / 1436هـ (era letter) or 2015/2016 and 2015-2016 (a span of years).
_ERA = re.compile(rf"\s*(?:م|ه)(?![{_L}])")
_YEAR_AFTER = re.compile(r"[/-](?:19|20)[0-9]{2}(?![0-9])")
_YEAR_BEFORE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}\s*(?:[/-]|و|او|الي|حتي)\s*$")
# (?<![0-9])[0-9]{1,2}:[0-9]{2}(?![0-9]), written digit first so that `re`
# skips to digits at C speed: 02:51 is always a time.
_CLOCK = re.compile(r"[0-9](?<![0-9][0-9])[0-9]?:[0-9]{2}(?![0-9])")
_CLOCK_LIKE = re.compile(r"[0-9](?<![0-9][0-9])[0-9]?[.,][0-9]{2}(?![0-9])")  # 08،00 تغ, only before a time word

@cache
def _qualifiers() -> dict[str, dict[str, str]]:
    """position -> normalised phrase -> qualifier."""
    out: dict[str, dict[str, str]] = {}
    for r in load_rows("quantity_qualifiers.tsv", ("form", "position", "qualifier")):
        out.setdefault(r["position"], {})[r["form"]] = r["qualifier"]
    return out


@cache
def _regex(position: str, anchored_end: bool) -> re.Pattern[str]:
    forms = sorted(_qualifiers()[position], key=len, reverse=True)
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    if anchored_end:  # a phrase just before the figure
        return re.compile(rf"(?:(?<![{_L}])|(?<=[وف]))({alt})\s*$")
    # After the figure; "after" qualifiers may follow the counted noun
    # (133 شخصا على الأقل), percent signs may not.
    noun = rf"(?:[{_L}]+\s+){{0,2}}?" if position == "after" else ""
    return re.compile(rf"^\s*{noun}({alt})(?![{_L}])")


def _phrase(position: str, text: str, before: bool) -> tuple[str, str] | None:
    """(phrase, qualifier) of a `position` phrase ending at / starting at the
    edge of `text`."""
    m = _regex(position, before).search(text)
    if not m:
        return None
    qualifier = _qualifiers()[position][re.sub(r"\s+", " ", m.group(1))]
    if qualifier == "percent" and m.start(1) != len(text) - len(text.lstrip()):
        return None
    return m.group(0), qualifier


class _Spans:
    """Spans that may overlap, asked "does any overlap [start, end)?" with a
    bisect: sorted starts and the running largest end (a long document has
    thousands of dates and figures, and a scan per figure is quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _e in spans]
        self.reach = list(accumulate((e for _s, e in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # the spans that start before `end`
        return i > 0 and self.reach[i - 1] > start


def _excluded(nt: str, c: Cardinal, spans: _Spans) -> bool:
    if spans.overlaps(c.start, c.end):
        return True
    before = nt[max(0, c.start - 12):c.start]
    if c.end - c.start == 4 and _ERA.match(nt, c.end):  # 2015م، 1436هـ
        return True
    if isinstance(c.value, int) and 1900 <= c.value <= 2100 and c.end - c.start == 4:
        if (_phrase("year_lead", before, before=True) or _YEAR_AFTER.match(nt, c.end)
                or _YEAR_BEFORE.search(before)):
            return True
    return _phrase("time_lead", before, before=True) is not None


def _range_with(nt: str, c: Cardinal, nxt: Cardinal | None) -> str | None:
    """If `c` and `nxt` form a range (10 إلى 15، بين 10 و15، ثلاثة أو أربعة),
    the opener phrase before `c` ('' if none); else None. "و" joins a range
    only after an opener (بين), since "قتل 5 وأصيب 10" is two counts."""
    if nxt is None or not nxt.value > c.value:
        return None
    gap = nt[c.end:nxt.start]
    sep = _phrase("range_sep", gap + "\u0001", before=False)
    if not sep or gap.strip() != sep[0].strip():
        return None
    opener = _phrase("range_open", nt[max(0, c.start - 12):c.start], before=True)
    if sep[1] == "range":
        return opener[0] if opener else ""
    return opener[0] if opener else None


def find_numbers(text: str, nz: Normalized | None = None,
                 dates: tuple[RawDate, ...] | None = None) -> list[Mention]:
    """Figures in `text` as `number` mentions, in text order.

    value = {"low": int | None, "high": int | None, "qualifier": str | None,
    "vague": bool} plus "unit": "percent" for percentages. `low` is the
    conservative figure (أكثر من 50 → 50); `high` is set for ranges
    (بين 10 و15 → 10/15) and upper bounds (أقل من 10 → low None, high 10).
    Qualifiers: more_than, at_least, approx, less_than, range. `nz` and
    `dates` are `normalize(text)` and its date expressions, when already read
    (`marsad.text.TextLayer`).
    """
    nz = nz or normalize(text)
    nt = nz.text
    spans = date_spans(nt, dates) + [(m.start(), m.end()) for m in _CLOCK.finditer(nt)]
    spans += [(m.start(), m.end()) for m in _CLOCK_LIKE.finditer(nt)
              if _phrase("time_after", nt[m.end():m.end() + 12], before=False)]
    taken = _Spans(spans)
    cards = [c for c in find_cardinals(nt) if not _excluded(nt, c, taken)]
    out: list[Mention] = []
    i = 0
    while i < len(cards):
        c = cards[i]
        start, end = c.start, c.end
        low: int | None = int(c.value)
        high: int | None = None
        qualifier: str | None = None
        vague = c.vague
        opener = _range_with(nt, c, cards[i + 1] if i + 1 < len(cards) else None)
        if opener is not None:
            nxt = cards[i + 1]
            high, qualifier, end, vague = int(nxt.value), "range", nxt.end, vague or nxt.vague
            start -= len(opener)
            i += 1
        if qualifier is None:
            pre = _phrase("before", nt[max(0, start - 20):start], before=True)
            if pre:
                qualifier = pre[1]
                start -= len(pre[0])
                if qualifier == "less_than":
                    low, high = None, low
        value: dict = {"low": low, "high": high, "qualifier": qualifier, "vague": vague}
        post = _phrase("after", nt[end:end + 40], before=False)
        if post:
            if post[1] == "percent":
                value["unit"] = "percent"
            elif qualifier is None:
                value["qualifier"] = post[1]
            end += len(post[0])
        s, e = text_span(nz, text, start, end)
        out.append(Mention("number", s, e, text[s:e], value, found_by="rule"))
        i += 1
        while i < len(cards) and cards[i].start < end:  # inside this expression (في المئة)
            i += 1
    return out
