"""Event extraction (being written: see docs/architecture.md)."""
from __future__ import annotations

from marsad.model import Document, Event


def extract_events(doc: Document) -> list[Event]:
    """Events the document reports. Placeholder until the extractor lands."""
    return []
