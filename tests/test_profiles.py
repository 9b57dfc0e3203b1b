"""Actor facts as sourced claims, the store's statement tables and actor
profiles (marsad.claims, marsad.store.statements, marsad.profiles, `marsad
actor`).

The gold check reads ../shared/gold/seeds.actors.json in place; the Arabic
articles written here are illustrative (fictional groups' facts).
"""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from marsad.arabic.normalize import norm
from marsad.cli import main
from marsad.model import Document
from marsad.pipeline import analyse, said_in_stored
from marsad.profiles import UnknownActor, actor_profile, render_text
from marsad.store import Store

# gold fact name -> claim kind
KINDS = {"founded / appeared": "founded", "strength": "strength", "areas of operation": "areas",
         "rival": "rival", "goal": "goal", "ally": "ally", "leader": "leader"}


def _doc(doc_id: str, text: str, outlet: str, published: str) -> Document:
    return analyse(Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, original=text, outlet=outlet,
                            published=published))


@pytest.fixture(scope="module")
def iskp(seeds_store):
    with Store.open(seeds_store, create=False) as store:
        return actor_profile(store, "داعش خراسان")


def _matches(claim: dict, fact: dict) -> bool:
    value = fact["value"]
    v = claim["value"]
    if claim["kind"] == "founded":
        return v["year"] == int(value)
    if claim["kind"] == "strength":
        return str(v["low"]) in value.replace(",", "")
    if claim["kind"] == "areas":
        return [p["name"] for p in v["places"]] == value
    if claim["kind"] in ("rival", "ally"):
        return v["actor"] == value
    return True  # a goal is free text: its source and evidence decide


def test_every_gold_fact_is_in_the_profile_with_its_source_and_evidence(gold_dir, iskp):
    gold = json.loads((gold_dir / "seeds.actors.json").read_text(encoding="utf-8"))
    entry = next(a for a in gold["actors"] if a["actor"] == iskp["actor"])
    missing = []
    for fact in entry["facts"]:
        claims = iskp["facts"].get(KINDS[fact["fact"]], [])
        if not any(c["doc_id"] == fact["file"] and norm(fact["evidence"]) in norm(c["evidence"]["text"])
                   and _matches(c, fact) for c in claims):
            missing.append((fact["fact"], fact["file"], fact["value"]))
    assert not missing, f"gold facts not in the profile: {missing}"


def test_the_founding_disagreement_is_one_entry_with_both_claims(iskp):
    founded = [d for d in iskp["disagreements"] if d["kind"] == "founded"]
    assert len(founded) == 1
    values = {v["value"]: sorted(c["doc_id"][:3] for c in v["claims"]) for v in founded[0]["values"]}
    assert values == {2014: ["000"], 2015: ["001", "004"]}
    assert "disagree" in render_text(iskp)


def test_profile_aliases_strength_areas_events_and_speakers(gold_dir, iskp):
    gold = json.loads((gold_dir / "seeds.actors.json").read_text(encoding="utf-8"))
    seen = {a["alias"] for a in iskp["aliases_seen"]}
    assert set(gold["actors"][0]["aliases_in_text"]) <= seen
    assert [s["low"] for s in iskp["strength_over_time"]] == [150, 10, 2500]  # by date said
    kabul = next(p for p in iskp["areas"] if p["name"] == "Kabul")
    assert kabul["lat"] and kabul["doc_ids"] == ["000_d041b3426aa8a2fb.txt"]
    assert any(e["responsibility"] == "claimed" and e["location"] == "Moscow" for e in iskp["events"])
    assert any(s["kind"] == "claim" for s in iskp["statements_by"])
    talkers = {t["speaker"]: t for t in iskp["talked_about_by"]}
    assert talkers["مايكل كوريلا"]["role"] == "Commander"
    json.dumps(iskp, ensure_ascii=False)  # JSON-ready


def test_a_rivalry_shows_in_both_profiles_and_leaders_come_from_speakers(seeds_store):
    with Store.open(seeds_store, create=False) as store:
        taliban = actor_profile(store, "طالبان")
    assert {c["value"]["actor"] for c in taliban["facts"]["rival"]} == {"Islamic State Khorasan Province"}
    assert [c["value"]["name"] for c in taliban["facts"]["leader"]] == ["مولوي الزبير"]
    assert [s["kind"] for s in taliban["statements_by"]][:1] == ["deny"]


def test_claims_are_never_overwritten(store_db):
    # Illustrative: two outlets, two founding years and two strengths for one group.
    a = _doc("a", "تأسست حركة الشباب عام 2006 في مقديشو. ويبلغ عدد مقاتليها نحو 7000 مقاتل.", "Al Arabiya", "2015-07-01")
    b = _doc("b", "ظهرت حركة الشباب عام 2007 بحسب الباحثين. ويقدر عدد مقاتليها بـ9000 مقاتل.", "Al Jazeera", "2015-08-01")
    with Store.open(store_db("claims")) as store:  # SQLite, and PostgreSQL when MARSAD_TEST_PG is set
        store.add(a)
        store.add(b)
        store.add(a)  # unchanged: nothing doubles
        p = actor_profile(store, "Al Shabaab")
    assert [c["value"]["year"] for c in p["facts"]["founded"]] == [2006, 2007]
    assert [s["low"] for s in p["strength_over_time"]] == [7000, 9000]
    assert [len(v["claims"]) for v in p["disagreements"][0]["values"]] == [1, 1]


def test_backfill_reads_documents_stored_before_the_tables(tmp_path):
    doc = _doc("a", "تأسست حركة الشباب عام 2006 في مقديشو.", "Al Arabiya", "2015-07-01")
    with Store.open(tmp_path / "s.db") as store:
        store.add(doc)
    with sqlite3.connect(tmp_path / "s.db") as conn:  # as if stored before migration 0004
        for table in ("actor_claims", "actor_aliases", "statement_docs"):
            conn.execute(f"DELETE FROM {table}")
    with Store.open(tmp_path / "s.db") as store:
        assert store.statements.missing() == ["a"]
        assert actor_profile(store, "Al Shabaab")["facts"] == {}
        assert store.statements.backfill(store.get, said_in_stored) == 1
        assert [c["text"] for c in actor_profile(store, "Al Shabaab")["facts"]["founded"]] == ["2006"]
        assert store.statements.missing() == []


def test_unknown_actor_is_a_clear_error(tmp_path):
    with Store.open(tmp_path / "s.db") as store, pytest.raises(UnknownActor, match="no actor 'Nobody'"):
        actor_profile(store, "Nobody")


def test_cli_actor_from_inputs_and_from_a_store(seeds_dir, seeds_store):
    runner = CliRunner()
    r = runner.invoke(main, ["actor", "ISIS-K", str(seeds_dir / "seeds.jsonl"), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["actor"] == "Islamic State Khorasan Province"
    r = runner.invoke(main, ["actor", "Islamic State Khorasan Province", "--db", str(seeds_store)])
    assert r.exit_code == 0 and "Sources disagree" in r.output
    r = runner.invoke(main, ["actor", "Nobody", "--db", str(seeds_store)])
    assert r.exit_code == 1 and r.output.count("\n") == 1 and "no actor 'Nobody'" in r.output
    r = runner.invoke(main, ["actor", "Taliban", "--db", str(seeds_store.parent / "absent.db")])
    assert r.exit_code == 1 and "no such database" in r.output
