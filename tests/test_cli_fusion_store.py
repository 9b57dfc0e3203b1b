"""`marsad ingest` fusing as it stores, and `marsad events / event / export /
merge / split` through click's runner: output that parses, one-line errors,
order independence, and corrections that later ingests respect."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from marsad.cli import main

ALHURRA, AE24 = "001_b0b29bad66fbc341.txt", "004_09a4258c08e6388d.txt"

pytestmark = pytest.mark.usefixtures("rules_decisions")  # see conftest


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, code: int = 0):
    r = runner.invoke(main, [str(a) for a in args])
    assert r.exit_code == code, r.output
    return r


def listing(runner: CliRunner, db, *args: str) -> list[dict]:
    out = run(runner, "events", "--db", db, "--format", "jsonl", "--limit", "10000", *args).stdout
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir, runner):
    db = tmp_path_factory.mktemp("fusion") / "seeds.db"
    run(runner, "ingest", seeds_dir / "seeds.jsonl", "--db", db, "-q")
    return db


def kerman(runner, db) -> dict:
    return next(e for e in listing(runner, db, "--country", "IR") if e["location"] == "Kerman")


def test_ingest_fuses_and_events_lists_and_filters(runner, seeds_db):
    events = listing(runner, seeds_db)
    multi = [e for e in events if e["documents"] > 1]
    assert {e["location"] for e in multi} == {"Moscow", "Kerman", "Bajaur"}
    assert all({r.split("#")[0] for r in e["report_ids"]} == {ALHURRA, AE24} for e in multi)
    # Arabic and English aliases of the actor find the same events
    arabic = listing(runner, seeds_db, "--actor", "داعش خراسان")
    assert arabic and [e["event_id"] for e in arabic] == [e["event_id"] for e in listing(runner, seeds_db, "--actor", "ISKP")]
    assert [e["event_id"] for e in listing(runner, seeds_db, "--from", "2024-01-01", "--to", "2024-01-31")] == \
        [kerman(runner, seeds_db)["event_id"]]
    text = run(runner, "events", "--db", seeds_db, "--country", "IR").stdout
    assert "Kerman" in text and "84-90" in text and "! fatalities" in text
    assert len(run(runner, "events", "--db", seeds_db, "--limit", "2").stdout.splitlines()) == 2


def test_event_shows_every_report_and_the_disagreement(runner, seeds_db):
    eid = kerman(runner, seeds_db)["event_id"]
    text = run(runner, "event", eid, "--db", seeds_db).stdout
    assert "Reports disagree on fatalities: 84 (Alhurra), 90 (24.ae)" in text
    assert f"{ALHURRA}#" in text and f"{AE24}#" in text and text.count("« ") >= 2
    record = json.loads(run(runner, "event", eid, "--db", seeds_db, "--format", "json").stdout)
    assert {r["outlet"] for r in record["reports"]} == {"Alhurra", "24.ae"}
    assert (record["fatalities_low"], record["fatalities_high"]) == (84, 90)
    assert all(r["evidence"][0]["text"] for r in record["reports"]) and record["log"]


def test_export_formats_parse(runner, seeds_db, tmp_path):
    n = len(listing(runner, seeds_db))
    rows = list(csv.DictReader(io.StringIO(run(runner, "export", "--db", seeds_db, "--format", "acled-csv").stdout)))
    assert len(rows) == n
    k = next(r for r in rows if r["location"] == "Kerman" and ";" in r["source"])
    assert k["fatalities"] == "84" and "84 (Alhurra), 90 (24.ae)" in k["notes"]
    lines = run(runner, "export", "--db", seeds_db, "--format", "jsonl", "--country", "IR").stdout.splitlines()
    assert {json.loads(line)["country_code"] for line in lines} == {"IR"}
    out = tmp_path / "events.geojson"
    r = run(runner, "export", "--db", seeds_db, "--format", "geojson", "--out", out)
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and fc["features"] and r.stdout == ""
    assert r.stderr.strip() == f"exported {len(fc['features'])} events"


def test_errors_are_one_line(runner, seeds_db, tmp_path):
    for args in (["event", "ev_000000000000", "--db", seeds_db],
                 ["merge", "ev_000000000000", kerman(runner, seeds_db)["event_id"], "--db", seeds_db],
                 ["split", kerman(runner, seeds_db)["event_id"], "nobody#0", "--db", seeds_db],
                 ["events", "--db", tmp_path / "missing.db"],
                 ["export", "--db", tmp_path / "missing.db", "--format", "jsonl"]):
        r = run(runner, *args, code=1)
        assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("Error: "), r.stderr
    assert not (tmp_path / "missing.db").exists()
    r = run(runner, "events", "--db", seeds_db, "--country", "Iraq", code=2)
    assert "two-letter" in r.stderr
    for cmd in ("events", "event", "export", "merge", "split"):
        assert "Usage:" in run(runner, cmd, "--help").stdout


def test_two_orders_give_the_same_events_and_reingest_changes_nothing(runner, seeds_dir, gold_dir, tmp_path):
    seeds, snn = seeds_dir / "seeds.jsonl", gold_dir / "snn_dev.input.jsonl"
    run(runner, "ingest", seeds, snn, "--db", tmp_path / "a.db", "-q")
    run(runner, "ingest", snn, "--db", tmp_path / "b.db", "-q")
    run(runner, "ingest", seeds, "--db", tmp_path / "b.db", "-q")
    a, b = (listing(runner, tmp_path / n) for n in ("a.db", "b.db"))
    key = lambda events: sorted((e["event_id"], tuple(e["report_ids"])) for e in events)  # noqa: E731
    assert key(a) == key(b) and len(a) > 40
    again = run(runner, "ingest", seeds, snn, "--db", tmp_path / "a.db", "-q", "--format", "jsonl").stdout
    assert {json.loads(line)["status"] for line in again.splitlines()} == {"unchanged"}
    assert listing(runner, tmp_path / "a.db") == a


def test_merge_and_split_survive_later_ingests(runner, seeds_dir, gold_dir, tmp_path):
    db = tmp_path / "m.db"
    run(runner, "ingest", seeds_dir / "seeds.jsonl", "--db", db, "-q")
    k = kerman(runner, db)
    ae24 = next(r for r in k["report_ids"] if r.startswith(AE24))
    out = run(runner, "split", k["event_id"], ae24, "--db", db, "--why", "testing a split").stdout
    assert out.startswith(f"split {ae24} out of {k['event_id']}")
    bajaur = next(e for e in listing(runner, db, "--country", "PK") if e["location"] == "Bajaur")
    moscow = next(e for e in listing(runner, db, "--country", "RU") if e["documents"] == 2)
    out = run(runner, "merge", bajaur["event_id"], moscow["event_id"], "--db", db, "--why", "testing a merge").stdout
    merged = out.split(" into ")[1].split()[0]
    run(runner, "ingest", gold_dir / "snn_dev.input.jsonl", "--db", db, "-q")
    events = {e["event_id"]: e for e in listing(runner, db)}
    assert set(events[merged]["report_ids"]) == set(bajaur["report_ids"]) | set(moscow["report_ids"])
    alone = [e for e in events.values() if ae24 in e["report_ids"]]
    assert len(alone) == 1 and alone[0]["report_ids"] == [ae24]
    log = json.loads(run(runner, "event", merged, "--db", db, "--format", "json").stdout)["log"]
    assert any(e["kind"] == "merge" and "testing a merge" in e["reason"] for e in log)
