"""Dates in Arabic news text, resolved against the publication date.

Conflict reports date events relative to the day the article appeared (أمس،
الخميس الماضي، الشهر الماضي) as often as absolutely (8 مايو (أيار) الماضي،
07/نوفمبر/2021), and outlets name months in three systems (يناير، كانون
الثاني، جانفي) and sometimes two at once (أيلول/سبتمبر). The event extractor
needs one day, week, month or year per event, so every mention carries the
first day of its period and a precision (1 day, 2 week, 3 month, 4 year, as in
ACLED). Month, weekday and relative words come from `marsad/kb/data/`
(months.tsv, weekdays.tsv, date_words.tsv); matching runs on normalised text
and spans are mapped back to the caller's text.
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from marsad.arabic.alternation import alternation
from marsad.arabic.cardinals import find_cardinals
from marsad.arabic.normalize import Normalized, normalize, normalize_char
from marsad.arabic.wordlists import int_field, load_rows
from marsad.model import Mention, iso_day

_L = r"\u0621-\u064a\u0671-\u06d3a-z"
_NA = rf"(?![{_L}])"  # no letter after
# Start of a word, allowing proclitics before it (وأمس، وفي، بالأمس); the
# expression itself is the `core` group. Anchoring on \b keeps the scan fast.
_START = r"\b[وف]?[بل]?(?P<core>"
_HEADER_WINDOW = 600  # datelines sit above or just below the title
_YEARS = (1900, 2100)

DAY, WEEK, MONTH, YEAR = 1, 2, 3, 4


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, tuple[int, str]]  # form -> (month, calendar)
    weekdays: dict[str, int]  # form -> Python weekday
    words: dict[str, dict[str, int]]  # role -> form -> value
    month: str  # regex alternations (normalised forms, longest first)
    weekday: str

    def alt(self, role: str) -> str:
        return alternation(self.words[role])


@cache
def _lexicon() -> _Lexicon:
    months = {r["form"]: (int_field("months.tsv", r, "month"), r["calendar"])
              for r in load_rows("months.tsv", ("form", "month", "calendar"))}
    weekdays = {r["form"]: int_field("weekdays.tsv", r, "weekday")
                for r in load_rows("weekdays.tsv", ("form", "weekday"))}
    words: dict[str, dict[str, int]] = {}
    for r in load_rows("date_words.tsv", ("form", "role", "value")):
        words.setdefault(r["role"], {})[r["form"]] = int_field("date_words.tsv", r, "value")
    return _Lexicon(months, weekdays, words, alternation(months), alternation(weekdays))


def _key(form: str) -> str:
    return re.sub(r"\s+", " ", form)


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- Hijri
# The tabular (arithmetical) Islamic calendar: within a day or two of the Umm
# al-Qura calendar that Saudi outlets print, which is close enough for dating
# an event when an article gives only a Hijri date.
_HIJRI_EPOCH = 1948439  # Julian day number before 1 Muharram 1 AH
_ORDINAL_TO_JDN = 1721425


def _hijri_to_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12 and 1 <= d <= 30):
        return None
    jdn = d + math.ceil(29.5 * (m - 1)) + (y - 1) * 354 + (3 + 11 * y) // 30 + _HIJRI_EPOCH
    try:
        return date.fromordinal(jdn - _ORDINAL_TO_JDN)
    except ValueError:
        return None


def _hijri_year_of(day: date) -> int:
    y = (day.toordinal() + _ORDINAL_TO_JDN - _HIJRI_EPOCH) * 30 // 10631 + 1
    while (start := _hijri_to_date(y, 1, 1)) and start > day:
        y -= 1
    return y


# --------------------------------------------------------------- patterns
@dataclass(frozen=True)
class RawDate:
    """A matched date expression before resolution (normalised offsets)."""

    kind: str
    start: int
    end: int
    groups: dict[str, str | None]


_DAY_FIRST = ("iso", "dmy", "day_month", "day_this_month")


def _compile(body: str) -> re.Pattern[str]:
    return re.compile(_START + body + ")")


@cache
def _prefix() -> re.Pattern[str]:
    """What may precede a day figure inside one date expression, matched
    against the text just before the figure: في، (صباح) (يوم) الإثنين (الموافق)، يوم."""
    x = _lexicon()
    word_start = rf"(?:(?<![{_L}])|(?<=(?<![{_L}])[وفبل])|(?<=(?<![{_L}])[وف][بل]))"
    weekday = (rf"(?:{x.alt('time_of_day')}\s+)?(?:يوم\s+)?{x.weekday}{_NA}\s*,?\s*"
               rf"(?:{x.alt('equals')}\s+)?")
    return re.compile(rf"{word_start}(?:{x.alt('date_prep')}\s+)?(?:{weekday}|يوم\s+)?$")


def _day_first_start(nt: str, m: re.Match[str]) -> int | None:
    """Start of a day-first expression with its prefix, or None when the
    figure is glued to a longer number or word (12015-07-21، 10:30/2015)."""
    s = m.start()
    before = nt[s - 1] if s else " "
    if before.isdigit() or before in ":/." or (re.match(rf"[{_L}]", before) and not _clitic_before(nt, s)):
        return None
    window = max(0, s - 60)
    p = _prefix().search(nt, window, s)
    return p.start() if p and p.end() == s else s


def _clitic_before(nt: str, s: int) -> bool:
    """True if the letters glued before position `s` are one or two proclitics."""
    m = re.search(rf"(?<![{_L}])[{_L}]{{1,2}}$", nt[max(0, s - 3):s])
    return bool(m) and all(ch in "وفبل" for ch in m.group())


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None], ...]:
    """(kind, pattern, heads) of every date expression. `heads` are the words
    the expression's core may begin with (the start of a day-first
    expression: a day figure or ordinal); `_scan` tries the pattern only where
    `_starts` finds one of them. None: scanned everywhere (digit-led, fast)."""
    x = _lexicon()
    mon = rf"(?P<mon>{x.month}){_NA}"
    # The same month in a second system: أيلول/سبتمبر، مايو (أيار)، أغسطس آب.
    alt_mon = rf"(?:\s*[/(\-]\s*{x.month}(?:\s*\))?|\s+\(\s*{x.month}\s*\)|\s+{x.month}{_NA})?"
    wd = rf"(?P<wd>{x.weekday}){_NA}"
    wd2 = rf"(?:\s*[-–/]\s*|\s+)(?:و)?(?P<wd2>{x.weekday}){_NA}"
    tod = rf"(?:{x.alt('time_of_day')}\s+)"
    rel = rf"(?:\s+(?P<rel>{x.alt('past')}|{x.alt('future')}|{x.alt('current')}){_NA})"
    same = rf"(?P<same>{x.alt('same')}){_NA}"
    prep = rf"(?:(?P<prep>{x.alt('date_prep')})\s+)?"
    year = r"(?P<y>\d{4})(?:\s*(?P<era>م|ه)(?![" + _L + r"]))?(?!\d)"
    year_word = x.alt("year_word")
    year_tail = (rf"(?:\s*[-/.,]?\s*(?:من\s+)?(?:{year_word}\s+)?{year}"
                 rf"|\s+(?:من\s+)?(?:{year_word}\s+(?P<yrel>{x.alt('past')}|{x.alt('future')}|{x.alt('current')})"
                 rf"|هذا\s+العام(?P<this_year>)){_NA}|{rel})?")
    # Dates that start with a day figure are matched from the figure (fast:
    # the regex engine skips to digits); what may stand before them (في،
    # ليل الإثنين، يوم) is taken by `_prefix` looking back from the figure.
    day = rf"(?:(?:ال)?(?P<d>\d{{1,2}})|(?P<ord>{x.alt('ordinal_day')})\s+من)"
    part = rf"(?:(?P<part>{x.alt('period_part')})\s+)"
    num_words = alternation(_number_word_forms())
    unit_forms = [*x.words["unit"], *x.words["unit_dual"], *x.words["unit_plural"]]
    units = alternation(unit_forms)
    number = rf"(?P<num>\d+|و?{num_words}(?:\s+و?{num_words})*)"
    # Heads: each optional part that may open the core, up to the first required one.
    w = x.words
    day_first = (*(f"{a}{d}" for a in ("", "ال") for d in "0123456789"), *w["ordinal_day"])
    prep_part = (*w["date_prep"], *w["period_part"])
    prep_tod = (*w["date_prep"], *w["time_of_day"], "يوم")
    return (
        ("iso", re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"), None),
        ("dmy", re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)"), None),
        ("day_month", re.compile(rf"{day}\s*[-/.]?\s*(?:من\s+)?(?:شهر\s+)?{mon}{alt_mon}{year_tail}"), day_first),
        ("day_this_month", re.compile(rf"{day}\s*(?:من\s+)?(?:(?P<this>{x.alt('this')})\s+)?الشهر(?:{rel})?"),
         day_first),
        ("month", _compile(rf"{prep}{part}?(?:شهر\s+)?{mon}(?P<alt>{alt_mon}){year_tail}"),
         (*prep_part, "شهر", *x.months)),
        ("year", _compile(rf"{prep}{part}?(?:{year_word})\s+{year}"), (*prep_part, *w["year_word"])),
        ("rel_day", _compile(rf"{prep}{tod}?(?:يوم\s+)?(?P<rd>{x.alt('rel_day')}){_NA}"
                               rf"(?:\s*\(?\s*{wd}(?:\s*\))?)?"), (*prep_tod, *w["rel_day"])),
        ("weekday", _compile(rf"{prep}{tod}?(?:يوم\s+)?{wd}(?:{wd2})?{rel}?"), (*prep_tod, *x.weekdays)),
        ("ago", _compile(rf"(?P<lead>{x.alt('ago')})\s+(?:{number}\s+)?(?P<unit>{units}){_NA}"), tuple(w["ago"])),
        ("period", _compile(rf"{prep}{part}?(?:(?P<this>{x.alt('this')})\s+)?(?:ال)?(?P<unit>{units}){_NA}"
                              rf"(?:{rel}|\s+{same})?"),
         (*prep_part, *w["this"], *unit_forms, *("ال" + u for u in unit_forms))),
    )


@cache
def _starts() -> re.Pattern[str]:
    """Where some date expression may begin: a word (after و/ف and ب/ل, as
    `_START` allows) opening with a head word of a `_START` pattern, or a day
    figure or ordinal anywhere (day-first patterns have no word boundary)."""
    heads = {h for kind, _p, hs in _patterns() if hs and kind not in _DAY_FIRST for h in hs}
    day = {h for kind, _p, hs in _patterns() if hs and kind in _DAY_FIRST for h in hs}
    clitics = _START[:_START.index("(?P<core>")]  # what `_compile` allows before the core
    return re.compile(rf"(?={clitics}{alternation(heads)}|{alternation(day)})")


def _finditer(pattern: re.Pattern[str], nt: str, starts: list[int]):
    """`pattern.finditer(nt)` for a pattern that can only match at `starts`:
    the same matches, one `match` call per start instead of a search through
    every character."""
    pos = 0
    for p in starts:
        if p >= pos:
            m = pattern.match(nt, p)
            if m is not None:
                yield m
                pos = m.end()


@cache
def _number_word_forms() -> tuple[str, ...]:
    return tuple(r["form"] for r in load_rows("number_words.tsv", ("form", "value", "kind"))
                 if r["kind"] != "not_number")


def scan(nt: str) -> tuple[RawDate, ...]:
    """All date expressions in normalised text, longest first where they
    overlap, in text order (read once per document: `marsad.text.TextLayer.dates`)."""
    found: list[RawDate] = []
    starts = [m.start() for m in _starts().finditer(nt)]
    for kind, pattern, heads in _patterns():
        for m in (pattern.finditer(nt) if heads is None else _finditer(pattern, nt, starts)):
            start = _day_first_start(nt, m) if kind in _DAY_FIRST else m.start("core")
            if start is not None and m.end() > start and _plausible(kind, m, nt, start):
                found.append(RawDate(kind, start, m.end(), m.groupdict()))
    found.sort(key=lambda r: r.start)  # so that, of two as long, the earlier wins
    kept: list[RawDate] = []  # in text order, none overlapping: only the neighbours of a new one can overlap it
    starts: list[int] = []
    for r in sorted(found, key=lambda r: -(r.end - r.start)):
        i = bisect.bisect_left(starts, r.start)
        if (i > 0 and kept[i - 1].end > r.start) or (i < len(kept) and kept[i].start < r.end):
            continue
        kept.insert(i, r)
        starts.insert(i, r.start)
    return tuple(kept)


def _word_before(nt: str, start: int) -> str:
    m = re.search(rf"([{_L}]+)\W*$", nt[max(0, start - 20):start])
    return m.group(1) if m else ""


def _plausible(kind: str, m: re.Match[str], nt: str, start: int) -> bool:
    """Context checks that a regex cannot express compactly: a bare month
    needs a preposition before it (مارس is also a verb), a weekday after
    صلاة or كل is a habit, اليوم in عين اليوم is an outlet, and a period word
    needs a qualifier (الماضي، هذا، ذاته) to be a date at all."""
    x = _lexicon()
    g = m.groupdict()
    before = _word_before(nt, start)
    if kind == "month":
        if any(g.get(k) for k in ("prep", "part", "alt", "y", "yrel", "rel")) or g.get("this_year") is not None:
            return True
        lead = re.sub(r"^[وف]", "", before)
        return lead in x.words["month_lead"] or before in x.words["month_lead"]
    if kind == "weekday":
        return not (re.sub(r"^[وف]", "", before) in x.words["generic_weekday"]
                    or before in x.words["generic_weekday"])
    if kind == "rel_day" and g["rd"] == "اليوم":
        if before in x.words["not_today"] or (g.get("prep") and g.get("wd") is None):
            return False  # عين اليوم is an outlet; "في اليوم" is "per day"
        after = re.match(rf"\s*([{_L}]+)", nt[m.end():])
        return not (g.get("wd") is None and after and after.group(1).startswith("ال")
                    and after.group(1) not in x.words["same"])
    if kind == "day_this_month":
        return bool(g.get("this") or g.get("rel"))
    if kind == "period":
        return bool(g.get("this") or g.get("rel") or g.get("same"))
    return True


# ------------------------------------------------------------- resolution
def _before(pub: date, weekday: int, allow_same: bool = False) -> date:
    """The latest `weekday` before `pub` (or `pub` itself if allowed)."""
    delta = (pub.weekday() - weekday) % 7
    return pub - timedelta(days=delta if delta or allow_same else 7)


def _after(pub: date, weekday: int) -> date:
    return pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)


def _shift_months(day: date, months: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _relword(x: _Lexicon, word: str | None) -> str | None:
    if not word:
        return None
    word = _key(word)
    for role in ("past", "future", "current"):
        if word in x.words[role]:
            return role
    return None


def _year_of(g: dict, pub: date | None, month: int, day: int | None, calendar: str) -> tuple[int, bool] | None:
    """Year of a month (and day) with no year written: from الماضي/المقبل/
    الجاري or from the publication date. Returns (year, future)."""
    x = _lexicon()
    if g.get("y"):
        return int(g["y"]), False
    if pub is None:
        return None
    if calendar == "hijri":
        ref_y = _hijri_year_of(pub)
        cand = _hijri_to_date(ref_y, month, day or 1)
        if cand and cand > pub:
            ref_y -= 1
        return ref_y, False
    yrel = _relword(x, g.get("yrel"))
    if yrel or g.get("this_year") is not None:
        # "من العام الماضي" / "من هذا العام"
        if yrel == "past":
            return pub.year - 1, False
        if yrel == "future":
            return pub.year + 1, True
        return pub.year, False
    rel = _relword(x, g.get("rel"))
    if rel == "future":
        ahead = month > pub.month or (day is not None and month == pub.month and day > pub.day)
        return (pub.year if ahead else pub.year + 1), True
    if rel == "current":
        return pub.year, False
    if day is not None:  # the latest such day on or before publication
        return (pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1), False
    if rel == "past":  # a month "last": strictly before the publication month
        return (pub.year if month < pub.month else pub.year - 1), False
    return (pub.year if month <= pub.month else pub.year - 1), False


def _resolve(r: RawDate, pub: date | None, previous: tuple[date, int] | None) -> tuple[date, int, bool, bool] | None:
    """(first day, precision, relative, future) of one expression, or None."""
    x = _lexicon()
    g = r.groups
    if r.kind in ("iso", "dmy"):
        d = _valid(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, DAY, False, False) if d else None
    if r.kind in ("day_month", "month"):
        month, calendar = x.months[_key(g["mon"])]
        day = int(g["d"]) if g.get("d") else (x.words["ordinal_day"][_key(g["ord"])] if g.get("ord") else None)
        if r.kind == "month" and g.get("part"):
            day = None
        yf = _year_of(g, pub, month, day, calendar)
        if yf is None:
            return None
        year, future = yf
        hijri = calendar == "hijri" or g.get("era") == "ه"
        if hijri:
            if calendar != "hijri":
                return None  # a Gregorian month with a Hijri year: garbled
            d = _hijri_to_date(year, month, day or 1)
        else:
            d = _valid(year, month, day or 1)
        if d is None:
            return None
        relative = not g.get("y")
        return d, DAY if day else MONTH, relative, future
    if r.kind == "day_this_month":  # في الثالث من الشهر الجاري
        if pub is None:
            return None
        step = {"past": -1, "future": 1}.get(_relword(x, g.get("rel")), 0)
        month_start = _shift_months(pub, step)
        day = int(g["d"]) if g.get("d") else x.words["ordinal_day"][_key(g["ord"])]
        d = _valid(month_start.year, month_start.month, day)
        return (d, DAY, True, step > 0) if d else None
    if r.kind == "year":
        y = int(g["y"])
        if g.get("era") == "ه":
            d = _hijri_to_date(y, 1, 1)
            return (d, YEAR, False, False) if d else None
        return (date(y, 1, 1), YEAR, False, False) if _YEARS[0] <= y <= _YEARS[1] else None
    if pub is None:
        return None
    if r.kind == "rel_day":
        offset = x.words["rel_day"][_key(g["rd"])]
        d = pub + timedelta(days=offset)
        if g.get("wd"):
            wd = x.weekdays[g["wd"]]
            if d.weekday() != wd:  # the writer's weekday wins over the offset
                d = _after(pub, wd) if offset > 0 else _before(pub, wd, allow_same=offset == 0)
        return d, DAY, True, offset > 0
    if r.kind == "weekday":
        wd = x.weekdays[g["wd"]]
        rel = _relword(x, g.get("rel"))
        if rel == "future":
            return _after(pub, wd), DAY, True, True
        # A bare weekday that is the publication's own weekday is that day
        # (news is dated the day it reports); "الماضي" makes it last week's.
        return _before(pub, wd, allow_same=rel != "past"), DAY, True, False
    if r.kind == "ago":
        return _resolve_ago(g, pub)
    if r.kind == "period":
        return _resolve_period(g, pub, previous)
    return None


def _unit_count(g: dict) -> tuple[int, int | None]:
    """(days per unit, count) of an `ago`/`period` unit word; count None when
    the word is a plural with no number (قبل أيام)."""
    x = _lexicon()
    unit = _key(g["unit"])
    for role, count in (("unit", 1), ("unit_dual", 2), ("unit_plural", None)):
        if unit in x.words[role]:
            days = x.words[role][unit]
            break
    if g.get("num"):
        cards = find_cardinals(g["num"])
        return days, (int(cards[0].value) if cards else None)
    return days, count


def _precision_of(days: int) -> int:
    return DAY if days <= 1 else WEEK if days == 7 else MONTH if days == 30 else YEAR


def _resolve_ago(g: dict, pub: date) -> tuple[date, int, bool, bool] | None:
    """"قبل N يوم/أسبوع/شهر/عام" counted back from publication; None when that
    falls outside the years a news date can be ("قبل 10000 عام")."""
    days, count = _unit_count(g)
    if count is not None and not _YEARS[0] <= pub.year - (days * count) // 365 <= _YEARS[1]:
        return None
    if days == 0:  # hours ago: the publication day
        return pub, DAY, True, False
    if count is None:  # "days ago", "weeks ago": too vague except for days
        return (pub - timedelta(days=6), WEEK, True, False) if days == 1 else None
    if days == 30:
        return _shift_months(pub, -count), MONTH, True, False
    if days == 365:
        return date(pub.year - count, 1, 1), YEAR, True, False
    return pub - timedelta(days=days * count), _precision_of(days), True, False


def _resolve_period(g: dict, pub: date, previous: tuple[date, int] | None) -> tuple[date, int, bool, bool] | None:
    x = _lexicon()
    days, count = _unit_count(g)
    if g.get("same"):
        if previous is None:
            return None
        prev, prec = previous
        want = _precision_of(days)
        if want < prec:
            return None  # "the same day" after a month-level date: unknown day
        return _truncate(prev, want), want, True, False
    rel = "current" if g.get("this") else _relword(x, g.get("rel"))
    step = {"past": -1, "future": 1, "current": 0}[rel]
    if g.get("this") and count != 1:
        return None  # هذه الأيام: "nowadays"
    if days == 0 or (count is None and days == 1):  # الساعات/الأيام الماضية: recently
        return (pub, DAY, True, False) if days == 0 else (pub - timedelta(days=6), WEEK, True, False)
    if count is None:
        return None
    if days == 1:  # اليوم الماضي is rare; يوم with a qualifier means a day
        return pub + timedelta(days=step), DAY, True, step > 0
    if days == 7:
        return pub + timedelta(days=7 * step), WEEK, True, step > 0
    if days == 30:
        return _shift_months(pub, step), MONTH, True, step > 0
    return date(pub.year + step, 1, 1), YEAR, True, step > 0


def _truncate(d: date, precision: int) -> date:
    if precision == MONTH:
        return d.replace(day=1)
    if precision == YEAR:
        return date(d.year, 1, 1)
    return d


# --------------------------------------------------------------- public
def find_dates(text: str, published: str | date | None = None, nz: Normalized | None = None,
               expressions: tuple[RawDate, ...] | None = None) -> list[Mention]:
    """Date mentions in `text`, in text order, resolved against `published`.

    value = {"date": first day "YYYY-MM-DD", "precision": 1 day / 2 week /
    3 month / 4 year, "relative": bool, "future": bool}. Without a
    publication date, only expressions that carry their own year resolve.
    "الشهر ذاته" and "اليوم نفسه" take the previous resolved mention's period.
    `nz` and `expressions` are `normalize(text)` and `scan` of it, when
    already read (`marsad.text.TextLayer`).
    """
    pub = iso_day(published)
    nz = nz or normalize(text)
    out: list[Mention] = []
    previous: tuple[date, int] | None = None
    for r in scan(nz.text) if expressions is None else expressions:
        res = _resolve(r, pub, previous)
        if res is None:
            continue
        d, precision, relative, future = res
        if not (_YEARS[0] <= d.year <= _YEARS[1]):
            continue
        start, end = text_span(nz, text, r.start, r.end)
        future = future or (pub is not None and d > pub)  # 29 من يوليو الجاري, from 24 July
        out.append(Mention("date", start, end, text[start:end],
                           {"date": d.isoformat(), "precision": precision,
                            "relative": relative, "future": future}, found_by="rule"))
        previous = (d, precision)
    return out


def text_span(nz: Normalized, text: str, start: int, end: int) -> tuple[int, int]:
    """Span in `text` of the normalised span [start, end), taking in the
    diacritics and tatweel written after its last letter (أمسِ), which
    normalisation deleted, so that quoted evidence keeps whole words."""
    s, e = nz.span(start, end)
    while e < len(text) and normalize_char(text[e]) == "" and (
            unicodedata.category(text[e]) == "Mn" or text[e] == "\u0640"):
        e += 1
    return s, e


def date_spans(norm_text: str, expressions: tuple[RawDate, ...] | None = None) -> list[tuple[int, int]]:
    """Spans (in normalised text) of every date expression, resolvable or
    not, so that `find_numbers` does not report a day or year as a figure
    (`expressions`: `scan(norm_text)`, when already read)."""
    return [(r.start, r.end) for r in (scan(norm_text) if expressions is None else expressions)]


def parse_header_date(text: str) -> str | None:
    """The Gregorian date (YYYY-MM-DD) of a dateline at the top of `text`
    ("الأحد 07/نوفمبر/2021 - 02:51 م", "2015-07-21", "21/07/2015"), or None.

    Only the first few hundred characters are read: a full date further down
    belongs to the story, not the dateline. Of several, the first wins. Only
    full Gregorian dates (day, month, year) count.
    """
    head = normalize(text[:_HEADER_WINDOW]).text
    x = _lexicon()
    for r in scan(head):
        if r.kind not in ("iso", "dmy", "day_month") or not r.groups.get("y"):
            continue
        if r.groups.get("era") == "ه" or (r.kind == "day_month" and x.months[_key(r.groups["mon"])][1] != "gregorian"):
            continue
        res = _resolve(r, None, None)
        if res and _YEARS[0] <= res[0].year <= _YEARS[1]:
            return res[0].isoformat()
    return None
