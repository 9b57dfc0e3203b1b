"""Exports of fused events: ACLED-style CSV, JSON Lines, GeoJSON.

Each writer is a plain function of `FusedEvent`s and a text stream, so the CLI,
the server and a batch job share them.
"""
from __future__ import annotations

from marsad.export.acled import ACLED_COLUMNS, acled_row, write_acled_csv
from marsad.export.geojson import feature_collection, write_geojson
from marsad.export.jsonl import write_jsonl
from marsad.export.notes import disagreement_text, summary

WRITERS = {"jsonl": write_jsonl, "acled-csv": write_acled_csv, "geojson": write_geojson}

__all__ = ["ACLED_COLUMNS", "WRITERS", "acled_row", "disagreement_text", "feature_collection",
           "summary", "write_acled_csv", "write_geojson", "write_jsonl"]
