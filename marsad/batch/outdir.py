"""The output folder of a batch: shard files, written atomically, and the
manifest of finished shards.

Every file is written under a temporary name and renamed into place, so a
worker killed mid-write leaves at most a temporary file (removed by the next
run), never a half shard under a real name. A shard's Parquet files are
renamed first and its manifest entry (`done-<shard>.json`) last: the entry is
what says the shard is finished, so a shard whose worker died before it is
simply run again, and writes the same names. Output is therefore exactly
once per shard however often a shard is retried. An entry written by an
older version of the shard files (`FORMAT`) counts as unfinished too, so a
rerun rewrites such shards instead of loading them without what is new.
"""
from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

_TEMP_GLOB = ".*.tmp"
FORMAT = 2  # of a shard's files, in its manifest entry; 2: documents carry `said` (statements, claims)


def documents_file(out: Path, shard_id: str) -> Path:
    return out / f"documents-{shard_id}.parquet"


def events_file(out: Path, shard_id: str) -> Path:
    return out / f"events-{shard_id}.parquet"


def entry_file(out: Path, shard_id: str) -> Path:
    return out / f"done-{shard_id}.json"


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Write `path` through `write(file)` under a unique temporary name,
    flushed to disk, then renamed over `path` in one step."""
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temp, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def finished(out: Path, shard_id: str) -> dict[str, Any] | None:
    """The manifest entry of a finished shard, or None (an unreadable entry,
    or one of another `FORMAT`, counts as unfinished: the shard is run again)."""
    try:
        entry = json.loads(entry_file(out, shard_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(entry, dict) and entry.get("shard") == shard_id and entry.get("format") == FORMAT
    return entry if ok else None


def record_finished(out: Path, entry: dict[str, Any]) -> None:
    data = json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write(entry_file(out, entry["shard"]), lambda f: f.write(data))


def remove_temporary(out: Path) -> int:
    """Delete what killed writers left behind; call only when no worker is
    writing to `out`. Returns how many files were removed."""
    removed = 0
    for temp in out.glob(_TEMP_GLOB):
        temp.unlink(missing_ok=True)
        removed += 1
    return removed


def write_manifest(out: Path, shards: list[dict[str, Any]]) -> None:
    """`manifest.json`: every shard of the last run in plan order (the order
    they are loaded in), each its manifest entry or `failed` with the reason."""
    data = json.dumps({"shards": shards}, ensure_ascii=False, indent=1).encode("utf-8")
    atomic_write(out / "manifest.json", lambda f: f.write(data))
