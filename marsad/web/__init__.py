"""The analyst's workbench: a JSON API over a store (`marsad serve`) and the
web pages that read it.

`marsad.web.app.create_app(db, token)` builds the application: the API
(`marsad.web.api`, everything under /api) and, when present, the pages
(`marsad.web.ui`). The API reads the store through `marsad.store.Store` only,
one connection per worker thread (`marsad.web.stores`), and ingests through
one writer thread, so reading never waits for an ingest.
"""
