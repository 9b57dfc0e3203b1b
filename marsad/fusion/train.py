"""Training the pair model of fusion on gold incidents, and cross-validating it.

The gold events of `snn_train` and `snn_dev`, with their outlets and
publication dates, are the reports; `snn_train.incidents.jsonl` says which
are one incident. Every pair of reports from different articles in one
country that no veto rules out (`compat.assess`) is a training example,
labelled by the gold. Cross-validation splits the *incidents* into folds,
fits on the pairs inside the other folds, fuses the held-out fold's reports
with that model, and scores all held-out events together
(`marsad.eval.fusion.score_fusion`).
"""
from __future__ import annotations

import itertools
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from marsad.decide.linear import NULL, Group, Ranker, fit
from marsad.decide.train import folds
from marsad.fusion import compat
from marsad.fusion.config import FusionConfig
from marsad.fusion.fuser import Fuser
from marsad.fusion.reports import Report

L2 = 1.0  # chosen among 0.3, 1, 3 by cross-validation by incident (docs/fusion.md)


def pair_groups(reports: Sequence[Report], incidents: dict[str, str], cfg: FusionConfig) -> list[Group]:
    """One binary group per compatible cross-document pair in one country."""
    by_country: dict[str | None, list[Report]] = defaultdict(list)
    for r in reports:
        by_country[r.country].append(compat.prepare(r))
    groups = []
    for same_country in by_country.values():
        for a, b in itertools.combinations(same_country, 2):
            link = compat.assess(a, b, cfg)
            if link is not None:
                same = incidents[a.report_id] == incidents[b.report_id]
                groups.append(Group([link.features, [NULL]], {0} if same else {1}))
    return groups


def fit_pair_model(reports: Sequence[Report], incidents: dict[str, str], l2: float = L2) -> Ranker:
    # the pair model's own view of a pair: the soft contradictions are features (compat.veto)
    return fit(pair_groups(reports, incidents, FusionConfig(pair_model="training")), l2=l2)


def fuse(reports: Iterable[Report], cfg: FusionConfig) -> dict[str, list[str]]:
    fuser = Fuser(cfg)
    fuser.add_all(reports)  # a report is not changed by filing, so folds may share them
    fuser.settle()
    return fuser.clusters()


def cross_validate(reports: Sequence[Report], incidents: dict[str, str], k: int = 5, seed: int = 1,
                   l2: float = L2, threshold: float | None = None) -> dict[str, list[str]]:
    """Held-out clusters: each fold of incidents fused by a model fitted on
    the pairs of the other folds."""
    fold = {name: i for i, names in enumerate(folds(list({incidents[r.report_id] for r in reports}), k, seed))
            for name in names}
    clusters: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(k):
            train = [r for r in reports if fold[incidents[r.report_id]] != i]
            held = [r for r in reports if fold[incidents[r.report_id]] == i]
            path = Path(tmp) / f"pair{i}.json"
            fit_pair_model(train, incidents, l2).save(path)
            cfg = FusionConfig(pair_model=str(path), **({} if threshold is None else {"pair_threshold": threshold}))
            clusters.update(fuse(held, cfg))
    return clusters


def train(reports: Sequence[Report], incidents: dict[str, str], out: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    model = fit_pair_model(reports, incidents)
    model.meta.update({"reports": len(reports), "incidents": len(set(incidents[r.report_id] for r in reports))})
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / "pair.json")
    return {**model.meta, "seconds": round(time.perf_counter() - t0, 1)}
