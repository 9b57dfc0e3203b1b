"""The analyst's web pages: static HTML and JavaScript that read the JSON API.

Every page is a fixed file: the server never writes data into HTML. Article
text is untrusted (anyone can publish an article that reaches the corpus), so
all data reaches the browser as JSON and the page scripts put it into the DOM
as text nodes only (see `static/js/common.js`). The same file answers every id
(`/events/{event_id}` serves `event.html`, which reads the id from its own URL),
so nothing the visitor sends is echoed into markup either.

The included router also mounts `static/` at `/static`: libraries and
country outlines are vendored there (`build_assets.py`), so the UI needs no
internet.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"

router = APIRouter(include_in_schema=False)
router.mount("/static", StaticFiles(directory=STATIC), name="static")


def _page(name: str) -> FileResponse:
    # no-cache: the pages are small and change with the package; the browser
    # revalidates (ETag) instead of showing an old page against a new API
    return FileResponse(STATIC / name, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})


@router.get("/")
def dashboard() -> FileResponse:
    """Map, weekly timeline, filters and the list of events."""
    return _page("index.html")


@router.get("/events/{event_id:path}")
def event_page(event_id: str) -> FileResponse:
    """One fused event: fields, reports side by side, evidence in Arabic."""
    return _page("event.html")


@router.get("/docs/{doc_id:path}")
def document_page(doc_id: str) -> FileResponse:
    """One article with its mentions highlighted (ids may contain '/')."""
    return _page("doc.html")


@router.get("/actors/{actor_id:path}")
def actor_page(actor_id: str) -> FileResponse:
    """One actor: aliases, its events on a map and timeline, its profile."""
    return _page("actor.html")
