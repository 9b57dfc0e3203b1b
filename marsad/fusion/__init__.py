"""Fusion: one incident, many reports, one event that keeps every source's version.

Pure functions over report records (`reports.py`), independent of the store:
`fuse(reports)` for a batch, `Fuser.add(report) -> event_id` incrementally.
See docs/fusion.md for the rules and their measurements.
"""
from __future__ import annotations

from marsad.fusion.config import FusionConfig
from marsad.fusion.derive import FusedEvent
from marsad.fusion.fuser import Fuser, event_id_for, fuse
from marsad.fusion.overrides import OverrideError, Overrides
from marsad.fusion.reports import Report, ReportError, reports_from_records

__all__ = ["FusedEvent", "Fuser", "FusionConfig", "OverrideError", "Overrides", "Report",
           "ReportError", "event_id_for", "fuse", "reports_from_records"]
