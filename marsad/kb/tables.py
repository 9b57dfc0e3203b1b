"""Reading the knowledge tables in `marsad/kb/data/`.

Every table is a TSV file with a header row and a `source` column, so that a
reviewer can read and audit it without the code. Bad data must stop loading
with one line that names the file, the line and the problem (a traceback from
deep inside a loader tells an editor of a TSV file nothing).
"""
from __future__ import annotations

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LIST_SEP = "|"


class KbDataError(ValueError):
    """A knowledge table is missing or malformed; the message is one line."""


def read_tsv(name: str, required: tuple[str, ...], data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """Rows of `data_dir/name` as dicts (header names as keys).

    Every row must have the header's number of cells and a non-empty value
    for each `required` column; `source` is always required.
    """
    path = data_dir / name
    if not path.exists():
        raise KbDataError(f"{path}: knowledge table is missing")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            raise KbDataError(f"{path}: empty file, expected a header row")
        for col in (*required, "source"):
            if col not in header:
                raise KbDataError(f"{path}: header lacks column '{col}'")
        rows: list[dict[str, str]] = []
        for lineno, cells in enumerate(reader, start=2):
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != len(header):
                raise KbDataError(
                    f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}")
            row = dict(zip(header, (c.strip() for c in cells)))
            for col in (*required, "source"):
                if not row[col]:
                    raise KbDataError(f"{path}:{lineno}: empty '{col}'")
            row["_where"] = f"{path.name}:{lineno}"
            rows.append(row)
    return rows


def split_list(cell: str) -> list[str]:
    """The items of a `|`-separated cell, blanks dropped."""
    return [x.strip() for x in cell.split(LIST_SEP) if x.strip()]


def to_float(row: dict[str, str], col: str) -> float | None:
    """A numeric cell, None when empty; a clear error when not a number."""
    cell = row.get(col, "")
    if not cell:
        return None
    try:
        return float(cell)
    except ValueError:
        raise KbDataError(f"{row['_where']}: '{col}' is not a number: {cell!r}") from None
