"""Exports of fused events (ACLED CSV, JSON Lines, GeoJSON) and `marsad fuse`."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.export import ACLED_COLUMNS, feature_collection, write_acled_csv, write_geojson, write_jsonl
from marsad.fusion import fuse, reports_from_records

KERMAN_NOTE = "Reports disagree on fatalities: 84 (Alhurra), 90 (24.ae)"


def load_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def events(gold_dir, seeds_dir):
    meta = {m["file"]: m for m in load_jsonl(seeds_dir / "META.jsonl")}
    reports = reports_from_records(load_jsonl(gold_dir / "seeds.gold.jsonl"), "seeds", meta)
    return fuse(reports, clock=lambda: "2026-01-01T00:00:00+00:00")


def test_acled_csv_parses_and_carries_the_disagreement(events):
    out = io.StringIO()
    assert write_acled_csv(events, out) == len(events)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == len(events)
    kerman = next(r for r in rows if r["location"] == "Kerman")
    assert KERMAN_NOTE in kerman["notes"]
    assert kerman["fatalities"] == "84" and kerman["source"] == "Alhurra; 24.ae"
    assert (kerman["country"], kerman["iso"], kerman["year"]) == ("Iran", "364", "2024")
    assert kerman["disorder_type"] == "Political violence"
    assert kerman["civilian_targeting"] == "Civilian targeting"
    moscow = next(r for r in rows if r["location"] == "Moscow")
    assert moscow["fatalities"] == "130" and "130 to 133 reported" in moscow["notes"]
    # no figure reported: ACLED writes 0
    assert all(r["fatalities"].isdigit() for r in rows)
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_jsonl_keeps_reports_figures_and_contradictions(events):
    out = io.StringIO()
    write_jsonl(events, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == len(events)
    kerman = next(d for d in lines if d["location"] == "Kerman")
    assert (kerman["fatalities"], kerman["fatalities_high"]) == (84, 90)
    assert (kerman["fatalities_low"], kerman["fatalities_high"]) == (84, 90)
    assert {r["outlet"] for r in kerman["reports"]} == {"Alhurra", "24.ae"}
    assert all(r["evidence"] and r["evidence"][0]["text"] for r in kerman["reports"])
    assert kerman["contradictions"][0]["field"] == "fatalities"
    for d in lines:
        assert d["event_id"].startswith("ev_") and d["event_type"] and d["country_code"]


def test_geojson_structure_without_article_text(events):
    out = io.StringIO()
    n = write_geojson(events, out)
    fc = json.loads(out.getvalue())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == n
    located = [e for e in events if e.fields["latitude"] is not None]
    assert n == len(located) < len(events)  # country-only events have no point
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert "evidence" not in f["properties"]
        assert all(set(r) == {"report_id", "doc_id", "outlet", "published"} for r in f["properties"]["reports"])
    kerman = next(f for f in fc["features"] if f["properties"]["location"] == "Kerman")
    assert kerman["geometry"]["coordinates"] == [57.08, 30.28]
    assert KERMAN_NOTE in kerman["properties"]["notes"]
    assert feature_collection([])["features"] == []


def test_fuse_command(gold_dir, seeds_dir, tmp_path):
    log = tmp_path / "log.jsonl"
    overrides = tmp_path / "ov.json"
    overrides.write_text(json.dumps({"split": [{"report": "004_09a4258c08e6388d.txt#1"}]}))
    runner = CliRunner()
    args = ["fuse", str(gold_dir / "seeds.gold.jsonl"), "--meta", str(seeds_dir / "META.jsonl")]
    res = runner.invoke(main, args + ["--log", str(log)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert sum(len(d["reports"]) > 1 for d in lines) == 3
    assert "3 from several reports" in res.stderr
    assert [json.loads(x)["kind"] for x in log.read_text().splitlines()].count("join") == 3
    res = runner.invoke(main, args + ["--overrides", str(overrides), "--format", "acled-csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert sum(r["location"] in ("Kerman", "Iran") for r in rows) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x", "events": [{"event_type": "Battles"}]}\n')
    res = runner.invoke(main, ["fuse", str(bad)])
    assert res.exit_code != 0 and "bad.jsonl:1: event 0 lacks event_type or sub_event_type" in res.stderr
    assert "Traceback" not in res.output
