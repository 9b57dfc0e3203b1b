"""One incident mentioned several times in a document is one event.

Two drafts are the same incident when nothing contradicts it: same country
and compatible places (same place, one inside the other's province, or one
with no place), overlapping dates, and compatible types (the same type; a bare
"attack/killing" mention joins any violent one; a suicide bombing and a car
bomb may be two descriptions of one blast). Different specific sub-types
(a roadside bomb and a mortar barrage) stay apart even on the same day.
"""
from __future__ import annotations

import math
from datetime import date, timedelta

from marsad.events.draft import Draft
from marsad.kb import load as load_kb

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_GENERIC_RANK = 3            # rank of bare attack/killing triggers
_KILLING_RANK = 1            # bare killing words (مقتل، قتل)
_SAME_PLACE_KM = 30.0
_PROVINCE_KM = 100.0
_NEAR_KM = 60.0              # "north-east of X" and a village named elsewhere         # a province-level mention and a town in or next to it
_PERIOD_DAYS = {1: 1, 2: 7, 3: 31, 4: 366}
_BLAST_TWINS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})


def merge(drafts: list[Draft]) -> list[Draft]:
    """Drafts merged into incidents, in order of first mention."""
    out: list[Draft] = []
    for d in drafts:
        # the latest compatible incident: a follow-up mention refers to the last one told
        target = next((o for o in reversed(out) if compatible(o, d)), None)
        if target is None:
            out.append(d)
        else:
            absorb(target, d)
    return out


def compatible(a: Draft, b: Draft) -> bool:
    """Can `a` and `b` be mentions of one incident? (nothing contradicts it)"""
    return _sentences_ok(a, b) and _types_ok(a, b) and places_ok(a, b) and dates_ok(a, b) and _actors_ok(a, b)


def _sentences_ok(a: Draft, b: Draft) -> bool:
    """Two specific, indefinite nouns in one sentence are two incidents ("a
    blast at the school ..., and a bombing of a mosque ..."); a definite noun
    or a verb ("... who handed themselves over") goes on about the same one."""
    if not (a.sentences & b.sentences):
        return True
    if b.another:
        return False
    if b.definite or not b.noun or a.rank <= _KILLING_RANK or b.rank <= _KILLING_RANK:
        return True
    # "the attack on the palace, where two rockets exploded": a generic word and
    # a specific one at the same place tell one incident; two of a kind tell two
    if (a.rank <= _GENERIC_RANK) == (b.rank <= _GENERIC_RANK):
        return False
    return a.place is None or b.place is None or \
        a.place.mention.value.get("name") == b.place.mention.value.get("name")


def _types_ok(a: Draft, b: Draft) -> bool:
    if a.event_type == b.event_type and a.sub_event_type == b.sub_event_type:
        return True
    generic = a.rank <= _GENERIC_RANK or b.rank <= _GENERIC_RANK
    # a country-wide mention ("the Turkish raids") does not join a town's incident
    levels = {d.place.geo_precision >= 4 for d in (a, b) if d.place is not None}
    if generic and len(levels) < 2 and a.event_type in _VIOLENT and b.event_type in _VIOLENT:
        return True
    return {a.sub_event_type, b.sub_event_type} <= _BLAST_TWINS


def places_ok(a: Draft, b: Draft) -> bool:
    if a.place is None or b.place is None:
        return True
    pa, pb = a.place.mention.value, b.place.mention.value
    if pa.get("country_code") != pb.get("country_code"):
        return False
    if pa.get("name") == pb.get("name"):
        return True
    if a.place.geo_precision >= 3 or b.place.geo_precision >= 3:
        wide, narrow = (pa, pb) if a.place.geo_precision >= b.place.geo_precision else (pb, pa)
        return wide.get("kind") == "country" or not wide.get("admin1") or \
            wide.get("admin1") == narrow.get("admin1") or wide.get("name") == narrow.get("admin1") or \
            _km(pa, pb) <= _PROVINCE_KM
    near = a.place.near or b.place.near
    return _km(pa, pb) <= (_NEAR_KM if near else _SAME_PLACE_KM)


def _km(p: dict, q: dict) -> float:
    if None in (p.get("lat"), p.get("lon"), q.get("lat"), q.get("lon")):
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (p["lat"], p["lon"], q["lat"], q["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def dates_ok(a: Draft, b: Draft) -> bool:
    if a.date is None or b.date is None:
        return True
    (da, pa), (db, pb) = a.date, b.date
    sa, sb = date.fromisoformat(da), date.fromisoformat(db)
    ea = sa + timedelta(days=_PERIOD_DAYS[pa] - 1)
    eb = sb + timedelta(days=_PERIOD_DAYS[pb] - 1)
    slack = timedelta(days=1) if pa == pb == 1 else timedelta(0)  # "last night" vs "yesterday"
    return sa <= eb + slack and sb <= ea + slack


def _actors_ok(a: Draft, b: Draft) -> bool:
    if a.actor1 is None or b.actor1 is None:
        return True
    named = [x for x in (a.actor1, b.actor1) if x.type == "group"]
    if len(named) < 2:
        return True
    x, y = a.actor1.name, b.actor1.name
    actors = load_kb().actors
    return x == y or actors.parent(x) == y or actors.parent(y) == x  # Islamic State and its Khorasan Province


def absorb(into: Draft, d: Draft) -> None:
    """Fold `d` into `into`: best field of each, all figures and evidence."""
    if (d.rank, d.strong) > (into.rank, into.strong):
        into.event_type, into.sub_event_type, into.rank, into.strong = (
            d.event_type, d.sub_event_type, d.rank, d.strong)
        into.plural = d.plural
    if d.place and (into.place is None or (d.place.geo_precision, d.place.near)
                    < (into.place.geo_precision, into.place.near)):
        into.place = d.place
    if d.date and (into.date is None or d.date[1] < into.date[1]
                   or (d.date_in_sentence and not into.date_in_sentence)):
        into.date, into.date_in_sentence = d.date, d.date_in_sentence or into.date_in_sentence
    if d.actor1 and (into.actor1 is None or _resp_rank(d) > _resp_rank(into)):
        into.actor1, into.responsibility = d.actor1, d.responsibility
    if d.actor2 and (into.actor2 is None or (d.actor2_targeted and not into.actor2_targeted)):
        into.actor2, into.actor2_targeted = d.actor2, d.actor2_targeted
    into.victim_class = into.victim_class or d.victim_class
    into.retold = into.retold and d.retold  # one mention as news makes the incident news
    # every report of the toll stays: the lowest credible one is the conservative
    # figure, and a headline total over several incidents is never the lowest
    into.deaths += d.deaths
    into.injuries += d.injuries
    into.sentences |= d.sentences
    into.evidence += [s for s in d.evidence if all(s.start != e.start for e in into.evidence)]


def _resp_rank(d: Draft) -> int:
    return {"claimed": 4, "denied": 3, "suspected": 2, "attributed": 1}.get(d.responsibility or "", 0)
