"""The analysis pipeline over one document: mentions, then events.

A plain function, so tests, the CLI, the server and a batch worker all run the
same code on the same data."""
from __future__ import annotations

from marsad.events import extract_events
from marsad.model import Document


def analyse(doc: Document) -> Document:
    """Fill `doc.events` (and `doc.mentions`) from `doc.text`; returns `doc`."""
    doc.events = extract_events(doc)
    return doc
