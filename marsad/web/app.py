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


# The pages load only their own scripts and styles (no inline code, nothing from
# elsewhere), are never framed, and send no referrer: stored articles are
# untrusted text, and a page that frames the workbench must not drive it.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                           "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                           "frame-ancestors 'none'")
_SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                     (b"referrer-policy", b"no-referrer")]
_SWAGGER = "/api/swagger"  # FastAPI's page loads the Swagger UI from its CDN: no CSP there


class _ServerHeaders:
    """Pure ASGI middleware (it does not buffer streamed exports): adds the
    server time, `X-Content-Type-Options: nosniff` (a browser never reads an
    answer's stored article text as anything but its declared type), the
    content security policy, `X-Frame-Options` and `Referrer-Policy`; and,
    when `allowed_hosts` is given, answers 400 to a request whose Host is
    none of them (a DNS-rebinding page on another name reads nothing)."""

    def __init__(self, app: Any, allowed_hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        if self.allowed_hosts is not None and _host(scope) not in self.allowed_hosts:
            await _bad_host(send)
            return
        csp = [] if scope.get("path", "").startswith(_SWAGGER) else [
            (b"content-security-policy", CONTENT_SECURITY_POLICY.encode())]

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                ms = (time.perf_counter() - start) * 1000
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"server-timing", f"app;dur={ms:.2f}".encode()),
                                      (b"x-process-time", f"{ms:.2f}".encode()), *_SECURITY_HEADERS, *csp]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _host(scope: dict) -> str:
    """The request's Host header without its port, lower-cased."""
    return _without_port(next((v for k, v in scope.get("headers", ()) if k == b"host"), b"").decode("latin-1"))


def _without_port(host: str) -> str:
    """"Box.lan:8000" -> "box.lan", "[::1]:8000" -> "[::1]"."""
    host = host.lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _bad_host(send: Any) -> None:
    body = (b'{"error": "unknown Host header: this server answers only to the names it was started with '
            b'(marsad serve --host, --allow-host NAME)"}')
    await send({"type": "http.response.start", "status": 400,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def allowed_hosts(bound: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host names a server bound to `bound` answers to: the address
    itself, the loopback names when it is a loopback address, and `extra`
    (the names a user gives with `--allow-host`). A server bound to every
    address (0.0.0.0, ::) cannot know its names: only `extra` and loopback."""
    bound = bound.lower()
    names = {bound, *map(_without_port, extra)}
    if bound in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "::"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    names.discard("0.0.0.0")
    names.discard("::")
    return frozenset(f"[{n}]" if ":" in n and not n.startswith("[") else n for n in names)


def _version() -> str:
    try:
        return version("marsad")
    except PackageNotFoundError:
        return "0"


def create_app(db: str | Path, token: str | None = None, *, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               cache_bytes: int = 64 * 2**20, hosts: frozenset[str] | None = None) -> FastAPI:
    """The API (and pages) over the store at `db`. `token` enables POST
    /api/ingest for clients that send it as a bearer token; without one,
    ingest answers 403. `cache_bytes` bounds the answer cache (0: none, as
    the load benchmark's cold runs use). `hosts`: the only Host names
    answered (`allowed_hosts`; None: any, as for tests). Raises StoreError
    (one line) if `db` is no usable store."""
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
    app.add_middleware(_ServerHeaders, allowed_hosts=hosts)
    return app


def _warm() -> None:
    """Read the knowledge tables now, in the background, rather than in the
    first request that filters by actor (they take a second to load)."""
    from marsad import kb
    from marsad.fusion import knowledge

    kb.load()
    knowledge.load()


def from_environment() -> FastAPI:
    """The app for `MARSAD_SERVE_DB`, `MARSAD_TOKEN` and `MARSAD_ALLOWED_HOSTS`
    (comma-separated): what each worker process of `marsad serve --workers N`
    builds (uvicorn calls it by name)."""
    hosts = os.environ.get("MARSAD_ALLOWED_HOSTS")
    return create_app(os.environ["MARSAD_SERVE_DB"], os.environ.get("MARSAD_TOKEN"),
                      hosts=frozenset(hosts.split(",")) if hosts else None)


def _include_pages(app: FastAPI) -> None:
    """The web pages, when `marsad.web.ui` is installed (the API stands alone without it)."""
    try:
        from marsad.web import ui
    except ModuleNotFoundError as e:
        if e.name != "marsad.web.ui":
            raise
        return
    app.include_router(ui.router)
