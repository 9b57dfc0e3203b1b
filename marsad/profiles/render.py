"""A profile as text for the terminal (`marsad actor NAME --format text`)."""
from __future__ import annotations

from typing import Any

_KIND_TITLES = {"founded": "Founded / appeared", "strength": "Strength", "areas": "Areas of operation",
                "leader": "Leaders", "goal": "Goals", "ally": "Allies", "rival": "Rivals",
                "designation": "Designations"}
_MAX_EVIDENCE = 160


def render_text(p: dict[str, Any]) -> str:
    lines = [f"{p['actor']}" + (f"  ({p['type']}, {p['country']})" if p.get("country") else
                                  f"  ({p['type']})" if p.get("type") else "")]
    if p["aliases_seen"]:
        lines.append("aliases seen: " + ", ".join(f"{a['alias']} ({a['count']})" for a in p["aliases_seen"]))
    for kind, claims in p["facts"].items():
        lines.append("")
        lines.append(f"{_KIND_TITLES.get(kind, kind)}:")
        for c in claims:
            lines.append(f"  - {c['text']}  [{c['said_on'] or '?'}; {_who(c)}; {c['doc_id']}]")
            lines.append(f"      «{_cut(c['evidence']['text'])}»")
    for d in p["disagreements"]:
        lines.append("")
        lines.append(f"Sources disagree on {_KIND_TITLES.get(d['kind'], d['kind']).lower()}:")
        for v in d["values"]:
            lines.append(f"  {v['value']}: " + "; ".join(f"{c['outlet'] or c['doc_id']} ({c['speaker'] or '?'})"
                                                      for c in v["claims"]))
    if p["events"]:
        lines.append("")
        lines.append(f"Events attributed ({len(p['events'])}):")
        for e in p["events"][:20]:
            lines.append(f"  {e['event_date'] or '?'}  {e['sub_event_type']}, {e['location'] or '?'}"
                         f"  [{e['responsibility']}; fatalities {e['fatalities'] if e['fatalities'] is not None else '?'}]")
    if p["statements_by"]:
        lines.append("")
        lines.append(f"What it says ({len(p['statements_by'])}):")
        for s in p["statements_by"][:10]:
            lines.append(f"  {s['said_on'] or '?'} {s['kind']}: {_cut(s['content'])}")
    if p["talked_about_by"]:
        lines.append("")
        lines.append("Who talks about it most:")
        for t in p["talked_about_by"][:10]:
            role = f", {t['role_text'] or t['role']}" if t.get("role_text") or t.get("role") else ""
            lines.append(f"  {t['speaker']}{role}: {t['statements']} statement(s) in {t['documents']} document(s)")
    if p.get("documents_not_read"):
        lines.append("")
        lines.append(f"note: {p['documents_not_read']} stored document(s) not read for statements yet "
                     "(run with --read-missing)")
    return "\n".join(lines)


def _who(c: dict[str, Any]) -> str:
    chain = [x["name"] for x in c.get("chain") or []]
    return " ← ".join(chain) if chain else (c["speaker"] or {}).get("name") or c["outlet"] or "?"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_EVIDENCE else text[:_MAX_EVIDENCE - 1] + "…"
