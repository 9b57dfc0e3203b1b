"""A candidate event while it is being built and merged.

Each mention of an incident in a document gives one draft; drafts of the same
incident merge (merge.py) and only then become contract `Event`s, because the
figures of one incident are read across its mentions: the lowest credible
toll is `fatalities`, the highest `fatalities_high` (ACLED's rule).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.events.actors import Actor
from marsad.events.places import Place
from marsad.model import Span


@dataclass(frozen=True)
class Count:
    """One reported figure for an incident (deaths or injuries)."""

    value: int
    qualifier: str | None
    vague: bool


@dataclass
class Draft:
    event_type: str
    sub_event_type: str
    rank: int
    strong: bool
    plural: bool
    trigger_start: int
    place: Place | None = None
    date: tuple[str, int] | None = None
    date_in_sentence: bool = False
    actor1: Actor | None = None
    actor2: Actor | None = None
    actor2_targeted: bool = False
    victim_class: str | None = None
    responsibility: str | None = None
    deaths: list[Count] = field(default_factory=list)
    injuries: list[Count] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    fatalities_default: int | None = None
    sentences: set[int] = field(default_factory=set)
    definite: bool = False
    noun: bool = True  # the trigger is a noun (تفجير), not a verb (استسلموا)
    another: bool = False  # "وهجوما آخر"
    date_in_segment: bool = False
    security: bool = False  # the sentence speaks of armed groups, terrorism, weapons
    retold: bool = False  # told in the pluperfect ("وكان ... قد قتلوا"): background to the news

    @property
    def country(self) -> str | None:
        return self.place.mention.value.get("country_code") if self.place else None

    @property
    def has_figure(self) -> bool:
        return bool(self.deaths or self.injuries)


def conservative(counts: list[Count]) -> tuple[int | None, int | None]:
    """(lowest credible, highest) of the figures reported for one incident.

    A vague figure (عشرات) yields to any precise one; "more than N" is a floor
    that any larger figure satisfies, so it is not a competing estimate when a
    larger figure exists (initial "more than 100" vs final "133")."""
    precise = [c for c in counts if not c.vague] or counts
    if not precise:
        return None, None
    top = max(c.value for c in precise)
    credible = [c for c in precise if not (c.qualifier == "more_than" and c.value < top)] or precise
    return min(c.value for c in credible), top
