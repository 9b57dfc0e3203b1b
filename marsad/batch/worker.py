"""The task a worker runs for one shard: read its records, analyse them with
the pipeline `marsad ingest` uses, write the shard's Parquet files and its
manifest entry.

Reading goes through `marsad.sources` (the per-record functions for the
ranged parts, `read_file` for whole files), so documents and error messages
are the ones `marsad ingest` gives for the same input.
"""
from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from marsad.batch import outdir
from marsad.batch.plan import Part, Shard
from marsad.batch.rows import ShardRows
from marsad.batch.streams import LineRange, NotStreamable, iter_array, read_lines
from marsad.model import Document, InputError
from marsad.sources import read_file
from marsad.sources.jsonfile import parse_lines, records_to_documents


def process_shard(shard: Shard, out: str) -> dict[str, Any]:
    """Run one shard and return its manifest entry. A shard already finished
    (its entry written by an earlier attempt or run) is not run again."""
    from marsad.pipeline import analyse_or_error

    out_dir = Path(out)
    done = outdir.finished(out_dir, shard.id)
    if done is not None:
        return done
    began, cpu = time.perf_counter(), time.process_time()
    rows = ShardRows()
    errors: list[list[str]] = []
    for part in shard.parts:
        for item in read_part(part):
            outcome = item if isinstance(item, InputError) else analyse_or_error(item)
            if isinstance(outcome, InputError):
                errors.append([outcome.source, outcome.reason])
            else:
                rows.add(outcome)
    rows.write(out_dir, shard.id)
    entry = {**shard.to_dict(), "format": outdir.FORMAT, "documents": len(rows.documents),
             "events": len(rows.events), "errors": errors, "seconds": round(time.perf_counter() - began, 3),
             "cpu_seconds": round(time.process_time() - cpu, 3)}
    outdir.record_finished(out_dir, entry)
    return entry


def read_part(part: Part) -> Iterator[Document | InputError]:
    """The documents (and errors) of one part, each named as `marsad.sources`
    names it: `path:N` for line N of JSON Lines, `path:member:N` for element
    N of a zip member's array."""
    if part.kind == "whole":
        yield from read_file(Path(part.path))
        return
    where = part.path if part.member is None else f"{part.path}:{part.member}"
    try:
        with open(part.path, "rb") as f:
            if part.kind == "lines":
                text = read_lines(f, LineRange(part.start, part.stop, part.first, part.records))
                yield from records_to_documents(part.path, parse_lines(text, part.first), "jsonl")
            elif part.member is None:
                yield from _elements(where, f, part)
            else:
                with zipfile.ZipFile(f) as archive, archive.open(part.member) as member:
                    yield from _elements(where, member, part)
    except (OSError, NotStreamable, UnicodeDecodeError, zipfile.BadZipFile, EOFError, KeyError) as e:
        yield InputError(where, f"unreadable since the batch was planned (changed?): {e}")


def _elements(where: str, stream: BinaryIO, part: Part) -> Iterator[Document | InputError]:
    # The range first: zip stops there without decoding one element more.
    numbered = zip(range(part.start + 1, part.stop + 1), (value for _, value in iter_array(stream, part.offset)))
    yield from records_to_documents(where, numbered, "json")
