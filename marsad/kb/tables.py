"""Reading the knowledge tables in `marsad/kb/data/`.

Every table is a TSV file with a header row and a `source` column, so that a
reviewer can read and audit it without the code. Bad data must stop loading
with one line that names the file, the line and the problem (a traceback from
deep inside a loader tells an editor of a TSV file nothing).
"""
from __future__ import annotations

from pathlib import Path

from marsad.tsv import TableError, read_table

DATA_DIR = Path(__file__).resolve().parent / "data"
LIST_SEP = "|"


KbDataError = TableError  # the knowledge base's name for a bad table


def read_tsv(name: str, required: tuple[str, ...], data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """Rows of the knowledge table `data_dir/name` (see `marsad.tsv.read_table`)."""
    return read_table(data_dir / name, required)


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
