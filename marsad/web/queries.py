"""The API's reads of fused events: the selection, pages, map points, weekly
timeline, facet counts and per-actor counts.

Why here and not `StoreFusion.rows`: that method derives every record and
looks up each one's reports, which is right for an export and too slow for a
dashboard that asks for all 4,000 corpus events at once. Here a selection is
one plain query over `fused_events` (standard SQL through `Store.query`, so a
PostgreSQL store can run it too) for the few columns the dashboard shows
(`Row`); the event list, map, timeline and facets are cut from it, and only
a page of the list reads whole records.

Filters that SQL cannot express without backend-specific features are applied
in Python on the selected rows: the actor (aliases and branches come from the
knowledge base, resolved by the same matcher `marsad events --actor` uses)
becomes a list of actor names for SQL, and the text query (`q`) becomes the
set of events whose documents the store's search finds.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from functools import partial
from typing import Any, NamedTuple

from marsad.fusion import knowledge
from marsad.store import Store
from marsad.store.query import EventFilter, actor_matcher, filter_conditions
from marsad.web.filters import Selection

ROW_COLUMNS = (
    "event_id", "event_type", "sub_event_type", "event_date", "date_end", "time_precision", "actor1", "actor2",
    "responsibility", "country_code", "admin1", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_high", "injuries", "fatalities_low", "fatalities_best", "injuries_low",
    "injuries_best", "injuries_high", "reports", "documents", "sources", "contradictions",
)
SORTS = {
    "-date": "event_date IS NULL, event_date DESC, event_id",
    "date": "event_date IS NULL, event_date, event_id",
    "-fatalities": "fatalities_best IS NULL, fatalities_best DESC, event_date DESC, event_id",
}
_CHUNK = 500  # values per IN (...) list


def data_version(store: Store) -> tuple[Any, ...]:
    """Changes whenever an answer here could: the fusion token (rewritten by
    every change to fused events, merges and splits included) and the newest
    document (search results). Two index lookups, so every request can check
    its cached answer is still current."""
    token = store.query("SELECT value FROM fusion_state WHERE key = 'token'")
    newest = store.query("SELECT MAX(id) FROM documents")
    return (token[0][0] if token else None, newest[0][0])


def _in(column: str, values: Sequence[Any]) -> str:
    return f"{column} IN ({', '.join('?' * len(values))})"


def actor_names(store: Store, actor: str) -> list[str]:
    """The actor1/actor2 values of stored events that `actor` selects."""
    matches = actor_matcher(actor)
    rows = store.query("SELECT actor1 FROM fused_events UNION SELECT actor2 FROM fused_events")
    return [name for (name,) in rows if name and matches(name)]


def _where(sel: Selection, actors: list[str] | None) -> tuple[str, list[Any]]:
    """The SQL condition for every filter but `q`, and its parameters
    (`actors`: the names the actor filter stands for)."""
    sql, params = filter_conditions(EventFilter(country=sel.country, date_from=sel.date_from,
                                                date_to=sel.date_to, kind=sel.kind))
    if sel.admin1:
        sql.append("LOWER(admin1) = LOWER(?)")
        params.append(sel.admin1)
    if sel.bbox:
        min_lon, min_lat, max_lon, max_lat = sel.bbox
        sql.append("latitude BETWEEN ? AND ?")
        params += [min_lat, max_lat]
        if min_lon <= max_lon:
            sql.append("longitude BETWEEN ? AND ?")
            params += [min_lon, max_lon]
        else:  # across the antimeridian
            sql.append("(longitude >= ? OR longitude <= ?)")
            params += [min_lon, max_lon]
    if actors is not None:
        if not actors:
            sql.append("1 = 0")
        else:
            sql.append(f"({_in('actor1', actors)} OR {_in('actor2', actors)})")
            params += actors * 2
    return (" WHERE " + " AND ".join(sql)) if sql else "", params


def text_matches(store: Store, q: str) -> set[str]:
    """Ids of the fused events one of whose reports comes from a document
    the store's search finds for `q`."""
    docs = store.search_ids(q)
    found: set[str] = set()
    for i in range(0, len(docs), _CHUNK):
        part = docs[i:i + _CHUNK]
        found.update(eid for (eid,) in store.query(
            f"SELECT DISTINCT event_id FROM fusion_reports WHERE event_id IS NOT NULL AND {_in('doc_id', part)}",
            part,
        ))
    return found


class Selector:
    """The events one selection picks, by one SQL query plus the `q` set.
    `matches` turns a text query into event ids (`text_matches` on this
    store unless the caller caches it)."""

    def __init__(self, store: Store, sel: Selection, matches: Callable[[str], set[str]] | None = None) -> None:
        self.store = store
        self.sel = sel
        self.actors = actor_names(store, sel.actor) if sel.actor else None
        self.matches = (matches or partial(text_matches, store))(sel.q) if sel.q else None

    def rows(self, columns: Sequence[str], order: str = SORTS["-date"]) -> list[tuple]:
        """Rows (event_id first, then `columns`) of the selected events, in `order`."""
        where, params = _where(self.sel, self.actors)
        rows = self.store.query(
            f"SELECT {', '.join(('event_id', *columns))} FROM fused_events{where} ORDER BY {order}", params)
        if self.matches is not None:
            rows = [r for r in rows if r[0] in self.matches]
        return rows


def select(store: Store, sel: Selection, columns: Sequence[str], order: str = SORTS["-date"]) -> list[tuple]:
    """Rows (event_id first, then `columns`) of the selected events, in `order`."""
    return Selector(store, sel).rows(columns, order)


class Row(NamedTuple):
    """What the dashboard's answers need of one selected event."""

    event_id: str
    event_date: str | None
    event_type: str
    sub_event_type: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int | None
    fatalities_best: int | None
    location: str | None


Rows = Callable[[Selection], list[Row]]


def dashboard_rows(store: Store, sel: Selection, matches: Callable[[str], set[str]] | None = None) -> list[Row]:
    """The selected events' dashboard columns, newest first: the one
    selection that the event list, map, timeline and facets are cut from."""
    return [Row(*r) for r in Selector(store, sel, matches).rows(Row._fields[1:])]


def _record(values: Iterable[Any]) -> dict[str, Any]:
    row = dict(zip(ROW_COLUMNS, values))
    row["sources"] = json.loads(row["sources"])
    row["contradictions"] = json.loads(row["contradictions"])
    return row


def records(store: Store, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The stored records of these events, in the given order, each with
    its report ids."""
    if not event_ids:
        return []
    by_id: dict[str, dict[str, Any]] = {}
    reports: dict[str, list[str]] = {}
    for i in range(0, len(event_ids), _CHUNK):
        part = list(event_ids[i:i + _CHUNK])
        for values in store.query(f"SELECT {', '.join(ROW_COLUMNS)} FROM fused_events WHERE "
                                  f"{_in('event_id', part)}", part):
            by_id[values[0]] = _record(values)
        for eid, rid in store.query(f"SELECT event_id, report_id FROM fusion_reports WHERE "
                                    f"{_in('event_id', part)} ORDER BY report_id", part):
            reports.setdefault(eid, []).append(rid)
    out = []
    for eid in event_ids:
        if eid in by_id:
            by_id[eid]["report_ids"] = reports.get(eid, [])
            out.append(by_id[eid])
    return out


def page(store: Store, rows: Rows, sel: Selection, limit: int, offset: int,
         sort: str = "-date") -> tuple[int, list[dict]]:
    """(how many events match, the records of one page of them)."""
    if sort == "-date":  # the order dashboard rows come in
        ids = [r.event_id for r in rows(sel)]
    else:
        ids = [r[0] for r in select(store, sel, (), SORTS[sort])]
    return len(ids), records(store, ids[offset:offset + limit])


def map_points(rows: list[Row], cap: int) -> dict[str, Any]:
    """Compact points of the selected events that have coordinates, newest
    first, at most `cap` of them; says how many matched and how many had no
    coordinates, so a map can tell the user what it is not showing."""
    located = [r for r in rows if r.latitude is not None and r.longitude is not None]
    points = [{"id": r.event_id, "lat": r.latitude, "lon": r.longitude, "type": r.event_type,
               "sub_type": r.sub_event_type, "fatalities": r.fatalities_best, "date": r.event_date,
               "location": r.location, "country": r.country_code} for r in located[:cap]]
    return {"total": len(rows), "located": len(located), "without_coordinates": len(rows) - len(located),
            "count": len(points), "cap": cap, "capped": len(located) > cap, "points": points}


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def timeline(rows: list[Row]) -> dict[str, Any]:
    """Events and fatalities (the conservative figure, as ACLED counts) per
    ISO week of the event date, oldest first. Weeks without events are left
    out rather than filled: one misread date (a century back) would
    otherwise fill an answer with thousands of empty weeks."""
    weeks: dict[date, list[int]] = {}
    undated = 0
    for r in rows:
        if not r.event_date:
            undated += 1
            continue
        slot = weeks.setdefault(_monday(date.fromisoformat(r.event_date[:10])), [0, 0])
        slot[0] += 1
        slot[1] += r.fatalities or 0
    out = []
    for week in sorted(weeks):
        iso = week.isocalendar()
        out.append({"week": week.isoformat(), "iso_week": f"{iso.year}-W{iso.week:02d}", "events": weeks[week][0],
                    "fatalities": weeks[week][1]})
    return {"weeks": out, "undated": undated}


def _counts(values: Iterable[Any]) -> list[dict[str, Any]]:
    counted = Counter(v for v in values if v)
    return [{"value": v, "count": n} for v, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))]


def facets(rows: Rows, sel: Selection) -> dict[str, Any]:
    """Counts for the filter dropdowns. Each facet is counted with every
    other filter applied but not its own, so choosing Iraq still lists the
    other countries (with what they would give)."""
    types = rows(sel.without("kind"))
    return {
        "total": len(rows(sel)),
        "types": _counts(r.event_type for r in types),
        "sub_types": _counts(r.sub_event_type for r in types),
        "countries": _counts(r.country_code for r in rows(sel.without("country"))),
    }


def actor_event_counts(store: Store) -> Counter[str]:
    """Per canonical actor (casefolded), how many fused events the filter
    `actor=<it>` selects: events naming it or any of its branches, each
    event counted once."""
    k = knowledge.load()
    counts: Counter[str] = Counter()
    for a1, a2, n in store.query("SELECT actor1, actor2, COUNT(*) FROM fused_events GROUP BY actor1, actor2"):
        covered: set[str] = set()
        for actor in (a1, a2):
            canon = knowledge.canonical_actor(actor)
            if canon:
                covered.update(x.casefold() for x in (canon, *k.ancestors(canon)))
        for name in covered:
            counts[name] += n
    return counts


def document_reports(store: Store, doc_id: str) -> dict[int, dict[str, Any]]:
    """For each stored event of a document (by index): its report id and
    the fused event it is in, or why it is not fused."""
    rows = store.query("SELECT event_index, report_id, event_id, not_fused FROM fusion_reports WHERE doc_id = ?",
                       (doc_id,))
    return {i: {"report_id": rid, "event_id": eid, "not_fused": why} for i, rid, eid, why in rows}


def document_titles(store: Store, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """doc_id -> title, outlet, published and url, for a page that lists
    documents by name rather than by id."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(doc_ids), _CHUNK):
        part = list(doc_ids[i:i + _CHUNK])
        for d, title, outlet, published, url in store.query(
                f"SELECT doc_id, title, outlet, published, url FROM documents WHERE {_in('doc_id', part)}", part):
            out[d] = {"title": title, "outlet": outlet, "published": published, "url": url}
    return out
