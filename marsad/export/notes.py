"""Plain-language summaries of a fused event, for ACLED's `notes` column and
GeoJSON popups: who reported it, the range of figures, and where sources
disagree, with each figure attributed to its outlets."""
from __future__ import annotations

from typing import Any

from marsad.fusion import FusedEvent

FIELD_WORDS = {"fatalities": "fatalities", "injuries": "injuries", "actor1": "the perpetrator",
               "date": "the date", "place": "the place"}


def disagreement_text(entry: dict[str, Any]) -> str:
    """'Reports disagree on fatalities: 84 (Alhurra), 90 (24.ae)'."""
    parts = [f"{v['value']} ({', '.join(v['outlets'])})" for v in entry["values"]]
    text = f"Reports disagree on {FIELD_WORDS.get(entry['field'], entry['field'])}: {', '.join(parts)}"
    if entry.get("trend") == "rising":
        text += " (rising in later reports)"
    elif entry.get("trend") == "falling":
        text += " (falling in later reports)"
    return text


def _figures_text(ev: FusedEvent, name: str) -> str | None:
    low, best, high = (ev.figures.get(f"{name}_{k}") for k in ("low", "best", "high"))
    if low is None:
        return None
    if low == high:
        return f"{name.capitalize()}: {low}."
    return f"{name.capitalize()}: {low} to {high} reported (lowest credible {low}, best estimate {best})."


def _responsibility_text(ev: FusedEvent) -> str | None:
    said = [f"{c['responsibility']} ({c['actor']}; {', '.join(c['outlets'])})"
            for c in ev.responsibility_claims if c["responsibility"] != "unknown" and c["actor"]]
    return f"Responsibility: {'; '.join(said)}." if said else None


def summary(ev: FusedEvent) -> str:
    """One paragraph: sources, figures, responsibility, disagreements."""
    outlets = ev.outlets
    parts = [f"Fused from {len(ev.reports)} report(s) by {len(outlets)} outlet(s): {', '.join(outlets)}."]
    for name in ("fatalities", "injuries"):
        text = _figures_text(ev, name)
        if text:
            parts.append(text)
    resp = _responsibility_text(ev)
    if resp:
        parts.append(resp)
    parts += [disagreement_text(c) + "." for c in ev.contradictions]
    return " ".join(parts)
