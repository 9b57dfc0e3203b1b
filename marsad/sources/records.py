"""Article records (JSON objects, feed entries) to the fields a Document needs.

Exports name the same field differently (`text`/`content`/`body`, `published`/
`date`/`date_extracted`, `outlet`/`source`/`site`); the first name present
wins, as `../shared/contract/EVENTS.md` says, and every other field is kept as
metadata so that nothing an exporter wrote is lost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from marsad.arabic.dates import parse_header_date

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body"),
    "title": ("title",),
    "url": ("url",),
    "published": ("published", "date", "date_extracted"),
    "outlet": ("outlet", "source", "site"),
    "id": ("id",),
}

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass
class Fields:
    """What one record says about its article, before cleaning."""

    text: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def record_fields(record: dict[str, Any]) -> Fields:
    """Pick the fields of a JSON record by name (first present, non-empty wins)."""
    out = Fields()
    used: set[str] = set()
    for name, candidates in FIELD_NAMES.items():
        for key in candidates:
            value = record.get(key)
            if value is None or value == "":
                continue
            if name == "published":
                day = normalize_date(value)
                if day is None:
                    continue  # unreadable: stays in meta as written
                setattr(out, name, day)
            elif name == "text":
                if not isinstance(value, str) or not value.strip():
                    continue
                setattr(out, name, value)  # as written: offsets point into it
            else:
                setattr(out, name, str(value).strip())
            used.add(key)
            break
    out.meta = {k: v for k, v in record.items() if k not in used}
    return out


def normalize_date(value: Any) -> str | None:
    """YYYY-MM-DD from an ISO date or timestamp, D/M/Y, an e-mail/RSS date
    ("Mon, 25 Mar 2024 10:00:00 GMT"), epoch seconds, or an Arabic dateline."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return _checked(datetime.fromtimestamp(seconds, tz=timezone.utc).date())
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    for pattern, order in ((_ISO, (0, 1, 2)), (_DMY, (2, 1, 0))):
        m = pattern.match(value)
        if m:
            parts = m.groups()
            try:
                return _checked(date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]])))
            except ValueError:
                return None
    try:
        return _checked(parsedate_to_datetime(value).date())
    except (TypeError, ValueError, IndexError):
        pass
    return parse_header_date(value)


def _checked(day: date) -> str | None:
    return day.isoformat() if _MIN_YEAR <= day.year <= _MAX_YEAR else None
