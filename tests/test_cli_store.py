"""`marsad ingest / search / docs / show / extract` through click's runner:
exit codes, error lines, and output that parses."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.model import Document, Event, Span
from marsad.store import Store

from store_texts import KABUL, PROTEST, QAEDA


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def inputs(tmp_path):
    """A JSON Lines file of three articles (one an exact copy under another id)
    and a plain-text article."""
    records = [
        {"id": "k1", "title": "انفجار في سوق بكابل", "outlet": "Outlet A", "published": "2024-03-05", "text": KABUL},
        {"id": "q1", "title": "هجوم في أبين", "outlet": "Outlet B", "published": "2024-03-06", "text": QAEDA},
        {"id": "k2", "title": "انفجار في كابل", "outlet": "Outlet C", "published": "2024-03-05", "text": KABUL},
    ]
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    txt = tmp_path / "protest.txt"
    txt.write_text(PROTEST + "\n", encoding="utf-8")
    return jsonl, txt


def _summary(output: str) -> dict[str, int]:
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s+([a-z-]+)\s+(\d+)$", output, re.M)}


def test_ingest_reports_counts_errors_and_is_idempotent(runner, inputs, tmp_path):
    jsonl, txt = inputs
    db = tmp_path / "m.db"
    missing = tmp_path / "missing.txt"
    r = runner.invoke(main, ["ingest", str(jsonl), str(txt), str(missing), "--db", str(db)])
    assert r.exit_code == 1, r.output
    assert _summary(r.stdout) == {
        "added": 3, "unchanged": 0, "duplicate": 1, "near-duplicate": 0, "failed": 1,
    }
    errors = r.stderr.strip().splitlines()
    assert len(errors) == 1 and re.match(r"^error: .*missing\.txt: \S", errors[0])

    again = runner.invoke(main, ["ingest", str(jsonl), str(txt), "--db", str(db), "--format", "jsonl"])
    assert again.exit_code == 0, again.output
    lines = [json.loads(line) for line in again.stdout.splitlines()]
    assert [x["status"] for x in lines] == ["unchanged"] * 4
    assert {x["doc_id"] for x in lines} >= {"k1", "q1", "k2"}


def test_ingest_db_from_environment(runner, inputs, tmp_path):
    db = tmp_path / "env.db"
    r = runner.invoke(main, ["ingest", str(inputs[0])], env={"MARSAD_DB": str(db)})
    assert r.exit_code == 0 and db.exists()


def test_analysis_failure_is_one_error_line(runner, inputs, tmp_path, monkeypatch):
    def broken(doc):
        raise ValueError("bad offsets")

    monkeypatch.setattr("marsad.pipeline.analyse", broken)
    r = runner.invoke(main, ["ingest", str(inputs[1]), "--db", str(tmp_path / "m.db")])
    assert r.exit_code == 1
    assert re.match(r"^error: .*protest\.txt: analysis failed: ValueError: bad offsets$", r.stderr.strip())


@pytest.fixture
def db(tmp_path):
    """A store built directly, so the read-side commands are tested on their own."""
    path = tmp_path / "m.db"
    with Store.open(path) as s:
        ev = Event("Explosions/Remote violence", "Remote explosive/landmine/IED", "2024-03-05", 1,
                   location="Kabul", country_code="AF", fatalities=7, injuries=12,
                   evidence=[Span(0, 30, KABUL[:30])])
        s.add(Document("k1", "news.jsonl:1", KABUL, title="انفجار في سوق بكابل", outlet="Outlet A",
                       published="2024-03-05", events=[ev]))
        s.add(Document("q1", "news.jsonl:2", QAEDA, title="هجوم في أبين"))
        s.add(Document("k2", "news.jsonl:3", KABUL))
    return path


def test_search_text_and_jsonl(runner, db):
    r = runner.invoke(main, ["search", "كابل", "--db", str(db)])
    assert r.exit_code == 0 and "k1" in r.stdout and "[بكابل]" in r.stdout and "q1" not in r.stdout
    r = runner.invoke(main, ["search", "البصرة", "--db", str(db)])
    assert r.exit_code == 0 and r.stdout == "" and "no matches" in r.stderr
    r = runner.invoke(main, ["search", "القاعدة", "--db", str(db), "--format", "jsonl"])
    hits = [json.loads(line) for line in r.stdout.splitlines()]
    assert [h["doc_id"] for h in hits] == ["q1"] and isinstance(hits[0]["rank"], float)
    s, e = hits[0]["highlights"][0]
    assert hits[0]["snippet"][s:e] in QAEDA


def test_docs_lists_in_ingest_order(runner, db):
    r = runner.invoke(main, ["docs", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert r.exit_code == 0 and [x["doc_id"] for x in rows] == ["k1", "q1"]
    assert rows[0]["events"] == 1 and rows[0]["duplicates"] == 1
    r = runner.invoke(main, ["docs", "--db", str(db), "--limit", "1", "--offset", "1"])
    assert r.exit_code == 0 and r.stdout.startswith("q1\t")


def test_show_text_and_json(runner, db):
    r = runner.invoke(main, ["show", "k1", "--db", str(db)])
    assert r.exit_code == 0
    assert "Outlet A" in r.stdout and KABUL in r.stdout and "events: 1" in r.stdout and "Kabul" in r.stdout
    r = runner.invoke(main, ["show", "k2", "--db", str(db), "--format", "json"])
    record = json.loads(r.stdout)
    assert record["doc_id"] == "k1" and record["duplicates"] == ["k2"] and len(record["events"]) == 1
    r = runner.invoke(main, ["show", "nope", "--db", str(db)])
    assert r.exit_code == 1 and "no document 'nope'" in r.stderr


@pytest.mark.parametrize("cmd", [["search", "كابل"], ["docs"], ["show", "k1"]])
def test_missing_or_corrupt_db_is_a_clear_error(runner, tmp_path, cmd):
    missing = tmp_path / "none.db"
    r = runner.invoke(main, [*cmd, "--db", str(missing)])
    assert r.exit_code == 1 and "no such database" in r.stderr and "Traceback" not in r.output
    assert not missing.exists()
    junk = tmp_path / "junk.db"
    junk.write_text("not a database\n" * 50)
    r = runner.invoke(main, [*cmd, "--db", str(junk)])
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1 and "junk.db" in r.stderr


def test_extract_writes_one_record_per_document(runner, inputs, tmp_path):
    jsonl, txt = inputs
    r = runner.invoke(main, ["extract", str(jsonl), str(txt)])
    assert r.exit_code == 0, r.stderr
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(records) == 4 and records[0]["doc_id"] == "k1" and records[0]["text"] == KABUL
    assert all(set(x) >= {"doc_id", "source", "text", "events"} for x in records)
    r = runner.invoke(main, ["extract", str(tmp_path / "absent.jsonl")])
    assert r.exit_code == 1 and r.stdout == "" and r.stderr.startswith("error: ")


def test_a_reader_warning_reaches_stderr_and_the_document_is_stored(runner, tmp_path):
    path = tmp_path / "stray.txt"
    path.write_bytes(KABUL.encode("utf-8")[:30] + b"\xff" + KABUL.encode("utf-8")[30:])
    db = tmp_path / "w.db"
    r = runner.invoke(main, ["ingest", str(path), "--db", str(db), "--quiet"])
    assert r.exit_code == 0, r.output
    assert re.search(r"^warning: .*stray\.txt: invalid UTF-8 at byte 30 \(1 bad sequence\)", r.stderr, re.M)
    assert _summary(r.stdout)["added"] == 1


def test_ingest_limits_are_options_and_a_part_over_them_is_one_failed_input(runner, tmp_path):
    (tmp_path / "big.txt").write_text(KABUL * 50, encoding="utf-8")
    (tmp_path / "small.txt").write_text(KABUL, encoding="utf-8")
    db = tmp_path / "l.db"
    r = runner.invoke(main, ["ingest", str(tmp_path / "big.txt"), str(tmp_path / "small.txt"), "--db", str(db),
                             "--max-chars", str(len(KABUL) + 10), "--quiet"])
    assert r.exit_code == 1
    assert re.search(r"^error: .*big\.txt: document of [\d,]+ characters is over the limit .*--max-chars", r.stderr, re.M)
    assert _summary(r.stdout)["added"] == 1 and _summary(r.stdout)["failed"] == 1
