"""The learned pair model of fusion (marsad.fusion.linking, issue #20):
trained on the gold incidents, cross-validated by incident, and what it
adds to the hand-set rule on small illustrative reports."""
from __future__ import annotations

import json

import pytest

from marsad.fusion import Fuser, FusionConfig, reports_from_records
from marsad.fusion import linking
from marsad.fusion import train as fusion_train

from test_fusion import AllPairs, clock, random_records

RULES = FusionConfig(pair_model=None)
MODEL = FusionConfig(pair_model="default")


def record(doc, published="2024-05-02", **event):
    base = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb",
            "event_date": "2024-05-01", "time_precision": 1, "actor1": "Islamic State",
            "actor2": "Civilians (Iraq)", "responsibility": "claimed", "country_code": "IQ",
            "admin1": "Diyala", "location": "Baqubah", "latitude": 33.75, "longitude": 44.62,
            "geo_precision": 1, "fatalities": 20, "fatalities_high": 20, "injuries": None,
            "evidence": [{"start": 0, "end": 10, "text": "تفجير انتحاري"}]}  # illustrative
    base.update(event)
    return {"doc_id": doc, "outlet": doc.upper(), "published": published, "events": [base]}


def n_events(cfg: FusionConfig | None, *records) -> int:
    f = Fuser(cfg, clock=lambda: "2026-01-01T00:00:00+00:00")
    f.add_all(list(reports_from_records(records, "test")))
    f.settle()
    return len(f.clusters())


def test_a_later_undated_report_of_the_same_bombing_joins_it():
    dated = record("a")
    later = record("b", published="2024-05-03", event_date=None, time_precision=None, fatalities=None,
                   fatalities_high=None)  # "the suicide bombing in Baqubah" the next day, no day, no toll
    assert n_events(RULES, dated, later) == 2  # the rule needs a toll to anchor an undated report
    assert n_events(MODEL, dated, later) == 1


def test_outlets_blaming_different_groups_for_one_bombing_stay_one_event():
    a, b = record("a"), record("b", actor1="Unidentified Armed Group", responsibility="unknown")
    c = record("c", actor1="Al Qaeda", responsibility="attributed")
    assert n_events(RULES, a, c) == 2  # the rule: different known doers are a contradiction
    assert n_events(MODEL, a, b, c) == 1


def test_tolls_ten_times_apart_never_link_and_other_places_stay_apart():
    assert n_events(MODEL, record("a", fatalities=3, fatalities_high=3),
                    record("b", fatalities=40, fatalities_high=40)) == 2
    elsewhere = record("b", admin1="Basra", location="Basra", latitude=30.5, longitude=47.8)
    assert n_events(MODEL, record("a"), elsewhere) == 2


def test_the_rule_decides_by_default_and_without_a_model(tmp_path, monkeypatch):
    monkeypatch.delenv("MARSAD_FUSION", raising=False)
    assert FusionConfig().pair_model is None  # off by default (docs/fusion.md: extracted events)
    monkeypatch.setenv("MARSAD_FUSION", "model")
    assert FusionConfig().pair_model == "default"
    assert linking.load(None) is None and linking.load(str(tmp_path / "absent.json")) is None
    missing = Fuser(FusionConfig(pair_model=str(tmp_path / "absent.json")))
    assert missing.cfg.pair_model is None  # the hand-set rule, whole (its contradictions too)


def test_with_the_model_blocking_finds_every_link_and_order_does_not_matter():
    rs = list(reports_from_records(random_records(300, 5), "test"))
    blocked = Fuser(MODEL, clock=clock)
    blocked.add_all(rs)
    brute = Fuser(MODEL, clock=clock)
    brute._index = AllPairs()
    brute.add_all(rs)
    assert len(brute.links()) > 50
    assert [(a, b) for a, b, _ in blocked.links()] == [(a, b) for a, b, _ in brute.links()]
    shuffled = Fuser(MODEL, clock=clock)
    shuffled.add_all(list(reversed(rs)))
    blocked.settle()
    shuffled.settle()
    assert shuffled.clusters() == blocked.clusters()


@pytest.fixture(scope="module")
def gold(gold_dir):
    from marsad.cli.fusion_cmds import gold_reports
    incidents, reports, core = gold_reports(
        str(gold_dir / "snn_train.incidents.jsonl"),
        (str(gold_dir / "snn_train.gold.jsonl"), str(gold_dir / "snn_dev.gold.jsonl")),
        (str(gold_dir / "snn_train.input.jsonl"), str(gold_dir / "snn_dev.input.jsonl")))
    return incidents, [r for r in reports if r.report_id in incidents], core


def test_cross_validated_by_incident_the_model_meets_the_targets(gold):
    from marsad.eval.fusion import score_fusion
    incidents, reports, core = gold
    learned = score_fusion(fusion_train.cross_validate(reports, incidents, k=5, seed=1), incidents, core)
    rules = score_fusion(fusion_train.fuse(reports, RULES), incidents, core)
    assert learned.pair_precision >= 0.97 and learned.pair_recall >= 0.85 and learned.bcubed_f1 >= 0.97
    assert learned.pair_recall > rules.pair_recall + 0.3  # 0.488 with the rule when written


def test_the_shipped_pair_model_is_what_training_gives(gold, tmp_path):
    incidents, reports, _core = gold
    fusion_train.train(reports, incidents, tmp_path)
    shipped = json.loads((linking.MODELS / "pair.json").read_text(encoding="utf-8"))
    assert json.loads((tmp_path / "pair.json").read_text(encoding="utf-8"))["weights"] == shipped["weights"]
