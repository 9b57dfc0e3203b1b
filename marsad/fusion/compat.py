"""Do two reports tell of the same incident? A pure function of the pair.

Two questions, kept apart:

- `veto`: is there a hard contradiction (another country, place too far,
  dates that cannot overlap, incompatible kinds of event, different known
  perpetrators, figures too far apart, the same document, or a war's daily
  kind of event (clash, air strike, shelling) not tied to one day, one kind
  or a precise toll: `recurring_veto`)? Vetoes are also the
  guard against chaining: no two reports of one fused event may contradict.
- `assess`: if not, how much positive evidence says 'same incident'? Each
  agreement adds points in proportion to how unlikely it is by coincidence: an
  exact shared day or site is strong, a shared country is weak, a shared toll
  of 84 is stronger than a shared toll of 1. A pair links when the points reach
  the threshold AND it is anchored: in time (both dated to the day or week,
  or to the month at the same site) or in figures (both give a toll). Two
  undated, uncounted attacks in Kabul may be any two attacks; a country-wide
  'this month' report without a toll would otherwise link to every event of
  its kind that month and glue unrelated incidents together. Where the
  place is vague (a province, a country, or sites 15 km or more apart), two of
  time, a telling toll (not '1 killed', which fits too many incidents), the
  same named perpetrator and (within one named province) the same specific
  kind of event must agree: 'a bombing in Turkey today' fits every bombing in
  Turkey today; 'a bombing in Asir province today' is more telling.

Because a pair's decision does not depend on any other report, the link graph
(and so the fused events) does not depend on the order reports arrive in.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from marsad.fusion import blocking, knowledge
from marsad.fusion.config import FusionConfig
from marsad.fusion.reports import Report

EARTH_KM = 6371.0


@dataclass
class Link:
    """Evidence that two reports tell of one incident."""

    score: float
    reasons: list[str] = field(default_factory=list)
    anchored: bool = False
    features: list[str] = field(default_factory=list)  # what the pair model (`linking.py`) weighs
    rule: bool = False  # the hand-set rule's verdict: anchored, score >= link_threshold, no contradiction

    def explain(self) -> str:
        return f"score {self.score:.1f}: " + "; ".join(self.reasons)


def prepare(rep: Report) -> Report:
    """Cache a report's canonical actors and event family (done once, at add)."""
    k = knowledge.load()
    rep.extra["actor1"] = knowledge.canonical_actor(rep.get("actor1"))
    rep.extra["actor2"] = knowledge.canonical_actor(rep.get("actor2"))
    rep.extra["family"] = k.family(rep.get("sub_event_type"), rep.get("event_type"))
    rep.extra["outlet_place"] = _same_name(k.outlet_places.get((rep.outlet or "").casefold()), rep.get("location"))
    return rep


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _same_name(x: str | None, y: str | None) -> bool:
    return bool(x) and bool(y) and x.strip().casefold() == y.strip().casefold()


# --- figures -------------------------------------------------------------

def figure_gap(a: Report, b: Report, name: str, cfg: FusionConfig) -> float | None:
    """None when compatible, else how many times larger the larger figure is.
    Ranges that overlap agree; a later report may give a larger toll."""
    fa, fb = a.figure(name), b.figure(name)
    if fa is None or fb is None:
        return None
    if fa[0] <= fb[1] and fb[0] <= fa[1]:
        return None
    (small, s_rep), (large, l_rep) = sorted([(fa, a), (fb, b)], key=lambda t: t[0][0])
    if large[0] - small[1] <= cfg.figure_slack:
        return None
    factor = cfg.injury_factor if name == "injuries" else cfg.figure_factor
    if name == "fatalities" and l_rep.pub is not None and s_rep.pub is not None and l_rep.pub > s_rep.pub:
        factor = max(factor, cfg.rising_factor)
    ratio = large[0] / max(small[1], 1)
    return None if ratio <= factor else ratio


def figure_points(a: Report, b: Report, name: str) -> float:
    """Agreement on a toll: larger tolls and closer figures are rarer by chance."""
    fa, fb = a.figure(name), b.figure(name)
    if fa is None or fb is None:
        return 0.0
    ratio = max(fa[0], fb[0]) / max(min(fa[1], fb[1]), 1)
    return _agreement(min(fa[0], fb[0]), ratio, exact=fa == fb)


def _agreement(low: int, ratio: float, exact: bool) -> float:
    magnitude = min(2.5, 1 + math.log10(max(low, 1)))
    closeness = 1.0 if exact else 0.8 if ratio <= 1.1 else 0.6 if ratio <= 1.5 else 0.4
    return closeness * magnitude


# --- time ----------------------------------------------------------------

def date_veto(a: Report, b: Report, cfg: FusionConfig) -> str | None:
    if a.start is not None and b.start is not None:
        slack = max(cfg.date_slack_days[a.time_precision], cfg.date_slack_days[b.time_precision])
        gap = max(a.start, b.start) - min(a.end, b.end)
        if gap > slack:
            return f"dates {a.get('event_date')} and {b.get('event_date')} are {gap} days apart"
        return None
    for undated, other in ((a, b), (b, a)):
        if undated.start is None and undated.pub is not None:
            if other.start is not None:
                if other.start > undated.pub + 1:
                    return f"{other.get('event_date')} is after {undated.report_id} was published"
                if other.end < undated.pub - cfg.undated_lookback_days:
                    return f"{other.get('event_date')} is long before {undated.report_id} was published"
            elif other.pub is not None and abs(other.pub - undated.pub) > cfg.undated_lookback_days:
                return "undated reports published far apart"
    return None


def date_points(a: Report, b: Report) -> tuple[float, str | None]:
    if a.start is None or b.start is None:
        return 0.0, None
    if a.time_precision == 1 and b.time_precision == 1:
        if a.start == b.start:
            return 3.0, f"same day {a.get('event_date')}"
        return 1.5, f"days {a.get('event_date')}/{b.get('event_date')}"
    coarse = max(a.time_precision, b.time_precision)
    pts = {2: 2.0, 3: 1.0, 4: 0.3}[coarse]
    overlap = max(a.start, b.start) <= min(a.end, b.end)
    return (pts if overlap else pts / 2), f"periods {'overlap' if overlap else 'adjoin'} ({a.get('event_date')}/{b.get('event_date')})"


# --- place ---------------------------------------------------------------

def place_assess(a: Report, b: Report, cfg: FusionConfig) -> tuple[str | None, float, str]:
    """(veto, points, reason). A place that is the outlet's own name (Al-Riyadh's
    'الرياض' read as the city) may be the masthead, not the event: it can still
    keep two reports apart, but agreeing on it counts no more than the country."""
    why, pts, reason = _place_assess(a, b, cfg)
    if why is None and pts > 0.5 and (a.extra.get("outlet_place") or b.extra.get("outlet_place")):
        return None, 0.5, f"same country {a.country} (the place may be the outlet's name)"
    return why, pts, reason


def _place_assess(a: Report, b: Report, cfg: FusionConfig) -> tuple[str | None, float, str]:
    """Country-only reports fit any place in the country."""
    if a.country != b.country:
        return f"countries {a.country or '?'} and {b.country or '?'}", 0.0, ""
    pa, pb = a.geo_precision, b.geo_precision
    if pa >= 4 or pb >= 4:
        return None, 0.5, f"same country {a.country}"
    ca, cb = a.coords, b.coords
    if pa == 3 or pb == 3:
        if _same_name(a.get("admin1"), b.get("admin1")):
            return None, 1.0, f"same province {a.get('admin1')}"
        if a.get("admin1") and b.get("admin1"):  # Idlib's villages are not Latakia's, however close
            return f"provinces {a.get('admin1')} and {b.get('admin1')} differ", 0.0, ""
        if ca and cb and distance_km(ca, cb) <= cfg.place_km[pa] + cfg.place_km[pb]:
            return None, 0.5, "near the same province"
        if ca and cb or (a.get("admin1") and b.get("admin1")):
            return f"provinces {a.get('admin1')} and {b.get('admin1')} differ", 0.0, ""
        return None, 0.5, f"same country {a.country}"
    if ca and cb:
        d = distance_km(ca, cb)
        if d > cfg.place_km[pa] + cfg.place_km[pb]:
            return f"{a.get('location')} and {b.get('location')} are {d:.0f} km apart", 0.0, ""
        if d <= 5 or _same_name(a.get("location"), b.get("location")):
            return None, 3.0, f"same place {a.get('location')} ({d:.0f} km)"
        return None, (1.5 if d <= 15 else 1.0), f"{a.get('location')}/{b.get('location')} {d:.0f} km"
    if _same_name(a.get("location"), b.get("location")):
        return None, 3.0, f"same place {a.get('location')}"
    if a.get("admin1") and b.get("admin1") and not _same_name(a.get("admin1"), b.get("admin1")):
        return f"provinces {a.get('admin1')} and {b.get('admin1')} differ", 0.0, ""
    return None, 0.5, f"same country {a.country}"


def in_same_province(a: Report, b: Report) -> bool:
    """Both placed in one named province, at least one no finer than that."""
    return (max(a.geo_precision, b.geo_precision) == 3 and a.country == b.country
            and _same_name(a.get("admin1"), b.get("admin1")))


# --- kind and actors -----------------------------------------------------

def _actor_pairs(a: Report, b: Report) -> list[tuple[str | None, str | None]]:
    """actor1 against actor1; in a battle either side may be named first."""
    pairs = [(a.extra["actor1"], b.extra["actor1"])]
    if a.get("event_type") == "Battles" and b.get("event_type") == "Battles":
        pairs += [(a.extra["actor1"], b.extra["actor2"]), (a.extra["actor2"], b.extra["actor1"])]
    return pairs


def actor_assess(a: Report, b: Report) -> tuple[str | None, float, str]:
    verdicts = []
    for x, y in _actor_pairs(a, b):
        rel = knowledge.actor_relation(x, y)
        verdicts.append({"same": (None, 1.0, f"same actor {x}"),
                         "branch": (None, 1.0, f"actors {x}/{y} (one a branch of the other)"),
                         "related": (None, 0.5, f"actors {x}/{y} often interchanged"),
                         "unknown": (None, 0.0, "")}.get(rel, (f"actors {x} and {y} differ", 0.0, "")))
    fitting = [v for v in verdicts if v[0] is None]
    return max(fitting, key=lambda v: v[1]) if fitting else verdicts[0]


def kind_assess(a: Report, b: Report) -> tuple[str | None, float, str]:
    k = knowledge.load()
    fa, fb = a.extra["family"], b.extra["family"]
    if not k.families_compatible(fa, fb):
        return f"{a.get('sub_event_type')} vs {b.get('sub_event_type')}", 0.0, ""
    sa, sb = a.get("sub_event_type"), b.get("sub_event_type")
    if sa == sb:
        return None, 0.5, f"both {sa}"
    if min(k.specificity(sa), k.specificity(sb)) <= 1:  # 'Attack' or 'Other' says little
        return None, 0.0, ""
    return None, -0.5, f"{sa} vs {sb}"


def telling_toll(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """Both give a toll, alike and large enough to be rare by chance ('1 killed'
    is not)."""
    return max(figure_points(a, b, "fatalities"), figure_points(a, b, "injuries")) >= cfg.telling_toll_points


def precise_toll(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """A telling toll whose figures are close over their whole ranges: '31'
    against '18 to 61' overlaps, but says little about which battle is meant."""
    for name in ("fatalities", "injuries"):
        fa, fb = a.figure(name), b.figure(name)
        if fa is None or fb is None:
            continue
        low, high = min(fa[0], fb[0]), max(fa[1], fb[1])
        if _agreement(low, high / max(low, 1), exact=low == high) >= cfg.telling_toll_points:
            return True
    return False


def recurring_veto(a: Report, b: Report, cfg: FusionConfig) -> str | None:
    """Clashes, air strikes and shelling recur in a war's towns every day
    (`data/recurring_kinds.tsv`): Aden, Zinjibar or Aleppo in 2015 saw several
    a day. Without a precise toll in common, two such reports are one incident
    only when both are dated to the same day, and a recurring kind is not
    taken for another specific kind ('an air strike' against 'shelling' or 'a
    landmine'): 'a day apart', 'this week' or 'undated' then say nothing about
    which of the town's incidents is meant; the same holds for a clash against
    the town changing hands (one family). A clash told as a generic 'attack'
    (a miscoding as common as the bombing-as-clash of the Abha reports) is
    left to the general rules.

    It is a contradiction, so it also keeps the two out of one event through
    other reports. The price: an incident whose reports vary in kind or day
    (the Dar Saad shelling of 19 July, 43-60 killed, told once as an air
    strike and dated the 20th by some) can end in several events when some of
    its reports give no toll (docs/evaluation.md).

    On the same day, two such reports without a precise toll must also be
    at one named site (not two neighbouring towns or districts) and must not
    name different targets: Aden's northern districts, Dar Saad and Khor
    Maksar, or a strike on rebels and the shelling of civilians, were
    different incidents of one day (docs/evaluation.md, issue #4).
    """
    k = knowledge.load()
    sa, sb = a.get("sub_event_type"), b.get("sub_event_type")
    ra, rb = k.is_recurring(sa), k.is_recurring(sb)
    if not (ra or rb) or precise_toll(a, b, cfg):
        return None
    if (sa != sb and min(k.specificity(sa), k.specificity(sb)) >= 2
            and (a.extra["family"] != b.extra["family"] or (ra and rb))):
        return f"{sa} vs {sb} without a shared toll"
    if not (ra and rb) and a.extra["family"] != b.extra["family"]:
        return None  # a clash against a generic 'attack': kinds too often confused to be strict
    if a.start is None or b.start is None or a.time_precision != 1 or b.time_precision != 1:
        return f"{sa}/{sb} not both dated to the day, without a shared toll"
    if a.start != b.start:
        return f"{sa}/{sb} on {a.get('event_date')} and {b.get('event_date')} without a shared toll"
    if _targets_differ(a, b):
        return f"{sa}/{sb} against {a.get('actor2')} and {b.get('actor2')} without a shared toll"
    if not _same_site(a, b, cfg):
        return f"{sa}/{sb} at {a.get('location')} and {b.get('location')}, not one named site, without a shared toll"
    return None


def _targets_differ(a: Report, b: Report) -> bool:
    """Do the two name different targets? In a battle either side may be
    named first, so a battle's target may be the other's doer."""
    pairs = [(a.extra["actor2"], b.extra["actor2"])]
    if a.get("event_type") == "Battles" and b.get("event_type") == "Battles":
        pairs += [(a.extra["actor2"], b.extra["actor1"]), (a.extra["actor1"], b.extra["actor2"])]
    return all(knowledge.actor_relation(x, y) == "differ" for x, y in pairs)


def _same_site(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """Both at one named place (the same name, or within `same_site_km`), or
    one placed only at its province or country (it names no other site; the
    place rules keep other provinces out): a town's neighbour has incidents
    of its own the same day."""
    if a.geo_precision >= 3 or b.geo_precision >= 3:
        return True
    if _same_name(a.get("location"), b.get("location")):
        return True
    ca, cb = a.coords, b.coords
    return bool(ca and cb) and distance_km(ca, cb) <= cfg.same_site_km


# --- the pair ------------------------------------------------------------

def veto(a: Report, b: Report, cfg: FusionConfig) -> str | None:
    """The first hard contradiction between two reports, or None. With the
    pair model (`cfg.pair_model`), different doers and figures far apart are
    evidence it weighs, not contradictions: outlets blame different groups
    and tolls rise for one incident (issue #20). The recurring kinds' rule
    stays a contradiction: made soft, it cost precision on the gold
    incidents and undid hand-judged splits (docs/fusion.md)."""
    if a.doc_id == b.doc_id:
        return "same document"
    why = place_assess(a, b, cfg)[0] or date_veto(a, b, cfg) or kind_assess(a, b)[0]
    if why or cfg.pair_model is not None:
        return why or recurring_veto(a, b, cfg) or _figures_apart(a, b, cfg, cfg.figure_veto_factor)
    why = actor_assess(a, b)[0]
    if why:
        return why
    return _figures_apart(a, b, cfg) or recurring_veto(a, b, cfg)


def _figures_apart(a: Report, b: Report, cfg: FusionConfig, beyond: float = 0.0) -> str | None:
    """Tolls too far apart (`figure_gap`), and more than `beyond` times apart."""
    for name in ("fatalities", "injuries"):
        ratio = figure_gap(a, b, name, cfg)
        if ratio is not None and ratio > beyond:
            return f"{name} {a.get(name)} vs {b.get(name)} ({ratio:.1f}x)"
    return None


def _gap_bucket(ratio: float | None) -> str:
    """How far apart two figures are beyond what `figure_gap` tolerates."""
    if ratio is None:
        return "fits"
    return "x3" if ratio <= 3 else "x10"  # beyond `figure_veto_factor` the pair is vetoed


def assess(a: Report, b: Report, cfg: FusionConfig) -> Link | None:
    """The evidence for linking `a` and `b`, or None when a veto applies."""
    if a.doc_id == b.doc_id or a.country != b.country or date_veto(a, b, cfg):
        return None  # the cheap checks first: most candidates fail here
    kind_why, kind_pts, kind_reason = kind_assess(a, b)
    if kind_why:
        return None
    place_why, place_pts, place_reason = place_assess(a, b, cfg)
    if place_why:
        return None
    soft = cfg.pair_model is not None  # the pair model weighs doers and figures (see `veto`)
    if soft and not blocking.places_meet(a, b, cfg):
        return None  # a pair blocking never compares (linking.py): the links do not depend on blocking
    actor_why, actor_pts, actor_reason = actor_assess(a, b)
    gaps = [figure_gap(a, b, n, cfg) for n in ("fatalities", "injuries")]
    recurring = recurring_veto(a, b, cfg)
    if recurring or (not soft and (actor_why or any(g is not None for g in gaps))) \
            or any(g is not None and g > cfg.figure_veto_factor for g in gaps):
        return None
    date_pts, date_reason = date_points(a, b)
    fat_pts = figure_points(a, b, "fatalities")
    inj_pts = figure_points(a, b, "injuries") / 2
    reasons = [r for r in (date_reason, place_reason, kind_reason, actor_reason) if r]
    if fat_pts:
        reasons.append(f"fatalities {a.get('fatalities')}/{b.get('fatalities')}")
    if inj_pts:
        reasons.append(f"injuries {a.get('injuries')}/{b.get('injuries')}")
    in_time = date_reason is not None and (max(a.time_precision, b.time_precision) <= 2 or place_pts >= 3)
    in_figures = bool(fat_pts or inj_pts)
    telling_figures = telling_toll(a, b, cfg)  # "1 killed" fits too many incidents
    named = actor_pts >= 1
    k = knowledge.load()
    sub = a.get("sub_event_type")  # the same kind in one province tells only of kinds that do not recur daily
    same_kind = kind_pts > 0 and in_same_province(a, b) and k.specificity(sub) >= 2 and not k.is_recurring(sub)
    agree = in_time + telling_figures + named + same_kind
    anchored = (in_time or in_figures) and (place_pts > 1 or agree >= 2)
    score = date_pts + place_pts + kind_pts + actor_pts + fat_pts + inj_pts
    undated = (a.start is None) + (b.start is None)
    rule = anchored and score >= cfg.link_threshold and not actor_why and all(g is None for g in gaps)
    features = [f"date={date_pts}", f"place={place_pts}", f"kind={kind_pts}", f"actor={actor_pts}",
                f"fat={round(fat_pts, 1)}", f"inj={round(inj_pts, 1)}", f"undated={undated}",
                f"anchored={anchored}", f"rule={rule}",
                f"score={min(int(score), 8)}", f"telling={telling_figures}",
                "family=" + "/".join(sorted({str(a.extra["family"]), str(b.extra["family"])})),
                f"geo={min(a.geo_precision, b.geo_precision)}{max(a.geo_precision, b.geo_precision)}"]  # symmetric
    if a.pub is not None and b.pub is not None:
        features.append(f"pub_gap={min(abs(a.pub - b.pub), 8)}")
    features += [f"actors_differ={bool(actor_why)}"]
    features += [f"{n}_gap={_gap_bucket(g)}" for n, g in zip(("fat", "inj"), gaps)]
    if undated:  # an undated report names its incident by place, kind, doer and toll
        features += [f"undated&place={place_pts}", f"undated&kind={kind_pts}", f"undated&actor={actor_pts}",
                     f"undated&toll={fat_pts > 0}"]
    return Link(round(score, 3), reasons, anchored, features, rule)
