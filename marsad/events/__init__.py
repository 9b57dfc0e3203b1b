"""Event extraction: every incident an Arabic news document reports, as
contract events (../shared/contract/EVENTS.md) with evidence spans.

The steps, one module each:
- sentences.py  split the clean text into sentences and clauses;
- triggers.py   find trigger words (triggers.tsv) and drop non-events
                (threats, plans, opinions, forecasts, statistics, campaigns:
                events_nonevent_cues.tsv);
- casualties.py read the figures death and injury words govern;
- places.py     where and when (place and date of each incident);
- actors.py     who did it to whom; responsibility.tsv for who claimed what;
- drafting.py   one draft event per segment (type, figures, place, date, actors);
- merge.py      fold the mentions of one incident into one event;
- assemble.py   the document loop, what is kept (news, not undated, stale
                or old background, not an analysis's illustration; a reaction
                or footer retelling an incident is not a second one), and the
                contract `Event`.
"""
from __future__ import annotations

from marsad.events.assemble import extract_events

__all__ = ["extract_events"]
