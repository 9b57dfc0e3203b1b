"""Word lists of the Arabic layer (months, weekdays, number words, qualifiers).

The lists live in `marsad/kb/data/` as TSV files with a header row and a
`source` column, so a reviewer reads them as tables. The Arabic layer sits
below `marsad.kb` in the dependency order, so it reads its own few files here
instead of going through `marsad.kb.load()`. Every form is normalised with the
same `norm` that matching uses, so a list may be written in ordinary spelling.
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from marsad.arabic.normalize import norm

DATA_DIR = Path(__file__).resolve().parent.parent / "kb" / "data"


class WordListError(ValueError):
    """A word list is missing, or a row of it is malformed (one-line message)."""


@cache
def load_rows(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of `marsad/kb/data/<name>` as dicts; the `form` column, if any, is
    normalised. Raises `WordListError` naming the file and line on bad input."""
    path = DATA_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WordListError(f"{path}: cannot read word list ({exc.strerror})") from None
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in (*columns, "source") if c not in (reader.fieldnames or [])]
    if missing:
        raise WordListError(f"{path}: header lacks column(s) {', '.join(missing)}")
    rows = []
    for row in reader:
        if any(not (row.get(c) or "").strip() for c in (*columns, "source")):
            raise WordListError(f"{path}:{reader.line_num}: empty or missing field in {row}")
        row = {k: v.strip() for k, v in row.items() if k is not None and v is not None}
        if "form" in row:
            row["form"] = norm(row["form"])
        rows.append(row)
    return tuple(rows)


def int_field(name: str, row: dict[str, str], column: str) -> int:
    """`row[column]` as an int, or a `WordListError` naming the list."""
    try:
        return int(row[column])
    except ValueError:
        raise WordListError(f"{DATA_DIR / name}: {column} {row[column]!r} is not an integer "
                            f"(form {row.get('form')!r})") from None
