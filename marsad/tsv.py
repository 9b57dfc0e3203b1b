"""Reading marsad's data tables: TSV files with a header row and a `source` column.

Knowledge (aliases, places, triggers, month names, boilerplate markers) lives in
such tables so that a reviewer can read and audit it without the code. Every
layer reads them through this one function, so a bad row stops loading the same
way everywhere: one line naming the file, the line and the problem (a traceback
from deep inside a loader tells an editor of a TSV file nothing).
"""
from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Sequence
from pathlib import Path


class TableError(ValueError):
    """A data table is missing or malformed; the message is one line."""


def read_table(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of the TSV file at `path` as dicts (header names as keys), each with
    `_where` ("file.tsv:line") for error messages.

    Every row must have the header's number of cells and a non-empty value
    for each `required` column; `source` is always required. Blank lines are
    skipped.
    """
    if not path.exists():
        raise TableError(f"{path}: data table is missing")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            raise TableError(f"{path}: empty file, expected a header row")
        missing = [col for col in (*required, "source") if col not in header]
        if missing:
            raise TableError(f"{path}: header lacks column(s) {', '.join(missing)}")
        rows: list[dict[str, str]] = []
        for lineno, cells in enumerate(reader, start=2):
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != len(header):
                raise TableError(f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}")
            row = dict(zip(header, (c.strip() for c in cells)))
            for col in (*required, "source"):
                if not row[col]:
                    raise TableError(f"{path}:{lineno}: empty '{col}'")
            row["_where"] = f"{path.name}:{lineno}"
            rows.append(row)
    return rows


def write_gz_table(path: Path, rows: Iterable[Sequence[object]]) -> None:
    """Write `rows` as tab-separated lines into a gzip file whose header
    carries no time stamp, so that a retrained model's files are byte for
    byte the same when their content is (the NER model's tables)."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz, \
            io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")
