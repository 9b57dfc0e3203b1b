"""RSS and Atom feeds: one article per entry, from its full content if the feed
carries it, else its summary (HTML stripped); the outlet is the feed's title."""
from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser

from marsad.model import Document, InputError
from marsad.sources.document import make_document
from marsad.sources.errors import SourceError
from marsad.sources.html import html_to_text
from marsad.sources.records import Fields


def read_feed(source: str, data: bytes) -> Iterator[Document | InputError]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if not parsed.get("version"):
            raise SourceError("XML is not an RSS or Atom feed")
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception", "")).splitlines()[0:1]
            raise SourceError(f"invalid feed XML: {reason[0] if reason else 'unreadable'}")
        raise SourceError("feed has no entries")
    outlet = parsed.feed.get("title") or None
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}:{n}"
        try:
            yield make_document(where, _entry_fields(entry, outlet), "feed")
        except SourceError as e:
            yield InputError(where, str(e))


def _entry_fields(entry, outlet: str | None) -> Fields:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    meta = {k: entry[k] for k in ("author", "tags") if entry.get(k)}
    if meta.get("tags"):
        meta["tags"] = [t.get("term") for t in meta["tags"] if t.get("term")]
    return Fields(
        text=html_to_text(body),
        title=html_to_text(entry.get("title", "")) or None,
        url=entry.get("link") or None,
        published=time.strftime("%Y-%m-%d", stamp) if stamp else None,
        outlet=outlet,
        id=entry.get("id") or None,
        meta=meta,
    )
