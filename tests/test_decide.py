"""The learned event decisions (marsad.decide, issue #18): the ranker, the
shipped models, training and cross-validation by article on snn_train."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.decide import MODELS, LearnedDecider, RulesDecider, load
from marsad.decide.linear import NULL, Group, Ranker, fit
from marsad.events import extract_events
from marsad.model import Document


def test_ranker_learns_which_candidate_is_right_and_is_deterministic(tmp_path):
    # the right candidate is the one after "claimed"; the first candidate is a decoy
    groups = [Group([["pos=first", "w-1=said"], ["pos=second", "w-1=claimed"]], {1}) for _ in range(20)]
    groups += [Group([["pos=first", "w-1=claimed"], ["pos=second", "w-1=said"]], {0}) for _ in range(20)]
    model = fit(groups, l2=1.0)
    assert model.best([["w-1=said"], ["w-1=claimed"]]) == 1
    assert model.best([["w-1=claimed"], ["w-1=said"]]) == 0
    assert fit(groups, l2=1.0).weights == model.weights
    model.save(tmp_path / "m.json")
    assert Ranker.load(tmp_path / "m.json").best([["w-1=said"], ["w-1=claimed"]]) == 1


def test_binary_decision_and_rare_features():
    # a binary decision is a candidate against NULL; a feature seen once is dropped
    groups = [Group([["figure"], [NULL]], {0}) for _ in range(10)] + \
        [Group([["no_figure"], [NULL]], {1}) for _ in range(10)] + [Group([["once"], [NULL]], {0})]
    model = fit(groups, l2=0.5)
    assert model.probability(["figure"]) > 0.8 > 0.2 > model.probability(["no_figure"])
    assert "once" not in model.weights
    assert fit([Group([["a"], ["b"]], set())]).weights == {}  # nothing right: nothing learned


def test_shipped_models_load_and_decide():
    models = load()
    assert set(models) == {"detection", "actor1", "responsibility", "fatalities", "place", "date"}
    assert all(m.weights for m in models.values())
    doc = Document(doc_id="x", source="x", published="2015-08-01", title="",
                   text="قتل 5 جنود في هجوم لتنظيم داعش على مدينة الموصل أمس.")  # illustrative
    [event] = extract_events(doc, LearnedDecider(models))
    assert (event.location, event.event_date, event.fatalities) == ("Mosul", "2015-07-31", 5)
    assert event.actor1 == "Islamic State"
    assert extract_events(doc, RulesDecider())  # the rules alone find it too


@pytest.fixture(scope="module")
def snn(gold_dir):
    from marsad.decide import train
    return train.read_gold(gold_dir / "snn_train.gold.jsonl"), \
        train.read_documents(gold_dir / "snn_train.input.jsonl")


def test_shipped_models_are_what_training_on_snn_train_gives(snn, gold_dir, tmp_path):
    from marsad.decide import train
    train.train(gold_dir / "snn_train.gold.jsonl", gold_dir / "snn_train.input.jsonl", tmp_path)
    for path in MODELS.glob("*.json"):
        if path.name != "meta.json":
            assert json.loads((tmp_path / path.name).read_text())["weights"] == \
                json.loads(path.read_text())["weights"], path.name


def test_cross_validation_beats_the_rules_on_unseen_articles(snn):
    from marsad.decide import train
    from marsad.eval import score
    gold, docs = snn
    learned = score(gold, train.cross_validate(docs, gold, k=5, seed=1))
    rules = score(gold, train.cross_validate(docs, gold, k=5, seed=1, use=()))
    assert learned.fully_correct.f1 > rules.fully_correct.f1 + 0.05
    assert learned.detection.f1 > rules.detection.f1
    for name in ("actor1", "date", "place", "responsibility"):
        assert learned.fields[name].value > rules.fields[name].value, name


def test_folds_are_by_article_and_seeded():
    from marsad.decide.train import folds
    ids = [f"doc{i}" for i in range(23)]
    a = folds(ids, 5, seed=1)
    assert sorted(x for f in a for x in f) == sorted(ids) and len(a) == 5
    assert a == folds(list(reversed(ids)), 5, seed=1)
    assert a != folds(ids, 5, seed=2)


def test_eval_folds_cli_and_its_errors(gold_dir, tmp_path):
    runner = CliRunner()
    bad = tmp_path / "input.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", "--folds", "5", str(gold_dir / "snn_dev.gold.jsonl"), str(bad)])
    assert result.exit_code == 1 and "input.jsonl" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["eval", "--folds", "4", str(gold_dir / "snn_dev.gold.jsonl"),
                                  str(gold_dir / "snn_dev.input.jsonl")])
    assert result.exit_code == 0, result.output
    assert "fully-correct F1" in result.output and "documents: 32 gold, 32 with predictions" in result.output


def test_train_events_cli_writes_models(gold_dir, tmp_path):
    out = tmp_path / "models"
    result = CliRunner().invoke(main, ["train", "events", "--gold", str(gold_dir / "snn_dev.gold.jsonl"),
                                       "--input", str(gold_dir / "snn_dev.input.jsonl"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"] == 32
    assert set(load(out)) == {"detection", "actor1", "responsibility", "fatalities", "place", "date"}
