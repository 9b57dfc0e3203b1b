"""One fused event from its reports: every source's version kept, one
derived record on top, and disagreements kept as data.

Rules (why):
- fatalities low / best / high, as UCDP: low is the lowest figure any report
  gives (ACLED's conservative rule, the contract's `fatalities`), high the
  highest (`fatalities_high`), best the figure most outlets give, or when
  none leads, the upper median of the reports' figures (a real reported
  number, leaning to later, fuller counts). Injuries likewise.
- place and date: the most precise any report supports (a day beats a month,
  a town beats a country); among equally precise ones the best supported.
- actors: the most specific named (the Khorasan branch over 'Islamic State').
- responsibility: claimed > attributed > suspected > unknown for actor1; a
  denial is kept as its own entry, never averaged away.
- contradictions: figures that differ, actors that are not the same actor at
  different detail, dates and places where neither contains the other. Tolls
  are also given as a time-ordered sequence by publication date, so a rising
  count reads as such rather than as a dispute.
"""
from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from marsad.fusion import compat, knowledge
from marsad.fusion.reports import Report
from marsad.model import EVENT_FIELDS

RESPONSIBILITY_RANK = {"claimed": 4, "attributed": 3, "suspected": 2, "unknown": 1, "denied": 0}
PLACE_FIELDS = ("country_code", "admin1", "location", "latitude", "longitude", "geo_precision")


@dataclass
class FusedEvent:
    event_id: str
    fields: dict[str, Any]
    figures: dict[str, int | None]
    reports: list[Report]
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    responsibility_claims: list[dict[str, Any]] = field(default_factory=list)
    timelines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def outlets(self) -> list[str]:
        return _unique(_outlet(r) for r in self.reports)

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        """The JSON form: the contract's event fields (`fatalities` the
        conservative figure, `fatalities_high` the highest), then the fusion
        fields. Without text, reports keep only who said it and when."""
        d: dict[str, Any] = {"event_id": self.event_id, **self.fields, **self.figures}
        d["responsibility_claims"] = self.responsibility_claims
        d["contradictions"] = self.contradictions
        d["fatalities_timeline"] = self.timelines.get("fatalities", [])
        d["injuries_timeline"] = self.timelines.get("injuries", [])
        d["sources"] = self.outlets
        if with_text:
            d["evidence"] = [{"report_id": r.report_id, **e} for r in self.reports for e in r.evidence]
            d["reports"] = [r.to_dict() for r in self.reports]
        else:
            d["reports"] = [{"report_id": r.report_id, "doc_id": r.doc_id, "outlet": r.outlet,
                             "published": r.published} for r in self.reports]
        return d


def _outlet(r: Report) -> str:
    """The outlet's name; a document with none (a bare text file) is named so
    that an analyst sees the gap and can still find the document."""
    return r.outlet or f"unknown outlet ({r.doc_id})"


def _unique(items: Any) -> list[Any]:
    return list(dict.fromkeys(items))


def _figure_label(fig: tuple[int, int]) -> str:
    return str(fig[0]) if fig[0] == fig[1] else f"{fig[0]}-{fig[1]}"


def _value_entry(value: Any, reps: list[Report]) -> dict[str, Any]:
    return {"value": value, "reports": [r.report_id for r in reps],
            "outlets": _unique(_outlet(r) for r in reps),
            "published": min((r.published for r in reps if r.published), default=None)}


def _disagreement(name: str, groups: dict[Any, list[Report]]) -> dict[str, Any]:
    values = [_value_entry(v, reps) for v, reps in groups.items()]
    values.sort(key=lambda e: (e["published"] or "9999", str(e["value"])))
    return {"field": name, "values": values}


# --- figures ---------------------------------------------------------------

def _figures(name: str, reps: list[Report]) -> tuple[dict[str, int | None], list[dict], dict | None]:
    counted = [(r.figure(name), r) for r in reps if r.figure(name) is not None]
    keys = {f"{name}_low": None, f"{name}_best": None, f"{name}_high": None}
    if not counted:
        return keys, [], None
    lows = [f[0] for f, _ in counted]
    by_value: dict[tuple[int, int], list[Report]] = {}
    for f, r in counted:
        by_value.setdefault(f, []).append(r)
    support = Counter({v: len({_outlet(r) for r in rs}) for v, rs in by_value.items()})
    ranked = support.most_common(2) + [(None, 0)]
    best = ranked[0][0][0] if ranked[0][1] > ranked[1][1] else statistics.median_high(lows)
    keys.update({f"{name}_low": min(lows), f"{name}_best": best,
                 f"{name}_high": max(f[1] for f, _ in counted)})
    timeline = [{"published": r.published, "value": _figure_label(f), "outlet": _outlet(r),
                 "report_id": r.report_id}
                for f, r in sorted(counted, key=lambda t: (t[1].published or "9999", t[1].report_id))]
    if len(by_value) < 2:
        return keys, timeline, None
    entry = _disagreement(name, {_figure_label(v): rs for v, rs in by_value.items()})
    dated = [(r.published, f[0]) for f, r in counted if r.published]
    firsts = sorted(dated)
    if len({p for p, _ in firsts}) > 1:
        values = [v for _, v in firsts]
        if values == sorted(values) and values[0] < values[-1]:
            entry["trend"] = "rising"
        elif values == sorted(values, reverse=True) and values[0] > values[-1]:
            entry["trend"] = "falling"
    return keys, timeline, entry


# --- place, date, kind, actors ----------------------------------------------

def _choose_place(reps: list[Report]) -> dict[str, Any]:
    finest = min(r.geo_precision for r in reps)
    fine = [r for r in reps if r.geo_precision == finest]
    votes = Counter((r.get("location") or "").casefold() for r in fine)
    loc = min(votes, key=lambda v: (-votes[v], v))
    chosen = next(r for r in fine if (r.get("location") or "").casefold() == loc)
    return {k: chosen.get(k) for k in PLACE_FIELDS}


def _choose_date(reps: list[Report]) -> dict[str, Any]:
    dated = [r for r in reps if r.start is not None]
    if not dated:
        return {"event_date": None, "time_precision": None}
    finest = min(r.time_precision for r in dated)
    options = sorted({(r.start, r.get("event_date")) for r in dated if r.time_precision == finest})
    support = lambda o: sum(1 for r in dated if r.start <= o[0] <= r.end)
    start, day = max(options, key=lambda o: (support(o), -o[0]))
    return {"event_date": day, "time_precision": finest}


def _choose_kind(reps: list[Report]) -> dict[str, Any]:
    k = knowledge.load()
    votes = Counter((r.get("event_type"), r.get("sub_event_type")) for r in reps)
    et, st = min(votes, key=lambda v: (-votes[v], -k.specificity(v[1]), v))
    return {"event_type": et, "sub_event_type": st}


def _most_specific(names: list[str]) -> str | None:
    if not names:
        return None
    k = knowledge.load()
    votes = Counter(names)
    return min(votes, key=lambda a: (-len(k.ancestors(a)), -votes[a], a))


def _choose_actor(reps: list[Report], slot: str) -> str | None:
    known = [r.extra[slot] for r in reps if r.extra.get(slot)]
    if known:
        return _most_specific(known)
    raw = [r.get(slot) for r in reps if r.get(slot)]
    return Counter(raw).most_common(1)[0][0] if raw else None


def _responsibility(reps: list[Report], actor1: str | None) -> tuple[str, list[dict[str, Any]]]:
    groups: dict[tuple[str | None, str], list[Report]] = {}
    for r in reps:
        groups.setdefault((r.extra.get("actor1") or r.get("actor1"), r.get("responsibility") or "unknown"), []).append(r)
    order = lambda key: (str(key[0]), -RESPONSIBILITY_RANK.get(key[1], 0))
    claims = []
    for (actor, resp) in sorted(groups, key=order):
        entry = _value_entry(None, groups[(actor, resp)])
        del entry["value"]
        claims.append({"actor": actor, "responsibility": resp, **entry})
    mine = [c["responsibility"] for c in claims
            if actor1 is not None and knowledge.actor_relation(c["actor"], actor1) in ("same", "branch")]
    asserted = [x for x in mine if x != "denied"]
    if asserted:
        return max(asserted, key=lambda x: RESPONSIBILITY_RANK.get(x, 0)), claims
    return ("denied" if mine else "unknown"), claims


# --- contradictions ------------------------------------------------------------

def _actor_disagreement(reps: list[Report]) -> dict[str, Any] | None:
    groups: dict[str, list[Report]] = {}
    for r in reps:
        if r.extra.get("actor1"):
            groups.setdefault(r.extra["actor1"], []).append(r)
    names = list(groups)
    clash = any(knowledge.actor_relation(a, b) not in ("same", "branch")
                for i, a in enumerate(names) for b in names[i + 1:])
    return _disagreement("actor1", groups) if clash else None


def _date_label(r: Report) -> str:
    d = r.get("event_date")
    return {2: f"week of {d}", 3: d[:7], 4: d[:4]}.get(r.time_precision, d)


def _date_disagreement(reps: list[Report]) -> dict[str, Any] | None:
    dated = [r for r in reps if r.start is not None]
    nested = lambda a, b: (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    if all(nested(a, b) for i, a in enumerate(dated) for b in dated[i + 1:]):
        return None
    groups: dict[str, list[Report]] = {}
    for r in dated:
        groups.setdefault(_date_label(r), []).append(r)
    return _disagreement("date", groups)


def _place_disagreement(reps: list[Report]) -> dict[str, Any] | None:
    precise = [r for r in reps if r.geo_precision <= 2 and r.get("location")]

    def apart(a: Report, b: Report) -> bool:
        if (a.get("location") or "").casefold() == (b.get("location") or "").casefold():
            return False
        ca, cb = a.coords, b.coords
        return ca is None or cb is None or compat.distance_km(ca, cb) > 5

    if not any(apart(a, b) for i, a in enumerate(precise) for b in precise[i + 1:]):
        return None
    groups: dict[str, list[Report]] = {}
    for r in precise:
        groups.setdefault(r.get("location"), []).append(r)
    return _disagreement("place", groups)


def derive(event_id: str, reports: list[Report]) -> FusedEvent:
    """The fused record of one cluster of reports."""
    reps = sorted(reports, key=lambda r: (r.published or "9999", r.report_id))
    fields: dict[str, Any] = {k: None for k in EVENT_FIELDS}
    fields.update(_choose_kind(reps))
    fields.update(_choose_date(reps))
    fields.update(_choose_place(reps))
    fields["actor1"] = _choose_actor(reps, "actor1")
    fields["actor2"] = _choose_actor(reps, "actor2")
    fields["responsibility"], claims = _responsibility(reps, fields["actor1"])
    figures: dict[str, int | None] = {}
    contradictions: list[dict[str, Any]] = []
    timelines: dict[str, list[dict[str, Any]]] = {}
    for name in ("fatalities", "injuries"):
        keys, timeline, entry = _figures(name, reps)
        figures.update(keys)
        timelines[name] = timeline
        if entry:
            contradictions.append(entry)
    fields["fatalities"] = figures["fatalities_low"]
    fields["fatalities_high"] = figures["fatalities_high"]
    fields["injuries"] = figures["injuries_low"]
    for check in (_actor_disagreement, _date_disagreement, _place_disagreement):
        entry = check(reps)
        if entry:
            contradictions.append(entry)
    return FusedEvent(event_id, fields, figures, reps, contradictions, claims, timelines)
