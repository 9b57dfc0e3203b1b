"""Every error the API answers is JSON `{"error": "one line"}` with its status.

Clients (the pages, scripts) show the message as it is, so it names the
parameter or the id and the problem; nothing else (a stack trace, pydantic's
list of dicts, an SQL message) ever reaches them. Query and path parameters
that fail FastAPI's own checks (`limit=abc`) are a 400 like our own checks,
since to a client both are the same mistake; a JSON body that does not fit
its schema stays a 422.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.store import StoreError
from marsad.store.backend import database_errors

log = logging.getLogger("marsad.web")


class ApiError(Exception):
    """An answer other than success: status, the one-line message, and any
    headers it needs (WWW-Authenticate for a 401)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _validation_message(errors: list[dict[str, Any]]) -> tuple[int, str]:
    """(status, message) for FastAPI's validation errors: the first problem,
    named by its parameter."""
    first = errors[0] if errors else {}
    loc = [str(x) for x in first.get("loc", ())]
    where, name = (loc[0], loc[-1]) if loc else ("query", "request")
    status = 422 if where == "body" else 400
    return status, f"{name}: {first.get('msg', 'invalid value')}"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into `{"error": ...}`
    (call it once the store is open, so that its driver's errors are known)."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(*_validation_message(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such address: {request.url.path}"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store unusable: %s", exc)
        return error_response(503, f"store unavailable: {exc}")

    async def _database(request: Request, exc: Exception) -> JSONResponse:
        if any(word in str(exc).lower() for word in ("locked", "busy", "lock timeout")):
            log.warning("store busy on %s: %s", request.url.path, exc)
            return error_response(503, "the store is busy (another write is running); try again")
        log.error("database error on %s", request.url.path, exc_info=exc)
        return error_response(500, "internal error (logged on the server)")

    for kind in database_errors():  # the drivers loaded by now (the store is open)
        app.add_exception_handler(kind, _database)

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return error_response(500, "internal error (logged on the server)")
