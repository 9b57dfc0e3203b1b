"""`marsad eval` on the real gold files (read in place from ../shared)."""
from __future__ import annotations

import copy

import pytest

from marsad.eval import read_jsonl, score

GOLD_FILES = ["seeds.gold.jsonl", "snn_dev.gold.jsonl"]


@pytest.mark.parametrize("name", GOLD_FILES)
def test_gold_scored_against_itself_is_perfect(gold_dir, name):
    gold = read_jsonl(gold_dir / name, gold=True)
    r = score(gold, read_jsonl(gold_dir / name, gold=False))
    assert (r.detection.f1, r.fully_correct.f1) == (1.0, 1.0)
    assert all(ratio.value == 1.0 for ratio in r.fields.values())
    assert all(ratio.value == 1.0 for ratio in r.fields_all_pairs.values())
    assert r.false_positives == r.false_negatives == 0 and not r.missing_predictions
    assert r.true_positives == sum(e["core"] for d in gold for e in d["events"])
    # every gold event is paired with its own copy
    assert all(g["prediction"] == g["index"] for d in r.documents for g in d.gold)


def test_perturbed_seeds_gold_gives_the_expected_numbers(gold_dir):
    gold = read_jsonl(gold_dir / "seeds.gold.jsonl", gold=True)
    assert sum(e["core"] for d in gold for e in d["events"]) == 13
    pred = copy.deepcopy(gold)
    dropped = pred[0]["events"].pop(1)
    changed = pred[2]["events"][0]
    assert dropped["core"] and changed["core"] and not changed.get("accept_fatalities")
    changed["fatalities"] += 1

    r = score(gold, pred)
    assert (r.true_positives, r.false_positives, r.false_negatives) == (12, 0, 1)
    assert r.detection.recall == pytest.approx(12 / 13)
    assert r.detection.f1 == pytest.approx(24 / 25)
    assert (r.fully_correct.hits, r.fully_correct.predicted) == (11, 12)
    assert r.fully_correct.f1 == pytest.approx(22 / 25)
    assert (r.fields["fatalities"].correct, r.fields["fatalities"].total) == (11, 12)
    assert r.fields["place"].value == 1.0
    missed = [g for g in r.documents[0].gold if not g["found"]]
    assert [g["index"] for g in missed] == [1]
    assert list(r.documents[2].gold[0]["wrong"]) == ["fatalities"]


def test_perturbed_snn_place_and_missing_document(gold_dir):
    gold = read_jsonl(gold_dir / "snn_dev.gold.jsonl", gold=True)
    core = sum(e["core"] for d in gold for e in d["events"])
    pred = copy.deepcopy(gold)
    doc, event = next((d, e) for d in pred for e in d["events"]
                      if e["core"] and e["geo_precision"] == 1 and e["latitude"] is not None)
    event["latitude"] += 1.0  # about 111 km north: still the same incident, wrong place
    gone = next(d for d in pred if d is not doc and sum(e["core"] for e in d["events"]) == 1)
    pred.remove(gone)

    r = score(gold, pred)
    assert r.missing_predictions == [gone["doc_id"]]
    assert (r.true_positives, r.false_positives, r.false_negatives) == (core - 1, 0, 1)
    assert (r.fields["place"].correct, r.fields["place"].total) == (core - 2, core - 1)
    assert r.fully_correct.hits == core - 2
    wrong = [g["wrong"] for d in r.documents for g in d.gold if g.get("wrong")]
    assert len(wrong) == 1 and list(wrong[0]) == ["place"]
    assert 105 < wrong[0]["place"]["distance_km"] < 117
