"""An actor's profile from the store: sourced facts, never one overwritten value.

Everything comes from tables that ingestion filled (`marsad.store.statements`,
fusion's `fused_events`), so a profile over a large store is a few indexed
queries. Near copies of a document (`documents.near_duplicate_of`) are left
out: a republished text is not a second source.

Facts are grouped by kind and sorted by the date they were said; a kind that
has one true value (the founding year) is listed under `disagreements` when
its sources give different values, each value with the claims that give it,
side by side.
"""
from __future__ import annotations

import json
from typing import Any

from marsad.claims import CLAIM_KINDS
from marsad.kb import load as load_kb

SINGLE_VALUED = {"founded": "year"}  # kind -> the value field that must agree
_ORIGINALS = "d.near_duplicate_of IS NULL"


class UnknownActor(LookupError):
    """No actor by that name or alias; the message is one line."""


def resolve_actor(name: str) -> str:
    """The canonical name of an actor given any alias (Arabic or English),
    its canonical name, or its slug (islamic-state-khorasan-province)."""
    kb = load_kb()
    found = kb.canonical_actor(name) or (name if kb.actor(name) else None)
    if found is None:
        slug = _slug(name)
        found = next((a for a in kb.actors.actors if _slug(a) == slug), None)
    if found is None:
        raise UnknownActor(f"no actor {name!r} in the knowledge base (try its English name or an Arabic alias)")
    return found


def _slug(name: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in name).split())


def build_profile(rows: Any, actor: str) -> dict[str, Any]:
    """The profile of canonical `actor`; `rows(sql, params)` runs a
    read-only query and returns dicts (`StoreStatements.rows`)."""
    info = load_kb().actor(actor)
    claims = [_claim(r) for r in rows(
        "SELECT c.*, d.outlet, d.published FROM actor_claims c JOIN documents d ON d.doc_id = c.doc_id "
        f"WHERE c.actor = ? AND {_ORIGINALS} ORDER BY c.doc_id, c.claim_index", (actor,))]
    for r in rows(  # ally / rival claims made about another actor name this one as the other side
            "SELECT c.*, d.outlet, d.published FROM actor_claims c JOIN documents d ON d.doc_id = c.doc_id "
            f"WHERE c.kind IN ('ally', 'rival') AND c.value_text = ? AND c.actor <> ? AND {_ORIGINALS} "
            "ORDER BY c.said_on, c.doc_id, c.claim_index", (actor, actor)):
        c = _claim(r)
        c.update(text=r["actor"], value={"actor": r["actor"], "stated_of": r["actor"]})
        claims.append(c)
    facts: dict[str, list[dict[str, Any]]] = {}
    for c in sorted(claims, key=lambda c: (c["said_on"] or "", c["doc_id"], c["claim_index"])):
        facts.setdefault(c["kind"], []).append(c)
    ordered = {k: facts[k] for k in CLAIM_KINDS if k in facts}
    return {
        "actor": actor,
        "type": info.type if info else None,
        "country": info.country if info else None,
        "aliases_seen": _aliases(rows, actor),
        "facts": ordered,
        "disagreements": _disagreements(ordered),
        "strength_over_time": [{"date": c["said_on"], "low": c["value"].get("low"), "high": c["value"].get("high"),
                                "qualifier": c["value"].get("qualifier"), "counts": c["value"].get("counts"),
                                "doc_id": c["doc_id"], "speaker": _speaker_name(c["speaker"])}
                               for c in ordered.get("strength", [])],
        "areas": _areas(ordered.get("areas", [])),
        "events": _events(rows, actor),
        "statements_by": _statements_by(rows, actor),
        "talked_about_by": _talkers(rows, actor),
    }


def _claim(r: dict[str, Any]) -> dict[str, Any]:
    return {"kind": r["kind"], "value": json.loads(r["value"]), "text": r["value_text"], "doc_id": r["doc_id"],
            "claim_index": r["claim_index"], "outlet": r["outlet"], "published": r["published"],
            "said_on": r["said_on"], "speaker": json.loads(r["speaker"]) if r["speaker"] else None,
            "chain": json.loads(r["chain"]), "statement_index": r["statement_index"],
            "evidence": {"start": r["evidence_start"], "end": r["evidence_end"], "text": r["evidence"]}}


def _speaker_name(sp: dict[str, Any] | None) -> str | None:
    return sp["name"] if sp else None


def _disagreements(facts: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for kind, field in SINGLE_VALUED.items():
        by_value: dict[Any, list[dict[str, Any]]] = {}
        for c in facts.get(kind, []):
            by_value.setdefault(c["value"].get(field), []).append(c)
        if len(by_value) > 1:
            out.append({"kind": kind, "values": [
                {"value": v, "claims": [{"doc_id": c["doc_id"], "outlet": c["outlet"], "said_on": c["said_on"],
                                         "speaker": _speaker_name(c["speaker"]), "evidence": c["evidence"]["text"]}
                                        for c in cs]}
                for v, cs in sorted(by_value.items(), key=lambda kv: str(kv[0]))]})
    return out


def _aliases(rows: Any, actor: str) -> list[dict[str, Any]]:
    return [{"alias": r["alias"], "count": r["n"], "documents": r["docs"]} for r in rows(
        "SELECT a.alias, SUM(a.n) AS n, COUNT(DISTINCT a.doc_id) AS docs FROM actor_aliases a "
        f"JOIN documents d ON d.doc_id = a.doc_id WHERE a.actor = ? AND {_ORIGINALS} "
        "GROUP BY a.alias ORDER BY n DESC, a.alias", (actor,))]


def _areas(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One map point per place, with the claims that name it."""
    points: dict[str, dict[str, Any]] = {}
    for c in claims:
        for p in c["value"].get("places", []):
            pt = points.setdefault(p["name"], {**p, "claims": 0, "doc_ids": []})
            pt["claims"] += 1
            if c["doc_id"] not in pt["doc_ids"]:
                pt["doc_ids"].append(c["doc_id"])
    return list(points.values())


def _events(rows: Any, actor: str) -> list[dict[str, Any]]:
    """Fused events with the actor as actor1, newest first, with their
    responsibility status (claimed, attributed, suspected, denied)."""
    return [dict(r, sources=json.loads(r["sources"])) for r in rows(
        "SELECT event_id, event_date, event_type, sub_event_type, location, country_code, latitude, longitude, "
        "fatalities, fatalities_high, responsibility, sources FROM fused_events WHERE actor1 = ? "
        "ORDER BY event_date DESC, event_id", (actor,))]


def _statements_by(rows: Any, actor: str) -> list[dict[str, Any]]:
    """What the actor itself says: claims of responsibility, denials."""
    return [{"doc_id": r["doc_id"], "kind": r["kind"], "verb": r["verb"], "said_on": r["said_on"],
             "content": r["content"], "chain": json.loads(r["chain"]),
             "events": json.loads(r["event_indexes"])} for r in rows(
        "SELECT s.doc_id, s.kind, s.verb, s.said_on, s.content, s.chain, s.event_indexes FROM statements s "
        f"JOIN documents d ON d.doc_id = s.doc_id WHERE s.speaker_kind = 'actor' AND s.speaker_name = ? "
        f"AND {_ORIGINALS} ORDER BY s.said_on, s.doc_id, s.statement_index", (actor,))]


def _talkers(rows: Any, actor: str) -> list[dict[str, Any]]:
    """Speakers whose statements name the actor, most statements first."""
    out = []
    for r in rows(
            "SELECT s.speaker_key, MIN(s.speaker) AS speaker, COUNT(*) AS n, COUNT(DISTINCT s.doc_id) AS docs "
            "FROM statement_actors a JOIN statements s ON s.doc_id = a.doc_id AND "
            "s.statement_index = a.statement_index JOIN documents d ON d.doc_id = s.doc_id "
            f"WHERE a.actor = ? AND s.speaker_key IS NOT NULL AND s.speaker_name <> ? AND {_ORIGINALS} "
            "GROUP BY s.speaker_key ORDER BY n DESC, docs DESC, s.speaker_key", (actor, actor)):
        sp = json.loads(r["speaker"])
        out.append({"speaker": sp["name"], "kind": sp["kind"], "role": sp.get("role"),
                    "role_text": sp.get("role_text"), "affiliation": sp.get("affiliation"),
                    "statements": r["n"], "documents": r["docs"]})
    return out
