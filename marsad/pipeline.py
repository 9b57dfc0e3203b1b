"""The analysis pipeline over one document: mentions, then events.

A plain function, so tests, the CLI, the server and a batch worker all run the
same code on the same data."""
from __future__ import annotations

from marsad.events import extract_events
from marsad.events.assemble import document_mentions
from marsad.model import Document


def analyse(doc: Document) -> Document:
    """Fill `doc.mentions` (names, figures, dates) and `doc.events` from
    `doc.text`; returns `doc`."""
    doc.mentions = document_mentions(doc)
    doc.events = extract_events(doc)
    return doc
