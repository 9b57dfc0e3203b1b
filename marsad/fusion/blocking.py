"""Which earlier reports a new report is compared with: never all of them.

Reports are filed under (country, time bucket, place key):

- time: a day bucket for day-precise dates, week, month or year buckets for
  vaguer ones; a query reads every level, in the range its period (widened by
  the date slack and the longest period of that level) can overlap.
- place, for reports with a site or district and coordinates: a grid cell
  (0.5 degree); a query reads the cells within its reach (its own place
  tolerance plus the widest another site can have), wider in longitude away
  from the equator.
- place-vague reports (a province, a country, no coordinates) can only link
  when two of time, a telling toll and the same named perpetrator agree
  (compat.assess), so they are filed, and find others, by the root of their
  named actor(s), the magnitude of their tolls (3 or more), and their
  province with their kind of event, instead of by place: a 'bombing in Syria today' is compared with the day's bombings
  by the same group or with a similar toll, not with every event in Syria.
- undated reports can only link through a toll, so only those with a toll
  are filed, on one shelf per country, by place or traits as above; they are
  compared with every report with a toll dated within their look-back window
  that shares a place key. (A cap on that number, the nearest in time, was
  tried and dropped: which reports are nearest depends on which have arrived,
  so it made links depend on arrival order; on the whole news corpus it
  bound for a handful of Yemeni reports and saved no measurable time.)

Every candidate predicate is symmetric (a finds b exactly when b would find
a), so which pairs get compared does not depend on arrival order.
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict
from datetime import date

from marsad.fusion import knowledge
from marsad.fusion.config import FusionConfig
from marsad.fusion.reports import Report

# level -> (the time_precision it holds, longest period in days)
LEVELS = {"d": (1, 1), "w": (2, 7), "m": (3, 31), "y": (4, 366)}
PRECISION_LEVEL = {p: lvl for lvl, (p, _) in LEVELS.items()}
FIGURES = ("fatalities", "injuries")
# Smallest toll that counts as telling (compat.assess: 1.5 points needs at
# least 3 killed, reported alike).
TELLING_TOLL = 3


def _bucket(level: str, ordinal: int) -> int:
    if level == "d":
        return ordinal
    if level == "w":
        return ordinal // 7
    d = date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1 if level == "m" else d.year


def _has_figure(rep: Report) -> bool:
    return any(rep.figure(name) is not None for name in FIGURES)


def magnitude(value: int) -> int:
    return int(math.log2(value + 1))


def _cell(rep: Report, cfg: FusionConfig) -> tuple[int, int] | None:
    c = rep.coords
    if c is None or rep.geo_precision > 2:
        return None
    size = cfg.cell_degrees
    return math.floor(c[0] / size), math.floor(c[1] / size)


def _traits(rep: Report) -> list[tuple]:
    """What a place-vague pair must share: an actor root, a toll size, a
    site name, or a province and a specific kind of event."""
    k = knowledge.load()
    actors = [rep.extra.get("actor1")]
    if rep.get("event_type") == "Battles":
        actors.append(rep.extra.get("actor2"))
    out: list[tuple] = [("a", (k.ancestors(a) or [a])[-1]) for a in actors if a]
    for name in FIGURES:
        fig = rep.figure(name)
        if fig is not None and fig[0] >= TELLING_TOLL:
            out.append(("f", name, magnitude(fig[0])))
    if rep.geo_precision <= 2 and rep.get("location"):
        out.append(("n", rep.get("location").casefold()))
    if rep.geo_precision <= 3 and rep.get("admin1") and k.specificity(rep.get("sub_event_type")) >= 2:
        out.append(("s", rep.get("admin1").casefold(), rep.get("sub_event_type")))
    return out


def _cells_around(rep: Report, cell: tuple[int, int], cfg: FusionConfig) -> list[tuple[int, int]]:
    """Cells within reach of `rep`: its own place tolerance plus the
    widest tolerance another precise place can have."""
    reach = cfg.place_km[rep.geo_precision] + max(cfg.place_km[1], cfg.place_km[2])
    km = 111.2 * cfg.cell_degrees
    ky = math.ceil(reach / km)
    kx = math.ceil(reach / (km * max(math.cos(math.radians(rep.coords[0])), 0.2)))
    return [(cell[0] + i, cell[1] + j) for i in range(-ky, ky + 1) for j in range(-kx, kx + 1)]


def _near(trait: tuple) -> list[tuple]:
    if trait[0] == "f":
        return [("f", trait[1], m) for m in range(trait[2] - 2, trait[2] + 3)]
    return [trait]


def query_places(rep: Report, cfg: FusionConfig) -> list:
    """The place keys a report looks up (its cells within reach, or its traits)."""
    cell = _cell(rep, cfg)
    traits = [t for trait in _traits(rep) for t in _near(trait)]
    places: list = [("v", t) for t in traits]
    return places + (_cells_around(rep, cell, cfg) if cell else [("p", t) for t in traits])


def filed_places(rep: Report, cfg: FusionConfig) -> list:
    """The place keys a report is filed under (its cell, and its traits)."""
    cell = _cell(rep, cfg)
    side = "p" if cell else "v"
    return ([cell] if cell else []) + [(side, trait) for trait in _traits(rep)]


def places_meet(a: Report, b: Report, cfg: FusionConfig) -> bool:
    """Would blocking compare `a` and `b` on place (the predicate is symmetric)?
    The pair model links only such pairs, so blocking finds every link."""
    return not set(query_places(a, cfg)).isdisjoint(filed_places(b, cfg)) or \
        not set(query_places(b, cfg)).isdisjoint(filed_places(a, cfg))


class BlockIndex:
    """Candidate lookup over report numbers (positions in the fuser's list)."""

    def __init__(self, cfg: FusionConfig):
        self.cfg = cfg
        # (country, level, time bucket) -> place key -> report numbers; undated
        # reports (with a toll: without one they cannot link) are on level 'u'.
        self.by_time: dict[tuple, dict[object, list[int]]] = defaultdict(lambda: defaultdict(list))
        # (country, level) -> sorted time buckets that hold reports: long
        # look-backs walk only the buckets that exist
        self.filled: dict[tuple, list[int]] = defaultdict(list)

    def add(self, n: int, rep: Report) -> None:
        for shelf in self._shelves(rep, create=True):
            shelf.append(n)

    def remove(self, n: int, rep: Report) -> None:
        """Take report `n` off every shelf `add` filed it on (a report
        withdrawn from fusion must not be a candidate any more). Emptied
        shelves stay: reading one costs a lookup, as a missing one does."""
        for shelf in self._shelves(rep, create=False):
            shelf.remove(n)

    def _shelves(self, rep: Report, create: bool) -> list[list[int]]:
        """The lists `rep` is filed in: one per place key of its time shelf;
        `create` makes the time shelf if it is new (when adding)."""
        if rep.start is None:
            if not self._undated_may_link(rep):
                return []
            key: tuple = (rep.country, "u", 0)
        else:
            level = PRECISION_LEVEL.get(rep.time_precision, "d")
            tb = _bucket(level, rep.start)
            key = (rep.country, level, tb)
            if create and key not in self.by_time:
                bisect.insort(self.filled[(rep.country, level)], tb)
        shelf = self.by_time[key]
        return [shelf[place] for place in filed_places(rep, self.cfg)]

    def _read(self, shelf_key: tuple, places: list, out: set[int]) -> None:
        shelf = self.by_time.get(shelf_key)
        if shelf:
            for p in places:
                out.update(shelf.get(p, ()))

    def _read_range(self, country: str, level: str, first: int, last: int,
                    places: list, out: set[int]) -> None:
        """Read the shelves of days `first`..`last` (ordinals) at `level`."""
        filled = self.filled.get((country, level))
        if not filled:
            return
        lo, hi = _bucket(level, first), _bucket(level, last)
        for tb in filled[bisect.bisect_left(filled, lo): bisect.bisect_right(filled, hi)]:
            self._read((country, level, tb), places, out)

    def candidates(self, rep: Report, reports: list[Report]) -> set[int]:
        """Numbers of earlier reports that `rep` may link with."""
        country = rep.country
        places = query_places(rep, self.cfg)
        dated: set[int] = set()
        undated: set[int] = set()
        if rep.start is not None:
            own_slack = self.cfg.date_slack_days[rep.time_precision]
            for level, (precision, longest) in LEVELS.items():
                slack = max(own_slack, self.cfg.date_slack_days[precision])
                self._read_range(country, level, rep.start - slack - longest + 1, rep.end + slack, places, dated)
            if self._undated_may_link(rep):
                self._read((country, "u", 0), places, undated)
        elif self._undated_may_link(rep):
            if rep.pub is not None:
                look = self.cfg.undated_lookback_days
                for level, (_, longest) in LEVELS.items():
                    self._read_range(country, level, rep.pub - look - longest, rep.pub + 1, places, undated)
            self._read((country, "u", 0), places, undated)
        return dated.union(n for n in undated if self._undated_may_link(reports[n]) and self._in_window(rep, reports[n]))

    def _undated_may_link(self, rep: Report) -> bool:
        """Can an undated pair with `rep` link? Under the hand-set rule only
        through a toll; the pair model weighs an undated report's place, kind
        and doer too (linking.py), so every report is filed."""
        return self.cfg.pair_model is not None or _has_figure(rep)

    def _in_window(self, a: Report, b: Report) -> bool:
        """Undated pairs: the dated side inside the undated side's look-back
        window; an undated report without a publication date has none, and
        is compared with other undated reports only."""
        look = self.cfg.undated_lookback_days
        for undated, other in ((a, b), (b, a)):
            if undated.start is None:
                if undated.pub is None:
                    return other.start is None
                when = other.start if other.start is not None else other.pub
                if when is not None and not (undated.pub - look <= when <= undated.pub + look):
                    return False
        return True
