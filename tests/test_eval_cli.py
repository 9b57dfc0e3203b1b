"""The `marsad eval` command: output lines scripts grep, JSON details, errors."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from marsad.cli import main


def _write(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


EVENT = {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2015-08-09", "time_precision": 1,
         "actor1": "Popular Resistance (Yemen)", "country_code": "YE", "location": "Taizz", "latitude": 13.58,
         "longitude": 44.02, "geo_precision": 1, "fatalities": 3, "injuries": None, "core": True}


def test_table_has_greppable_key_lines(tmp_path):
    gold = _write(tmp_path / "g.jsonl", [json.dumps({"file": "a.txt", "events": [EVENT]}),
                                         json.dumps({"file": "b.txt", "events": [EVENT]})])
    pred = _write(tmp_path / "p.jsonl", [json.dumps({"doc_id": "a.txt", "events": [dict(EVENT, fatalities=4)]})])
    result = CliRunner().invoke(main, ["eval", gold, pred, "--details"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert re.search(r"^detection F1 0\.667\b", out, re.M)
    assert re.search(r"^fully-correct F1 0\.000\b", out, re.M)
    assert re.search(r"^fatalities accuracy 0\.000\b", out, re.M)
    assert "b.txt" in out and "all missed" in out
    assert "WRONG fatalities" in out and "MISSED" in out


def test_json_report_has_per_document_details(tmp_path):
    gold = _write(tmp_path / "g.jsonl", [json.dumps({"doc_id": "u1", "events": [EVENT]})])
    events = [EVENT, dict(EVENT, country_code="SA")]
    pred = _write(tmp_path / "p.jsonl", [json.dumps({"doc_id": "u1", "events": events})])
    result = CliRunner().invoke(main, ["eval", gold, pred, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["detection"]["precision"] == 0.5
    doc = report["documents"][0]
    assert doc["gold"][0]["found"] and doc["gold"][0]["wrong"] == {}
    assert doc["unpaired_predictions"][0]["index"] == 1


def test_bad_inputs_give_one_line_errors(tmp_path):
    good = _write(tmp_path / "g.jsonl", [json.dumps({"file": "a.txt", "events": []})])
    cases = {
        str(tmp_path / "absent.jsonl"): "no such file",
        _write(tmp_path / "broken.jsonl", ['{"doc_id": "a", "events": []}', '{"doc_id": ']):
            "broken.jsonl:2: invalid JSON",
        _write(tmp_path / "date.jsonl", [json.dumps({"doc_id": "a", "events": [dict(EVENT, event_date="9/8/2015")]})]):
            "date.jsonl:1: event 0: event_date",
        _write(tmp_path / "deaths.jsonl", [json.dumps({"doc_id": "a", "events": [dict(EVENT, fatalities="12")]})]):
            "deaths.jsonl:1: event 0: fatalities is '12'",
        _write(tmp_path / "array.jsonl", [json.dumps([{"doc_id": "a", "events": []}])]): "array.jsonl:1: a JSON array",
    }
    for pred, message in cases.items():
        result = CliRunner().invoke(main, ["eval", good, pred])
        assert result.exit_code != 0 and message in result.output, result.output
        assert "Traceback" not in result.output
    noid = _write(tmp_path / "noid.jsonl", [json.dumps({"events": []})])
    result = CliRunner().invoke(main, ["eval", noid, good])
    assert result.exit_code != 0 and "noid.jsonl:1: gold line has neither 'file' nor 'doc_id'" in result.output


def test_no_predictions_at_all_still_prints_numbers(tmp_path):
    gold = _write(tmp_path / "g.jsonl", [json.dumps({"file": "a.txt", "events": [EVENT]})])
    pred = _write(tmp_path / "p.jsonl", [])
    result = CliRunner().invoke(main, ["eval", gold, pred])
    assert result.exit_code == 0, result.output
    for line in ("detection F1 0.000", "fully-correct F1 0.000", "fatalities accuracy 0.000"):
        assert re.search(rf"^{line}\s+", result.output, re.M), line
    assert "counted as all missed: a.txt" in result.output
