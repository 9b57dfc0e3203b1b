"""An actor fact as a sourced claim."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.model import Span
from marsad.statements.records import Speaker, fields_of

CLAIM_KINDS = ("founded", "strength", "areas", "leader", "goal", "ally", "rival", "designation")


@dataclass
class Claim:
    """One thing a document says about an actor. `value` depends on `kind`:
    founded {year, date, cue}; strength {low, high, qualifier, counts,
    counts_text}; areas {places: [{name, kind, country_code, admin1, lat,
    lon}]}; rival / ally {actor}; goal {text}; leader {name, role,
    role_text}; designation {by}. `text` is the value in a line; `speaker`
    and `chain` are those of the statement it stands in (else the outlet),
    `date` when it was said, `evidence` the sentence."""

    index: int
    actor: str
    kind: str
    value: dict[str, Any]
    text: str
    speaker: Speaker | None
    chain: list[dict[str, str]] = field(default_factory=list)
    statement_index: int | None = None
    date: str | None = None
    evidence: Span = field(default_factory=lambda: Span(0, 0, ""))

    def to_dict(self) -> dict[str, Any]:
        d = fields_of(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        d["evidence"] = self.evidence.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        d = dict(d)
        d["speaker"] = Speaker.from_dict(d["speaker"]) if d.get("speaker") else None
        d["evidence"] = Span(**d["evidence"])
        return cls(**d)
