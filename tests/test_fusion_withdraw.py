"""Withdrawing reports from fusion (`Fuser.remove`): the store takes a
document's reports out when the document stops being the head of its copies.
On the fictional crowded reports of tests/test_fusion.py."""
from __future__ import annotations

import random

import pytest

from marsad.fusion import Fuser, FusionConfig, Overrides
from test_fusion import clock, random_records, reps


def built(reports, limit: int, overrides: Overrides | None = None) -> Fuser:
    f = Fuser(FusionConfig(rebuild_limit=limit), overrides, clock)
    f.add_all(reports)
    f.settle()
    return f


@pytest.mark.parametrize("limit", [10 ** 6, 2])  # 2: every rebuild the bounded local one, then settled
@pytest.mark.parametrize("seed", [3, 4])
def test_removing_reports_gives_what_never_adding_them_gives(seed, limit):
    rs = reps(*random_records(300, 11))
    gone = {r.report_id for r in random.Random(seed).sample(rs, 60)}
    kept = [r for r in rs if r.report_id not in gone]
    f = Fuser(FusionConfig(rebuild_limit=limit), clock=clock)
    f.add_all(reps(*random_records(300, 11)))
    before = f.clusters()
    f.remove(sorted(gone), "withdrawn for the test")
    f.settle()
    reference = built(kept, limit)
    assert f.clusters() == reference.clusters() != before
    assert [(a, b) for a, b, _ in f.links()] == [(a, b) for a, b, _ in reference.links()]
    assert not {x for a, b, _ in f.links() for x in (a, b)} & gone
    state = Fuser.from_state(f.state(), f.cfg, clock)  # a withdrawn report is not persisted
    assert state.clusters() == f.clusters() and len(state.reports) == len(kept)
    logged = [e for e in f.log if e["kind"] == "withdraw"]
    assert {r for e in logged for r in e["reports"]} == gone


def test_a_withdrawn_report_can_come_back_and_the_events_are_as_before():
    rs = reps(*random_records(200, 5))
    f = built(rs, 60)
    reference = f.clusters()
    back = [r for r in reps(*random_records(200, 5)) if r.report_id in {"d3#0", "d17#0", "d40#0"}]
    f.remove([r.report_id for r in back], "demoted")
    f.add_all(back)
    f.settle()
    assert f.clusters() == reference


def test_a_bridge_withdrawn_splits_the_event_and_the_log_says_where_the_rest_went():
    """a ~ b (same day, site and actor) and b ~ c (the same toll, c undated),
    while a and c cannot link (c is undated, a gives no toll): b is the only
    bridge, and without it a and c are two events."""
    base = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "country_code": "IQ",
            "location": "Kirkuk", "latitude": 35.47, "longitude": 44.39, "geo_precision": 1,
            "actor1": "Islamic State", "actor2": "Civilians (IQ)"}
    day = {"event_date": "2015-07-01", "time_precision": 1}
    toll = {"fatalities": 12, "fatalities_high": 12}
    a = {"doc_id": "a", "outlet": "o1", "published": "2015-07-02", "events": [{**base, **day}]}
    b = {"doc_id": "b", "outlet": "o2", "published": "2015-07-02", "events": [{**base, **day, **toll}]}
    c = {"doc_id": "c", "outlet": "o3", "published": "2015-07-03",
         "events": [{**base, "event_date": None, "time_precision": None, **toll}]}
    f = Fuser(clock=clock)
    f.add_all(reps(a, b, c))
    (eid,) = f.clusters()
    assert [(x, y) for x, y, _ in f.links()] == [("a#0", "b#0"), ("b#0", "c#0")]
    f.remove(["b#0"], "b is a copy now")
    assert f.clusters() == {f.event_id("a#0"): ["a#0"], f.event_id("c#0"): ["c#0"]} and not f.links()
    entry = next(e for e in f.log if e["kind"] == "withdraw")
    assert entry["event_id"] == eid and entry["reports"] == ["b#0"]
    assert entry["into"] == sorted([f.event_id("a#0"), f.event_id("c#0")])
    with pytest.raises(KeyError):
        f.event_id("b#0")
