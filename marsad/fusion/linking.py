"""Which compatible pairs of reports are one incident: a learned decision.

`compat.assess` rules out contradictions (vetoes) and lists the evidence a
pair shares: date, place, kind, doer, tolls, whether either report is
undated, how far apart they were published (`Link.features`). The pair
model (`marsad.decide.linear.Ranker`, binary) weighs that evidence; it is
trained on the gold incidents (`snn_train.incidents.jsonl`) by `marsad train
fusion` and shipped in `models/pair.json`. A pair links when its
probability reaches `FusionConfig.pair_threshold`, or when the hand-set
rule links it (score >= `link_threshold`, anchored, no contradiction:
`Link.rule`, also one of the model's features), so the model only adds
links the rule missed (undated reports, other doers, rising tolls). The
rule decides alone with `FusionConfig(pair_model=None)` or when no model
ships.

A pair's decision still depends on the pair alone, so the fused events do
not depend on the order reports arrive in.
"""
from __future__ import annotations

import functools
from pathlib import Path

from marsad.decide.linear import Ranker

MODELS = Path(__file__).resolve().parent / "models"
DEFAULT = "default"


@functools.lru_cache(maxsize=4)
def load(name: str | None) -> Ranker | None:
    """The pair model named `name` ("default": the shipped one; else a
    path), or None for the hand-set rule."""
    if name is None:
        return None
    path = MODELS / "pair.json" if name == DEFAULT else Path(name)
    return Ranker.load(path) if path.exists() else None
