"""The JSON API (marsad.web) on a store built from the seed articles: filters
really filter, the Kerman incident shows both outlets' figures, search is
clitic-aware, exports parse, the dashboard's answers agree with the event
list, and errors are one-line JSON with the right status."""
from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from marsad.web.app import create_app

ALHURRA, AE24 = "001_b0b29bad66fbc341.txt", "004_09a4258c08e6388d.txt"


@pytest.fixture(scope="module")
def client(seeds_store):
    with TestClient(create_app(seeds_store)) as c:
        yield c


def events(client, **params) -> list[dict]:
    r = client.get("/api/events", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["events"])
    return body["events"]


@pytest.fixture(scope="module")
def kerman(client) -> dict:
    return next(e for e in events(client, country="IR") if e["location"] == "Kerman" and e["documents"] == 2)


def test_events_filters_filter(client, kerman):
    everything = events(client)
    assert len(everything) == client.get("/api/stats").json()["fused_events"] > 5
    iran = events(client, country="ir")  # case does not matter
    assert {e["country_code"] for e in iran} == {"IR"} and kerman in iran
    # a box around Kerman keeps it, a box around Moscow does not
    around_kerman = events(client, bbox="56,29,58,31")
    assert [e["event_id"] for e in around_kerman] == [kerman["event_id"]]
    around_moscow = events(client, bbox="37,55,38.5,56.5")
    assert around_moscow and kerman["event_id"] not in {e["event_id"] for e in around_moscow}
    assert {e["location"] for e in around_moscow} == {"Moscow"}
    # dates select by period overlap
    january = events(client, **{"from": "2024-01-01", "to": "2024-01-31"})
    assert [e["event_id"] for e in january] == [kerman["event_id"]]
    # Arabic and English aliases select the same events; a group matches its branch
    arabic = events(client, actor="داعش خراسان")
    assert arabic and [e["event_id"] for e in arabic] == [e["event_id"] for e in events(client, actor="ISKP")]
    assert {e["event_id"] for e in arabic} <= {e["event_id"] for e in events(client, actor="Islamic State")}
    assert events(client, actor="Taliban") != everything
    # type matches event_type or sub_event_type, any case; admin1 too
    blasts = events(client, type="explosions/remote violence")
    assert blasts and {e["event_type"] for e in blasts} == {"Explosions/Remote violence"}
    assert {e["sub_event_type"] for e in events(client, type="Suicide bomb")} == {"Suicide bomb"}
    assert {e["admin1"] for e in events(client, admin1="kerman")} == {"Kerman"}
    # filters combine
    assert events(client, country="IR", type="Battles") == []


def test_events_paging_and_order(client):
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] and len(first["events"]) == 2
    assert not {e["event_id"] for e in first["events"]} & {e["event_id"] for e in second["events"]}
    dated = [e["event_date"] for e in events(client) if e["event_date"]]
    assert dated == sorted(dated, reverse=True)
    oldest = [e["event_date"] for e in events(client, sort="date") if e["event_date"]]
    assert oldest == sorted(oldest)
    deadliest = [e["fatalities_best"] for e in events(client, sort="-fatalities") if e["fatalities_best"] is not None]
    assert deadliest == sorted(deadliest, reverse=True)


def test_kerman_event_shows_both_figures_and_evidence(client, kerman):
    r = client.get(f"/api/events/{kerman['event_id']}")
    assert r.status_code == 200
    ev = r.json()
    assert (ev["fatalities_low"], ev["fatalities_high"]) == (84, 90)
    by_outlet = {rep["outlet"]: rep["fatalities"] for rep in ev["reports"]}
    assert by_outlet == {"Alhurra": 84, "24.ae": 90}
    entry = next(c for c in ev["contradictions"] if c["field"] == "fatalities")
    assert [(v["value"], v["outlets"]) for v in entry["values"]] == [("84", ["Alhurra"]), ("90", ["24.ae"])]
    assert {rep["doc_id"] for rep in ev["reports"]} == {ALHURRA, AE24} == set(ev["documents"])
    assert all(rep["evidence"] and rep["evidence"][0]["text"] for rep in ev["reports"])
    assert ev["log"] and "near_copies" in ev
    # evidence offsets point into each report's document text
    for rep in ev["reports"]:
        text = client.get(f"/api/docs/{quote(rep['doc_id'], safe='')}").json()["text"]
        assert all(text[s["start"]:s["end"]] == s["text"] for s in rep["evidence"])


def test_document_has_text_events_and_mentions_with_spans(client, kerman):
    r = client.get(f"/api/docs/{quote(AE24, safe='')}")
    assert r.status_code == 200
    doc = r.json()
    assert doc["doc_id"] == AE24 and doc["outlet"] == "24.ae" and doc["text"]
    assert any(e["event_id"] == kerman["event_id"] for e in doc["events"])
    assert all(e["report_id"] == f"{AE24}#{e['event_index']}" for e in doc["events"])
    kinds = {m["kind"] for m in doc["mentions"]}
    assert {"actor", "place", "number"} <= kinds
    assert all(doc["text"][m["start"]:m["end"]] == m["text"] for m in doc["mentions"])
    assert any(m["kind"] == "place" and m["value"]["name"] == "Kerman" for m in doc["mentions"])


def test_search_is_clitic_aware_with_highlights(client):
    hits = client.get("/api/search", params={"q": "موسكو"}).json()["hits"]
    assert {h["doc_id"] for h in hits} >= {ALHURRA, AE24}
    for h in hits:
        assert h["highlights"]
        for s, e in h["highlights"]:
            assert h["snippet"][s:e].endswith("موسكو")
    # Alhurra has this word only with the conjunction attached: a plain word index would miss it
    alhurra = client.get(f"/api/docs/{quote(ALHURRA, safe='')}").json()["text"]
    assert "وسكاكين" in alhurra and " سكاكين" not in alhurra
    hit = next(h for h in client.get("/api/search", params={"q": "سكاكين"}).json()["hits"] if h["doc_id"] == ALHURRA)
    assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["وسكاكين"]
    # the events filter q uses the same search: the events of the documents it finds
    found = {h["doc_id"] for h in client.get("/api/search", params={"q": "سكاكين", "limit": 200}).json()["hits"]}
    expected = {e["event_id"] for e in events(client) if {r.split("#")[0] for r in e["report_ids"]} & found}
    assert expected and {e["event_id"] for e in events(client, q="سكاكين")} == expected
    assert {e["location"] for e in events(client, q="كرمان")} >= {"Kerman"}
    assert events(client, q="كلمةلاتوجد") == []


def test_dashboard_answers_agree_with_the_event_list(client, kerman):
    for params in ({}, {"country": "AF"}, {"actor": "ISKP", "from": "2021-06-01"}):
        listed = events(client, **params)
        pts = client.get("/api/map", params=params).json()
        assert pts["total"] == len(listed) and pts["capped"] is False
        assert {p["id"] for p in pts["points"]} == {e["event_id"] for e in listed if e["latitude"] is not None}
        weeks = client.get("/api/timeline", params=params).json()
        assert sum(w["events"] for w in weeks["weeks"]) + weeks["undated"] == len(listed)
        assert sum(w["fatalities"] for w in weeks["weeks"]) == sum(
            e["fatalities"] or 0 for e in listed if e["event_date"])
        assert all(w["week"] < v["week"] for w, v in zip(weeks["weeks"], weeks["weeks"][1:]))
    point = next(p for p in client.get("/api/map").json()["points"] if p["id"] == kerman["event_id"])
    assert (point["lat"], point["lon"], point["location"]) == (kerman["latitude"], kerman["longitude"], "Kerman")
    facets = client.get("/api/facets", params={"country": "IR"}).json()
    assert facets["total"] == len(events(client, country="IR"))
    countries = {c["value"]: c["count"] for c in facets["countries"]}  # its own filter ignored
    assert countries["IR"] == facets["total"] and {"AF", "RU"} <= set(countries)
    assert sum(t["count"] for t in facets["types"]) == facets["total"]


def test_actors_list_and_detail(client, kerman):
    listed = {a["id"]: a for a in client.get("/api/actors").json()["actors"]}
    iskp = listed["islamic-state-khorasan-province"]
    assert "داعش خراسان" in iskp["aliases_ar"] and "ISKP" in iskp["aliases_en"]
    assert iskp["events"] == len(events(client, actor="ISKP"))
    assert listed["islamic-state"]["events"] >= iskp["events"]  # a branch's events count for its group
    by_alias = client.get("/api/actors/" + quote("داعش خراسان", safe=""))
    assert by_alias.status_code == 200
    detail = by_alias.json()
    assert detail["id"] == iskp["id"] and "Islamic State" in detail["branches_of"]
    assert kerman["event_id"] in {e["event_id"] for e in detail["event_list"]}
    assert client.get("/api/actors/islamic-state").json()["event_list"][0]["role"] == "branch"


def test_exports_parse_and_follow_the_filters(client, kerman):
    everything = events(client)
    r = client.get("/api/export", params={"format": "acled-csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(everything) == int(r.headers["x-event-count"])
    k = next(row for row in rows if row["event_id_cnty"] == kerman["event_id"])
    assert k["fatalities"] == "84" and "84 (Alhurra), 90 (24.ae)" in k["notes"]
    lines = client.get("/api/export", params={"format": "jsonl", "country": "IR"}).text.splitlines()
    assert {json.loads(line)["country_code"] for line in lines} == {"IR"}
    assert len(lines) == len(events(client, country="IR"))
    geo = client.get("/api/export", params={"format": "geojson", "bbox": "56,29,58,31"}).json()
    assert geo["type"] == "FeatureCollection"
    assert [f["id"] for f in geo["features"]] == [kerman["event_id"]]
    assert geo["features"][0]["geometry"]["coordinates"] == [kerman["longitude"], kerman["latitude"]]


@pytest.mark.parametrize("url, status, names", [
    ("/api/events?country=Iran", 400, "country"),
    ("/api/events?from=2024-02-30", 400, "from"),
    ("/api/events?from=2024-02-01&to=2024-01-01", 400, "from"),
    ("/api/events?bbox=56,29,58", 400, "bbox"),
    ("/api/events?bbox=56,95,58,96", 400, "bbox"),
    ("/api/events?limit=0", 400, "limit"),
    ("/api/events?limit=many", 400, "limit"),
    ("/api/events?sort=random", 400, "sort"),
    ("/api/map?to=yesterday", 400, "to"),
    ("/api/export?format=xlsx", 400, "format"),
    ("/api/export", 400, "format"),
    ("/api/search?q=%20", 400, "q"),
    ("/api/search?q=" + "x" * 301, 400, "q"),
    ("/api/events?q=" + "x" * 301, 400, "q"),
    ("/api/events/ev_000000000000", 404, "ev_000000000000"),
    ("/api/docs/no-such-doc", 404, "no-such-doc"),
    ("/api/actors/nobody-at-all", 404, "nobody-at-all"),
    ("/api/nothing-here", 404, "/api/nothing-here"),
])
def test_errors_are_one_line_json(client, url, status, names):
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert list(body) == ["error"] and names in body["error"] and "\n" not in body["error"]


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/events", "/api/events/{event_id}", "/api/docs/{doc_id}", "/api/search", "/api/actors",
            "/api/actors/{actor_id}", "/api/export", "/api/ingest", "/api/map", "/api/timeline",
            "/api/facets"} <= paths
    page = spec["paths"]["/api/events"]["get"]
    assert {p["name"] for p in page["parameters"]} >= {"actor", "country", "admin1", "type", "from", "to", "q",
                                                      "bbox", "limit", "offset"}
    assert "EventPage" in json.dumps(page["responses"]["200"])


def test_actor_detail_carries_the_profile_when_installed(client):
    pytest.importorskip("marsad.profiles")
    detail = client.get("/api/actors/islamic-state-khorasan-province").json()
    assert detail["profile"]["actor"] == "Islamic State Khorasan Province"
