"""The event filters every event endpoint shares (/api/events, /map, /timeline,
/facets, /export), read from the query string and checked once.

A bad value is a 400 naming the parameter, never an empty answer: an analyst
who typed `country=Iraq` must learn it wants `IQ`, not that Iraq has no
events. Empty values (`country=`, as an HTML form sends an unset dropdown)
mean "no filter".
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from fastapi import Query

from marsad.web.errors import ApiError


@dataclass(frozen=True)
class Selection:
    """Which fused events to answer with. Hashable: it is part of cache keys."""

    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat

    def without(self, *names: str) -> "Selection":
        """The same selection with some filters dropped (a facet's counts
        ignore the facet's own filter, so the other choices stay visible)."""
        return Selection(**{k: (None if k in names else v) for k, v in self.__dict__.items()})


MAX_TEXT = 300  # characters of a text filter: names and a few words, never an article


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _text(name: str, value: str | None) -> str | None:
    value = _blank(value)
    if value is not None and len(value) > MAX_TEXT:
        raise ApiError(400, f"{name}: longer than {MAX_TEXT} characters")
    return value


def _day(name: str, value: str | None) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ApiError(400, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _country(value: str | None) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    if not (len(value) == 2 and value.isascii() and value.isalpha()):
        raise ApiError(400, f"country: {value!r} is not an ISO 3166 two-letter code (e.g. IQ, SY)")
    return value.upper()


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    value = _blank(value)
    if value is None:
        return None
    parts = value.split(",")
    try:
        box = tuple(float(p) for p in parts)
    except ValueError:
        box = ()
    if len(box) != 4 or not all(math.isfinite(x) for x in box):
        raise ApiError(400, f"bbox: {value!r} is not four numbers minlon,minlat,maxlon,maxlat")
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ApiError(400, f"bbox: longitudes must be within -180..180 (got {min_lon}, {max_lon})")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise ApiError(400, f"bbox: latitudes must be within -90..90, min first (got {min_lat}, {max_lat})")
    return min_lon, min_lat, max_lon, max_lat


async def selection(
    actor: str | None = Query(None, description="actor1 or actor2, by any alias the knowledge base knows "
                                                "(Arabic or English: داعش, ISIS); a group matches its branches."),
    country: str | None = Query(None, description="ISO 3166 two-letter country code, e.g. IQ."),
    admin1: str | None = Query(None, description="First-level region (province), as the events name it, "
                                                 "case-insensitive: Kerman, Nineveh."),
    kind: str | None = Query(None, alias="type", description="event_type or sub_event_type, case-insensitive "
                                                             "(Battles, Air/drone strike)."),
    date_from: str | None = Query(None, alias="from", description="YYYY-MM-DD: events whose date period ends "
                                                                  "on or after it."),
    date_to: str | None = Query(None, alias="to", description="YYYY-MM-DD: events whose date period starts on "
                                                              "or before it."),
    q: str | None = Query(None, description="Words the events' documents contain (full-text, Arabic, "
                                            "clitic-aware: كابل finds بكابل); every word must match."),
    bbox: str | None = Query(None, description="minlon,minlat,maxlon,maxlat: events with coordinates inside. "
                                               "minlon > maxlon means the box crosses the antimeridian."),
) -> Selection:
    """The FastAPI dependency: the query string's filters, checked (async
    only so that FastAPI runs it on the event loop, not on a thread: it does
    no I/O)."""
    date_from, date_to = _day("from", date_from), _day("to", date_to)
    if date_from and date_to and date_from > date_to:
        raise ApiError(400, f"from: {date_from} is after to ({date_to})")
    return Selection(actor=_text("actor", actor), country=_country(country), admin1=_text("admin1", admin1),
                     kind=_text("type", kind), date_from=date_from, date_to=date_to, q=_text("q", q),
                     bbox=_bbox(bbox))
