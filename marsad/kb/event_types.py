"""ACLED's event types, sub-event types and disorder types: one table
(`event_types.tsv`, one row per sub-event type) that extraction's scoring,
the ACLED export and fusion all read.

Besides ACLED's own columns, `family` groups the sub-event types a reporter
may use for one incident (an IED blast told as a suicide bombing) and
`specificity` ranks how specific each is (fusion keeps the more specific).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.kb.tables import DATA_DIR, KbDataError, read_tsv

_SEP = "; "  # disorder types of a sub-event type that is two at once


@dataclass(frozen=True)
class SubEventType:
    event_type: str
    sub_event_type: str
    disorder_type: str
    family: str
    specificity: int
    source: str


class EventTypes:
    """The sub-event types by name, and the questions the stages ask of them."""

    def __init__(self, rows: list[SubEventType]):
        self.subs = {r.sub_event_type: r for r in rows}
        self.event_types = tuple(dict.fromkeys(r.event_type for r in rows))

    def event_type_of(self, sub_event_type: str) -> str | None:
        st = self.subs.get(sub_event_type)
        return st.event_type if st else None

    def disorder_type(self, event_type: str | None, sub_event_type: str | None) -> str:
        """The sub-event type's disorder type; for an event with no (or an
        unknown) sub-event type, the disorder types all sub-event types of
        its event type share (Protests: Demonstrations), '' for an unknown
        event type."""
        st = self.subs.get(sub_event_type or "")
        if st is not None and st.event_type == event_type:
            return st.disorder_type
        sets = [r.disorder_type.split(_SEP) for r in self.subs.values() if r.event_type == event_type]
        if not sets:
            return ""
        return _SEP.join(d for d in sets[0] if all(d in s for s in sets))


def load_event_types(data_dir: Path = DATA_DIR) -> EventTypes:
    rows: list[SubEventType] = []
    seen: set[str] = set()
    for r in read_tsv("event_types.tsv", ("event_type", "sub_event_type", "disorder_type", "family", "specificity"),
                      data_dir):
        if r["sub_event_type"] in seen:
            raise KbDataError(f"{r['_where']}: sub-event type {r['sub_event_type']!r} listed twice")
        if not r["specificity"].isdigit():
            raise KbDataError(f"{r['_where']}: specificity must be a whole number, not {r['specificity']!r}")
        seen.add(r["sub_event_type"])
        rows.append(SubEventType(r["event_type"], r["sub_event_type"], r["disorder_type"], r["family"],
                                 int(r["specificity"]), r["source"]))
    return EventTypes(rows)
