"""Scoring fusion against gold incidents (`marsad eval-fusion`, issue #20)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.eval.fusion import score_fusion


def test_pair_and_bcubed_scores_by_hand():
    clusters = {"E1": ["d1#0", "d2#0"], "E2": ["d3#0"], "E3": ["d4#0", "d5#0"], "E4": ["x#0"]}
    incidents = {"d1#0": "A", "d2#0": "A", "d3#0": "A", "d4#0": "B", "d5#0": "C", "d6#0": "D"}
    s = score_fusion(clusters, incidents)
    assert s.reports == 5  # x#0 has no incident, d6#0 no cluster: neither is scored
    assert (s.gold_pairs, s.predicted_pairs, s.right_pairs) == (3, 2, 1)
    assert (s.pair_precision, s.pair_recall) == (0.5, pytest.approx(1 / 3))
    assert s.bcubed_precision == pytest.approx(0.8) and s.bcubed_recall == pytest.approx(11 / 15)
    assert [x["incident"] for x in s.splits] == ["A"] and s.merges[0]["incidents"] == ["B", "C"]
    # two reports of one article are one event by the coding rules: not a fusion pair
    same_doc = score_fusion({"E": ["d1#0", "d1#1"]}, {"d1#0": "A", "d1#1": "A"})
    assert same_doc.gold_pairs == same_doc.predicted_pairs == 0 and same_doc.pair_precision is None
    assert score_fusion(clusters, incidents, only={"d4#0", "d5#0"}).merges[0]["event_id"] == "E3"


def test_eval_fusion_on_the_gold_incidents(gold_dir):
    args = ["eval-fusion", str(gold_dir / "snn_train.incidents.jsonl"), str(gold_dir / "snn_train.gold.jsonl"),
            str(gold_dir / "snn_dev.gold.jsonl"), "--meta", str(gold_dir / "snn_train.input.jsonl"),
            "--meta", str(gold_dir / "snn_dev.input.jsonl"), "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    s = json.loads(result.output)
    assert s["reports"] > 400 and s["gold_pairs"] > 1000
    assert s["pair_precision"] >= 0.95  # fusion rarely joins two incidents (0.984 when written)
    assert s["splits"] and s["bcubed_f1"] > 0.85


def test_eval_fusion_names_a_bad_incidents_file(tmp_path, gold_dir):
    bad = tmp_path / "incidents.jsonl"
    bad.write_text('{"ref": "a#0"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval-fusion", str(bad), str(gold_dir / "snn_dev.gold.jsonl")])
    assert result.exit_code == 1 and "incidents.jsonl:1" in result.output and "Traceback" not in result.output
