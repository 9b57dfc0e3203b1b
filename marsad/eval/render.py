"""Text forms of a `Report`: the metrics table and per-document errors.

Headline lines read `<metric> <value>` with a single space (`detection F1
0.727`), so that scripts can grep them; counts follow in an aligned column.
"""
from __future__ import annotations

from typing import Any

from marsad.eval.score import FIELD_CHECKS, PRF, Ratio, Report

FIELD_LABELS = {
    "event_type": "event type",
    "sub_event_type": "sub-event type",
    "date": "date",
    "place": "place",
    "actor1": "actor1",
    "responsibility": "responsibility",
    "fatalities": "fatalities",
    "injuries": "injuries",
}


def _fmt(value: float | None) -> str:
    """Three decimals; an accuracy over no pairs prints as 0.000 (its counts
    read 0/0) so that every headline line parses as a number."""
    return f"{value or 0.0:.3f}"


def _prf_rows(name: str, prf: PRF, hits: str) -> list[tuple[str, str, str]]:
    return [
        (f"{name} precision", _fmt(prf.precision), f"{prf.hits}/{prf.predicted} {hits} / predictions"),
        (f"{name} recall", _fmt(prf.recall), f"{prf.hits}/{prf.gold} {hits} / core gold"),
        (f"{name} F1", _fmt(prf.f1), ""),
    ]


def _ratio_row(label: str, ratio: Ratio, of: str) -> tuple[str, str, str]:
    return label, _fmt(ratio.value), f"{ratio.correct}/{ratio.total} {of}"


def render_table(report: Report) -> str:
    """The metrics, one per line: name, value, counts."""
    rows = _prf_rows("detection", report.detection, "found")
    rows += _prf_rows("fully-correct", report.fully_correct, "fully correct")
    rows += [_ratio_row(f"{FIELD_LABELS[n]} accuracy", report.fields[n], "core pairs") for n in FIELD_CHECKS]
    rows += [_ratio_row(f"all-pairs {FIELD_LABELS[n]}", report.fields_all_pairs[n], "pairs, core or not")
             for n in FIELD_CHECKS]
    width = max(len(f"{name} {value}") for name, value, _ in rows) + 2
    with_pred = report.gold_documents - len(report.missing_predictions)
    lines = [
        f"documents: {report.gold_documents} gold, {with_pred} with predictions",
        f"events: {report.true_positives} found, {report.false_negatives} missed core gold, "
        f"{report.false_positives} unpaired predictions, "
        f"{report.ignored_predictions} paired with non-core gold (ignored)",
    ]
    if report.missing_predictions:
        lines.append(f"no prediction line for {len(report.missing_predictions)} gold document(s), "
                     f"counted as all missed: {', '.join(report.missing_predictions)}")
    if report.unknown_predictions:
        lines.append(f"{len(report.unknown_predictions)} prediction line(s) match no gold document (ignored)")
    if report.repeated_predictions:
        lines.append(f"{len(report.repeated_predictions)} prediction line(s) repeat an earlier doc_id (ignored): "
                     f"{', '.join(report.repeated_predictions)}")
    lines.append("")
    lines.append(f"{'metric value':<{width}}counts")
    lines += [f"{f'{name} {value}':<{width}}{counts}".rstrip() for name, value, counts in rows]
    if report.by_event_type:
        lines += ["", "by event type: core gold found, unpaired predictions"]
        lines += [f"  {name}: found {c.found}/{c.core_gold}, unpaired {c.unpaired_predictions}"
                  for name, c in report.by_event_type.items()]
    return "\n".join(lines)


def _event_line(summary: dict[str, Any]) -> str:
    date = summary.get("event_date") or "no date"
    return (f"{summary.get('sub_event_type')} | {date} (p{summary.get('time_precision')}) | "
            f"{summary.get('country_code')} {summary.get('location')} | {summary.get('actor1')} | "
            f"killed {summary.get('fatalities')} injured {summary.get('injuries')}")


def render_details(report: Report) -> str:
    """Every error, by document: missed gold, wrong fields of pairs, unpaired predictions."""
    out: list[str] = []
    for doc in report.documents:
        lines: list[str] = []
        for g in doc.gold:
            tag = "core" if g["core"] else "non-core"
            if not g["found"]:
                if g["core"]:
                    lines.append(f"  MISSED gold {g['index']} ({tag}): {_event_line(g['gold'])}")
                    lines += [f"      vs prediction {w['prediction']}: {w['reason']}" for w in g["why_not"]]
                continue
            for name, sides in g["wrong"].items():
                km = f" ({sides['distance_km']} km apart)" if sides.get("distance_km") is not None else ""
                lines.append(f"  WRONG {name} gold {g['index']} ({tag}) / prediction {g['prediction']}: "
                             f"gold {_values(sides['gold'])} pred {_values(sides['pred'])}{km}")
        for p in doc.unpaired_predictions:
            lines.append(f"  EXTRA prediction {p['index']}: {_event_line(p['pred'])}")
            lines += [f"      vs gold {w['gold']}: {w['reason']}" for w in p["why_not"]]
        if not doc.has_prediction:
            lines.insert(0, "  (no prediction line for this document)")
        if lines:
            out.append(f"{doc.doc_id} (published {doc.published or 'unknown'})")
            out += lines
    return "\n".join(out) if out else "no errors"


def _values(d: dict[str, Any]) -> str:
    return ", ".join(f"{v}" for v in d.values()) if len(d) > 1 else str(next(iter(d.values())))
