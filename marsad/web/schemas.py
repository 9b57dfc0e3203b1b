"""The shapes of the API's answers, for the OpenAPI document (/openapi.json).

The endpoints build plain dicts and send them encoded (several are cached as
bytes), so these models document; they do not validate on the way out. Nested
records that belong to other parts of marsad (a fused event's reports and
contradictions, a document's mentions) are described in words and typed as
objects, their full shape being that part's (docs/api.md links them).
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Error(BaseModel):
    error: str = Field(description="One line: which parameter or id, and what is wrong.")


class EventRow(BaseModel):
    """A fused event as stored: the contract's fields, the figure range and
    who reported it."""

    event_id: str
    event_type: str
    sub_event_type: str
    event_date: str | None = Field(description="YYYY-MM-DD, first day of the period")
    date_end: str | None = Field(description="YYYY-MM-DD, last day of the period time_precision spans")
    time_precision: int | None = Field(description="1 day, 2 week, 3 month, 4 year")
    actor1: str | None
    actor2: str | None
    responsibility: str
    country_code: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None = Field(description="the conservative figure (the lowest any report gives)")
    fatalities_high: int | None
    injuries: int | None
    fatalities_low: int | None
    fatalities_best: int | None = Field(description="the figure most outlets give, else the upper median")
    injuries_low: int | None
    injuries_best: int | None
    injuries_high: int | None
    reports: int = Field(description="how many reports (one per document and event)")
    documents: int
    sources: list[str] = Field(description="the outlets, in report order")
    contradictions: list[dict[str, Any]] = Field(
        description='where reports disagree: {"field": "fatalities", "values": [{"value", "outlets", '
                    '"reports", "published"}, ...]}')
    report_ids: list[str] = Field(description="doc_id#event_index of each report")


class EventPage(BaseModel):
    total: int = Field(description="how many events match the filters")
    limit: int
    offset: int
    sort: str
    events: list[EventRow]


class EventDetail(BaseModel):
    """`marsad event ID --format json`: the derived record, every report with
    its own figures and evidence, plus the documents they come from."""

    model_config = {"extra": "allow"}
    event_id: str
    contradictions: list[dict[str, Any]]
    responsibility_claims: list[dict[str, Any]]
    fatalities_timeline: list[dict[str, Any]]
    injuries_timeline: list[dict[str, Any]]
    sources: list[str]
    evidence: list[dict[str, Any]] = Field(description="every evidence span: report_id, start, end, text "
                                                       "(clean-text offsets of that report's document)")
    reports: list[dict[str, Any]] = Field(description="each report: report_id, doc_id, outlet, published, its "
                                                      "own event fields and figures, evidence")
    near_copies: list[str] = Field(description="near copies of these documents, not counted as reports")
    log: list[dict[str, Any]] = Field(description="fusion decisions that name this event")
    documents: dict[str, dict[str, Any]] = Field(description="doc_id -> {title, outlet, published, url}")


class DocEvent(BaseModel):
    model_config = {"extra": "allow"}
    event_index: int
    report_id: str | None
    event_id: str | None = Field(description="the fused event this event is a report of")
    not_fused: str | None = Field(description="why it is in no fused event (e.g. the document is a near copy)")
    evidence: list[dict[str, Any]]


class DocDetail(BaseModel):
    doc_id: str
    requested_id: str = Field(description="the id asked for (an exact copy's id gives the stored document)")
    source: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    language: str
    text: str = Field(description="the clean text; every offset below refers to it")
    original: str | None = Field(description="the text as read, when cleaning removed something")
    meta: dict[str, Any]
    near_duplicate_of: str | None
    duplicates: list[str] = Field(description="ids of exact copies of this document")
    removed: list[dict[str, Any]] = Field(description="blocks cleaning removed: kind, orig_start, orig_end "
                                                      "(offsets in `original`), text")
    events: list[DocEvent]
    mentions: list[dict[str, Any]] = Field(description="kind, start, end, text, value, found_by (analysed now "
                                                       "with the current extractor)")


class Hit(BaseModel):
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    near_duplicate_of: str | None
    rank: float = Field(description="bm25, lower is better")
    snippet: str
    highlights: list[list[int]] = Field(description="[start, end] of each matched word within snippet")


class SearchAnswer(BaseModel):
    query: str
    hits: list[Hit]


class ActorSummary(BaseModel):
    id: str = Field(description="URL-safe id (the English name, lower-case, dashes)")
    name: str = Field(description="canonical English (ACLED-style) name")
    name_ar: str | None = Field(description="the first Arabic alias")
    type: str
    country: str | None
    aliases_ar: list[str]
    aliases_en: list[str]
    events: int = Field(description="fused events naming it or one of its branches")


class ActorList(BaseModel):
    actors: list[ActorSummary]


class ActorDetail(ActorSummary):
    model_config = {"extra": "allow"}
    lookup_ar: list[str] = Field(description="names that mean this actor only where a name is expected")
    source: str
    branches_of: list[str] = Field(description="the actors this one is part of")
    event_list: list[dict[str, Any]] = Field(description="its events, newest first: event_id, event_date, "
                                                         "event_type, sub_event_type, location, country_code, "
                                                         "fatalities, role (actor1/actor2/branch)")
    profile: dict[str, Any] | None = Field(None, description="marsad.profiles.actor_profile, when installed")


class MapPoint(BaseModel):
    id: str
    lat: float
    lon: float
    type: str
    sub_type: str
    fatalities: int | None = Field(description="the best figure")
    date: str | None
    location: str | None
    country: str | None


class MapAnswer(BaseModel):
    total: int = Field(description="events matching the filters")
    located: int = Field(description="of which with coordinates")
    without_coordinates: int
    count: int = Field(description="points sent")
    cap: int
    capped: bool = Field(description="true when more located events matched than `cap` (newest sent)")
    points: list[MapPoint]


class Week(BaseModel):
    week: str = Field(description="the Monday starting the ISO week, YYYY-MM-DD")
    iso_week: str = Field(description="YYYY-Www")
    events: int
    fatalities: int = Field(description="sum of the conservative figures")


class TimelineAnswer(BaseModel):
    weeks: list[Week]
    undated: int


class Count(BaseModel):
    value: str
    count: int


class FacetsAnswer(BaseModel):
    total: int
    types: list[Count]
    sub_types: list[Count]
    countries: list[Count]


class Stats(BaseModel):
    documents: int
    duplicates: int
    near_duplicates: int
    events: int = Field(description="extracted events (reports)")
    fused_events: int
    multi_document_events: int
    fused_reports: int
    unfused_reports: int


class IngestAnswer(BaseModel):
    counts: dict[str, int] = Field(description="added, unchanged, duplicate, near_duplicate, failed")
    results: list[dict[str, Any]] = Field(description="per input: source, status, doc_id, linked_to, "
                                                      "similarity, event_ids; or source, status failed, reason")
