"""GeoJSON FeatureCollection: a point per fused event that has coordinates.

Properties are the event's fields, figures, contradictions and sources; the
reports are listed by id, outlet and date only (no article text), so the file
can be published next to a map.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, TextIO

from marsad.export.notes import summary
from marsad.fusion import FusedEvent


def feature(ev: FusedEvent) -> dict[str, Any] | None:
    lat, lon = ev.fields.get("latitude"), ev.fields.get("longitude")
    if lat is None or lon is None:
        return None
    props = ev.to_dict(with_text=False)
    props["notes"] = summary(ev)
    return {"type": "Feature", "id": ev.event_id,
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": props}


def feature_collection(events: Iterable[FusedEvent]) -> dict[str, Any]:
    feats = [f for f in map(feature, events) if f is not None]
    return {"type": "FeatureCollection", "features": feats}


def write_geojson(events: Iterable[FusedEvent], out: TextIO) -> int:
    """Write the collection; return how many features (events without
    coordinates are left out of a map)."""
    fc = feature_collection(events)
    json.dump(fc, out, ensure_ascii=False)
    out.write("\n")
    return len(fc["features"])
