"""Where and when an event happened.

Place and date are looked for in the event's segment first, then in the parts
of its sentence no other incident claims, then in the sentences just before:
Arabic reports name the place and the day once and go on with "the bombing",
"the attack". Province-only reports are placed at the province's largest city
(ACLED's provincial-capital rule), and a nationality adjective ("القصر الرئاسي
الأفغاني") gives at least the country.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.arabic.normalize import norm
from marsad.events import lexicon
from marsad.events.context import Context
from marsad.events.lexicon import PhraseTable
from marsad.kb import load as load_kb
from marsad.kb.tables import read_tsv
from marsad.model import Mention

PLACE_LEVEL = {"country": 4, "admin1": 3, "province": 3, "region": 3, "governorate": 3,
                "state": 3, "admin2": 2, "district": 2}
_PREV_SENTENCES = 3
_RECENT_DAYS = 7


@cache
def place_cues() -> PhraseTable:
    return PhraseTable(read_tsv("events_place_cues.tsv", ("phrase", "role")))


@dataclass
class Place:
    mention: Mention
    geo_precision: int
    near: bool = False  # named as a reference point ("north of X", "near X")


# ---------------------------------------------------------------- places

def place(ctx: Context, seg: tuple[int, int], trigger_start: int, free: list[tuple[int, int]],
          sentence: tuple[int, int], sentence_index: int, paragraph: int) -> Place | None:
    """The place of an event: most precise place in the segment, else in the
    rest of the sentence that no other event claims (`free`), else anywhere in
    the sentence, else in the sentence just before (same paragraph), else the
    country a nationality adjective names (القصر الرئاسي الأفغاني)."""
    prev = ctx.sentences[sentence_index - 1] if sentence_index and \
        ctx.sentences[sentence_index - 1].paragraph == paragraph else None
    scene = prev if prev and not any(True for _ in ctx.find(lexicon.triggers(), prev.start, prev.end)) else None
    # a sentence with no incident of its own that comes just before sets the scene
    # ("a force crept into X. It attacked a hideout ..."): it goes before places
    # that other incidents of this sentence claim
    ranges = [seg, *free] + ([(scene.start, scene.end)] if scene else []) + [sentence]
    if prev and not scene:
        ranges.append((prev.start, prev.end))
    for start, end in ranges:
        p = _best_place(ctx, start, end, trigger_start if start >= sentence[0] else end)
        if p:
            return p
    return _nisba_place(ctx, *seg, trigger_start) or _nisba_place(ctx, *sentence, trigger_start)


def _best_place(ctx: Context, start: int, end: int, anchor: int) -> Place | None:
    """Places of the document's own countries first (a lone match in a
    country the text never mentions again is more likely a misread word),
    then the most precise, then the nearest after the trigger."""
    best: tuple | None = None
    previous: tuple[Mention, int] | None = None
    home = ctx.home_countries()
    for m in ctx.in_span("place", start, end):
        roles = roles_before(ctx, m.start, start)
        if "distance" in roles or "named" in roles:
            continue  # "50 km from X", "the Geneva convention": X is not where it happened
        level = _coordinated_level(ctx, m, previous) or PLACE_LEVEL.get(str(m.value.get("kind", "")).lower(), 1)
        previous = (m, level)
        if level == 4 and "locative" not in roles and "near" not in roles and not prefixed(ctx, m):
            continue  # a country as subject or owner ("قصفت تركيا") is not where it happened
        distance = (m.start - anchor) if m.start >= anchor else 10_000 + (anchor - m.start)
        geo = level if level >= 3 else (2 if "near" in roles or level == 2 else 1)
        key = (m.value.get("country_code") not in home, geo, distance)
        if best is None or key < best[0]:
            best = (key, Place(capital(m) if level == 3 else m, geo, "near" in roles))
    return best[1] if best else None


def _coordinated_level(ctx: Context, m: Mention, previous: tuple[Mention, int] | None) -> int | None:
    """"بمحافظة تعز والحديدة": a place joined by "و" right after another is
    of the same kind (here both provinces), whatever else its name can be."""
    if previous is None or ctx.tokens_in(previous[0].end, m.start):
        return None
    i = ctx.token_index(m.start)
    return previous[1] if i < len(ctx.tokens) and ctx.tokens[i].norm.startswith("و") else None


@cache
def _largest_cities() -> dict[tuple[str, str], dict]:
    """(country, admin1) -> its most populous city in the KB."""
    out: dict[tuple[str, str], dict] = {}
    for row in read_tsv("cities.tsv", ("name_en", "country", "lat", "lon")):
        key = (row["country"], row.get("admin1", ""))
        pop = int(row.get("population") or 0)
        if key not in out or pop > out[key]["population"]:
            out[key] = {"name": row["name_en"], "population": pop,
                        "lat": float(row["lat"]), "lon": float(row["lon"])}
    return out


def capital(m: Mention) -> Mention:
    """ACLED codes a province-only report at the provincial capital (geo
    precision 3); the KB has no capitals, so its most populous city stands in."""
    v = m.value
    city = _largest_cities().get((str(v.get("country_code")), str(v.get("name"))))
    if not city:
        return m
    value = dict(v, lat=city["lat"], lon=city["lon"], admin1=v.get("name"), capital=city["name"])
    return Mention(m.kind, m.start, m.end, m.text, value, m.found_by)


@cache
def _nisbas() -> dict[str, str]:
    kb = load_kb()
    return {form: code for code, c in kb.countries.items() for form in c.nisba_forms()}


def _nisba_place(ctx: Context, start: int, end: int, anchor: int) -> Place | None:
    table = _nisbas()
    trigger_ends = {te for _ts, te, _r in ctx.find(lexicon.triggers(), start, end)}
    toks = [t for t in ctx.tokens_in(start, end)  # "الغارات التركية": the raiders' nationality
            if not any(te <= t.start and not ctx.tokens_in(te, t.start) for te in trigger_ends)]
    for t in [t for t in toks if t.start >= anchor] + [t for t in reversed(toks) if t.start < anchor]:
        if "agency" in roles_before(ctx, t.start, start):
            continue  # "لوكالة الصحافة الفرنسية" quotes AFP: it says nothing of the place
        for cand in (t.norm, t.norm[2:] if t.norm.startswith("ال") else None,
                     t.norm[3:] if t.norm.startswith(("وال", "بال")) else None):
            code = table.get(cand) if cand else None
            if code:
                c = load_kb().countries[code]
                value = {"name": c.name_en, "kind": "country", "country_code": code, "admin1": None,
                         "lat": c.lat, "lon": c.lon}
                return Place(Mention("place", t.start, t.end, ctx.text[t.start:t.end], value, "rule"), 4)
    return None


def roles_before(ctx: Context, offset: int, floor: int) -> set[str]:
    """Roles (near, distance, locative, agency, named: events_place_cues.tsv) of the words
    just before a place name, not reaching back before `floor`."""
    i = ctx.token_index(offset)
    toks = [t for t in ctx.tokens[max(0, i - 3):i] if t.start >= floor]
    if not toks:
        return set()
    return {row.row["role"] for _s, _e, row in ctx.find(place_cues(), toks[0].start, offset)}


def prefixed(ctx: Context, m: Mention) -> bool:
    """Does a country name carry the locative proclitic ب (بالعراق، بمملكة
    البحرين)? Checked against the country's own names, so that باكستان,
    whose ب is part of the name, is not read as "in Kistan"."""
    i = ctx.token_index(m.start)
    if i >= len(ctx.tokens):
        return False
    tok = ctx.tokens[i].norm
    country = load_kb().countries.get(str(m.value.get("country_code") or "").upper())
    names = {norm(n) for n in country.names_ar} if country else set()
    for p in ("وب", "فب", "ب"):
        rest = tok[len(p):]
        if tok.startswith(p) and (rest in names or rest in {"ال" + n for n in names} or rest in ("مملكه", "دوله", "جمهوريه")):
            return True
    return False


# ---------------------------------------------------------------- dates

def date(ctx: Context, seg: tuple[int, int], trigger_start: int, free: list[tuple[int, int]],
         sentence_index: int) -> tuple[tuple[str, int] | None, bool]:
    """((YYYY-MM-DD, precision), said in this sentence?): nearest date in the segment, else in the free
    rest of the sentence, else the nearest day- to month-precise date in the
    sentences before (a report names the day once, then says "the attack")."""
    for start, end in (seg, *free):
        found = [m for m in ctx.in_span("date", start, end) if not m.value.get("future")]
        if found:
            m = min(found, key=lambda m: abs(m.start - trigger_start) + (0 if m.start >= trigger_start else 1))
            return (m.value["date"], int(m.value["precision"])), True
    for s in reversed(ctx.sentences[max(0, sentence_index - _PREV_SENTENCES):sentence_index]):
        found = [m for m in ctx.in_span("date", s.start, s.end) if _recent(ctx, m)]
        if found:
            return (found[-1].value["date"], int(found[-1].value["precision"])), False
    return None, False


def _recent(ctx: Context, m: Mention) -> bool:
    if m.value.get("future") or int(m.value["precision"]) > 1 or ctx.published is None:
        return False
    from datetime import date as _date
    days = (ctx.published - _date.fromisoformat(m.value["date"])).days
    return 0 <= days <= _RECENT_DAYS


def date_anaphor(ctx: Context, start: int, end: int) -> int | None:
    """Precision of "the same month/day" in the span, if said."""
    for _s, _e, row in ctx.find(lexicon.date_anaphora(), start, end):
        return int(row.row["precision"])
    return None
