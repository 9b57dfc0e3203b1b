"""The JSON API on our own small articles, without ../shared: ingest over HTTP
(token rules, uploads, limits), hostile text coming back as plain JSON data,
and the read endpoints on what was ingested.

The articles below are ILLUSTRATIVE: fictional, written for these tests (real
place and group names, invented incidents)."""
from __future__ import annotations

import io
import json
import zipfile
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from marsad.store import Store
from marsad.web.app import create_app

TOKEN = "test-token-7f3a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HOSTILE = "<script>alert('x')</script>"

# Illustrative articles (fictional): two outlets on one bombing in Mosul, with different tolls.
MOSUL_A = {
    "id": "illustrative-mosul-a", "outlet": "Alhurra", "published": "2024-03-12",
    "title": "انفجار في سوق شعبي بالموصل",
    "text": "الموصل - قتل خمسة مدنيين وأصيب اثنا عشر آخرون صباح الثلاثاء في انفجار عبوة ناسفة داخل سوق "
            "شعبي بالموصل، وفق ما ذكرته مصادر أمنية عراقية. وقالت الشرطة إن العبوة كانت مخبأة في عربة "
            "لبيع الخضار، ولم تتبن أي جهة الهجوم حتى الآن.",
}
MOSUL_B = {
    "id": "illustrative-mosul-b", "outlet": "24.ae", "published": "2024-03-12",
    "title": "قتلى وجرحى بتفجير في الموصل",
    "text": "أعلنت السلطات العراقية مقتل سبعة أشخاص وإصابة آخرين بجروح في تفجير عبوة ناسفة بسوق وسط مدينة "
            "الموصل صباح الثلاثاء. وأوضح مسؤول محلي أن بين القتلى امرأتين وطفلا، وأن قوات الأمن فرضت طوقا "
            "حول المكان.",
}
# Illustrative (fictional) clash report whose title and text carry markup meant to run in a browser.
HOSTILE_DOC = {
    "id": "illustrative-hostile", "outlet": "Example", "published": "2024-03-13", "title": HOSTILE,
    "text": f"{HOSTILE} اشتباكات بين قوات الجيش السوري ومسلحي داعش في ريف حمص الشرقي يوم الأربعاء أسفرت "
            "عن مقتل ثلاثة جنود.",
}


def new_store(tmp_path) -> str:
    db = tmp_path / "web.db"
    Store.open(db).close()
    return str(db)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = new_store(tmp_path_factory.mktemp("web_ingest"))
    with TestClient(create_app(db, token=TOKEN, max_upload_bytes=200_000)) as c:
        r = c.post("/api/ingest", json=[MOSUL_A, MOSUL_B, HOSTILE_DOC], headers=AUTH)
        assert r.status_code == 200, r.text
        yield c


def test_ingest_stores_and_fuses(client):
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 3 and stats["fused_events"] == 2  # the two Mosul reports are one incident
    mosul = client.get("/api/events", params={"country": "IQ"}).json()["events"]
    assert len(mosul) == 1 and mosul[0]["location"] == "Mosul" and mosul[0]["documents"] == 2
    assert (mosul[0]["fatalities_low"], mosul[0]["fatalities_high"]) == (5, 7)
    detail = client.get(f"/api/events/{mosul[0]['event_id']}").json()
    assert {r["outlet"]: r["fatalities"] for r in detail["reports"]} == {"Alhurra": 5, "24.ae": 7}
    assert any(c["field"] == "fatalities" for c in detail["contradictions"])
    # the same records again change nothing
    again = client.post("/api/ingest", json={"records": [MOSUL_A]}, headers=AUTH).json()
    assert again["counts"]["unchanged"] == 1 and client.get("/api/stats").json()["documents"] == 3


def test_an_exact_copy_answers_with_the_stored_document(client):
    copy = {**MOSUL_A, "id": "illustrative-mosul-a-copy", "outlet": "Another outlet"}
    result = client.post("/api/ingest", json=[copy], headers=AUTH).json()["results"][0]
    assert (result["status"], result["linked_to"]) == ("duplicate", "illustrative-mosul-a")
    doc = client.get("/api/docs/illustrative-mosul-a-copy").json()
    assert (doc["doc_id"], doc["requested_id"]) == ("illustrative-mosul-a", "illustrative-mosul-a-copy")
    assert "illustrative-mosul-a-copy" in doc["duplicates"]


def test_filters_on_own_articles(client):
    def places(**params):
        return {e["location"] for e in client.get("/api/events", params=params).json()["events"]}

    assert places() == {"Mosul", "Homs"}
    assert places(country="SY") == {"Homs"}
    assert places(bbox="42,35,44,37") == {"Mosul"}          # Mosul is at about 43.1 E, 36.3 N
    assert places(bbox="-10,35,0,37") == set()
    assert places(bbox="170,-90,60,90") == {"Mosul", "Homs"}  # a box across the antimeridian
    assert places(actor="داعش") == {"Homs"} == places(actor="ISIS")
    assert places(q="خضار") == {"Mosul"}                      # only "الخضار" is written
    assert places(type="Battles", country="IQ") == set()
    assert places(**{"from": "2024-03-13"}) == {"Homs"}


def test_search_matches_a_word_with_a_clitic(client):
    hits = client.get("/api/search", params={"q": "بيع"}).json()["hits"]  # written only as "لبيع"
    assert [h["doc_id"] for h in hits] == ["illustrative-mosul-a"]
    assert [hits[0]["snippet"][s:e] for s, e in hits[0]["highlights"]] == ["لبيع"]


def test_hostile_text_comes_back_as_json_string_data(client):
    r = client.get(f"/api/docs/{quote('illustrative-hostile', safe='')}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    doc = json.loads(r.text)
    assert doc["text"].startswith(HOSTILE) and doc["title"] == HOSTILE
    hits = client.get("/api/search", params={"q": "حمص"}).json()["hits"]
    assert hits[0]["title"] == HOSTILE
    mentions = doc["mentions"]
    assert all(doc["text"][m["start"]:m["end"]] == m["text"] for m in mentions)
    assert {"actor", "place"} <= {m["kind"] for m in mentions}


def test_server_timing_header(client):
    r = client.get("/api/facets")
    assert r.status_code == 200 and r.headers["server-timing"].startswith("app;dur=")
    assert float(r.headers["x-process-time"]) >= 0


def test_ingest_needs_the_right_token(client):
    record = {"text": "نص تجريبي قصير عن اجتماع في بغداد.", "id": "illustrative-token"}
    assert client.post("/api/ingest", json=[record]).status_code == 401
    wrong = client.post("/api/ingest", json=[record], headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json() == {"error": "wrong token"}
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    basic = client.post("/api/ingest", json=[record], headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    assert client.get("/api/docs/illustrative-token").status_code == 404  # nothing was stored


def test_ingest_is_off_without_a_configured_token(tmp_path):
    with TestClient(create_app(new_store(tmp_path))) as c:
        r = c.post("/api/ingest", json=[MOSUL_A], headers=AUTH)
        assert r.status_code == 403 and "--token" in r.json()["error"]
        assert c.get("/api/stats").json()["documents"] == 0


def test_ingest_uploads_files(tmp_path):
    with TestClient(create_app(new_store(tmp_path), token=TOKEN, max_upload_bytes=100_000)) as c:
        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w") as z:
            z.writestr("articles.json", json.dumps([MOSUL_B], ensure_ascii=False))
        files = [("file", ("../../mosul a.txt", MOSUL_A["text"].encode("utf-8"), "text/plain")),
                 ("file", ("batch.zip", zipped.getvalue(), "application/zip"))]
        r = c.post("/api/ingest", files=files, headers=AUTH)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["counts"]["added"] == 2 and body["counts"]["failed"] == 0
        sources = sorted(x["source"] for x in body["results"])
        assert sources[0].startswith("upload:batch.zip:") and sources[1] == "upload:mosul_a.txt"
        assert c.get("/api/stats").json()["documents"] == 2
        assert c.get("/api/docs/illustrative-mosul-b").json()["outlet"] == "24.ae"  # read from inside the zip
        # a record without text is reported, not fatal
        bad = c.post("/api/ingest", json=[{"title": "بلا نص"}, HOSTILE_DOC], headers=AUTH).json()
        assert bad["counts"]["failed"] == 1 and bad["counts"]["added"] == 1
        assert "no text" in bad["results"][0]["reason"]


@pytest.mark.parametrize("kwargs, status, words", [
    ({"content": b"just text", "headers": {"Content-Type": "text/plain"}}, 415, "content type"),
    ({"files": [("file", ("blob.bin", bytes(range(256)) * 8, "application/octet-stream"))]}, 415, "binary"),
    ({"files": [("file", ("big.txt", "ا".encode() * 60_000, "text/plain"))]}, 413, "limit"),
    ({"content": b"[" + b'{"text": "x"},' * 20_000 + b"{}]", "headers": {"Content-Type": "application/json"}},
     413, "limit"),
    ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "JSON"),
    ({"json": {"records": "nope"}}, 400, "records"),
    ({"json": []}, 400, "records"),
    ({"content": b'--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nno file\r\n--b--\r\n',
      "headers": {"Content-Type": "multipart/form-data; boundary=b"}}, 400, "holds no file"),
    ({"data": {"note": "a form"}}, 415, "x-www-form-urlencoded"),
])
def test_bad_uploads_are_refused_with_json(tmp_path, kwargs, status, words):
    with TestClient(create_app(new_store(tmp_path), token=TOKEN, max_upload_bytes=100_000)) as c:
        r = c.post("/api/ingest", headers={**AUTH, **kwargs.pop("headers", {})}, **kwargs)
        assert r.status_code == status, r.text
        assert words in r.json()["error"]
        assert c.get("/api/stats").json()["documents"] == 0


def test_method_not_allowed_and_unknown_store(tmp_path):
    with TestClient(create_app(new_store(tmp_path))) as c:
        r = c.delete("/api/events")
        assert r.status_code == 405 and "DELETE" in r.json()["error"]
    from marsad.store import StoreError

    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.db")


def test_serve_command_refuses_a_missing_store_in_one_line(tmp_path):
    from click.testing import CliRunner

    from marsad.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "absent.db"), "--port", "1"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {tmp_path / 'absent.db'}: no such database "
                                                  "(create it with `marsad ingest`)"]
    assert "--token" in CliRunner().invoke(main, ["serve", "--help"]).output


def test_the_same_answers_on_either_store_backend(store_db):
    """SQLite or PostgreSQL behind it, the API answers alike (the PostgreSQL
    case runs where MARSAD_TEST_PG names a server)."""
    db = store_db("web")
    Store.open(db).close()
    with TestClient(create_app(db, token=TOKEN)) as c:
        assert c.post("/api/ingest", json=[MOSUL_A, MOSUL_B, HOSTILE_DOC], headers=AUTH).status_code == 200
        listed = c.get("/api/events").json()
        assert listed["total"] == 2 and {e["location"] for e in listed["events"]} == {"Mosul", "Homs"}
        mosul = c.get("/api/events", params={"country": "iq", "bbox": "42,35,44,37", "type": "explosions/remote "
                                             "violence", "from": "2024-03-01", "to": "2024-03-31"}).json()
        assert [e["location"] for e in mosul["events"]] == ["Mosul"] and mosul["events"][0]["documents"] == 2
        assert [e["location"] for e in c.get("/api/events", params={"actor": "داعش"}).json()["events"]] == ["Homs"]
        assert [e["location"] for e in c.get("/api/events", params={"q": "خضار"}).json()["events"]] == ["Mosul"]
        assert [h["doc_id"] for h in c.get("/api/search", params={"q": "بيع"}).json()["hits"]] == [MOSUL_A["id"]]
        eid = mosul["events"][0]["event_id"]
        assert {r["fatalities"] for r in c.get(f"/api/events/{eid}").json()["reports"]} == {5, 7}
        assert c.get("/api/map").json()["located"] == 2
        assert [w["events"] for w in c.get("/api/timeline").json()["weeks"]] == [2]  # one ISO week
        assert {f["value"] for f in c.get("/api/facets").json()["countries"]} == {"IQ", "SY"}
        assert c.get(f"/api/docs/{MOSUL_A['id']}").json()["mentions"]
        assert len(c.get("/api/export", params={"format": "jsonl"}).text.splitlines()) == 2
        assert {a["id"]: a["events"] for a in c.get("/api/actors").json()["actors"]}["islamic-state"] == 1


# --- hardening (issue #23, item 8) --------------------------------------------------------


def test_pages_and_answers_carry_the_security_headers(client):
    for path in ("/", "/api/events", f"/docs/{quote('illustrative-hostile', safe='')}"):
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer"


def test_only_the_names_the_server_was_started_with_are_answered(tmp_path):
    from marsad.web.app import allowed_hosts

    db = new_store(tmp_path)
    with TestClient(create_app(db, hosts=allowed_hosts("127.0.0.1", ("Box.lan:8000",))),
                    base_url="http://localhost:8000") as c:
        assert c.get("/api/events").status_code == 200
        for host in ("127.0.0.1:8000", "box.lan", "[::1]:8000"):
            assert c.get("/api/events", headers={"host": host}).status_code == 200, host
        r = c.get("/api/events", headers={"host": "rebound.example.com"})  # a DNS-rebinding page's name
        assert r.status_code == 400 and "--allow-host" in r.json()["error"]


def test_a_json_body_nested_too_deep_or_with_a_lone_surrogate_is_a_clear_answer(tmp_path):
    db = new_store(tmp_path)
    with TestClient(create_app(db, token=TOKEN)) as c:
        deep = c.post("/api/ingest", content="[" * 50_000 + "]" * 50_000,
                      headers={**AUTH, "content-type": "application/json"})
        assert 400 <= deep.status_code < 500 and "error" in deep.json()
        odd = c.post("/api/ingest", content='[{"id": "s", "text": "\\ud800 ' + MOSUL_A["text"] + '"}]',
                     headers={**AUTH, "content-type": "application/json"})
        assert odd.status_code == 200, odd.text
        assert c.get("/api/docs/s").json()["text"].startswith("\ufffd")
