"""Where and when an event happened, and who did it to whom.

Arguments are looked for in the event's segment first, then in its sentence,
then (place and date only) in the sentences just before: Arabic reports name
the place and the day once and go on with "the bombing", "the attack".

Who: the side named as the doer (subject, "by X", "X claimed") is actor1; a
side named after a casualty figure or as the object of an attack ("مقتل 11 من
عناصر داعش"، "على معسكرات حزب العمال") is actor2. Anaphors such as التنظيم
and الجماعة stand for the non-state group the text has talked about most.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.arabic.normalize import norm
from marsad.events import lexicon
from marsad.events.casualties import figures
from marsad.events.context import Context
from marsad.events.lexicon import PhraseTable
from marsad.kb import load as load_kb
from marsad.kb.tables import read_tsv
from marsad.model import Mention

_PLACE_LEVEL = {"country": 4, "admin1": 3, "province": 3, "region": 3, "governorate": 3,
                "state": 3, "admin2": 2, "district": 2}
_PREV_SENTENCES = 3
_RECENT_DAYS = 7
_CUE_WINDOW = 20  # tokens after "نسبت السلطات الهجوم الذي ... إلى" where the named side may come
_ANAPHORS = {"التنظيم": "group", "الجماعه": "group", "الحركه": "group", "المجموعه": "group",
             "الحزب": "group", "التحالف": "coalition"}
TARGET_CUES = frozenset({"علي", "ضد"})
_TARGET_HEADS = frozenset({"علي", "ضد", "مواقع", "معسكرات", "مقرات", "قواعد", "تجمع", "تجمعا",
                           "وكر", "نقاط", "منزل", "مقر", "موقع", "مسجد", "استهدف", "استهدفت",
                           "عناصر", "مسلحي", "مقاتلي", "منسوبي", "افراد"})
_PARTNER_HEADS = frozenset({"مع", "بين"})
_BELONGING = frozenset({"تابعه", "التابعه", "تابع", "التابع", "تابعين", "التابعين"})
_STATE_TYPES = frozenset({"state_military", "state_police", "government"})
_ARMED_TYPES = frozenset({"group", "state_military", "state_police", "coalition"})
_NON_ACTING = frozenset({"government", "international", "civilians", "protesters"})


@cache
def place_cues() -> PhraseTable:
    return PhraseTable(read_tsv("events_place_cues.tsv", ("phrase", "role")))


@dataclass
class Place:
    mention: Mention
    geo_precision: int
    near: bool = False  # named as a reference point ("north of X", "near X")


@dataclass
class Actor:
    name: str
    type: str | None
    start: int
    end: int


def actor_of(m: Mention) -> Actor | None:
    v = m.value
    name = v.get("name") or v.get("canonical") or v.get("actor")
    if not name:
        return None
    typ = v.get("type")
    if typ is None:
        info = load_kb().actor(name)
        typ = info.type if info else None
    return Actor(name, typ, m.start, m.end)


def is_state(a: Actor | None) -> bool:
    return bool(a) and (a.type in _STATE_TYPES or a.name.startswith(("Military Forces", "Police Forces",
                                                                          "Government of")))


def is_armed(a: Actor | None) -> bool:
    return bool(a) and (a.type in _ARMED_TYPES or is_state(a)) and not a.name.startswith("Government")


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
        roles = _roles_before(ctx, m.start, start)
        if "distance" in roles:
            continue
        level = _coordinated_level(ctx, m, previous) or _PLACE_LEVEL.get(str(m.value.get("kind", "")).lower(), 1)
        previous = (m, level)
        if level == 4 and "locative" not in roles and "near" not in roles and not _prefixed(ctx, m):
            continue  # a country as subject or owner ("قصفت تركيا") is not where it happened
        distance = (m.start - anchor) if m.start >= anchor else 10_000 + (anchor - m.start)
        geo = level if level >= 3 else (2 if "near" in roles or level == 2 else 1)
        key = (m.value.get("country_code") not in home, geo, distance)
        if best is None or key < best[0]:
            best = (key, Place(_capital(m) if level == 3 else m, geo, "near" in roles))
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


def _capital(m: Mention) -> Mention:
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
        for cand in (t.norm, t.norm[2:] if t.norm.startswith("ال") else None,
                     t.norm[3:] if t.norm.startswith(("وال", "بال")) else None):
            code = table.get(cand) if cand else None
            if code:
                c = load_kb().countries[code]
                value = {"name": c.name_en, "kind": "country", "country_code": code, "admin1": None,
                         "lat": c.lat, "lon": c.lon}
                return Place(Mention("place", t.start, t.end, ctx.text[t.start:t.end], value, "rule"), 4)
    return None


def _roles_before(ctx: Context, offset: int, floor: int) -> set[str]:
    i = ctx.token_index(offset)
    toks = [t for t in ctx.tokens[max(0, i - 3):i] if t.start >= floor]
    if not toks:
        return set()
    return {row.row["role"] for _s, _e, row in ctx.find(place_cues(), toks[0].start, offset)}


def _prefixed(ctx: Context, m: Mention) -> bool:
    """Does the place name carry a locative proclitic (بمملكة، بالعراق، لبنان is not)?"""
    t = ctx.tokens[ctx.token_index(m.start)] if ctx.token_index(m.start) < len(ctx.tokens) else None
    name = str(m.value.get("name_ar") or "")
    return bool(t) and t.norm.startswith(("ب", "وب", "في")) and not (name and t.norm.startswith(name[:1]))


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
            return _day(ctx, m), True
    for s in reversed(ctx.sentences[max(0, sentence_index - _PREV_SENTENCES):sentence_index]):
        found = [m for m in ctx.in_span("date", s.start, s.end) if _recent(ctx, m)]
        if found:
            return _day(ctx, found[-1]), False
    return None, False


def _day(ctx: Context, m: Mention) -> tuple[str, int]:
    """A bare weekday named on that same weekday ("الأربعاء" in a Wednesday
    paper) is that day, not a week before (worked around here: the date
    reader resolves it to the previous week; "الأربعاء الماضي" stays so)."""
    iso, precision = m.value["date"], int(m.value["precision"])
    if precision == 1 and ctx.published and "ماضي" not in norm(m.text):
        from datetime import date as _date
        if (ctx.published - _date.fromisoformat(iso)).days == 7:
            return ctx.published.isoformat(), 1
    return iso, precision


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


# ---------------------------------------------------------------- actors

@dataclass
class Roles:
    actor1: Actor | None = None
    actor2: Actor | None = None
    responsibility: str | None = None  # set only by a cue
    speaker: Actor | None = None
    actor2_named_as_target: bool = False  # after a toll, "على/ضد", or "مع/بين"


def roles(ctx: Context, seg_start: int, seg_end: int, sentence_start: int, sentence_end: int,
          figure_ends: list[tuple[int, int]], scope: list[tuple[int, int]] | None = None) -> Roles:
    """actor1/actor2 of a segment. `figure_ends` are the (start, end) spans of
    its casualty figures: a side named right after one is a victim. `scope`
    is the segment then the parts of the sentence no other event claims: a
    doer named before the segment and the claims are looked for there only."""
    scope = scope or [(seg_start, seg_end), (sentence_start, seg_start), (seg_end, sentence_end)]
    r = Roles()
    seg_actors = _candidates(ctx, seg_start, seg_end)
    victims = [a for a in seg_actors if _victim(ctx, a, figure_ends)]
    partners = [a for a in seg_actors if a not in victims and _partner(ctx, a)]
    for prev, a in zip(seg_actors, seg_actors[1:]):  # "بين X وY": Y is the other side
        if prev in partners and a not in partners and _joined(ctx, prev, a):
            partners.append(a)
    doers = [a for a in seg_actors if a not in victims and a not in partners and _can_act(a)]
    # "قصف قوات التحالف ..."، "قصفت تركيا": the side right after the trigger does it
    doers.sort(key=lambda a: not _right_after_trigger(ctx, a, seg_start, seg_end))
    if not doers:  # the doer named earlier in the sentence, not a victim of any toll in it
        all_figures = [(f.start, f.end) for f in figures(ctx, sentence_start, sentence_end)]
        earlier = [a for start, end in scope[1:] if end <= seg_start for a in _candidates(ctx, start, end)]
        doers = [a for a in earlier
                 if not _victim(ctx, a, all_figures) and not _partner(ctx, a) and _can_act(a)][-1:]
    if not doers:  # "بين قوات الأمن و..." / "جندي قتل في صدام مع متطرفي داعش"
        doers = partners[:1]
    if not doers and len({v.name for v in victims}) >= 2:
        # both sides named only by their losses: reports lead with the enemy's
        doers = victims[-1:]
    r.actor1 = doers[0] if doers else _country_agent(ctx, seg_start, seg_end)
    rest = [a for a in victims + partners + doers[1:] if not r.actor1 or a.name != r.actor1.name]
    r.actor2 = rest[0] if rest else None
    r.actor2_named_as_target = bool(rest) and rest[0] in victims + partners
    for start, end in scope:
        _responsibility(ctx, r, start, end)
    return r


def _right_after_trigger(ctx: Context, a: Actor, start: int, end: int) -> bool:
    return any(te <= a.start and not ctx.tokens_in(te, a.start)
               for _ts, te, _r in ctx.find(lexicon.triggers(), start, end))


def _can_act(a: Actor) -> bool:
    """Governments, international bodies and civilians condemn, announce and
    suffer; they are not the doers of violence in ACLED's coding."""
    return a.type not in _NON_ACTING


def _actors(ctx: Context, start: int, end: int) -> list[Actor]:
    out = []
    for m in ctx.in_span("actor", start, end):
        a = actor_of(m)
        if a and not a.name.startswith(("Civilians", "Protesters")):
            out.append(a)
    return out


def _candidates(ctx: Context, start: int, end: int) -> list[Actor]:
    """Actors named in the span and anaphors (التنظيم) standing for one, in
    text order."""
    out = _actors(ctx, start, end)
    for t in ctx.tokens_in(start, end):
        if any(a.start <= t.start < a.end for a in out):
            continue
        kind = next((_ANAPHORS[s] for s in (t.norm, t.norm[1:], t.norm[2:]) if s in _ANAPHORS), None)
        if kind:
            g = salient_group(ctx, t.start, kind)
            if g:
                out.append(Actor(g.name, g.type, t.start, t.end))
    return sorted(out, key=lambda a: a.start)


def _victim(ctx: Context, a: Actor, figure_ends: list[tuple[int, int]]) -> bool:
    """Named right after a toll ("مقتل 11 من عناصر داعش"), around it ("جنديا
    تركيا قتل"), as the object of an attack ("على معسكرات حزب العمال"), or
    as an owner (لداعش، لتنظيم: "مواقع لداعش" are its positions)."""
    for fs, fe in figure_ends:
        if a.start < fe and fs < a.end:
            return True
        if fe <= a.start and len(ctx.tokens_in(fe, a.start)) <= 3:
            return True
    i = ctx.token_index(a.start)
    if i < len(ctx.tokens) and ctx.tokens[i].norm.startswith("ل") \
            and not ctx.tokens[i].norm.startswith(("لدي", "لواء")) \
            and not (i and ctx.tokens[i - 1].norm in _BELONGING):  # "قوة تابعة لقوات البيشمركة"
        return True
    return any(t in _TARGET_HEADS for t in _prev_tokens(ctx, a.start, 3))


def _partner(ctx: Context, a: Actor) -> bool:
    return any(t in _PARTNER_HEADS for t in _prev_tokens(ctx, a.start, 2))


def _joined(ctx: Context, a: Actor, b: Actor) -> bool:
    """Is `b` written right after `a` as "... و b"?"""
    gap = ctx.tokens_in(a.end, b.start)
    i = ctx.token_index(b.start)
    return not gap and i < len(ctx.tokens) and ctx.tokens[i].norm.startswith("و")


def _prev_tokens(ctx: Context, offset: int, n: int) -> list[str]:
    i = ctx.token_index(offset)
    return [t.norm for t in ctx.tokens[max(0, i - n):i]]


def salient_group(ctx: Context, before: int, kind: str = "group") -> Actor | None:
    """The actor of type `kind` named most often before `before` (ties: latest)."""
    counts: dict[str, list] = {}
    for m in ctx.mentions.get("actor", ()):
        if m.start >= before:
            break
        a = actor_of(m)
        if a and a.type == kind:
            c = counts.setdefault(a.name, [0, 0, a])
            c[0] += 1
            c[1] = m.start
    if not counts:
        return None
    return max(counts.values(), key=lambda c: (c[0], c[1]))[2]


def _country_agent(ctx: Context, start: int, end: int) -> Actor | None:
    """"قصفت تركيا ...": a country named right after the attack verb, with no
    preposition, is the doer and stands for its military."""
    kb = load_kb()
    triggers = list(ctx.find(lexicon.triggers(), start, end))
    for m in ctx.in_span("place", start, end):
        if str(m.value.get("kind", "")).lower() != "country" or _prefixed(ctx, m):
            continue
        if not any(te <= m.start and len(ctx.tokens_in(te, m.start)) == 0 for _ts, te, _r in triggers):
            continue
        country = kb.countries.get(str(m.value.get("country_code") or "").upper())
        if country:
            return Actor(f"Military Forces of {country.name_en}", "state_military", m.start, m.end)
    return None


_CLASS_RANK = {"claimed": 4, "denied": 3, "suspected": 2, "attributed": 1}


def _responsibility(ctx: Context, r: Roles, start: int, end: int) -> None:
    """The strongest cue in the sentence gives the class (claimed > denied >
    suspected > attributed); the strongest cue that names a side gives actor1
    ("يعتقد أنه يقف خلف": suspected, and the side is the one يقف خلف names)."""
    best_class: tuple[int, str] | None = None
    best_actor: tuple[int, Actor] | None = None
    for cs, ce, cue in ctx.find(lexicon.responsibility_cues(), start, end):
        cls, side = cue.row["class"], cue.row["actor_side"]
        if side == "speaker":
            after = [a for a in _actors(ctx, ce, end) if len(ctx.tokens_in(ce, a.start)) <= 3]
            if after:
                r.speaker = after[0]
            continue
        rank = _CLASS_RANK[cls]
        if cls == "denied":  # "نفت الحركة مسؤوليتها": the denial outranks the claim word it negates
            rank = _CLASS_RANK["claimed"] + 1
        if best_class is None or rank > best_class[0]:
            best_class = (rank, cls)
        actor = _cue_actor(ctx, cs, ce, side, start, end)
        if actor and (best_actor is None or rank > best_actor[0]):
            best_actor = (rank, actor)
    if best_class:
        r.responsibility = best_class[1]
    if best_actor:
        actor = best_actor[1]
        if r.actor2 and r.actor2.name == actor.name:
            r.actor2 = r.actor1 if r.actor1 and r.actor1.name != actor.name else None
        r.actor1 = actor


def _cue_actor(ctx: Context, cs: int, ce: int, side: str, start: int, end: int) -> Actor | None:
    if side == "after":
        window = ctx.tokens_in(ce, end)[:_CUE_WINDOW]
        limit = window[-1].end if window else ce
        found = [a for a in _candidates(ctx, ce, limit) if _can_act(a)]
        return found[0] if found else None
    found = [a for a in _candidates(ctx, start, cs) if _can_act(a)]
    return found[-1] if found else None
