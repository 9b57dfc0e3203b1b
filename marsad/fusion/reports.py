"""Reports: one event as one document tells it, the unit that fusion links.

Extraction already merged what a single document says about one incident, so
fusion works across documents only. A report is the contract's event record
plus its document's context (doc_id, outlet, published); `Report` adds the
parsed values every comparison needs (day ordinals of the period the date
spans, coordinates) so that comparing two reports does no parsing.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Any, Iterable, Iterator
from urllib.parse import urlparse

from marsad.model import EVENT_FIELDS, date_period, iso_day


class ReportError(ValueError):
    """An input record that cannot become a report; the message is one line."""


@dataclass
class Report:
    """One document's account of one event, with parsed values for comparing
    (cached: a report is not changed after it is made)."""

    report_id: str
    doc_id: str
    outlet: str | None
    published: str | None
    fields: dict[str, Any]
    evidence: list[dict[str, Any]]
    start: int | None = None  # first day of the period (date ordinal)
    end: int | None = None    # last day of the period
    pub: int | None = None    # publication day ordinal
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.fields.get(name)

    @cached_property
    def country(self) -> str:
        return (self.fields.get("country_code") or "").upper()

    @cached_property
    def coords(self) -> tuple[float, float] | None:
        lat, lon = self.fields.get("latitude"), self.fields.get("longitude")
        if lat is None or lon is None:
            return None
        return float(lat), float(lon)

    @cached_property
    def geo_precision(self) -> int:
        """Missing precision counts as country-level: nothing finer is claimed."""
        p = self.fields.get("geo_precision")
        return int(p) if p else 4

    @property
    def time_precision(self) -> int | None:
        if self.start is None:
            return None
        return int(self.fields.get("time_precision") or 1)

    def figure(self, name: str) -> tuple[int, int] | None:
        """(low, high) of `fatalities` or `injuries`, None when not reported."""
        low = self.fields.get(name)
        if low is None:
            return None
        high = self.fields.get("fatalities_high") if name == "fatalities" else None
        high = low if high is None else max(int(high), int(low))
        return int(low), int(high)

    def to_dict(self) -> dict[str, Any]:
        """The report as kept inside a fused event (every source's version)."""
        return {"report_id": self.report_id, "doc_id": self.doc_id, "outlet": self.outlet,
                "published": self.published, **self.fields, "evidence": self.evidence}


def _parse_day(value: Any, what: str, where: str) -> date | None:
    """`value`'s day, None when absent; a value that is not a day is an error."""
    if value in (None, ""):
        return None
    day = iso_day(value)
    if day is None:
        raise ReportError(f"{where}: {what} is not a YYYY-MM-DD date: {value!r}")
    return day


def period(start: date, precision: int) -> tuple[int, int]:
    """Ordinals of the first and last day of the period a date spans
    (EVENTS.md: 1 day, 2 week, 3 month, 4 year from `event_date`)."""
    first, last = date_period(start, precision)
    return first.toordinal(), last.toordinal()


def outlet_from(doc_id: str | None) -> str | None:
    """The host of a URL doc_id (without 'www.'), the usual name of its outlet."""
    if not doc_id or "://" not in doc_id:
        return None
    host = urlparse(doc_id).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)


def make_report(event: dict[str, Any], doc_id: str, index: int, outlet: str | None,
                published: str | None, where: str) -> Report:
    """A `Report` from one contract event of document `doc_id`."""
    if not isinstance(event, dict):
        raise ReportError(f"{where}: event {index} is not an object")
    if not event.get("event_type") or not event.get("sub_event_type"):
        raise ReportError(f"{where}: event {index} lacks event_type or sub_event_type")
    fields = {k: event.get(k) for k in EVENT_FIELDS}
    fields["responsibility"] = fields["responsibility"] or "unknown"
    for k in ("latitude", "longitude"):
        if fields[k] is not None and not isinstance(fields[k], (int, float)):
            raise ReportError(f"{where}: event {index} {k} is not a number: {fields[k]!r}")
    for k in ("fatalities", "fatalities_high", "injuries", "time_precision", "geo_precision"):
        v = fields[k]
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise ReportError(f"{where}: event {index} {k} is not a whole number: {v!r}")
    if fields["latitude"] is not None and (math.isnan(fields["latitude"]) or abs(fields["latitude"]) > 90):
        raise ReportError(f"{where}: event {index} latitude out of range: {fields['latitude']!r}")
    evidence = event.get("evidence") or []
    if isinstance(evidence, str):  # gold files quote evidence as one string
        evidence = [{"start": None, "end": None, "text": evidence}]
    rep = Report(report_id=f"{doc_id}#{index}", doc_id=doc_id, outlet=outlet,
                 published=published, fields=fields, evidence=list(evidence))
    day = _parse_day(fields["event_date"], "event_date", where)
    if day is not None:
        rep.start, rep.end = period(day, int(fields["time_precision"] or 1))
    pub = _parse_day(published, "published", where)
    rep.pub = pub.toordinal() if pub else None
    return rep


def reports_from_records(records: Iterable[dict[str, Any]], where: str = "<input>",
                         meta: dict[str, dict[str, Any]] | None = None) -> Iterator[Report]:
    """Flatten per-document records (`extract --format jsonl` lines, or gold
    lines keyed by `file`) into reports with ids `doc_id#index`.

    `meta` (doc_id -> {outlet, published}) fills what a record lacks, e.g. the
    seeds' outlets, which the gold file does not repeat. Without any outlet,
    a URL doc_id gives its host, so that sources can still be named.
    """
    for n, rec in enumerate(records, start=1):
        at = f"{where}:{n}"
        if not isinstance(rec, dict):
            raise ReportError(f"{at}: record is not a JSON object")
        doc_id = rec.get("doc_id") or rec.get("file") or rec.get("id")
        if not doc_id:
            raise ReportError(f"{at}: record has no doc_id (or file) key")
        extra = (meta or {}).get(doc_id, {})
        outlet = rec.get("outlet") or extra.get("outlet") or outlet_from(doc_id)
        published = rec.get("published") or extra.get("published")
        events = rec.get("events")
        if events is None:
            events = []
        if not isinstance(events, list):
            raise ReportError(f"{at}: 'events' is not a list")
        for i, ev in enumerate(events):
            yield make_report(ev, str(doc_id), i, outlet, published, at)


def report_from_dict(d: dict[str, Any], where: str = "<report>") -> Report:
    """A `Report` from its flat form (`Report.to_dict`, or a store row)."""
    rid = d.get("report_id")
    doc_id = d.get("doc_id")
    if not rid or not doc_id:
        raise ReportError(f"{where}: report lacks report_id or doc_id")
    rep = make_report(d, str(doc_id), 0, d.get("outlet") or outlet_from(doc_id),
                      d.get("published"), where)
    rep.report_id = str(rid)
    return rep
