"""Fusion rules from the corpus merge sample of issue #4 (docs/evaluation.md,
"Issue #4"): a war's daily kinds link on one day only at one named site and
against one target; a province does not reach into its neighbour.
Fictional reports."""
from __future__ import annotations

from marsad.fusion import Fuser, reports_from_records


def record(doc, published="2024-05-02", **event):
    base = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
            "event_date": "2024-05-01", "time_precision": 1, "actor1": "Arab Coalition (Saudi-led)",
            "actor2": "Houthis (Ansar Allah)", "responsibility": "unknown", "country_code": "YE",
            "admin1": "Aden", "location": "Aden", "latitude": 12.78, "longitude": 45.03,
            "geo_precision": 1, "fatalities": None, "fatalities_high": None, "injuries": None,
            "evidence": [{"start": 0, "end": 20, "text": "غارات على مواقع في المدينة"}]}
    base.update(event)
    return {"doc_id": doc, "outlet": doc.upper(), "published": published, "events": [base]}


def n_events(*records) -> int:
    f = Fuser(clock=lambda: "2026-01-01T00:00:00+00:00")
    f.add_all(list(reports_from_records(records, "test")))
    return len(f.clusters())


# a district of the town, 9 km from its centre (fictional coordinates)
DISTRICT = {"location": "Dar Saad", "latitude": 12.86, "longitude": 45.02}


def test_same_day_strikes_link_only_at_one_named_site():
    assert n_events(record("a"), record("b")) == 1
    # the town and its district, the same day, no toll: two of the day's strikes
    assert n_events(record("a"), record("b", **DISTRICT)) == 2
    # a shared precise toll still tells one strike
    assert n_events(record("a", fatalities=12, fatalities_high=12),
                    record("b", fatalities=12, fatalities_high=12, **DISTRICT)) == 1
    # a report placed only at the province names no other site
    assert n_events(record("a", **DISTRICT), record("b", geo_precision=3, location="Aden Governorate")) == 1
    # a report placed only in the country stays free to link (it names no other site)
    assert n_events(record("a"), record("b", geo_precision=4, location="Yemen", admin1=None)) == 1


def test_same_day_strikes_on_different_targets_do_not_link():
    assert n_events(record("a"), record("b", actor2="Civilians (Yemen)")) == 2
    assert n_events(record("a"), record("b", actor2=None)) == 1  # one side silent: no contradiction


def test_a_province_does_not_reach_into_its_neighbour():
    bombing = {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
               "actor1": "Unidentified Armed Group", "actor2": None, "country_code": "SY"}
    town = record("a", **bombing, admin1="Idlib", location="Idlib", latitude=35.93, longitude=36.63,
                  fatalities=5, fatalities_high=5)
    province = record("b", **bombing, admin1="Latakia", location="Latakia", latitude=35.6, longitude=36.1,
                      geo_precision=3, fatalities=5, fatalities_high=5)
    assert n_events(town, province) == 2
    same_province = record("b", **bombing, admin1="Idlib", location="Idlib", latitude=35.8, longitude=36.6,
                           geo_precision=3, fatalities=5, fatalities_high=5)
    assert n_events(town, same_province) == 1
