"""What a listing of fused events selects: the one definition of the
filters that the CLI (`marsad events`, `marsad export`) and the web API share.

`filter_conditions` gives the SQL for what SQL can express (country, dates,
type); `actor_matcher` tests actors in Python, through the knowledge base's
aliases and branches. `StoreFusion.rows` applies both.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marsad.fusion import knowledge


@dataclass(frozen=True)
class EventFilter:
    """What `marsad events` and `marsad export` select. `actor` is any alias
    the knowledge base knows (Arabic or English) and matches actor1 or actor2,
    including branches ('Islamic State' finds its Khorasan province); dates
    select events whose period overlaps [date_from, date_to]; `kind` matches
    event_type or sub_event_type, case-insensitively."""

    actor: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    kind: str | None = None
    limit: int | None = None


def filter_conditions(where: EventFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions over `fused_events` (standard SQL, `?` parameters) for
    the filters SQL can express: country, dates and type. The one definition
    the CLI's listings and the web API's selections share; the actor filter
    goes through `actor_matcher` instead (aliases and branches)."""
    sql: list[str] = []
    params: list[Any] = []
    if where.country:
        sql.append("country_code = ?")
        params.append(where.country.upper())
    if where.date_from:
        sql.append("date_end >= ?")
        params.append(where.date_from)
    if where.date_to:
        sql.append("event_date <= ?")
        params.append(where.date_to)
    if where.kind:
        sql.append("(LOWER(event_type) = LOWER(?) OR LOWER(sub_event_type) = LOWER(?))")
        params += [where.kind, where.kind]
    return sql, params


def actor_matcher(name: str | None) -> Callable[[str | None, str | None], bool] | None:
    """A test of (actor1, actor2) for `--actor NAME`: NAME through the
    knowledge base's aliases, matching the actor itself or any actor it is
    part of (a branch matches its parent)."""
    if not name:
        return None
    want = (knowledge.canonical_actor(name) or name.strip()).casefold()
    k = knowledge.load()

    def matches(*actors: str | None) -> bool:
        for actor in actors:
            canon = knowledge.canonical_actor(actor)
            if canon and want in {x.casefold() for x in (canon, *k.ancestors(canon))}:
                return True
        return False

    return matches
