"""The JSON API under /api: events with filters, one event with its reports,
documents with their mentions, search, actors, the dashboard's map, timeline
and facets, exports and ingest. Shapes: `marsad.web.schemas`, docs/api.md.

Answers are encoded once and cached for the current data version
(`marsad.web.cache`), since the dashboard asks the same questions repeatedly
and data changes only on ingest. A request checks the cache on the event
loop; the work of a miss runs on FastAPI's thread pool, each thread with its
own store connection (`marsad.web.stores`).
"""
from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response, StreamingResponse

from marsad.export import WRITERS
from marsad.fusion import FusedEvent
from marsad.store import Store
from marsad.store.fusion import FusionError
from marsad.web import actors, ingest, queries, schemas, streaming
from marsad.web.cache import Cache
from marsad.web.errors import ApiError
from marsad.web.filters import MAX_TEXT, Selection, selection
from marsad.web.stores import Stores

MAP_CAP = 20_000
EXPORT_TYPES = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "geojson": ("application/geo+json; charset=utf-8", "geojson"),
}
_ERRORS = {400: {"model": schemas.Error, "description": "a bad parameter, named in the message"}}
_NOT_FOUND = {404: {"model": schemas.Error, "description": "unknown id"}}


@dataclass
class ApiState:
    """What the endpoints share, kept on `app.state.marsad`. `cache_bytes`
    bounds the caches (0: none); rows and event-id sets are budgeted at
    about 200 and 100 bytes apiece."""

    stores: Stores
    token: str | None
    cache_bytes: int = 64 * 2**20
    max_upload_bytes: int = ingest.MAX_UPLOAD_BYTES

    def __post_init__(self) -> None:
        self.answers: Cache[bytes] = Cache(self.cache_bytes)
        self.selections: Cache[list[queries.Row]] = Cache(self.cache_bytes // 200)
        self.matches: Cache[set[str]] = Cache(self.cache_bytes // 100)


@dataclass
class Snapshot:
    """The store at one data version, with the app's caches for it."""

    store: Store
    version: Hashable
    state: ApiState

    def matches(self, q: str) -> set[str]:
        return self.state.matches.get((self.version, q), lambda: queries.text_matches(self.store, q))

    def rows(self, sel: Selection) -> list[queries.Row]:
        return self.state.selections.get((self.version, sel),
                                         lambda: queries.dashboard_rows(self.store, sel, self.matches))


router = APIRouter(prefix="/api")


def _state(request: Request) -> ApiState:
    return request.app.state.marsad


def _encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


async def _answer(request: Request, key: Hashable, make: Callable[[Snapshot], Any]) -> Response:
    """`make(snapshot)` encoded, from the cache when the data has not changed.
    The version check and a cache hit run on the event loop (two index
    lookups on the loop thread's own connection); only a miss goes to a
    worker thread, so answers already made never queue behind ones being made."""
    state = _state(request)
    version = queries.data_version(state.stores.reader())
    body = state.answers.peek((key, version))
    if body is None:
        body = await run_in_threadpool(lambda: state.answers.get(
            (key, version), lambda: _encode(make(Snapshot(state.stores.reader(), version, state)))))
    return _json(body)


# --- events -------------------------------------------------------------------

@router.get("/events", response_model=schemas.EventPage, responses=_ERRORS,
            summary="Fused events matching the filters, a page at a time")
async def list_events(request: Request, sel: Selection = Depends(selection),
                limit: int = Query(50, ge=1, le=500, description="events per page"),
                offset: int = Query(0, ge=0, description="events to skip"),
                sort: Literal["-date", "date", "-fatalities"] = Query(
                    "-date", description="-date newest first, date oldest first, -fatalities deadliest first"),
                ) -> Response:
    def make(snap: Snapshot) -> dict[str, Any]:
        total, rows = queries.page(snap.store, snap.rows, sel, limit, offset, sort)
        return {"total": total, "limit": limit, "offset": offset, "sort": sort, "events": rows}

    return await _answer(request, ("events", sel, limit, offset, sort), make)


@router.get("/events/{event_id}", response_model=schemas.EventDetail, responses=_NOT_FOUND,
            summary="One fused event: every report, its figures and evidence, the disagreements")
async def get_event(request: Request, event_id: str) -> Response:
    def make(snap: Snapshot) -> dict[str, Any]:
        store = snap.store
        try:
            ev = store.fusion.event(event_id)
        except FusionError as e:
            raise ApiError(404, str(e)) from None
        return {**ev.to_dict(with_text=True), "near_copies": store.fusion.near_copies(ev),
                "log": store.fusion.log(event_id),
                "documents": queries.document_titles(store, sorted({r.doc_id for r in ev.reports}))}

    return await _answer(request, ("event", event_id), make)


# --- documents and search ---------------------------------------------------------

def _document(store: Store, doc_id: str) -> dict[str, Any]:
    from marsad.mentions import document_mentions  # the mention finders: loaded on first use

    stored_id = store.duplicate_of(doc_id) or doc_id
    doc = store.get(stored_id)
    if doc is None:
        raise ApiError(404, f"no document {doc_id!r}")
    fusion = queries.document_reports(store, stored_id)
    events = [{"event_index": i, **fusion.get(i, {"report_id": None, "event_id": None, "not_fused": None}),
               **ev.to_dict()} for i, ev in enumerate(doc.events)]
    # stored with the document; found again for one stored without them
    mentions = doc.mentions or document_mentions(dataclasses.replace(doc, mentions=[], events=[]))
    meta = dict(doc.meta)
    near = meta.pop("near_duplicate_of", None)
    return {"doc_id": doc.doc_id, "requested_id": doc_id, "source": doc.source, "title": doc.title,
            "outlet": doc.outlet, "published": doc.published, "url": doc.url, "language": doc.language,
            "text": doc.text, "original": None if doc.original == doc.text else doc.original, "meta": meta,
            "near_duplicate_of": near, "duplicates": store.duplicates(stored_id),
            "removed": [dataclasses.asdict(b) for b in doc.removed], "events": events,
            "mentions": [m.to_dict() for m in mentions]}


@router.get("/docs/{doc_id:path}", response_model=schemas.DocDetail, responses=_NOT_FOUND,
            summary="One document: clean text, metadata, removed blocks, events, mentions with spans")
async def get_document(request: Request, doc_id: str) -> Response:
    return await _answer(request, ("doc", doc_id), lambda snap: _document(snap.store, doc_id))


@router.get("/search", response_model=schemas.SearchAnswer, responses=_ERRORS,
            summary="Full-text search of the documents (Arabic, clitic-aware), with snippets")
def search(request: Request,
           q: str = Query(..., max_length=MAX_TEXT,
                          description="words that must all occur; كابل also finds بكابل and وكابل"),
           limit: int = Query(20, ge=1, le=200)) -> Response:
    if not q.strip():
        raise ApiError(400, "q: give one or more words to search for")
    store = _state(request).stores.reader()
    return _json(_encode({"query": q, "hits": [h.to_dict() for h in store.search(q, limit=limit)]}))


# --- actors ---------------------------------------------------------------------

@router.get("/actors", response_model=schemas.ActorList,
            summary="The knowledge base's actors, with their aliases and event counts")
async def list_actors(request: Request) -> Response:
    return await _answer(request, ("actors",), lambda snap: actors.list_actors(snap.store))


@router.get("/actors/{actor_id:path}", response_model=schemas.ActorDetail, responses=_NOT_FOUND,
            summary="One actor (by id or any alias): aliases, events attributed, profile when available")
async def get_actor(request: Request, actor_id: str) -> Response:
    def make(snap: Snapshot) -> dict[str, Any]:
        entry = actors.find(snap.store, actor_id)
        if entry is None:
            raise ApiError(404, f"no actor {actor_id!r} (by id or alias)")
        return actors.detail(snap.store, entry)

    return await _answer(request, ("actor", actor_id), make)


# --- the dashboard --------------------------------------------------------------

@router.get("/map", response_model=schemas.MapAnswer, responses=_ERRORS,
            summary=f"Compact points of every matching event with coordinates (at most {MAP_CAP:,})")
async def map_points(request: Request, sel: Selection = Depends(selection)) -> Response:
    return await _answer(request, ("map", sel), lambda snap: queries.map_points(snap.rows(sel), MAP_CAP))


@router.get("/timeline", response_model=schemas.TimelineAnswer, responses=_ERRORS,
            summary="Matching events and fatalities per ISO week")
async def timeline(request: Request, sel: Selection = Depends(selection)) -> Response:
    return await _answer(request, ("timeline", sel), lambda snap: queries.timeline(snap.rows(sel)))


@router.get("/facets", response_model=schemas.FacetsAnswer, responses=_ERRORS,
            summary="Counts by event type, sub-event type and country, for the filter dropdowns")
async def facets(request: Request, sel: Selection = Depends(selection)) -> Response:
    return await _answer(request, ("facets", sel), lambda snap: queries.facets(snap.rows, sel))


@router.get("/stats", response_model=schemas.Stats, summary="How much the store holds")
async def stats(request: Request) -> Response:
    return await _answer(request, ("stats",), lambda snap: {**snap.store.counts(), **snap.store.fusion.counts()})


# --- export and ingest ------------------------------------------------------------

def _derived(store: Store, event_ids: list[str]) -> Iterator[FusedEvent]:
    for eid in event_ids:
        try:
            yield store.fusion.event(eid)
        except FusionError:  # merged or split away since the selection: its reports are in another event
            continue


@router.get("/export", responses={**_ERRORS, 200: {"description": "the file, streamed", "content": {
    "text/csv": {}, "application/x-ndjson": {}, "application/geo+json": {}}}},
    summary="The matching events as ACLED-style CSV, JSON Lines or GeoJSON (oldest first)")
def export(request: Request, sel: Selection = Depends(selection),
           fmt: Literal["acled-csv", "jsonl", "geojson"] = Query(..., alias="format"),
           limit: int | None = Query(None, ge=1, description="at most this many (the earliest)")) -> Response:
    state = _state(request)
    ids = [r[0] for r in queries.select(state.stores.reader(), sel, (), queries.SORTS["date"])][:limit]

    def write(out: Any) -> None:
        with state.stores.own() as store:
            WRITERS[fmt](_derived(store, ids), out)

    media, suffix = EXPORT_TYPES[fmt]
    return StreamingResponse(streaming.stream(write), media_type=media, headers={
        "Content-Disposition": f'attachment; filename="marsad-events.{suffix}"', "X-Event-Count": str(len(ids))})


@router.post("/ingest", response_model=schemas.IngestAnswer, summary="Store uploaded articles (needs the token)",
             responses={401: {"model": schemas.Error, "description": "no or wrong bearer token"},
                        403: {"model": schemas.Error, "description": "ingest disabled (no token configured)"},
                        413: {"model": schemas.Error, "description": "upload too large"},
                        415: {"model": schemas.Error, "description": "not multipart or JSON, or a binary file"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {
                     "type": "array", "items": {"type": "string", "format": "binary"}}}}},
                 "application/json": {"schema": {"type": "array", "items": {"type": "object"},
                                                 "description": "article records: text (or content/body), "
                                                                "title, url, published, outlet, id"}}}}})
async def ingest_upload(request: Request, authorization: str | None = Header(None, include_in_schema=False),
                        ) -> Response:
    """Files (text, HTML, JSON, JSON Lines, zip, WARC, RSS/Atom) as multipart
    form fields, or a JSON array of article records, read and stored as
    `marsad ingest` does. Answers the counts and one result per input."""
    state = _state(request)
    ingest.check_token(state.token, authorization)
    with tempfile.TemporaryDirectory(prefix="marsad-upload-") as folder:
        upload = await ingest.read_upload(request, Path(folder), state.max_upload_bytes)
        result = await state.stores.write(lambda store: ingest.run(store, upload))
    return _json(_encode(result))
