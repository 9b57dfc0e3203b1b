"""Reading gold and prediction files, with errors that name the file and line.

Both are JSON Lines, one document per line, each with a list of `events`.
Problems that would make a score meaningless (bad JSON, a gold line with no
id, events that are not objects, dates or coordinates of the wrong type) stop
the evaluation with one clear message instead of a traceback or a silent zero.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any


class EvalInputError(Exception):
    """A gold or prediction file that cannot be scored; the message says where."""


NUMBER_FIELDS = ("latitude", "longitude", "fatalities", "fatalities_high", "injuries", "time_precision",
                 "geo_precision")


def read_jsonl(path: str | Path, *, gold: bool) -> list[dict[str, Any]]:
    """Records of a JSON Lines file (blank lines skipped). `gold` lines must
    carry `file` or `doc_id`."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise EvalInputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalInputError(f"{path}: cannot read ({exc})") from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalInputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        problem = _record_problem(record, gold)
        if problem:
            raise EvalInputError(f"{where}: {problem}")
        records.append(record)
    return records


def _record_problem(record: Any, gold: bool) -> str | None:
    if isinstance(record, list):
        return "a JSON array; expected JSON Lines, one document object per line"
    if not isinstance(record, dict):
        return "not a JSON object"
    if gold and not (record.get("file") or record.get("doc_id")):
        return "gold line has neither 'file' nor 'doc_id'"
    if not gold and not (record.get("doc_id") or record.get("file") or record.get("source")):
        return "prediction line has none of 'doc_id', 'file', 'source'"
    events = record.get("events", [])
    if not isinstance(events, list):
        return "'events' is not a list"
    for i, event in enumerate(events):
        problem = _event_problem(event)
        if problem:
            return f"event {i}: {problem}"
    return None


def _event_problem(event: Any) -> str | None:
    if not isinstance(event, dict):
        return "not a JSON object"
    for name in NUMBER_FIELDS:
        value = event.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return f"{name} is {value!r}, not a number or null"
    for name in ("time_precision", "geo_precision"):
        if event.get(name) not in (None, 1, 2, 3, 4):
            return f"{name} is {event.get(name)!r}, not 1-4 or null"
    value = event.get("event_date")
    if value is not None and not _is_iso_date(value):
        return f"event_date is {value!r}, not YYYY-MM-DD or null"
    return None


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
