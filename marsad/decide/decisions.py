"""The decisions the learned models make, each as candidates with features.

The rules stay the candidate generators: they find triggers, merge the
mentions of one incident and propose a value for every field. A decision
then lists the values the text offers (every actor, number, place and date
mention near the incident, the rules' own choice among them) with features
of their context, and a model (`linear.Ranker`) picks one. The rules'
choice is one feature among many, so where the rules are right the model
learns to follow them, and where they are systematically wrong (the
announcer taken for the doer, a war total taken for the toll) it learns
which contexts to distrust.

Each field decision is a `FieldDecision`: candidates, how a chosen value is
written into the event, and (for training) whether a value is right
against a gold event, by the scorer's own field tests.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from marsad.decide.context import bucket, forms, position, ranges, sentence_of, window
from marsad.events import actors
from marsad.events.context import Context
from marsad.events.draft import Draft
from marsad.events.places import PLACE_LEVEL, capital
from marsad.kb import load as load_kb
from marsad.mentions.places import nisba_table
from marsad.model import Event, Mention

UNIDENTIFIED = "Unidentified Armed Group"
RESPONSIBILITY = ("claimed", "attributed", "suspected", "denied", "unknown")

Candidate = tuple[Any, list[str]]


# ---------------------------------------------------------------- detection

def detection_features(ctx: Context, d: Draft, rule_flags: dict[str, bool]) -> list[str]:
    """Is this merged mention a reportable incident? What the rules check
    (`assemble._keep`, `_news`, `_illustration`) enter as features, beside
    the trigger's words, the figures, the date's age and the doer's kind."""
    f = [f"type={d.event_type}", f"sub={d.sub_event_type}", f"rank={d.rank}",
         f"geo={d.place.geo_precision if d.place else 'none'}", f"nsent={bucket(len(d.sentences))}",
         f"first={bucket(min(d.sentences, default=0))}"]
    f += [name for name, on in (("strong", d.strong), ("plural", d.plural), ("definite", d.definite),
                                ("noun", d.noun), ("another", d.another), ("retold", d.retold),
                                ("security", d.security), ("figure", d.has_figure), ("deaths", bool(d.deaths)),
                                ("dated", d.date is not None), ("date_sent", d.date_in_sentence),
                                ("date_seg", d.date_in_segment), ("lead", 0 in d.sentences),
                                ("near", bool(d.place and d.place.near))) if on]
    f += [f"rule_{k}" if v else f"rule_not_{k}" for k, v in rule_flags.items()]
    if all(rule_flags.values()):
        f.append("rule_all")
    a1 = d.actor1
    f.append(f"a1={a1.type if a1 else 'none'}")
    if actors.is_armed(a1):
        f.append("a1_armed")
    f.append(f"victim={d.victim_class}")
    if ctx.published and d.date:
        f.append(f"age={bucket((ctx.published - date.fromisoformat(d.date[0])).days)}")
    f += [f"{d.event_type}&figure={d.has_figure}", f"{d.event_type}&dated={d.date is not None}",
          f"{d.event_type}&{a1.type if a1 else 'none'}"]
    f += window(ctx, d.trigger_start, d.trigger_start, before=2, after=0)
    ti = ctx.token_index(d.trigger_start)
    if ti < len(ctx.words):
        f.append(f"trig={ctx.words[ti]}")
        f += window(ctx, ctx.tokens[ti].start, ctx.tokens[ti].end, before=0, after=2)
    return f


# ---------------------------------------------------------------- fields

@dataclass(frozen=True)
class FieldDecision:
    """One field of an event chosen among candidates."""

    name: str
    candidates: Callable[[Context, Draft, Event], list[Candidate]]
    apply: Callable[[Event, Any], Event]
    correct: Callable[[dict, dict], bool | None]  # gold event, predicted event (dicts); None: not scored


def _nearest(ctx: Context, d: Draft, ms: list[Mention]) -> Mention | None:
    t = d.trigger_start
    return min(ms, key=lambda m: (abs(m.start - t), m.start)) if ms else None


def _mention_features(ctx: Context, d: Draft, ms: list[Mention], after: int = 1) -> list[str]:
    m = _nearest(ctx, d, ms)
    if m is None:
        return ["no_mention"]
    f = position(ctx, d, m.start) + window(ctx, m.start, m.end, before=2, after=after)
    first = ctx.token_index(m.start)
    if first < len(ctx.words):
        f.append(f"head={ctx.words[first]}")
    f.append(f"n={bucket(len(ms))}")
    return f


def _actor_candidates(ctx: Context, d: Draft, ev: Event) -> list[Candidate]:
    """Every actor the incident's sentences (and the one before) name, the
    others the document names (`far`), the state forces of the event's
    country (`generated`), the rules' choice and the unidentified group."""
    code = ev.country_code
    near: set[str] = set()
    found: dict[str, list[Mention]] = {}
    types: dict[str, str | None] = {}
    spans = ranges(ctx, d, before=1)
    for m in ctx.mentions.get("actor", ()):
        a = actors.actor_of(m)
        if a:
            name = actors.branch(ctx, a.name, code) or a.name
            found.setdefault(name, []).append(m)
            types.setdefault(name, a.type)
            if any(s <= m.start and m.end <= e for s, e in spans):
                near.add(name)
    kb = load_kb()
    generated = {}
    country = kb.countries.get(code) if code else None
    if country:
        for kind, template in (("military", "Military Forces of {country}"), ("police", "Police Forces of {country}")):
            generated.setdefault(country.compose(template), kind)
        if ev.event_type in _CROWD:
            for kind in ("Protesters", "Rioters"):
                generated.setdefault(country.compose(kind + " ({country})"), kind.lower())
    for name in list(found):  # a parent named where the gold writes its local branch (Al Qaeda in Yemen)
        for branch in kb.actors.branches_of(name, code):
            generated.setdefault(branch, "branch")
    by_nisba = _nisba_forces(ctx, d, kb)
    for name in by_nisba:
        generated.setdefault(name, "nisba")
    names = list(dict.fromkeys([*found, *generated, *(n for n in (ev.actor1, UNIDENTIFIED) if n)]))
    doc_level = _document_roles(ctx, found, types)
    out = []
    for name in names:
        typ = types.get(name) or (f"state_{generated[name]}" if name in generated else None)
        a = actors.Actor(name, typ, 0, 0)
        ms = found.get(name, [])
        f = [f"type={typ}", f"{ev.event_type}&{typ}", f"{ev.sub_event_type}&{typ}", f"ndoc={bucket(len(ms))}"]
        f += [x for x, on in (("armed", actors.is_armed(a)), ("state", actors.is_state(a)),
                              ("rule_actor2", name == ev.actor2)) if on]
        if actors.is_state(a):
            f.append(f"state&{ev.event_type}")
        if name == ev.actor1:
            f += ["rule", f"rule&{ev.responsibility}"]
        if name in generated:
            f += [f"generated={generated[name]}", f"generated={generated[name]}&{ev.event_type}"]
        if name in by_nisba:  # "a Turkish jet", "an American raid": the adjective's head word decides
            f += ["nisba", f"nisba&{ev.event_type}"] + [f"nisba&{x}" for x in by_nisba[name]]
        if name == UNIDENTIFIED:
            f += ["unidentified", f"unidentified&{ev.event_type}"]
        elif name in near:
            context = _mention_features(ctx, d, [m for m in ms if any(s <= m.start and m.end <= e for s, e in spans)])
            f += context + [f"{typ}&{x}" for x in context if not x.startswith("w")]
        elif ms:
            f += ["far", f"far&{typ}", f"far_first={bucket(sentence_of(ctx, ms[0].start))}"]
        f.append(f"victim={d.victim_class}&{typ}")
        f += [f"{x}&{ev.event_type}" for x in doc_level.get(name, ())]
        out.append((name, f))
    return out


_CROWD = ("Protests", "Riots")


def _document_roles(ctx: Context, found: dict[str, list[Mention]], types: dict[str, str | None]) -> dict[str, list[str]]:
    """What the whole article says of each actor: named in its lead, the
    first armed actor it names, the one it names most."""
    out: dict[str, list[str]] = {}
    lead_end = ctx.sentences[0].end if ctx.sentences else 0
    armed = [(ms[0].start, n) for n, ms in found.items() if types.get(n) in ("group", "state_military", "state_police")]
    first = min(armed)[1] if armed else None
    most = max(found, key=lambda n: len(found[n])) if found else None
    for name, ms in found.items():
        tags = out.setdefault(name, [])
        if ms[0].start < lead_end:
            tags.append("doc_lead")
        if name == first:
            tags.append("doc_first_armed")
        if name == most and len(found[name]) > 1:
            tags.append("doc_most")
    return out


def _nisba_forces(ctx: Context, d: Draft, kb) -> dict[str, list[str]]:
    """The military forces of each country whose nationality adjective the
    incident's sentences use, with the words around the adjective."""
    table = nisba_table(kb)
    out: dict[str, list[str]] = {}
    for s, e in ranges(ctx, d):
        for k in range(ctx.token_index(s), ctx.token_index(e)):
            code = next((table[w] for w in forms(ctx.words[k]) if w in table), None)
            country = kb.countries.get(code) if code else None
            if country:
                tok = ctx.tokens[k]
                out.setdefault(country.compose("Military Forces of {country}"), []).extend(
                    window(ctx, tok.start, tok.end, before=2, after=1) + position(ctx, d, tok.start))
    return out


def _set_actor(ev: Event, name: str) -> Event:
    if name == ev.actor1:
        return ev
    responsibility = "unknown" if name == UNIDENTIFIED else ("attributed" if ev.actor1 == UNIDENTIFIED
                                                             else ev.responsibility)
    return replace(ev, actor1=name, actor2=None if ev.actor2 == name else ev.actor2, responsibility=responsibility)


def _responsibility_candidates(ctx: Context, d: Draft, ev: Event) -> list[Candidate]:
    if ev.actor1 in (None, UNIDENTIFIED):
        return [("unknown", ["c=unknown"])]
    ms = [m for s, e in ranges(ctx, d) for m in ctx.in_span("actor", s, e)
          if (a := actors.actor_of(m)) and actors.branch(ctx, a.name, ev.country_code) == ev.actor1]
    context = _mention_features(ctx, d, ms, after=2)
    words = sorted({w for s, e in ranges(ctx, d) for w in ctx.words[ctx.token_index(s):ctx.token_index(e)]})
    out = []
    for c in RESPONSIBILITY:
        f = [f"c={c}", f"c={c}&rule={ev.responsibility}", f"c={c}&cue={d.responsibility}", f"c={c}&{ev.event_type}"]
        f += [f"c={c}&{x}" for x in context]
        f += [f"c={c}&bag={w}" for w in words]
        out.append((c, f))
    return out


def _fatality_candidates(ctx: Context, d: Draft, ev: Event) -> list[Candidate]:
    values: dict[int | None, list[Mention]] = {None: []}
    for s, e in ranges(ctx, d):
        for m in ctx.in_span("number", s, e):
            v = m.value.get("low")
            if isinstance(v, int) and 0 < v < 100_000:
                values.setdefault(v, []).append(m)
    deaths = {c.value for c in d.deaths}
    total = sum(deaths) if len(deaths) > 1 else None  # each side's dead told apart: ACLED counts them all
    for v in (ev.fatalities, ev.fatalities_high, *sorted(deaths), total):
        values.setdefault(v, [])
    injuries = {c.value for c in d.injuries}
    numbers = [v for v in values if v is not None]
    out = []
    for v, ms in values.items():
        if v is None:
            f = ["none", f"none&{ev.event_type}"] + (["rule"] if ev.fatalities is None else [])
            out.append((None, f))
            continue
        f = [f"val={bucket(v)}"]
        f += [name for name, on in (("rule", v == ev.fatalities), ("rule_high", v == ev.fatalities_high),
                                    ("death", v in deaths), ("injury", v in injuries),
                                    ("year", 1900 <= v <= 2100), ("max", v == max(numbers)),
                                    ("min", v == min(numbers)), ("total", v == total)) if on]
        f += _mention_features(ctx, d, ms, after=2)
        m = _nearest(ctx, d, ms)
        if m is not None:
            f += [name for name, on in (("vague", m.value.get("vague")),) if on] + [f"q={m.value.get('qualifier')}"]
        out.append((v, f))
    return out


def _set_fatalities(ev: Event, v: int | None) -> Event:
    if v == ev.fatalities:
        return ev
    keep_high = v is not None and ev.fatalities is not None and ev.fatalities <= v <= (ev.fatalities_high or v)
    high = ev.fatalities_high if keep_high else v  # a high the chosen toll leaves behind is not kept
    return replace(ev, fatalities=v, fatalities_high=high)


def _place_fields(m: Mention) -> dict[str, Any]:
    level = PLACE_LEVEL.get(str(m.value.get("kind", "")).lower(), 1)  # the rules' levels (a district is 2)
    v = (capital(m) if level == 3 else m).value
    return {"country_code": str(v.get("country_code") or "").upper() or None,
            "admin1": v.get("admin1") or (v.get("name") if level == 3 else None),
            "location": v.get("capital") or v.get("name"), "latitude": v.get("lat"), "longitude": v.get("lon"),
            "geo_precision": level}


def _place_candidates(ctx: Context, d: Draft, ev: Event) -> list[Candidate]:
    found: dict[tuple, list[Mention]] = {}
    for s, e in ranges(ctx, d, before=1, lead=True):
        for m in ctx.in_span("place", s, e):
            found.setdefault((m.value.get("name"), m.value.get("country_code")), []).append(m)
    in_doc: dict[Any, int] = {}
    for m in ctx.mentions.get("place", ()):
        in_doc[m.value.get("name")] = in_doc.get(m.value.get("name"), 0) + 1
    home = ctx.home_countries()
    out: list[Candidate] = [(None, ["rule", f"rule_geo={ev.geo_precision}"])]
    for (name, code), ms in found.items():
        fields = _place_fields(ms[0])
        if fields["location"] == ev.location and fields["country_code"] == ev.country_code:
            out[0][1].extend(f"rule&{x}" for x in _mention_features(ctx, d, ms))
            continue
        kind = str(ms[0].value.get("kind", "")).lower()
        geo = fields["geo_precision"]
        finer = "finer" if geo < (ev.geo_precision or 4) else ("coarser" if geo > (ev.geo_precision or 4) else "as_fine")
        f = [f"kind={kind}", f"ndoc={bucket(in_doc.get(name, 0))}", f"vs_rule_geo={ev.geo_precision}&{kind}",
             f"than_rule={finer}"]
        f += [x for x, on in (("home", code in home), ("rule_country", (code or "").upper() == ev.country_code))
              if on]
        f += _mention_features(ctx, d, ms)
        out.append((fields, f))
    return out


def _set_place(ev: Event, fields: dict[str, Any] | None) -> Event:
    return ev if fields is None else replace(ev, **fields)


def _date_candidates(ctx: Context, d: Draft, ev: Event) -> list[Candidate]:
    found: dict[tuple, list[Mention]] = {}
    for s, e in ranges(ctx, d, before=2, lead=True):
        for m in ctx.in_span("date", s, e):
            if not m.value.get("future"):
                found.setdefault((m.value["date"], int(m.value["precision"])), []).append(m)
    rule = (ev.event_date, ev.time_precision) if ev.event_date else None
    # where the incident is told: a lead's undated incident is the day's news, a later one background
    told = [f"lead={0 in d.sentences}", f"retold={d.retold}", f"first={bucket(min(d.sentences, default=0))}",
            f"figure={d.has_figure}"]
    out: list[Candidate] = [(rule, ["rule", f"rule_prec={ev.time_precision}"] + (told if rule is None else []))]
    if ctx.published:
        for offset, name in ((0, "published"), (1, "day_before")):
            day = ((ctx.published - timedelta(days=offset)).isoformat(), 1)
            found.setdefault(day, [])
            if day == rule:
                out[0][1].append(f"rule&{name}")
    for value, ms in found.items():
        if value == rule:
            out[0][1].extend(f"rule&{x}" for x in _mention_features(ctx, d, ms))
            continue
        f = [f"prec={value[1]}"]
        if ctx.published:
            age = (ctx.published - date.fromisoformat(value[0])).days
            f.append(f"age={bucket(age) if age >= 0 else 'future'}")
            near = [n for n, day in (("published", 0), ("day_before", 1)) if age == day and value[1] == 1]
            f += near + [f"{n}&{x}" for n in near for x in told]
        if ms and ms[0].value.get("relative"):
            f.append("relative")
        f += _mention_features(ctx, d, ms)
        out.append((value, f))
    return out


def _set_date(ev: Event, value: tuple[str, int] | None) -> Event:
    if value == ((ev.event_date, ev.time_precision) if ev.event_date else None):
        return ev
    return replace(ev, event_date=value[0] if value else None, time_precision=value[1] if value else None)


def _scorer():
    from marsad.eval import fields as F  # training only: the scorer's own field tests
    return F


FIELDS: tuple[FieldDecision, ...] = (
    FieldDecision("actor1", _actor_candidates, _set_actor,
                  lambda g, p: _scorer().same_actor(g.get("actor1"), p.get("actor1"))),
    FieldDecision("responsibility", _responsibility_candidates,
                  lambda ev, c: ev if ev.actor1 in (None, UNIDENTIFIED) else replace(ev, responsibility=c),
                  lambda g, p: _scorer().responsibility_correct(g, p)),
    FieldDecision("fatalities", _fatality_candidates, _set_fatalities,
                  lambda g, p: _scorer().fatalities_correct(g, p)),
    FieldDecision("place", _place_candidates, _set_place, lambda g, p: _scorer().place_correct(g, p)),
    # where the gold finds no usable date (score_date false), no date is the right answer
    FieldDecision("date", _date_candidates, _set_date,
                  lambda g, p: _scorer().date_correct(g, p) if _scorer().date_scored(g) else p.get("event_date") is None),
)
