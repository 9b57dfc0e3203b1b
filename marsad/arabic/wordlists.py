"""Word lists of the Arabic layer (months, weekdays, number words, qualifiers).

The lists live in `marsad/kb/data/` as TSV files with a header row and a
`source` column, so a reviewer reads them as tables. The Arabic layer sits
below `marsad.kb` in the dependency order, so it reads its own few files here
instead of going through `marsad.kb.load()`. Every form is normalised with the
same `norm` that matching uses, so a list may be written in ordinary spelling.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.tsv import TableError, read_table

DATA_DIR = Path(__file__).resolve().parent.parent / "kb" / "data"


WordListError = TableError  # a word list is missing, or a row of it is malformed


@cache
def load_rows(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of `marsad/kb/data/<name>` as dicts; the `form` column, if any, is
    normalised. Raises `WordListError` naming the file and line on bad input."""
    rows = read_table(DATA_DIR / name, columns)
    for row in rows:
        if "form" in row:
            row["form"] = norm(row["form"])
    return tuple(rows)


def int_field(name: str, row: dict[str, str], column: str) -> int:
    """`row[column]` as an int, or a `WordListError` naming the list."""
    try:
        return int(row[column])
    except ValueError:
        raise WordListError(f"{DATA_DIR / name}: {column} {row[column]!r} is not an integer "
                            f"(form {row.get('form')!r})") from None
