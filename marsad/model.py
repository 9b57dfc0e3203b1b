"""The plain data that flows through every stage of marsad.

One `Document` carries the clean text and everything later stages attach to it
(mentions, events), in the spirit of spaCy's `Doc`: every annotation is a
character span of `Document.text`, and `Document.offsets` maps those spans back
to the original text the document was read from. Stages are plain functions
over these objects, so the same code runs in tests, the CLI, the server and a
batch job; `to_dict` gives the JSON form of `../shared/contract/EVENTS.md`.
"""
from __future__ import annotations

import bisect
import calendar
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Segment:
    """A run of `length` characters copied unchanged from the original.

    Clean text is built only by keeping runs of the original (cleaning deletes,
    never rewrites), so a list of segments is a complete offset map.
    """

    clean_start: int
    orig_start: int
    length: int


@dataclass
class OffsetMap:
    """Maps offsets in a document's clean text back to its original text."""

    segments: list[Segment] = field(default_factory=list)

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([Segment(0, 0, length)] if length else [])

    def to_original(self, clean_offset: int) -> int:
        """Original offset of the character at `clean_offset` (end offsets map
        to one past the last kept character of their segment)."""
        if not self.segments:
            return clean_offset
        starts = [s.clean_start for s in self.segments]
        i = max(0, bisect.bisect_right(starts, clean_offset) - 1)
        seg = self.segments[i]
        return seg.orig_start + min(clean_offset - seg.clean_start, seg.length)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def to_list(self) -> list[list[int]]:
        return [[s.clean_start, s.orig_start, s.length] for s in self.segments]

    @classmethod
    def from_list(cls, rows: list[list[int]]) -> "OffsetMap":
        return cls([Segment(*row) for row in rows])


@dataclass
class Span:
    """Evidence: a character span of a document's clean text."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Block:
    """A part of the original that is not the article (boilerplate, related
    headlines, keyword lists), kept so that nothing is silently lost."""

    kind: str  # e.g. "masthead", "related", "keywords", "newsletter", "ad", "repeated_title"
    orig_start: int
    orig_end: int
    text: str


@dataclass
class Mention:
    """Something named or quantified in the clean text.

    `kind` is one of: actor, place, outlet, person, date, number, trigger.
    `value` holds the resolved meaning (canonical actor name, place record,
    date and precision, number low/high ...). `found_by` says whether the
    knowledge base (`kb`), a rule (`rule`) or the NER model (`model`) found it.
    """

    kind: str
    start: int
    end: int
    text: str
    value: dict[str, Any] = field(default_factory=dict)
    found_by: str = "kb"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def iso_day(value: Any) -> date | None:
    """The day a `YYYY-MM-DD...` value names (a date, or text whose first ten
    characters are an ISO date, as the contract's `event_date` and `published`
    are), or None when it is missing or is not one. The one reader of stored
    and reported days; callers that must reject a bad value (fusion's report
    reader) raise on None themselves, with their own context."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_period(start: date, precision: int) -> tuple[date, date]:
    """First and last day (inclusive) of the period an event date stands for:
    `time_precision` 1 day, 2 week, 3 month, 4 year from `event_date` (the
    contract's rule, shared by scoring and fusion)."""
    if precision == 2:
        return start, start + timedelta(days=6)
    if precision == 3:
        return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == 4:
        return start, date(start.year, 12, 31)
    return start, start


@dataclass
class Event:
    """One incident as the contract defines it (field names follow ACLED)."""

    event_type: str
    sub_event_type: str
    event_date: str | None = None
    time_precision: int | None = None
    actor1: str | None = None
    actor2: str | None = None
    responsibility: str = "unknown"
    country_code: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = [s.to_dict() for s in self.evidence]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        """The Event `to_dict` gave (keys it does not know are an error, so a
        renamed field cannot be dropped silently)."""
        return cls(**{**d, "evidence": [Span(**s) for s in d.get("evidence") or []]})


# The event's fields, in the contract's order, without its evidence: the one
# list that fusion's reports, the store's queries and the exports take.
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event) if f.name != "evidence")


@dataclass
class Document:
    """An article: clean text, metadata, offsets back to the original, and
    whatever analysis stages have attached."""

    doc_id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    url: str | None = None
    language: str = "ar"
    original: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    removed: list[Block] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # What its speakers said: a marsad.claims.Said (statements, actor claims,
    # figures, actor aliases), set by marsad.pipeline.analyse; None until then.
    # Typed Any because this module imports nothing of marsad.
    said: Any = None
    # The normalised text, tokens and sentences every stage reads: a
    # marsad.text.TextLayer, built once by marsad.text.layer_of; not stored.
    layer: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The contract's per-document record (`extract --format jsonl`)."""
        return {
            "doc_id": self.doc_id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "url": self.url,
            "text": self.text,
            "events": [e.to_dict() for e in self.events],
        }


@dataclass
class InputError:
    """An input that could not be read: reported, never raised, so that the
    rest of a batch goes on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
