"""The application: `create_app(db, token)` for `marsad serve`, tests and
any ASGI server (`uvicorn --factory marsad.web.app:from_environment`, the store in
`MARSAD_SERVE_DB`).

The API lives under /api, the OpenAPI document at /openapi.json (browsable at
/api/swagger); the pages (`marsad.web.ui`, when installed) own /, /events/...,
/docs/..., /actors/... and /static. Every answer carries `Server-Timing`
(and `X-Process-Time`, milliseconds) with the time the application spent
before sending headers, which `benchmarks/web_load.py` reads.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from marsad.web import api, errors
from marsad.web.ingest import MAX_UPLOAD_BYTES
from marsad.web.stores import Stores


class _ServerHeaders:
    """Pure ASGI middleware (it does not buffer streamed exports): adds the
    server time and `X-Content-Type-Options: nosniff`, so that a browser never
    reads an answer's stored article text as anything but its declared type."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - start) * 1000
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"server-timing", f"app;dur={ms:.2f}".encode()),
                                      (b"x-process-time", f"{ms:.2f}".encode()),
                                      (b"x-content-type-options", b"nosniff")]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _version() -> str:
    try:
        return version("marsad")
    except PackageNotFoundError:
        return "0"


def create_app(db: str | Path, token: str | None = None, *, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               cache_bytes: int = 64 * 2**20) -> FastAPI:
    """The API (and pages) over the store at `db`. `token` enables POST
    /api/ingest for clients that send it as a bearer token; without one,
    ingest answers 403. `cache_bytes` bounds the answer cache (0: none, as
    the load benchmark's cold runs use). Raises StoreError (one line) if
    `db` is no usable store."""
    stores = Stores(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=_warm, name="marsad-warm", daemon=True).start()
        stores.reader()  # the event loop's own connection (cache checks), opened before any request
        yield
        stores.close()

    app = FastAPI(
        title="marsad", version=_version(), lifespan=lifespan, docs_url="/api/swagger", redoc_url=None,
        description="Fused conflict events extracted from Arabic news, with every source's figures and the "
                    "evidence spans behind them. Errors are JSON {\"error\": \"...\"}. See docs/api.md.",
    )
    app.state.marsad = api.ApiState(stores=stores, token=token or None, cache_bytes=cache_bytes,
                                    max_upload_bytes=max_upload_bytes)
    errors.install(app)
    app.include_router(api.router)
    _include_pages(app)
    app.add_middleware(_ServerHeaders)
    return app


def _warm() -> None:
    """Read the knowledge tables now, in the background, rather than in the
    first request that filters by actor (they take a second to load)."""
    from marsad import kb
    from marsad.fusion import knowledge

    kb.load()
    knowledge.load()


def from_environment() -> FastAPI:
    """The app for `MARSAD_SERVE_DB` and `MARSAD_TOKEN`: what each worker
    process of `marsad serve --workers N` builds (uvicorn calls it by name)."""
    return create_app(os.environ["MARSAD_SERVE_DB"], os.environ.get("MARSAD_TOKEN"))


def _include_pages(app: FastAPI) -> None:
    """The web pages, when `marsad.web.ui` is installed (the API stands alone without it)."""
    try:
        from marsad.web import ui
    except ModuleNotFoundError as e:
        if e.name != "marsad.web.ui":
            raise
        return
    app.include_router(ui.router)
