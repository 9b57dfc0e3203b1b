"""POST /api/ingest: uploaded files or JSON records into the store, by the
same path as `marsad ingest` (`marsad.sources.read_paths`, then
`marsad.store.ingest` with `marsad.pipeline.analyse`).

Uploaded files are written to a temporary folder under their own (cleaned)
names, because the readers choose the format by name and content exactly as
for files on disk; each document's `source` then names the upload
(`upload:NAME`), not the temporary path. The body is read through a byte
counter, so an oversized upload is refused (413) as soon as it passes the
limit, whether or not the client declared its length; a file that is no
article format at all (binary) is a 415 before anything is stored.
"""
from __future__ import annotations

import hmac
import json
import os
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from marsad.model import Document, InputError
from marsad.sources import SourceError, read_paths
from marsad.sources.formats import detect
from marsad.sources.jsonfile import records_to_documents
from marsad.store import Store, ingest as ingest_items
from marsad.web.errors import ApiError

MAX_UPLOAD_BYTES = 64 * 2**20
MAX_FILES = 100
_SNIFF = 8192
_UNSAFE = re.compile(r"[^\w.\-]+")
STATUSES = ("added", "unchanged", "duplicate", "near_duplicate", "failed")


def check_token(configured: str | None, authorization: str | None) -> None:
    """Ingest needs `Authorization: Bearer <token>` with the server's token;
    with no token configured it is off altogether."""
    if not configured:
        raise ApiError(403, "ingest is disabled: start the server with --token TOKEN (or MARSAD_TOKEN) to allow it")
    scheme, _, given = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "ingest needs the header 'Authorization: Bearer <token>'",
                       {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), configured.encode("utf-8")):
        raise ApiError(401, "wrong token", {"WWW-Authenticate": 'Bearer error="invalid_token"'})


@dataclass
class Upload:
    """What a request brought: files saved in `folder`, or JSON records."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    records: list[Any] | None = None

    def documents(self) -> Iterator[Document | InputError]:
        """Read, as `marsad ingest` reads its paths."""
        if self.records is not None:
            yield from records_to_documents("upload:body", enumerate(self.records, start=1), "json")
            return
        prefix = str(self.folder) + os.sep
        for item in read_paths(self.files):
            item.source = "upload:" + item.source.removeprefix(prefix)
            yield item


async def _limited(request: Request, limit: int) -> AsyncIterator[bytes]:
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit:
            raise ApiError(413, f"upload larger than the limit of {limit // 2**20} MB")
        yield chunk


def _safe_name(name: str | None, n: int, taken: set[str]) -> str:
    base = _UNSAFE.sub("_", Path(name or "").name).strip("._") or f"upload-{n}"
    out = base if base not in taken else f"{n}-{base}"
    taken.add(out)
    return out


async def read_upload(request: Request, folder: Path, limit: int = MAX_UPLOAD_BYTES) -> Upload:
    """The request's body as an Upload: multipart files or JSON records.
    Raises ApiError 400/413/415 with what is wrong."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, f"upload of {int(declared) // 2**20} MB is larger than the limit of "
                            f"{limit // 2**20} MB")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        return await _files(request, folder, limit)
    if ctype == "application/json":
        body = b"".join([chunk async for chunk in _limited(request, limit)])
        try:
            value = json.loads(body)
        except (ValueError, UnicodeDecodeError) as e:
            raise ApiError(400, f"body: not valid JSON ({e})") from None
        except RecursionError:
            raise ApiError(400, "body: JSON nested too deeply to read") from None
        records = value.get("records") if isinstance(value, dict) else value
        if not isinstance(records, list) or not records:
            raise ApiError(400, 'body: expected a non-empty JSON array of article records, or {"records": [...]}')
        return Upload(folder, records=records)
    raise ApiError(415, f"content type {ctype or 'none'!r} is not accepted: send multipart/form-data files "
                        "or an application/json array of records")


async def _files(request: Request, folder: Path, limit: int) -> Upload:
    parser = MultiPartParser(request.headers, _limited(request, limit), max_files=MAX_FILES, max_fields=20)
    try:
        form = await parser.parse()
    except MultiPartException as e:
        raise ApiError(400, f"body: unreadable multipart upload ({e.message})") from None
    upload = Upload(folder)
    taken: set[str] = set()
    try:
        for n, (_, value) in enumerate(form.multi_items(), start=1):
            if not isinstance(value, UploadFile):
                continue
            name = _safe_name(value.filename, n, taken)
            head = await value.read(_SNIFF)
            try:
                detect(name, head)
            except SourceError as e:
                raise ApiError(415, f"{value.filename or name}: {e}, not an article format (text, HTML, JSON, "
                                    "JSON Lines, zip, WARC, RSS/Atom)") from None
            path = folder / name
            with path.open("wb") as out:
                out.write(head)
                while chunk := await value.read(2**20):
                    out.write(chunk)
            upload.files.append(path)
    finally:
        await form.close()
    if not upload.files:
        raise ApiError(400, "body: the multipart upload holds no file (send one or more file fields)")
    return upload


def run(store: Store, upload: Upload) -> dict[str, Any]:
    """Ingest the upload; the counts and one result per input, as
    `marsad ingest --format jsonl` reports them."""
    from marsad.pipeline import analyse  # loads the extractor: only when something is ingested

    tally: Counter[str] = Counter()
    results = []
    for item, outcome in ingest_items(store, upload.documents(), analyse):
        if isinstance(outcome, InputError):
            tally["failed"] += 1
            results.append({"source": outcome.source, "status": "failed", "reason": outcome.reason})
            continue
        tally[outcome.status] += 1
        results.append({"source": item.source, **outcome.to_dict(), "event_ids": list(outcome.event_ids)})
    return {"counts": {s: tally[s] for s in STATUSES}, "results": results}
