"""Field-by-field comparison of a predicted event with a gold event.

Each rule follows ../shared/gold/FORMAT.md ("How extraction is scored"). Two
kinds of question are asked: does a prediction *contradict* a gold event (then
they may not be paired at all), and, once paired, is each field *right*.
Events are plain dicts in the contract's shape; missing keys read as null.
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import Any, Callable

from rapidfuzz import fuzz

from marsad.kb import load
from marsad.model import date_period, iso_day

Event = dict[str, Any]

PAIR_DISTANCE_KM = 250  # farther apart than this, two places contradict
PAIR_DATE_GAP_DAYS = 31  # periods farther apart than about a month contradict
TOWN_RADIUS_KM = 30  # gold geo_precision 1-2
PROVINCE_RADIUS_KM = 150  # gold geo_precision 3
COUNTRY_ONLY = 4


# ---- dates -------------------------------------------------------------------

def period(event: Event) -> tuple[date, date] | None:
    """The days an event's date covers, first and last inclusive: `event_date`
    plus the span of its `time_precision` (day, week, month, year)."""
    start = iso_day(event.get("event_date"))
    if start is None:
        return None
    return date_period(start, event.get("time_precision") or 1)


def _gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two periods (0 when they overlap)."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def date_scored(gold: Event) -> bool:
    """Whether the gold event's date counts (`score_date: false` or no date:
    the text does not support one, so no prediction can be right or wrong)."""
    return gold.get("score_date", True) is not False and period(gold) is not None


def date_correct(gold: Event, pred: Event) -> bool:
    """Periods overlap within a day, and the prediction is no vaguer than gold
    except that a week may stand for a day: a day-exact gold date is not
    matched by a month-vague prediction, nor a month by a year."""
    g, p = period(gold), period(pred)
    if g is None or p is None:
        return False
    if (pred.get("time_precision") or 1) > max(gold.get("time_precision") or 1, 2):
        return False
    return _gap_days(g, p) <= 1


def date_gap(gold: Event, pred: Event) -> int | None:
    """Days between the two periods, or None when either has no date."""
    g, p = period(gold), period(pred)
    return None if g is None or p is None else _gap_days(g, p)


# ---- places ------------------------------------------------------------------

def _coords(event: Event) -> tuple[float, float] | None:
    lat, lon = event.get("latitude"), event.get("longitude")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return float(lat), float(lon)
    return None


def distance_km(a: Event, b: Event) -> float | None:
    """Great-circle distance between two events' coordinates, if both have them."""
    ca, cb = _coords(a), _coords(b)
    if ca is None or cb is None:
        return None
    lat1, lon1 = map(math.radians, ca)
    lat2, lon2 = map(math.radians, cb)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _country(event: Event) -> str | None:
    code = event.get("country_code")
    return code.strip().upper() if isinstance(code, str) and code.strip() else None


def country_only(event: Event) -> bool:
    """The event names no place finer than its country."""
    precision = event.get("geo_precision")
    if precision is not None:
        return precision >= COUNTRY_ONLY
    return not (event.get("location") or event.get("admin1") or _coords(event))


def _name_key(name: Any) -> str:
    """A place name reduced for comparison: no accents, case, article or
    punctuation ("Al-Hudaydah" ~ "hudaydah")."""
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\b(al|el|ad|ar|as|ash|at|az)[-\s]", "", text)
    return re.sub(r"[^a-z0-9\u0600-\u06ff]", "", text)


def names_match(a: Any, b: Any) -> bool:
    """Two place names are the same place, allowing transliteration variants."""
    ka, kb = _name_key(a), _name_key(b)
    if not ka or not kb:
        return False
    return ka == kb or fuzz.ratio(ka, kb) >= 85


def place_conflict(gold: Event, pred: Event) -> str | None:
    """Why the two events cannot be the same incident by place, or None.

    Different countries always conflict. Past that, a country-only side never
    conflicts; coordinates conflict beyond 250 km; without coordinates, names
    conflict only when both give a province and neither province nor town agree.
    """
    gc, pc = _country(gold), _country(pred)
    if gc != pc:
        return f"country {gc} vs {pc}"
    if country_only(gold) or country_only(pred):
        return None
    km = distance_km(gold, pred)
    if km is not None:
        return f"place {km:.0f} km apart" if km > PAIR_DISTANCE_KM else None
    ga, pa = gold.get("admin1"), pred.get("admin1")
    if ga and pa and not names_match(ga, pa) and not names_match(gold.get("location"), pred.get("location")):
        return f"province {ga} vs {pa}"
    return None


def place_correct(gold: Event, pred: Event) -> bool:
    """Within 30 km of a gold town (geo_precision 1-2), 150 km of a gold
    province (3), or the right country when gold names only the country;
    by name when either side lacks coordinates."""
    if _country(gold) != _country(pred):
        return False
    if country_only(gold):
        return True
    if country_only(pred):
        return False
    town = (gold.get("geo_precision") or 1) <= 2
    km = distance_km(gold, pred)
    if km is not None:
        return km <= (TOWN_RADIUS_KM if town else PROVINCE_RADIUS_KM)
    if names_match(gold.get("location"), pred.get("location")):
        return True
    if town:
        return False
    gold_province = gold.get("admin1") or gold.get("location")
    return names_match(gold_province, pred.get("admin1")) or names_match(gold_province, pred.get("location"))


# ---- actors ------------------------------------------------------------------

def _strip_qualifier(name: str) -> str:
    """'Arab Coalition (Saudi-led)' -> 'arab coalition': a trailing
    parenthetical only qualifies the actor, it does not make another one."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip().casefold()


def _canonicaliser() -> Callable[[str], str | None]:
    """The knowledge base's alias resolver (read on first use, not on import)."""
    return load().canonical_actor


def actor_key(name: Any) -> str | None:
    """What two actor names must share to be one actor: the knowledge base's
    canonical name (the name itself when the base does not know it), without
    a trailing qualifier."""
    if not isinstance(name, str) or not name.strip():
        return None
    return _strip_qualifier(_canonicaliser()(name) or name)


def same_actor(gold_name: Any, pred_name: Any) -> bool:
    """Aliases of one actor are the same actor; null matches only null."""
    return actor_key(gold_name) == actor_key(pred_name)


# ---- types, responsibility, figures -------------------------------------------

@lru_cache(maxsize=1)
def _parent_types() -> dict[str, str]:
    """Sub-event type -> its ACLED event type (the knowledge base's event_types.tsv)."""
    return {sub: st.event_type for sub, st in load().event_types.subs.items()}


def _accepted(gold: Event, key: str, accept_key: str) -> list[Any]:
    extra = gold.get(accept_key)
    return [gold.get(key)] + (list(extra) if isinstance(extra, list) else [])


def sub_event_type_correct(gold: Event, pred: Event) -> bool:
    return pred.get("sub_event_type") in _accepted(gold, "sub_event_type", "accept_sub_event_types")


def event_type_correct(gold: Event, pred: Event) -> bool:
    """Gold's type, or the type an accepted alternative sub-event type belongs
    to (an 'Attack' gold that also accepts 'Suicide bomb' accepts Explosions)."""
    types = {gold.get("event_type")}
    types |= {_parent_types().get(s) for s in _accepted(gold, "sub_event_type", "accept_sub_event_types")[1:]}
    return pred.get("event_type") in types - {None}


def responsibility_correct(gold: Event, pred: Event) -> bool:
    """A missing responsibility reads as the contract's default, `unknown`."""
    accepted = [r or "unknown" for r in _accepted(gold, "responsibility", "accept_responsibility")]
    return (pred.get("responsibility") or "unknown") in accepted


def fatalities_correct(gold: Event, pred: Event) -> bool:
    """Exact, or one of gold's accepted figures; null matches only null."""
    return pred.get("fatalities") in _accepted(gold, "fatalities", "accept_fatalities")


def injuries_correct(gold: Event, pred: Event) -> bool:
    return pred.get("injuries") == gold.get("injuries")
