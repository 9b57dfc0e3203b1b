"""What a statement, its speaker and a sourced figure are, as plain data.

A statement is kept with everything an analyst needs to weigh it: who said it
(a person with role and affiliation, an organisation, an outlet, or an unnamed
source), the verb of saying, the content span, the date it was said, and the
chain through which the reader got it (the publishing outlet first, the origin
last). All spans are clean-text offsets of the document, like every evidence
span in marsad.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.arabic.normalize import norm
from marsad.model import Span

SPEAKER_KINDS = ("person", "actor", "outlet", "unnamed")


def fields_of(record: Any) -> dict[str, Any]:
    """A dataclass record's fields as a dict that shares their values, for
    `to_dict`: `dataclasses.asdict` deep-copies every value, about 1 ms a
    document for records that are only serialised (extract lines, batch
    shards)."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


@dataclass
class Speaker:
    """Who said it. `name` is as written for a person or an unnamed source,
    the canonical English name for an actor or an outlet. `start`/`end` are
    the span of the speaker phrase, or the span that named the person first
    when the text refers back to them (by surname, role or pronoun:
    `resolved_by` then says how)."""

    kind: str
    name: str
    role: str | None = None          # English role when the tables know it
    role_text: str | None = None     # the role phrase as written
    title: str | None = None         # a rank or honorific before the name (General, Mullah)
    affiliation: str | None = None   # actor, country, outlet or place the role belongs to
    start: int = -1
    end: int = -1
    resolved_by: str | None = None   # surname | role | anaphor | continuation | None

    def key(self) -> str:
        """Identity across documents: kind and name (a person's name
        normalised, so spellings with and without hamza meet)."""
        return f"{self.kind}:{norm(self.name) if self.kind in ('person', 'unnamed') else self.name}"

    def to_dict(self) -> dict[str, Any]:
        return fields_of(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Speaker:
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Statement:
    """One act of saying. `kind` comes from the verb (say, confirm, warn,
    reveal, deny, announce, claim, according ...) and becomes `claim` for an
    announcement of responsibility; `chain` lists the links of attribution
    as the text gives them, from the publishing outlet to the origin, each
    {"name", "kind"}; `event_indexes` are the document's events a claim or a
    denial concerns."""

    index: int
    verb: str
    meaning: str
    kind: str
    speaker: Speaker | None
    content: Span
    evidence: Span
    date: str | None = None
    date_precision: int | None = None
    date_from: str = "published"     # text | published
    chain: list[dict[str, str]] = field(default_factory=list)
    recipient: str | None = None
    actors: list[str] = field(default_factory=list)
    event_indexes: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = fields_of(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        d["content"], d["evidence"] = self.content.to_dict(), self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Statement:
        d = dict(d)
        d["speaker"] = Speaker.from_dict(d["speaker"]) if d.get("speaker") else None
        d["content"], d["evidence"] = Span(**d["content"]), Span(**d["evidence"])
        return cls(**d)


@dataclass
class Figure:
    """A statistic that is not an event ('64% of civilian casualties'):
    the number, its unit, the scope phrase that says what it counts, and
    who gave it (the statement it is part of, if any)."""

    index: int
    low: float | None
    high: float | None
    unit: str                 # percent | count
    qualifier: str | None
    scope: Span               # from the number to the end of its clause
    evidence: Span            # the sentence
    speaker: Speaker | None = None
    statement_index: int | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = fields_of(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        d["scope"], d["evidence"] = self.scope.to_dict(), self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        d = dict(d)
        d["speaker"] = Speaker.from_dict(d["speaker"]) if d.get("speaker") else None
        d["scope"], d["evidence"] = Span(**d["scope"]), Span(**d["evidence"])
        return cls(**d)
