"""The store: documents, events, full-text search and de-duplication in one
SQLite file or PostgreSQL database (see `marsad.store.store` and
`marsad.store.backend`)."""
from __future__ import annotations

from marsad.store.errors import StoreError
from marsad.store.ingest import ingest
from marsad.store.store import AddResult, DocSummary, Hit, Store

__all__ = ["Store", "AddResult", "DocSummary", "Hit", "StoreError", "ingest"]
