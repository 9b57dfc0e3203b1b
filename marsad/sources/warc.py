"""WARC web archives (plain or gzipped): every HTML `response` record is read
as a page, with the record's target URI as its URL and its capture date as the
date when the page gives none.

Crawls get cut off mid-write; the records read before the cut are kept and the
rest is reported as one error.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from marsad.model import Document, InputError
from marsad.sources.errors import SourceError
from marsad.sources.formats import gunzip_head
from marsad.sources.html import decode_html, html_document
from marsad.sources.limits import read_bounded
from marsad.sources.records import normalize_date

_CHUNK = 1 << 20
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w-]+)", re.I)


def read_warc(source: str, stream: BinaryIO) -> Iterator[Document | InputError]:
    """One Document (or InputError) per HTML response record; `source:N` names
    the N-th record of the file."""
    head = stream.read(512)
    stream.seek(0)
    if not (head.startswith(b"WARC/") or gunzip_head(head).startswith(b"WARC/")):
        raise SourceError("not a WARC file (it does not start with a WARC record)")
    n = done = 0
    records = ArchiveIterator(stream)
    try:
        for n, record in enumerate(records, start=1):
            if record.rec_type is None:  # a damaged header: warcio reads on without a word
                _drain(record)
                done = n
                yield InputError(f"{source}:{n}", "damaged record (no WARC-Type header): not read")
                continue
            content_type = ""
            if record.rec_type == "response" and record.http_headers is not None:
                content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                _drain(record)  # to the end, so that a cut shows
                _check_complete(record, n)
                done = n
                continue
            try:
                payload = read_bounded(record.content_stream(), "WARC record")
            except SourceError as e:
                _drain(record)
                done = n
                yield InputError(f"{source}:{n}", str(e))
                continue
            _check_complete(record, n)
            done = n
            yield _page(f"{source}:{n}", record, content_type, payload)
    except SourceError:
        raise
    except Exception as e:  # warcio fails in many ways on a cut file
        raise SourceError(f"truncated or corrupt WARC: unreadable after record {done} "
                          f"({e.__class__.__name__})") from None
    if done == 0:
        raise SourceError("not a WARC file (no records)")
    stream.seek(records.offset)
    if stream.read().strip():
        raise SourceError(f"truncated WARC: incomplete data after record {done}")


def _drain(record) -> None:
    """Read the record to its end, one chunk held at a time."""
    while record.raw_stream.read(_CHUNK):
        pass


def _page(where: str, record, content_type: str, payload: bytes) -> Document | InputError:
    try:
        m = _CHARSET.search(content_type)
        html = decode_html(payload, m.group(1) if m else None)
        return html_document(where, html, record.rec_headers.get_header("WARC-Target-URI"),
                             normalize_date(record.rec_headers.get_header("WARC-Date") or ""))
    except SourceError as e:
        return InputError(where, str(e))


def _check_complete(record, n: int) -> None:
    """A record whose body ends before its declared length was cut off."""
    if getattr(record.raw_stream, "limit", 1) > 0:
        raise SourceError(f"truncated WARC: record {n} is cut short")
