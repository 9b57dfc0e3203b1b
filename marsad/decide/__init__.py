"""Learned decisions over the rules' candidates (issue #18).

The event rules (`marsad.events`) find and merge the mentions of incidents
and propose every field; a `Decider` then makes the choices: which merged
mentions are reportable incidents, and each event's actor1, responsibility,
fatalities, place and date among the candidates the text offers
(`decisions.py`). Three deciders share the interface:
- `RulesDecider`: the rules' own choices (what marsad did before models);
- `LearnedDecider`: the shipped models (`models/*.json`, trained by
  `marsad train events` from the gold, `train.py`);
- `train.Recorder`: records the candidates with gold labels, for training.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from marsad.decide.decisions import FIELDS, detection_features
from marsad.decide.linear import NULL, Ranker
from marsad.events.context import Context
from marsad.events.draft import Draft
from marsad.model import Event

MODELS = Path(__file__).resolve().parent / "models"
DETECTION = "detection"
GATE: tuple[str, ...] = ()
KEEP_THRESHOLD = 0.55  # P(incident) to keep a draft, chosen by 5-fold cross-validation (docs/learned.md)


class Decider(Protocol):
    def detect(self, ctx: Context, drafts: list[Draft], rule_flags: list[dict[str, bool]],
               to_event: Callable[[Draft], Event]) -> list[Draft]: ...

    def fields(self, ctx: Context, d: Draft, ev: Event) -> Event: ...


class RulesDecider:
    """The rules decide: a draft is kept when every rule flag holds, and each
    field is what the rules chose."""

    def detect(self, ctx, drafts, rule_flags, to_event):
        return [d for d, flags in zip(drafts, rule_flags) if all(flags.values())]

    def fields(self, ctx, d, ev):
        return ev


@dataclass
class LearnedDecider:
    """The models decide; `gate` names rule flags a draft must still pass
    before the detection model sees it."""

    models: dict[str, Ranker]
    threshold: float = KEEP_THRESHOLD
    gate: tuple[str, ...] = GATE

    def __post_init__(self) -> None:
        self.models = {n: m for n, m in self.models.items() if m.weights}  # nothing learned: the rules decide

    def detect(self, ctx, drafts, rule_flags, to_event):
        model = self.models.get(DETECTION)
        if model is None:
            return RulesDecider().detect(ctx, drafts, rule_flags, to_event)
        return [d for d, flags in zip(drafts, rule_flags) if all(flags[g] for g in self.gate)
                and model.probability(detection_features(ctx, d, flags)) >= self.threshold]

    def fields(self, ctx, d, ev):
        for decision in FIELDS:
            model = self.models.get(decision.name)
            if model is None:
                continue
            candidates = decision.candidates(ctx, d, ev)
            if len(candidates) > 1:
                ev = decision.apply(ev, candidates[model.best([f for _v, f in candidates])][0])
        return ev


def load(directory: Path = MODELS) -> dict[str, Ranker]:
    """The models in `directory` (missing ones are left to the rules)."""
    names = [DETECTION] + [d.name for d in FIELDS]
    return {n: Ranker.load(directory / f"{n}.json") for n in names if (directory / f"{n}.json").exists()}


ENV = "MARSAD_DECISIONS"  # "rules": the rules' own decisions everywhere (the baseline), else the models


def shipped() -> Decider:
    """The decider `extract_events` uses by default: the shipped models, or
    the rules where none ships or where `MARSAD_DECISIONS=rules` (to compare
    a store or an extract with the baseline, and for tests of the later
    stages that are written against the rules' reading of the seeds)."""
    if os.environ.get(ENV) == "rules":
        return RulesDecider()
    return _learned()


@functools.cache
def _learned() -> Decider:
    models = load()
    return LearnedDecider(models) if models else RulesDecider()


__all__ = ["Decider", "RulesDecider", "LearnedDecider", "load", "shipped", "NULL"]
