"""Which reader an input needs: by its name first, then by what it starts with.

Files are often misnamed (a page saved as .txt, a feed served as .xml, an
export without an extension), so the name is a hint and the first bytes decide
where they disagree.
"""
from __future__ import annotations

import gzip
import json
import re
import zlib

from marsad.sources.decode import is_binary
from marsad.sources.errors import SourceError

_BY_SUFFIX: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".zip": "zip",
    ".warc": "warc", ".warc.gz": "warc",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}

_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML = re.compile(rb"<(!doctype html|html|head|body|article|div|p)[\s>]", re.I)


def by_name(name: str) -> str | None:
    """The format a file name suggests (`.warc.gz` counts as one suffix)."""
    low = name.lower()
    for suffix, fmt in sorted(_BY_SUFFIX.items(), key=lambda kv: -len(kv[0])):
        if low.endswith(suffix):
            return fmt
    return None


def known_name(name: str) -> bool:
    return by_name(name) is not None


def sniff(head: bytes) -> str:
    """The format the first bytes (a few KB) show; raises for binary data."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        if gunzip_head(head).startswith(b"WARC/"):
            return "warc"
        raise SourceError("binary file (gzip data, not a WARC)")
    if head.startswith(b"WARC/"):
        return "warc"
    if is_binary(head):
        raise SourceError("binary file")
    text = _ascii_view(head)
    stripped = text.lstrip()
    # JSON first: its records may hold HTML.
    if stripped.startswith(b"{"):
        first, _, rest = stripped.partition(b"\n")
        return "jsonl" if rest.strip() and _is_json_object(first) else "json"
    if stripped.startswith(b"["):
        return "json"
    if _FEED.search(text[:2000]):
        return "feed"
    if _HTML.search(text[:4000]):
        return "html"
    return "txt"


def detect(name: str, head: bytes) -> str:
    """The format of a file called `name` that begins with `head`."""
    hinted = by_name(name)
    if hinted in ("zip", "warc"):
        return hinted
    found = sniff(head)
    if hinted is None or found in ("zip", "warc"):
        return found
    # A page or feed saved under a text or XML name, or JSON Lines under a
    # .json name, is read as what it is.
    if (hinted in ("txt", "feed") and found in ("html", "feed")) or (hinted, found) == ("json", "jsonl"):
        return found
    return hinted


def _is_json_object(line: bytes) -> bool:
    """A whole JSON object on one line: the mark of JSON Lines."""
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:  # includes JSONDecodeError and UnicodeDecodeError
        return False


def _ascii_view(head: bytes) -> bytes:
    """The head with UTF-16 byte-order marks and NULs dropped, for tag sniffing."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head[2:].replace(b"\x00", b"")
    return head.removeprefix(b"\xef\xbb\xbf")


def gunzip_head(head: bytes) -> bytes:
    """The first bytes of gzipped `head`, decompressed (empty if it is not gzip)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except (zlib.error, gzip.BadGzipFile):
        return b""
