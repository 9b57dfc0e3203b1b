"""The sharding plan: which records of which input file each task reads.

A shard is a list of `Part`s (a range of a JSON array's elements, a byte
range of whole JSON Lines lines, or a file read whole) holding about
`shard_size` records. Its id is a hash of what it reads (the file's absolute
path, size and modification time, and the range), so the same inputs give the
same shards on every run: a finished shard is recognised by its id and
skipped, and an input changed since is planned anew instead of being served
from stale output.

`scan_file` counts a file's records (a streaming parse, far cheaper than the
analysis) and runs on the workers; `make_shards` packs the counted parts in
reading order, the order `marsad ingest` would read them in.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from marsad.batch.streams import iter_array, line_ranges
from marsad.sources.archive import zip_members
from marsad.sources.errors import SourceError
from marsad.sources.formats import detect

_SNIFF_BYTES = 8192
# Formats a file holds one article in: several of those share a shard.
_SINGLE = frozenset({"txt", "html"})


@dataclass(frozen=True)
class Part:
    """One stretch of one input file, named as `marsad.sources` names it.

    kind "whole": the file through `read_file`; "array": elements
    [start, stop) of the JSON array in the file or in zip `member`, the
    first of them at byte `offset`; "lines": bytes [start, stop) of a JSON
    Lines file, whose first line is number `first`. `records` is the count
    the shard size is measured in."""

    path: str
    kind: str
    start: int = 0
    stop: int = 0
    member: str | None = None
    first: int = 1
    offset: int = 0
    records: int = 1


@dataclass(frozen=True)
class FileScan:
    """A file's identity (for shard ids) and its parts in reading order."""

    path: str
    identity: tuple[str, int, int]
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Shard:
    id: str
    parts: tuple[Part, ...]

    @property
    def records(self) -> int:
        return sum(p.records for p in self.parts)

    def to_dict(self) -> dict:
        return {"shard": self.id, "parts": [asdict(p) for p in self.parts]}


def scan_file(path: str, shard_size: int) -> FileScan:
    """Count `path`'s records and cut it into parts of at most `shard_size`.

    An input that cannot be streamed exactly as `marsad.sources` reads it
    (not UTF-8, invalid, empty, a zip of other things, a WARC) becomes one
    "whole" part, read by `read_file` like `marsad ingest` reads it, so its
    errors are the same too; a container read whole gets a shard of its own."""
    try:
        st = os.stat(path)
        identity = (os.path.abspath(path), st.st_size, st.st_mtime_ns)
        with open(path, "rb") as f:
            head = f.read(_SNIFF_BYTES)
        fmt = detect(Path(path).name, head) if head.strip() else None
    except (OSError, SourceError):
        identity, fmt = (os.path.abspath(path), -1, -1), None
    parts = None
    if fmt in ("json", "jsonl", "zip"):
        try:
            parts = _ranged_parts(path, fmt, shard_size)
        except Exception:  # noqa: BLE001 - read whole instead, and read_file reports why
            parts = None
    if parts is None:
        parts = [Part(path, "whole", records=1 if fmt in _SINGLE or fmt is None else shard_size)]
    return FileScan(path, identity, tuple(parts))


def _ranged_parts(path: str, fmt: str, size: int) -> list[Part] | None:
    """The parts of a JSON array, JSON Lines file or zip of JSON arrays
    (None for a zip holding anything else); raises where streaming fails."""
    with open(path, "rb") as f:
        if fmt == "jsonl":
            return [Part(path, "lines", r.start, r.end, first=r.first, records=r.lines)
                    for r in line_ranges(f, size)]
        if fmt == "json":
            return _array_parts(path, None, [at for at, _ in iter_array(f)], size)
        parts: list[Part] = []
        with zipfile.ZipFile(f) as archive:
            for name in zip_members(archive):
                with archive.open(name) as member:
                    head = member.read(_SNIFF_BYTES)
                if not head.strip() or detect(name, head) != "json":
                    return None
                with archive.open(name) as member:
                    parts += _array_parts(path, name, [at for at, _ in iter_array(member)], size)
        return parts or None


def _array_parts(path: str, member: str | None, offsets: list[int], size: int) -> list[Part]:
    """The elements (at byte `offsets`) in parts of equal length, none
    longer than `size` (1600 records in shards of 500 make four of 400, not a
    tail of 100)."""
    count = len(offsets)
    if not count:
        return []
    pieces = math.ceil(count / size)
    bounds = [round(i * count / pieces) for i in range(pieces + 1)]
    return [Part(path, "array", a, b, member=member, offset=offsets[a], records=b - a)
            for a, b in itertools.pairwise(bounds)]


def make_shards(scans: list[FileScan], shard_size: int) -> list[Shard]:
    """Pack the parts, in order, into shards of at most `shard_size` records
    (a part is never split here; `scan_file` already cut them)."""
    identities = {s.path: s.identity for s in scans}
    shards: list[Shard] = []
    current: list[Part] = []
    weight = 0

    def flush() -> None:
        if current:
            shards.append(Shard(_shard_id(current, identities), tuple(current)))
            current.clear()

    for scan in scans:
        for part in scan.parts:
            if current and weight + part.records > shard_size:
                flush()
                weight = 0
            current.append(part)
            weight += part.records
    flush()
    return shards


def _shard_id(parts: list[Part], identities: dict[str, tuple[str, int, int]]) -> str:
    key = [[*identities[p.path], p.kind, p.member, p.start, p.stop] for p in parts]
    return hashlib.sha1(json.dumps(key).encode("utf-8")).hexdigest()[:16]
