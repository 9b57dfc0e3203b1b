"""Documents and events as Parquet rows, and back.

Two tables per shard, so that the events can be read by any Parquet tool
without the article texts: `documents` holds everything `Store.add` keeps of
a Document (text, original, offset map, removed blocks, metadata, and what
its speakers said, `Document.said`; the last four as JSON), `events` one
typed column per `Event` field, with `row` (the document's position in its
shard: one article can occur twice in a corpus) and the evidence spans as
JSON. `Event.to_dict`/`from_dict`, `OffsetMap.to_list`/`from_list` and
`Said.to_dict`/`from_dict` do the conversion, as everywhere else.
"""
from __future__ import annotations

import json
import types
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, get_type_hints

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.batch.outdir import atomic_write, documents_file, events_file
from marsad.said import Said
from marsad.model import Block, Document, Event, Mention, OffsetMap

_ARROW = {str: pa.string(), int: pa.int64(), float: pa.float64()}
_JSON_EVENT_FIELDS = ("evidence",)


def _arrow_type(hint: Any) -> pa.DataType:
    if isinstance(hint, types.UnionType):
        hint = next(a for a in hint.__args__ if a is not type(None))
    return _ARROW[hint]


DOCUMENT_SCHEMA = pa.schema([
    ("doc_id", pa.string()), ("source", pa.string()), ("title", pa.string()), ("outlet", pa.string()),
    ("published", pa.string()), ("url", pa.string()), ("language", pa.string()), ("text", pa.string()),
    ("original", pa.string()), ("offsets", pa.string()), ("removed", pa.string()), ("meta", pa.string()),
    ("said", pa.string()), ("mentions", pa.string()),
])
_EVENT_HINTS = get_type_hints(Event)
EVENT_SCHEMA = pa.schema(
    [("row", pa.int32()), ("doc_id", pa.string()), ("event_index", pa.int32())]
    + [(f.name, pa.string() if f.name in _JSON_EVENT_FIELDS else _arrow_type(_EVENT_HINTS[f.name]))
       for f in fields(Event)]
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class ShardRows:
    """A shard's rows, built as each document is analysed: a row is a few
    strings, a Document with its mentions thousands of objects, and keeping
    hundreds of those alive makes every garbage collection walk them."""

    def __init__(self) -> None:
        self.documents: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    def add(self, d: Document) -> None:
        row = len(self.documents)
        self.documents.append({
            "doc_id": d.doc_id, "source": d.source, "title": d.title, "outlet": d.outlet,
            "published": d.published, "url": d.url, "language": d.language, "text": d.text,
            "original": None if d.original == d.text else d.original,
            "offsets": _json(d.offsets.to_list()), "removed": _json([asdict(b) for b in d.removed]),
            "meta": _json(d.meta), "said": None if d.said is None else _json(d.said.to_dict()),
            "mentions": _json([m.to_dict() for m in d.mentions]) if d.mentions else None,
        })
        for i, ev in enumerate(d.events):
            record = ev.to_dict()
            record["evidence"] = _json(record["evidence"])
            self.events.append({"row": row, "doc_id": d.doc_id, "event_index": i, **record})

    def write(self, out: Path, shard_id: str) -> None:
        """Write the shard's two tables (atomically each)."""
        _write(documents_file(out, shard_id), pa.Table.from_pylist(self.documents, schema=DOCUMENT_SCHEMA))
        _write(events_file(out, shard_id), pa.Table.from_pylist(self.events, schema=EVENT_SCHEMA))


def _write(path: Path, table: pa.Table) -> None:
    atomic_write(path, lambda f: pq.write_table(table, f, compression="zstd"))


def _said(column: str | None) -> Said | None:
    return None if column is None else Said.from_dict(json.loads(column))


def read_shard(out: Path, shard_id: str) -> Iterator[Document]:
    """The shard's documents with their events and what their speakers said
    (None in a shard written before the `said` column: those documents are
    stored as not read, see `StoreStatements.missing`), in the order they
    were read."""
    events: dict[int, list[Event]] = defaultdict(list)
    for record in pq.read_table(events_file(out, shard_id)).to_pylist():
        row = record.pop("row")
        del record["doc_id"], record["event_index"]  # rows are written in event order
        record["evidence"] = json.loads(record["evidence"])
        events[row].append(Event.from_dict(record))
    for row, r in enumerate(pq.read_table(documents_file(out, shard_id)).to_pylist()):
        yield Document(
            doc_id=r["doc_id"], source=r["source"], text=r["text"], title=r["title"], outlet=r["outlet"],
            published=r["published"], url=r["url"], language=r["language"],
            original=r["text"] if r["original"] is None else r["original"],
            offsets=OffsetMap.from_list(json.loads(r["offsets"])),
            removed=[Block(**b) for b in json.loads(r["removed"])], meta=json.loads(r["meta"]),
            events=events.get(row, []), said=_said(r.get("said")),
            mentions=[Mention(**m) for m in json.loads(r["mentions"])] if r.get("mentions") else [],
        )
