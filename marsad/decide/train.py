"""Training the decisions from gold events, and cross-validating them.

One pass of the rules over the gold articles, with a `Recorder` as decider,
lists every decision's candidates and which of them the gold says are
right (by the scorer's own pairing and field tests, `marsad.eval`). The
models are fitted on those groups (`linear.fit`). Cross-validation splits
the articles (never the events) into folds, fits on all folds but one,
extracts the held-out fold with those models, and scores all held-out
predictions together with `marsad.eval.score`: the same table as
`marsad eval`, on articles no model saw.
"""
from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.decide import DETECTION, LearnedDecider, RulesDecider
from marsad.decide.decisions import FIELDS, detection_features
from marsad.decide.linear import NULL, Group, Ranker, fit
from marsad.model import Document, InputError

# L2 penalty per decision, chosen among 0.3, 1, 3, 10 by 5-fold cross-validation on snn_train (docs/learned.md)
L2 = {DETECTION: 3.0, "actor1": 3.0, "responsibility": 10.0, "fatalities": 10.0, "place": 3.0, "date": 3.0}


@dataclass
class Recorder:
    """A decider that keeps the rules' choices and records, for each
    decision, its candidates and the gold's verdict on them."""

    gold: list[dict]
    groups: dict[str, list[Group]] = field(default_factory=dict)

    def _match(self, ev: dict) -> dict | None:
        from marsad.eval.score import conflict, pair_cost
        options = [g for g in self.gold if conflict(g, ev) is None]
        return min(options, key=lambda g: pair_cost(g, ev)) if options else None

    def detect(self, ctx, drafts, rule_flags, to_event):
        for d, flags in zip(drafts, rule_flags):
            ev = to_event(d)
            gold = self._match(ev.to_dict())
            if gold is None or gold.get("core", True) is not False:
                self.groups.setdefault(DETECTION, []).append(
                    Group([detection_features(ctx, d, flags), [NULL]], {0} if gold else {1}))
            if gold is not None:
                self._fields(ctx, d, ev, gold)
        return RulesDecider().detect(ctx, drafts, rule_flags, to_event)

    def _fields(self, ctx, d, ev, gold: dict) -> None:
        for decision in FIELDS:
            candidates = decision.candidates(ctx, d, ev)
            verdicts = [decision.correct(gold, decision.apply(ev, v).to_dict()) for v, _f in candidates]
            if any(v is None for v in verdicts):
                continue
            right = {i for i, ok in enumerate(verdicts) if ok}
            self.groups.setdefault(decision.name, []).append(Group([f for _v, f in candidates], right))
            if right:  # later decisions see this one made right, as the models will mostly make it
                ev = decision.apply(ev, candidates[min(right)][0])

    def fields(self, ctx, d, ev):
        return ev


def read_gold(path: str | Path) -> list[dict]:
    from marsad.eval import read_jsonl
    return read_jsonl(path, gold=True)


def read_documents(path: str | Path) -> list[Document]:
    """The gold's input articles, with their mentions found once (every
    fold's extraction reuses them)."""
    from marsad.mentions import document_mentions
    from marsad.sources import read_paths
    docs = []
    for item in read_paths([path]):
        if isinstance(item, InputError):
            raise ValueError(f"{item.source}: {item.reason}")
        item.mentions = document_mentions(item)
        docs.append(item)
    return docs


def _gold_index(gold: Sequence[dict]) -> dict[str, dict]:
    from marsad.eval.score import doc_key
    return {doc_key(g): g for g in gold}


def record(docs: Iterable[Document], gold: Sequence[dict]) -> dict[str, dict[str, list[Group]]]:
    """Per document id, its decisions' groups."""
    from marsad.events import extract_events
    index = _gold_index(gold)
    out = {}
    for doc in docs:
        g = index.get(doc.doc_id)
        if g is None:
            continue
        rec = Recorder([e for e in g.get("events") or [] if isinstance(e, dict)])
        extract_events(doc, rec)
        out[doc.doc_id] = rec.groups
    return out


def fit_models(per_doc: dict[str, dict[str, list[Group]]], ids: Iterable[str] | None = None,
               l2: dict[str, float] | None = None) -> dict[str, Ranker]:
    ids = list(per_doc) if ids is None else list(ids)
    l2 = {**L2, **(l2 or {})}
    models = {}
    for name in [DETECTION] + [d.name for d in FIELDS]:
        groups = [g for i in ids for g in per_doc[i].get(name, [])]
        models[name] = fit(groups, l2=l2[name])
    return models


def folds(ids: Sequence[str], k: int, seed: int) -> list[list[str]]:
    """`k` folds of article ids, by a seeded shuffle of the sorted ids."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def predict(docs: Iterable[Document], decider) -> list[dict[str, Any]]:
    from marsad.events import extract_events
    return [{"doc_id": d.doc_id, "events": [e.to_dict() for e in extract_events(d, decider)]} for d in docs]


def cross_validate(docs: Sequence[Document], gold: Sequence[dict], k: int = 5, seed: int = 1,
                   l2: dict[str, float] | None = None, threshold: float | None = None,
                   use: Sequence[str] | None = None, gate: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Held-out predictions for every document: each fold extracted by models
    fitted on the other folds. `use` limits the learned decisions to those
    named (the others stay the rules')."""
    per_doc = record(docs, gold)
    by_id = {d.doc_id: d for d in docs}
    preds = []
    for fold in folds(list(per_doc), k, seed):
        held = set(fold)
        models = fit_models(per_doc, [i for i in per_doc if i not in held], l2)
        if use is not None:
            models = {n: m for n, m in models.items() if n in use}
        decider = LearnedDecider(models)
        decider.threshold = decider.threshold if threshold is None else threshold
        decider.gate = decider.gate if gate is None else gate
        preds += predict([by_id[i] for i in fold], decider)
    return preds


def train(gold_path: str | Path, input_path: str | Path, out: Path) -> dict[str, Any]:
    """Fit every decision on all of the gold and write the models to `out`."""
    t0 = time.perf_counter()
    gold = read_gold(gold_path)
    per_doc = record(read_documents(input_path), gold)
    models = fit_models(per_doc)
    out.mkdir(parents=True, exist_ok=True)
    for name, model in models.items():
        model.meta.update({"trained_on": Path(gold_path).name, "articles": len(per_doc)})
        model.save(out / f"{name}.json")
    summary = {"articles": len(per_doc), "seconds": round(time.perf_counter() - t0, 1),
               "models": {n: m.meta for n, m in models.items()}}
    (out / "meta.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary
