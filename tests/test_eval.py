"""Scoring rules of `marsad.eval` on small events written for these tests."""
from __future__ import annotations

import itertools
import random

import pytest

from marsad.eval import score
from marsad.eval import fields as F
from marsad.eval.assign import FORBIDDEN, assign


def ev(**changes):
    """A day-exact IED event in Baqubah (Diyala, Iraq); `changes` override fields."""
    event = {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
        "event_date": "2015-07-22", "time_precision": 1, "actor1": "Islamic State", "actor2": "Civilians (Iraq)",
        "responsibility": "claimed", "country_code": "IQ", "admin1": "Diyala", "location": "Baqubah",
        "latitude": 33.75, "longitude": 44.62, "geo_precision": 1, "fatalities": 5, "fatalities_high": 5,
        "injuries": 8, "core": True, "score_date": True,
    }
    event.update(changes)
    return event


def run(gold_events, pred_events, doc="d1"):
    return score([{"doc_id": doc, "events": gold_events}], [{"doc_id": doc, "events": pred_events}])


def field(report, name):
    return report.fields[name].value


def test_exact_match_scores_one_everywhere():
    r = run([ev()], [ev()])
    assert (r.detection.f1, r.fully_correct.f1) == (1.0, 1.0)
    assert all(ratio.value == 1.0 for ratio in r.fields.values())
    assert (r.true_positives, r.false_positives, r.false_negatives) == (1, 0, 0)


def test_wrong_country_is_not_paired():
    r = run([ev()], [ev(country_code="SY")])
    assert (r.true_positives, r.false_positives, r.false_negatives) == (0, 1, 1)
    assert r.detection.f1 == 0.0
    assert "country" in r.documents[0].unpaired_predictions[0]["why_not"][0]["reason"]


def test_places_farther_than_250_km_are_not_paired_but_nearer_ones_are():
    assert run([ev()], [ev(latitude=36.34, longitude=43.13)]).true_positives == 0  # Mosul, ~300 km
    near = run([ev()], [ev(latitude=34.8, longitude=44.62)])  # ~117 km: paired, place wrong
    assert near.true_positives == 1 and field(near, "place") == 0.0


def test_dates_more_than_a_month_apart_are_not_paired():
    assert run([ev()], [ev(event_date="2015-09-10")]).true_positives == 0
    assert run([ev()], [ev(event_date="2015-08-10")]).true_positives == 1


@pytest.mark.parametrize("gold_date, pred_date, right", [
    (("2015-07-22", 1), ("2015-07-22", 1), True),
    (("2015-07-22", 1), ("2015-07-21", 1), True),   # within a day
    (("2015-07-22", 1), ("2015-07-20", 1), False),
    (("2015-07-22", 1), ("2015-07-20", 2), True),   # a week that covers the day
    (("2015-07-22", 1), ("2015-07-01", 3), False),  # month-vague prediction of a day-exact date
    (("2015-07-01", 3), ("2015-07-15", 1), True),   # a day inside the gold month
    (("2015-07-01", 3), ("2015-08-01", 1), True),   # the day after the month ends
    (("2015-07-01", 3), ("2015-08-03", 1), False),
    (("2015-07-01", 3), ("2015-01-01", 4), False),  # year-vague prediction of a month
    (("2015-01-01", 4), ("2015-07-01", 3), True),
    (("2015-07-22", 1), (None, None), False),
])
def test_date_accuracy(gold_date, pred_date, right):
    gold = ev(event_date=gold_date[0], time_precision=gold_date[1])
    pred = ev(event_date=pred_date[0], time_precision=pred_date[1])
    assert F.date_correct(gold, pred) is right


def test_unscored_date_is_left_out_of_the_denominator_and_of_fully_correct():
    gold = ev(event_date=None, time_precision=None, score_date=False)
    r = run([gold], [ev(event_date="2014-01-01")])
    assert r.true_positives == 1
    assert r.fields["date"].total == 0 and field(r, "date") is None
    assert r.fully_correct.f1 == 1.0
    assert r.documents[0].gold[0]["unscored"] == ["date"]


def test_accept_lists_count_as_right():
    gold = ev(event_type="Violence against civilians", sub_event_type="Attack",
              accept_sub_event_types=["Attack", "Suicide bomb"], accept_fatalities=[4, 5],
              responsibility="suspected", accept_responsibility=["suspected", "attributed"])
    pred = ev(event_type="Explosions/Remote violence", sub_event_type="Suicide bomb", fatalities=4,
              responsibility="attributed")
    r = run([gold], [pred])
    for name in ("event_type", "sub_event_type", "fatalities", "responsibility"):
        assert field(r, name) == 1.0, name
    worse = run([gold], [ev(event_type="Battles", sub_event_type="Armed clash", fatalities=6,
                            responsibility="claimed")])
    for name in ("event_type", "sub_event_type", "fatalities", "responsibility"):
        assert field(worse, name) == 0.0, name


def test_null_figures_match_only_null():
    assert F.fatalities_correct(ev(fatalities=None), ev(fatalities=None))
    assert not F.fatalities_correct(ev(fatalities=None), ev(fatalities=0))
    assert not F.injuries_correct(ev(injuries=8), ev(injuries=None))


def test_non_core_gold_is_neither_rewarded_nor_penalised():
    gold = [ev(), ev(core=False, location="Hibhib", latitude=33.8, longitude=44.52, fatalities=18)]
    found_both = run(gold, [ev(), ev(location="Hibhib", latitude=33.8, longitude=44.52, fatalities=18)])
    found_core = run(gold, [ev()])
    for r in (found_both, found_core):
        assert (r.true_positives, r.false_positives, r.false_negatives) == (1, 0, 0)
        assert r.detection.f1 == 1.0
    assert found_both.ignored_predictions == 1
    assert found_both.fields_all_pairs["place"].total == 2 and found_both.fields["place"].total == 1


def test_fully_correct_needs_date_place_actor_and_fatalities_only():
    gold = [ev(), ev(location="Hibhib", latitude=33.8, longitude=44.52, fatalities=18, event_date="2015-07-20")]
    pred = [
        ev(sub_event_type="Grenade", responsibility="unknown", injuries=None),  # only other fields wrong
        ev(location="Hibhib", latitude=33.8, longitude=44.52, fatalities=17, event_date="2015-07-20"),
        ev(country_code="KW", latitude=29.4, longitude=48.0),  # unpaired: a false positive
    ]
    r = run(gold, pred)
    assert (r.true_positives, r.false_positives, r.false_negatives) == (2, 1, 0)
    assert (r.fully_correct.hits, r.fully_correct.predicted, r.fully_correct.gold) == (1, 3, 2)
    assert r.fully_correct.precision == pytest.approx(1 / 3)
    assert r.fully_correct.recall == pytest.approx(1 / 2)
    assert r.fully_correct.f1 == pytest.approx(0.4)
    assert r.detection.f1 == pytest.approx(0.8)
    for change in ({"actor1": "Unidentified Armed Group"}, {"latitude": 34.1}, {"event_date": "2015-07-24"}):
        assert run([ev()], [ev(**change)]).fully_correct.hits == 0, change


def test_actor_aliases_and_qualifiers():
    assert F.same_actor("Arab Coalition (Saudi-led)", "arab coalition")
    assert F.same_actor("Unidentified Armed Group (Iraq)", "Unidentified Armed Group")
    assert not F.same_actor("Islamic State", "Islamic State Khorasan Province")
    assert F.same_actor(None, None) and not F.same_actor("Taliban", None)


def test_actor_aliases_from_the_real_knowledge_base():
    assert F.same_actor("Islamic State Khorasan Province", "ISKP")
    assert F.same_actor("Houthis (Ansar Allah)", "Houthis")
    assert not F.same_actor("Islamic State", "Taliban")


def test_actor_aliases_resolved_by_the_knowledge_base(monkeypatch):
    names = {"ISKP": "Islamic State Khorasan Province", "Daesh": "Islamic State"}
    monkeypatch.setattr(F, "_canonicaliser", lambda: names.get)
    assert F.same_actor("Islamic State Khorasan Province", "ISKP")
    assert F.same_actor("Daesh", "Islamic State")
    assert not F.same_actor("ISKP", "Daesh")


@pytest.mark.parametrize("gold, pred, right", [
    (ev(), ev(latitude=33.95, longitude=44.62), True),          # ~22 km from a town
    (ev(), ev(latitude=34.1, longitude=44.62), False),          # ~39 km
    (ev(geo_precision=3, location="Diyala"), ev(latitude=34.8, longitude=44.62), True),  # ~117 km of a province
    (ev(geo_precision=4, location="Iraq", admin1=None, latitude=33.0, longitude=44.0),
     ev(latitude=36.34, longitude=43.13), True),                # gold names only the country
    (ev(), ev(geo_precision=4, location="Iraq", admin1=None, latitude=None, longitude=None), False),
    (ev(latitude=None, longitude=None), ev(location="Ba'qubah", latitude=None), True),  # by name
    (ev(latitude=None, longitude=None), ev(location="Khalis", latitude=None), False),
])
def test_place_accuracy(gold, pred, right):
    assert F.place_correct(gold, pred) is right


def test_without_coordinates_different_provinces_are_not_paired():
    gold = ev(latitude=None, longitude=None)
    assert run([gold], [ev(admin1="Anbar", location="Ramadi", latitude=None)]).true_positives == 0
    assert run([gold], [ev(admin1=None, location="Ramadi", latitude=None)]).true_positives == 1


def test_pairs_are_chosen_by_closeness_not_order():
    a = ev(fatalities=6, injuries=11)
    b = ev(location="Hibhib", latitude=33.8, longitude=44.52, fatalities=18, injuries=26,
           sub_event_type="Shelling/artillery/missile attack", event_date="2015-07-20")
    r = run([a, b], [b, a])
    assert r.fully_correct.hits == 2
    assert [g["prediction"] for g in r.documents[0].gold] == [1, 0]


def test_assignment_is_optimal_and_skips_forbidden_pairs():
    rng = random.Random(7)
    for _ in range(200):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        cost = [[FORBIDDEN if rng.random() < 0.3 else rng.randint(0, 9) for _ in range(m)] for _ in range(n)]
        pairs = assign(cost)
        assert all(cost[i][j] < FORBIDDEN for i, j in pairs)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)

        def key(ps):
            return (-len(ps), sum(cost[i][j] for i, j in ps))

        best = min(key([(i, j) for i, j in zip(rows, cols) if cost[i][j] < FORBIDDEN])
                   for rows in itertools.combinations(range(n), min(n, m))
                   for cols in itertools.permutations(range(m), min(n, m)))
        assert key(pairs) == best


def test_join_by_source_basename_and_missing_documents():
    gold = [{"file": "a.txt", "events": [ev()]}, {"file": "b.txt", "events": [ev()]}]
    pred = [{"doc_id": "sha1", "source": "/data/in/a.txt", "events": [ev()]},
            {"doc_id": "other", "events": [ev()]}]
    r = score(gold, pred)
    assert (r.true_positives, r.false_negatives) == (1, 1)
    assert r.missing_predictions == ["b.txt"]
    assert r.unknown_predictions == ["other"]
    assert r.documents[1].has_prediction is False


def test_gold_document_without_events_penalises_every_prediction():
    r = run([], [ev(), ev(country_code="SY")])
    assert (r.true_positives, r.false_positives, r.false_negatives) == (0, 2, 0)
    assert r.detection.precision == 0.0


def test_a_repeated_prediction_line_is_reported_not_scored():
    gold = [{"doc_id": "d1", "events": [ev()]}]
    pred = [{"doc_id": "d1", "events": [ev()]}, {"doc_id": "d1", "events": [ev(), ev(country_code="SY")]}]
    r = score(gold, pred)
    assert (r.true_positives, r.false_positives) == (1, 0)
    assert r.repeated_predictions == ["d1"] and r.unknown_predictions == []


def test_detection_by_event_type():
    battle = ev(event_type="Battles", sub_event_type="Armed clash", location="Hibhib", latitude=33.8,
                longitude=44.52)
    r = run([ev(), battle], [ev(), ev(country_code="SY", event_type="Battles")])
    assert {k: (c.found, c.core_gold, c.unpaired_predictions) for k, c in r.by_event_type.items()} == {
        "Battles": (0, 1, 1), "Explosions/Remote violence": (1, 1, 0)}


def test_a_prediction_without_type_is_wrong_even_with_accept_lists():
    gold = ev(accept_sub_event_types=["Remote explosive/landmine/IED", "Not an ACLED sub-event"])
    assert not F.event_type_correct(gold, ev(event_type=None))
    assert not F.sub_event_type_correct(gold, ev(sub_event_type=None))
