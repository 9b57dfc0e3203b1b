"""Score predicted events against gold events (../shared/gold/FORMAT.md).

Per document, predictions are paired one-to-one with gold events they do not
contradict (same country, within 250 km, dates within about a month), choosing
the pairs that agree most (minimum total disagreement). Then:

- detection counts only `core` gold: a prediction paired with core gold is a
  true positive, one paired with non-core gold is ignored, an unpaired one is
  a false positive, and unpaired core gold is a false negative;
- each field is scored over the pairs (core pairs for the headline numbers);
- a pair is fully correct when its date (if scored), place, actor1 and
  fatalities are all right.
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from marsad.eval import fields as F
from marsad.eval.assign import FORBIDDEN, assign

Event = dict[str, Any]

# Field name -> whether the prediction has it right (date is special: it may be unscored).
FIELD_CHECKS: dict[str, Callable[[Event, Event], bool]] = {
    "event_type": F.event_type_correct,
    "sub_event_type": F.sub_event_type_correct,
    "date": F.date_correct,
    "place": F.place_correct,
    "actor1": lambda g, p: F.same_actor(g.get("actor1"), p.get("actor1")),
    "responsibility": F.responsibility_correct,
    "fatalities": F.fatalities_correct,
    "injuries": F.injuries_correct,
}
FULLY_CORRECT_FIELDS = ("date", "place", "actor1", "fatalities")
# What a wrong field shows of each side, to make errors easy to find.
SHOWN = {
    "event_type": ("event_type",),
    "sub_event_type": ("sub_event_type",),
    "date": ("event_date", "time_precision"),
    "place": ("country_code", "admin1", "location", "latitude", "longitude", "geo_precision"),
    "actor1": ("actor1",),
    "responsibility": ("responsibility",),
    "fatalities": ("fatalities",),
    "injuries": ("injuries",),
}
SUMMARY_KEYS = ("event_type", "sub_event_type", "event_date", "time_precision", "actor1", "country_code",
                "location", "fatalities", "injuries")


@dataclass
class Ratio:
    """A count-based metric: `correct` out of `total` (value None when total is 0)."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "correct": self.correct, "total": self.total}


@dataclass
class PRF:
    """Precision (hits / predictions counted), recall (hits / core gold), F1."""

    hits: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else float(self.predicted == 0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "hits": self.hits, "predicted": self.predicted, "gold": self.gold}


@dataclass
class TypeCounts:
    """Detection for one event type: core gold found, and predictions of
    that type paired with nothing."""

    core_gold: int = 0
    found: int = 0
    unpaired_predictions: int = 0


@dataclass
class DocResult:
    """What happened to each gold and predicted event of one document."""

    doc_id: str
    published: str | None
    has_prediction: bool
    gold: list[dict[str, Any]] = field(default_factory=list)
    unpaired_predictions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Report:
    detection: PRF
    fully_correct: PRF
    fields: dict[str, Ratio]  # over core pairs
    fields_all_pairs: dict[str, Ratio]  # over every pair, core or not
    by_event_type: dict[str, TypeCounts]
    true_positives: int
    false_positives: int
    false_negatives: int
    ignored_predictions: int  # paired with non-core gold
    gold_documents: int
    missing_predictions: list[str]  # gold documents with no prediction line
    unknown_predictions: list[str]  # prediction documents with no gold
    repeated_predictions: list[str]  # prediction lines whose doc_id an earlier line already had
    documents: list[DocResult]

    def to_dict(self) -> dict[str, Any]:
        return {
            "detection": self.detection.to_dict(),
            "fully_correct": self.fully_correct.to_dict(),
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "fields_all_pairs": {k: v.to_dict() for k, v in self.fields_all_pairs.items()},
            "by_event_type": {k: asdict(v) for k, v in self.by_event_type.items()},
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "ignored_predictions": self.ignored_predictions,
            "gold_documents": self.gold_documents,
            "missing_predictions": self.missing_predictions,
            "unknown_predictions": self.unknown_predictions,
            "repeated_predictions": self.repeated_predictions,
            "documents": [asdict(d) for d in self.documents],
        }


def doc_key(record: dict[str, Any]) -> str:
    """The id a gold line is known by (`doc_id`, else `file`)."""
    return str(record.get("doc_id") or record.get("file") or "")


def _prediction_index(pred: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Prediction records by every name a gold line may use for them: doc_id,
    file, and the basename of `source`; and the ids of records that repeat an
    earlier record's id (the first one wins, so a repeat is never scored)."""
    index: dict[str, dict[str, Any]] = {}
    ids: set[str] = set()
    repeated: list[dict[str, Any]] = []
    for record in pred:
        own_id = str(record.get("doc_id") or record.get("file") or "")
        if own_id and own_id in ids:
            repeated.append(record)
            continue
        ids.add(own_id)
        names = [record.get("doc_id"), record.get("file")]
        source = record.get("source")
        if isinstance(source, str) and source:
            names.append(os.path.basename(source))
        for name in names:
            if name:
                index.setdefault(str(name), record)
    return index, repeated


def _record_name(record: dict[str, Any]) -> str:
    return str(record.get("doc_id") or record.get("file") or record.get("source") or "?")


def _find_prediction(gold: dict[str, Any], index: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    for name in (gold.get("doc_id"), gold.get("file")):
        if name and str(name) in index:
            return index[str(name)]
    return None


def conflict(gold: Event, pred: Event) -> str | None:
    """Why a prediction cannot be paired with a gold event, or None if it can."""
    reason = F.place_conflict(gold, pred)
    if reason:
        return reason
    gap = F.date_gap(gold, pred)
    if gap is not None and gap > F.PAIR_DATE_GAP_DAYS:
        return f"dates {gap} days apart"
    return None


def pair_cost(gold: Event, pred: Event) -> float:
    """How much a compatible pair disagrees: date, type, place, figures, actor.
    Non-core gold costs a little more, so that a prediction that fits a core
    and a non-core event equally well is counted for the core one."""
    cost = 0.0
    gap = F.date_gap(gold, pred)
    if gap is None:
        cost += 0.5
    elif not F.date_correct(gold, pred):
        cost += 0.2 + min(gap / F.PAIR_DATE_GAP_DAYS, 1.0)
    cost += 0 if F.event_type_correct(gold, pred) else 1.0
    cost += 0 if F.sub_event_type_correct(gold, pred) else 0.5
    if not F.place_correct(gold, pred):
        km = F.distance_km(gold, pred)
        cost += 0.2 + (min(km / F.PAIR_DISTANCE_KM, 1.0) if km is not None else 0.5)
    cost += 0 if F.fatalities_correct(gold, pred) else 0.5
    cost += 0 if F.injuries_correct(gold, pred) else 0.25
    cost += 0 if F.same_actor(gold.get("actor1"), pred.get("actor1")) else 0.5
    cost += 0 if gold.get("core", True) else 0.05
    return cost


def pair_events(gold: list[Event], pred: list[Event]) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs: as many as possible,
    then the closest."""
    cost = [[FORBIDDEN if conflict(g, p) else pair_cost(g, p) for p in pred] for g in gold]
    return assign(cost)


def _summary(event: Event) -> dict[str, Any]:
    out = {k: event.get(k) for k in SUMMARY_KEYS}
    evidence = event.get("evidence")
    if isinstance(evidence, list):
        evidence = " | ".join(str(e.get("text", "")) if isinstance(e, dict) else str(e) for e in evidence)
    out["evidence"] = evidence
    return out


def _field_results(gold: Event, pred: Event) -> dict[str, bool | None]:
    """Each field right (True), wrong (False) or not scored (None)."""
    results: dict[str, bool | None] = {name: check(gold, pred) for name, check in FIELD_CHECKS.items()}
    if not F.date_scored(gold):
        results["date"] = None
    return results


@dataclass
class _Tally:
    """Counts summed over documents while scoring."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    fully: int = 0
    fields: dict[str, Ratio] = field(default_factory=lambda: {name: Ratio() for name in FIELD_CHECKS})
    fields_all: dict[str, Ratio] = field(default_factory=lambda: {name: Ratio() for name in FIELD_CHECKS})
    by_type: dict[str, TypeCounts] = field(default_factory=dict)

    def of_type(self, event_type: Any) -> TypeCounts:
        return self.by_type.setdefault(str(event_type), TypeCounts())


def _score_pair(g: Event, p: Event, core: bool, tally: _Tally) -> dict[str, Any]:
    """Count one pair's fields; return its detail (which fields are wrong)."""
    checks = _field_results(g, p)
    for name, ok in checks.items():
        if ok is None:
            continue
        tally.fields_all[name].add(ok)
        if core:
            tally.fields[name].add(ok)
    is_fully = all(checks[name] is not False for name in FULLY_CORRECT_FIELDS)
    tally.fully += core and is_fully
    wrong: dict[str, dict[str, Any]] = {
        name: {"gold": {k: g.get(k) for k in SHOWN[name]}, "pred": {k: p.get(k) for k in SHOWN[name]}}
        for name, ok in checks.items() if ok is False}
    if "place" in wrong:
        km = F.distance_km(g, p)
        wrong["place"]["distance_km"] = None if km is None else round(km, 1)
    return {
        "fully_correct": is_fully,
        "wrong": wrong,
        "unscored": [name for name, ok in checks.items() if ok is None],
        "pred": _summary(p),
    }


def _score_document(gold_doc: dict[str, Any], record: dict[str, Any] | None, tally: _Tally) -> DocResult:
    g_events = [e for e in gold_doc.get("events") or [] if isinstance(e, dict)]
    p_events = [e for e in (record or {}).get("events") or [] if isinstance(e, dict)]
    pairs = dict(pair_events(g_events, p_events))
    result = DocResult(doc_id=doc_key(gold_doc), published=gold_doc.get("published"),
                       has_prediction=record is not None)
    for gi, g in enumerate(g_events):
        core = g.get("core", True) is not False
        detail: dict[str, Any] = {"index": gi, "core": core, "found": gi in pairs, "gold": _summary(g)}
        if core:
            tally.of_type(g.get("event_type")).core_gold += 1
        if gi in pairs:
            tally.tp += core
            tally.ignored += not core
            if core:
                tally.of_type(g.get("event_type")).found += 1
            detail["prediction"] = pairs[gi]
            detail.update(_score_pair(g, p_events[pairs[gi]], core, tally))
        else:
            tally.fn += core
            detail["why_not"] = [{"prediction": pi, "reason": conflict(g, p) or "paired with another gold event"}
                                 for pi, p in enumerate(p_events)]
        result.gold.append(detail)
    paired = set(pairs.values())
    for pi, p in enumerate(p_events):
        if pi in paired:
            continue
        tally.fp += 1
        tally.of_type(p.get("event_type")).unpaired_predictions += 1
        result.unpaired_predictions.append({
            "index": pi, "pred": _summary(p),
            "why_not": [{"gold": gi, "reason": conflict(g, p) or "paired with another prediction"}
                        for gi, g in enumerate(g_events)],
        })
    return result


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> Report:
    """Score prediction records against gold records (both: one dict per
    document with `events`); see the module docstring for the rules."""
    index, repeated = _prediction_index(pred)
    used = {id(r) for r in repeated}
    tally = _Tally()
    missing: list[str] = []
    documents: list[DocResult] = []
    for gold_doc in gold:
        record = _find_prediction(gold_doc, index)
        if record is None:
            missing.append(doc_key(gold_doc))
        else:
            used.add(id(record))
        documents.append(_score_document(gold_doc, record, tally))

    core_gold = tally.tp + tally.fn
    return Report(
        detection=PRF(hits=tally.tp, predicted=tally.tp + tally.fp, gold=core_gold),
        fully_correct=PRF(hits=tally.fully, predicted=tally.tp + tally.fp, gold=core_gold),
        fields=tally.fields,
        fields_all_pairs=tally.fields_all,
        by_event_type=dict(sorted(tally.by_type.items())),
        true_positives=tally.tp,
        false_positives=tally.fp,
        false_negatives=tally.fn,
        ignored_predictions=tally.ignored,
        gold_documents=len(gold),
        missing_predictions=missing,
        unknown_predictions=[_record_name(r) for r in pred if id(r) not in used],
        repeated_predictions=[_record_name(r) for r in repeated],
        documents=documents,
    )
