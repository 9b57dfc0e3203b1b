"""The knowledge base's actors for /api/actors: ids, names, aliases, and the
events attributed to each.

An actor's id is its canonical English name made URL-safe ("Islamic State
Khorasan Province" -> `islamic-state-khorasan-province`), stable as long as
the name is. Any alias the knowledge base knows also finds the actor
(`/api/actors/داعش`), so a link built from a name in an event works.

Listed are the actors of `actors.tsv` and every other actor the knowledge base
composes that events name (state forces: "Military Forces of Iraq").
Unidentified perpetrators are no actor.
"""
from __future__ import annotations

import re
from typing import Any

from marsad import kb
from marsad.fusion import knowledge
from marsad.store import Store
from marsad.web import queries
from marsad.web.filters import Selection

_NON_ID = re.compile(r"[^a-z0-9]+")
EVENT_COLUMNS = ("event_date", "event_type", "sub_event_type", "location", "country_code", "fatalities",
                 "actor1", "actor2")


def actor_id(name: str) -> str:
    return _NON_ID.sub("-", name.casefold()).strip("-")


def _known(store: Store) -> dict[str, kb.Actor]:
    """Canonical name -> entry, for the table's actors and those events name."""
    k = kb.load()
    out = dict(k.actors.actors)
    for (name,) in store.query("SELECT actor1 FROM fused_events UNION SELECT actor2 FROM fused_events"):
        canon = knowledge.canonical_actor(name)
        if canon and canon not in out:
            entry = k.actor(canon)
            if entry is not None:
                out[entry.name] = entry
    return out


def _summary(entry: kb.Actor, events: int) -> dict[str, Any]:
    return {"id": actor_id(entry.name), "name": entry.name,
            "name_ar": entry.aliases_ar[0] if entry.aliases_ar else None, "type": entry.type,
            "country": entry.country, "aliases_ar": list(entry.aliases_ar), "aliases_en": list(entry.aliases_en),
            "events": events}


def list_actors(store: Store) -> dict[str, Any]:
    """Every actor with how many events name it (or a branch), most first."""
    counts = queries.actor_event_counts(store)
    rows = [_summary(e, counts[e.name.casefold()]) for e in _known(store).values()]
    rows.sort(key=lambda r: (-r["events"], r["name"]))
    return {"actors": rows}


def find(store: Store, key: str) -> kb.Actor | None:
    """The actor an id or any alias names."""
    known = _known(store)
    by_id = {actor_id(name): entry for name, entry in known.items()}
    if key in by_id:
        return by_id[key]
    canon = knowledge.canonical_actor(key)
    return known.get(canon) if canon else None


def _role(entry: kb.Actor, actor1: str | None, actor2: str | None) -> str:
    if knowledge.canonical_actor(actor1) == entry.name:
        return "actor1"
    if knowledge.canonical_actor(actor2) == entry.name:
        return "actor2"
    return "branch"


def detail(store: Store, entry: kb.Actor) -> dict[str, Any]:
    """The actor, its aliases, the events attributed to it (newest first)
    and, when `marsad.profiles` is installed, its profile."""
    rows = queries.select(store, Selection(actor=entry.name), EVENT_COLUMNS)
    events = [{"event_id": eid, "event_date": day, "event_type": kind, "sub_event_type": sub, "location": place,
               "country_code": cc, "fatalities": dead, "role": _role(entry, a1, a2)}
              for eid, day, kind, sub, place, cc, dead, a1, a2 in rows]
    out = {**_summary(entry, len(events)), "lookup_ar": list(entry.lookup_ar), "source": entry.source,
           "branches_of": list(knowledge.load().ancestors(entry.name)), "event_list": events}
    profile = _profile(store, entry.name)
    if profile is not None:
        out["profile"] = profile
    return out


def _profile(store: Store, name: str) -> dict[str, Any] | None:
    """`marsad.profiles.actor_profile(store, name)` if that module exists
    (issue #8 builds it); the API works without it."""
    try:
        from marsad.profiles import UnknownActor, actor_profile
    except ImportError:
        return None
    try:
        return actor_profile(store, name)
    except UnknownActor:  # an actor the profiles do not cover (a composed state force, say)
        return None
