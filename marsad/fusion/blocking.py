"""Which earlier reports a new report is compared with: never all of them.

Reports are filed under (country, time bucket, place key):

- time: a day bucket for day-precise dates, week, month or year buckets for
  vaguer ones; a query reads every level, in the range its period (widened by
  the date slack and the longest period of that level) can overlap.
- place: a 1-degree grid cell for site- or district-precise reports (a query
  reads its cell and the 8 around it: the widest place tolerance, 50 km, is
  less than a cell), and one shared key for province- or country-level
  reports. A vague query reads every cell of its country through a second
  filing of the precise reports under the shared key '*'.
- undated reports can only link through a toll (compat: anchors), so they are
  filed by (country, figure, magnitude bucket) and compared only with reports
  whose toll is within a factor of 4, limited to `undated_cap` candidates.

Every candidate predicate is symmetric (a finds b exactly when b would find
a), so which pairs get compared does not depend on arrival order, except when
the undated cap binds.
"""
from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from marsad.fusion.config import FusionConfig
from marsad.fusion.reports import Report

# level -> (the time_precision it holds, longest period in days)
LEVELS = {"d": (1, 1), "w": (2, 7), "m": (3, 31), "y": (4, 366)}
PRECISION_LEVEL = {p: lvl for lvl, (p, _) in LEVELS.items()}
FIGURES = ("fatalities", "injuries")


def _bucket(level: str, ordinal: int) -> int:
    if level == "d":
        return ordinal
    if level == "w":
        return ordinal // 7
    d = date.fromordinal(ordinal)
    return d.year * 12 + d.month - 1 if level == "m" else d.year


def _buckets(level: str, first: int, last: int) -> range:
    return range(_bucket(level, first), _bucket(level, last) + 1)


def magnitude(value: int) -> int:
    return int(math.log2(value + 1))


class BlockIndex:
    """Candidate lookup over report numbers (positions in the fuser's list)."""

    def __init__(self, cfg: FusionConfig):
        self.cfg = cfg
        self.by_time: dict[tuple, list[int]] = defaultdict(list)
        self.undated: dict[tuple, list[int]] = defaultdict(list)
        self.dated_by_figure: dict[tuple, list[int]] = defaultdict(list)

    def _cell(self, rep: Report) -> tuple[int, int] | None:
        c = rep.coords
        if c is None or rep.geo_precision > 2:
            return None
        size = self.cfg.cell_degrees
        return math.floor(c[0] / size), math.floor(c[1] / size)

    def add(self, n: int, rep: Report) -> None:
        country = rep.country
        if rep.start is None:
            for name in FIGURES:
                fig = rep.figure(name)
                if fig is not None:
                    self.undated[(country, name, magnitude(fig[0]))].append(n)
            return
        level = PRECISION_LEVEL.get(rep.time_precision, "d")
        tb = _bucket(level, rep.start)
        cell = self._cell(rep)
        if cell is None:
            self.by_time[(country, level, tb, "x")].append(n)
        else:
            self.by_time[(country, level, tb, cell)].append(n)
            self.by_time[(country, level, tb, "*")].append(n)
        for name in FIGURES:
            fig = rep.figure(name)
            if fig is not None:
                self.dated_by_figure[(country, name, magnitude(fig[0]))].append(n)

    def candidates(self, rep: Report, reports: list[Report]) -> set[int]:
        """Numbers of earlier reports that `rep` may link with."""
        country = rep.country
        out: set[int] = set()
        if rep.start is not None:
            cell = self._cell(rep)
            places = (["x", *((cell[0] + i, cell[1] + j) for i in (-1, 0, 1) for j in (-1, 0, 1))]
                      if cell else ["x", "*"])
            own_slack = self.cfg.date_slack_days[rep.time_precision]
            for level, (precision, longest) in LEVELS.items():
                slack = max(own_slack, self.cfg.date_slack_days[precision])
                for tb in _buckets(level, rep.start - slack - longest + 1, rep.end + slack):
                    for p in places:
                        out.update(self.by_time.get((country, level, tb, p), ()))
        out |= self._by_figure(rep, reports)
        return out

    def _by_figure(self, rep: Report, reports: list[Report]) -> set[int]:
        """Undated pairs: same country, a toll within a factor of 4, and the
        dated side (if any) inside the undated side's look-back window."""
        tables = [self.undated] + ([self.dated_by_figure] if rep.start is None else [])
        found: set[int] = set()
        for name in FIGURES:
            fig = rep.figure(name)
            if fig is None:
                continue
            m = magnitude(fig[0])
            for table in tables:
                for k in range(m - 2, m + 3):
                    found.update(table.get((rep.country, name, k), ()))
        fitting = [n for n in found if self._in_window(rep, reports[n])]
        if len(fitting) > self.cfg.undated_cap:
            key = lambda n: (self._time_distance(rep, reports[n]), reports[n].report_id)
            fitting = sorted(fitting, key=key)[: self.cfg.undated_cap]
        return set(fitting)

    def _in_window(self, a: Report, b: Report) -> bool:
        look = self.cfg.undated_lookback_days
        for undated, other in ((a, b), (b, a)):
            if undated.start is None and undated.pub is not None:
                when = other.start if other.start is not None else other.pub
                if when is not None and not (undated.pub - look <= when <= undated.pub + look):
                    return False
        return True

    @staticmethod
    def _time_distance(a: Report, b: Report) -> int:
        ta = a.start if a.start is not None else a.pub
        tb = b.start if b.start is not None else b.pub
        return abs(ta - tb) if ta is not None and tb is not None else 10 ** 6
