"""Scoring fusion against gold incidents (issue #20).

The gold (`snn_train.incidents.jsonl`) assigns report ids (`doc_id#index`)
to real-world incidents. Fusing the gold events themselves and comparing
the clusters with it measures fusion apart from extraction:

- pair precision / recall / F1 over the **cross-document** pairs of reports
  (two reports of one article are one event by the coding rules, so only
  pairs across articles say anything about fusion);
- B-cubed precision / recall / F1 over reports (each report's cluster against
  its incident, averaged);
- the worst splits (incidents spread over several clusters) and merges
  (clusters holding several incidents), for reading.

Only reports present on both sides are scored.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from marsad.eval.io import EvalInputError


@dataclass
class FusionScore:
    reports: int
    incidents: int
    clusters: int
    gold_pairs: int
    predicted_pairs: int
    right_pairs: int
    pair_precision: float | None
    pair_recall: float | None
    pair_f1: float | None
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    splits: list[dict[str, Any]] = field(default_factory=list)
    merges: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_incidents(path: str | Path) -> dict[str, str]:
    """report id -> incident, from a JSON Lines file of {ref, incident}."""
    out: dict[str, str] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise EvalInputError(f"{path}: cannot read ({e.__class__.__name__})") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalInputError(f"{path}:{n}: not valid JSON ({e.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("ref"), str) or not isinstance(rec.get("incident"), str):
            raise EvalInputError(f"{path}:{n}: a line needs string 'ref' and 'incident'")
        out[rec["ref"]] = rec["incident"]
    return out


def _doc(ref: str) -> str:
    return ref.rsplit("#", 1)[0]


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _cross_pairs(groups: Iterable[list[str]]) -> set[frozenset[str]]:
    return {frozenset((a, b)) for g in groups for a, b in combinations(sorted(g), 2) if _doc(a) != _doc(b)}


def score_fusion(clusters: dict[str, list[str]], incidents: dict[str, str],
                 only: set[str] | None = None, worst: int = 10) -> FusionScore:
    """Score predicted `clusters` (event id -> report ids) against gold
    `incidents` (report id -> incident), over the reports both know (and in
    `only`, when given: e.g. the core reports)."""
    cluster_of = {r: cid for cid, rs in clusters.items() for r in rs}
    refs = sorted(r for r in incidents if r in cluster_of and (only is None or r in only))
    pred: dict[str, list[str]] = defaultdict(list)
    gold: dict[str, list[str]] = defaultdict(list)
    for r in refs:
        pred[cluster_of[r]].append(r)
        gold[incidents[r]].append(r)
    gp, pp = _cross_pairs(gold.values()), _cross_pairs(pred.values())
    right = len(gp & pp)
    precision = right / len(pp) if pp else None
    recall = right / len(gp) if gp else None
    bp = br = 0.0
    for r in refs:
        c, g = set(pred[cluster_of[r]]), set(gold[incidents[r]])
        bp += len(c & g) / len(c)
        br += len(c & g) / len(g)
    n = len(refs) or 1
    bp, br = bp / n, br / n
    splits = sorted(({"incident": inc, "reports": len(rs), "clusters": sorted({cluster_of[r] for r in rs})}
                     for inc, rs in gold.items() if len({cluster_of[r] for r in rs}) > 1),
                    key=lambda s: (-len(s["clusters"]), -s["reports"], s["incident"]))
    merges = sorted(({"event_id": cid, "reports": len(rs), "incidents": sorted({incidents[r] for r in rs})}
                     for cid, rs in pred.items() if len({incidents[r] for r in rs}) > 1),
                    key=lambda m: (-len(m["incidents"]), -m["reports"], m["event_id"]))
    return FusionScore(
        reports=len(refs), incidents=len(gold), clusters=len(pred), gold_pairs=len(gp),
        predicted_pairs=len(pp), right_pairs=right, pair_precision=precision, pair_recall=recall,
        pair_f1=_f1(precision, recall), bcubed_precision=bp, bcubed_recall=br,
        bcubed_f1=_f1(bp, br) or 0.0, splits=splits[:worst], merges=merges[:worst])


def render_fusion(s: FusionScore) -> str:
    def fmt(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"
    lines = [f"reports: {s.reports} in {s.incidents} gold incidents, {s.clusters} fused events",
             "",
             f"pair precision  {fmt(s.pair_precision)}  {s.right_pairs}/{s.predicted_pairs} cross-document pairs fused",
             f"pair recall     {fmt(s.pair_recall)}  {s.right_pairs}/{s.gold_pairs} gold cross-document pairs",
             f"pair F1         {fmt(s.pair_f1)}",
             f"B-cubed precision {fmt(s.bcubed_precision)}",
             f"B-cubed recall    {fmt(s.bcubed_recall)}",
             f"B-cubed F1        {fmt(s.bcubed_f1)}"]
    if s.splits:
        lines += ["", "worst splits (a gold incident in several fused events):"]
        lines += [f"  {x['incident']}: {x['reports']} reports in {len(x['clusters'])} events" for x in s.splits]
    if s.merges:
        lines += ["", "worst merges (a fused event holding several gold incidents):"]
        lines += [f"  {x['event_id']}: {x['reports']} reports of {', '.join(x['incidents'])}" for x in s.merges]
    return "\n".join(lines)
