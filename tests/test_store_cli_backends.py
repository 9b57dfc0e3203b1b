"""The store commands on either backend: `--db` (or MARSAD_DB) takes an SQLite
file or a postgresql:// URL, and ingest, search, events, event, export,
merge and split behave the same on both."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from marsad.cli import main

ALHURRA, AE24 = "001_b0b29bad66fbc341.txt", "004_09a4258c08e6388d.txt"

pytestmark = pytest.mark.usefixtures("rules_decisions")  # see conftest


def run(db: str, *args: str, code: int = 0) -> str:
    r = CliRunner().invoke(main, [str(a) for a in args], env={"MARSAD_DB": db})
    assert r.exit_code == code, r.output
    return r.stdout if code == 0 else r.stderr


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_store_commands_on_either_backend(store_db, seeds_dir):
    db = store_db("cli")
    seeds = seeds_dir / "seeds.jsonl"
    assert {x["status"] for x in jsonl(run(db, "ingest", seeds, "--format", "jsonl", "-q"))} == {"added"}
    assert {x["status"] for x in jsonl(run(db, "ingest", seeds, "--format", "jsonl", "-q"))} == {"unchanged"}

    hits = jsonl(run(db, "search", "كابل", "--format", "jsonl"))
    assert {h["doc_id"] for h in hits} == {"000_d041b3426aa8a2fb.txt", ALHURRA}
    assert all(h["highlights"] and "كابل" in h["snippet"] for h in hits)

    events = jsonl(run(db, "events", "--format", "jsonl", "--limit", "1000"))
    multi = {e["location"]: e for e in events if e["documents"] > 1}
    assert set(multi) == {"Moscow", "Kerman", "Bajaur"}
    kerman = multi["Kerman"]
    assert (kerman["fatalities_low"], kerman["fatalities_high"]) == (84, 90)
    assert [e["event_id"] for e in jsonl(run(db, "events", "--format", "jsonl", "--type", "explosions/remote violence"))]
    record = json.loads(run(db, "event", kerman["event_id"], "--format", "json"))
    assert {r["outlet"] for r in record["reports"]} == {"Alhurra", "24.ae"}
    rows = list(csv.DictReader(io.StringIO(run(db, "export", "--format", "acled-csv"))))
    assert len(rows) == len(events)

    ae24 = next(r for r in kerman["report_ids"] if r.startswith(AE24))
    assert run(db, "split", kerman["event_id"], ae24, "--why", "test").startswith(f"split {ae24}")
    out = run(db, "merge", multi["Bajaur"]["event_id"], multi["Moscow"]["event_id"], "--why", "test")
    merged = out.split(" into ")[1].split()[0]
    after = {e["event_id"]: e for e in jsonl(run(db, "events", "--format", "jsonl", "--limit", "1000"))}
    assert set(after[merged]["report_ids"]) == set(multi["Bajaur"]["report_ids"]) | set(multi["Moscow"]["report_ids"])

    err = run(db, "event", "ev_000000000000", code=1)
    assert len(err.strip().splitlines()) == 1 and "no event ev_000000000000" in err


def test_a_missing_store_is_one_line_on_either_backend(store_db):
    err = run(store_db("nothing"), "events", code=1)
    assert len(err.strip().splitlines()) == 1 and ("no such database" in err or "no marsad store" in err)
