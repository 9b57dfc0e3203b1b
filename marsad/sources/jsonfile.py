"""JSON (one object, or an array of them) and JSON Lines: one article per object.

A record that cannot be used (not an object, no text) is reported with its
`path:N` source and the rest go on; a file that is not JSON at all is reported
once, with the line and column where parsing stopped.
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from marsad.model import Document, InputError
from marsad.sources.decode import decode_text
from marsad.sources.document import make_document
from marsad.sources import limits
from marsad.sources.errors import SourceError
from marsad.sources.records import FIELD_NAMES, record_fields


def read_json(source: str, data: bytes) -> Iterator[Document | InputError]:
    try:
        value = json.loads(decode_text(data))
    except json.JSONDecodeError as e:
        raise SourceError(f"invalid JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except (RecursionError, ValueError) as e:
        raise SourceError(_unusable(e)) from None
    if isinstance(value, list):
        yield from records_to_documents(source, enumerate(value, start=1), "json")
    elif isinstance(value, dict):
        yield record_document(source, value, "json")
    else:
        raise SourceError(f"JSON holds a {type(value).__name__}, not an article object or array")


def read_jsonl(source: str, data: bytes) -> Iterator[Document | InputError]:
    yield from records_to_documents(source, parse_lines(decode_text(data)), "jsonl")


def stream_jsonl(source: str, stream: BinaryIO) -> Iterator[Document | InputError]:
    """JSON Lines read line by line from an open UTF-8 file, so that memory
    does not grow with the file (a 100 MB dump held whole, decoded and split
    took about 390 MB). A line that is not UTF-8 is reported by its number;
    the rest go on. Files in other encodings go through `read_jsonl`."""
    yield from records_to_documents(source, _parsed(_utf8_lines(stream)), "jsonl")


def streamable(head: bytes) -> bool:
    """Can a JSON Lines file that starts with `head` be streamed as UTF-8
    (`stream_jsonl`)? Yes unless its first bytes are not UTF-8 (a UTF-16
    or Windows-1256 export, which `decode_text` handles whole)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character is fine
    except UnicodeDecodeError:
        return False
    return True


def _utf8_lines(stream: BinaryIO) -> Iterator[tuple[int, str | SourceError]]:
    """(number, line) of a UTF-8 stream, each line read up to the byte limit:
    a longer one is skipped to its end and reported."""
    limit = limits.current().max_bytes
    n = 0
    while raw := stream.readline(limit + 1):
        n += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (more := stream.readline(limit + 1)) and not more.endswith(b"\n"):
                pass
            yield n, SourceError(f"line {n} is over the limit of {limit:,} bytes (--max-bytes)")
            continue
        if n == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            yield n, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield n, SourceError(f"line {n} is not UTF-8 text")


def parse_lines(text: str, first: int = 1) -> Iterator[tuple[int, Any]]:
    """(line number, record or the SourceError for that line), lazily;
    `first` is the number of the first line (a batch shard reads a file
    from its middle). Lines end at newlines only: a record may hold a raw
    U+2028, which `str.splitlines` would take for a line break."""
    return _parsed(enumerate(text.split("\n"), start=first))


def _parsed(lines: Iterable[tuple[int, str | SourceError]]) -> Iterator[tuple[int, Any]]:
    for n, line in lines:
        if isinstance(line, SourceError):
            yield n, line
            continue
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as e:
            yield n, SourceError(f"invalid JSON on line {n}, column {e.colno}: {e.msg}")
        except (RecursionError, ValueError) as e:  # one hostile line loses only itself
            yield n, SourceError(_unusable(e))


def _unusable(e: RecursionError | ValueError) -> str:
    """Why valid-looking JSON could not be read: nested deeper than Python's
    parser goes, or an integer longer than Python converts."""
    if isinstance(e, RecursionError):
        return "JSON nested too deeply to read"
    return f"unreadable JSON value ({str(e).split(';')[0]})"


def records_to_documents(source: str, numbered: Iterable[tuple[int, Any]],
                         fmt: str) -> Iterator[Document | InputError]:
    """One Document or InputError per (N, record), with `source:N` as its source."""
    for n, record in numbered:
        where = f"{source}:{n}"
        try:
            if isinstance(record, SourceError):
                raise record
            yield record_document(where, record, fmt)
        except SourceError as e:
            yield InputError(where, str(e))


def record_document(source: str, record: Any, fmt: str) -> Document:
    if not isinstance(record, dict):
        raise SourceError(f"record is a JSON {type(record).__name__}, not an object")
    fields = record_fields(record)
    if not fields.text:
        raise SourceError(f"record has no text (none of: {', '.join(FIELD_NAMES['text'])})")
    return make_document(source, fields, fmt)
