"""Fusion inside the store (marsad.store.fusion), on SQLite and PostgreSQL:
the seeds' incidents fuse as documents are ingested, the result does not depend on ingest order or on how
many processes wrote it, re-ingesting changes nothing, a failed transaction
leaves fusion in step, near copies are not counted, and analysts' merges and
splits survive later ingestion. Small incidents here are fictional."""
from __future__ import annotations

import json
import random
import sqlite3

import pytest

from marsad.fusion import Fuser, event_id_for, reports_from_records
from marsad.model import Document, Event, Span
from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.store import Store
from marsad.store.fusion import FusionError
from marsad.store.query import EventFilter

ALHURRA, AE24 = "001_b0b29bad66fbc341.txt", "004_09a4258c08e6388d.txt"
SEED_PLACES = ("Moscow", "Kerman", "Bajaur")  # named in each gold incident, and its fused location

pytestmark = pytest.mark.usefixtures("rules_decisions")  # see conftest


@pytest.fixture(scope="module")
def seed_docs(seeds_dir) -> list[Document]:
    return [analyse(d) for d in read_paths([seeds_dir / "seeds.jsonl"])]


@pytest.fixture(scope="module")
def snn_docs(gold_dir) -> list[Document]:
    return [analyse(d) for d in read_paths([gold_dir / "snn_dev.input.jsonl"])]


def ingest(path, docs) -> None:
    with Store.open(path) as s:
        for d in docs:
            s.add(d)


def fusion_tables(db) -> dict[str, list]:
    """Membership, events (without the time they were written) and links
    (without their reasons, whose wording names the later report first)."""
    with Store.open(db) as s:
        conn = s._conn
        cols = [c for c in conn.columns("fused_events") if c != "updated_at"]
        return {
            "members": conn.execute("SELECT report_id, event_id, not_fused FROM fusion_reports ORDER BY 1").fetchall(),
            "events": conn.execute(f"SELECT {', '.join(cols)} FROM fused_events ORDER BY event_id").fetchall(),
            "links": conn.execute("SELECT a, b, score FROM fusion_links ORDER BY a, b").fetchall(),
        }


# --- the seeds and snn_dev through the extractor ------------------------------

def test_seed_incidents_are_one_event_each_with_both_figures(store_db, seed_docs, gold_dir):
    gold = json.loads((gold_dir / "seeds.fusion.json").read_text(encoding="utf-8"))
    db = store_db("m")
    ingest(db, seed_docs)
    with Store.open(db) as s:
        rows = s.fusion.rows()
        for cluster in gold["clusters"]:
            place = next(p for p in SEED_PLACES if p in cluster["incident"])
            row = next(r for r in rows if r["location"] == place and r["documents"] == 2)
            assert {rid.split("#")[0] for rid in row["report_ids"]} == {ALHURRA, AE24}
            assert row["reports"] == 2 and row["sources"] == ["Alhurra", "24.ae"]
            assert row["fatalities_low"] in cluster.get("accept_fatalities_low", [cluster["fatalities_low"]])
            assert row["fatalities_high"] == cluster["fatalities_high"]
            ev = s.fusion.event(row["event_id"])
            assert {r.get("fatalities") for r in ev.reports} <= set(cluster["fatalities_reported"])
            assert ev.event_id == event_id_for(min(row["report_ids"]))
        kerman = next(r for r in rows if r["location"] == "Kerman" and r["documents"] == 2)
        entry = next(c for c in kerman["contradictions"] if c["field"] == "fatalities")
        assert [(v["value"], v["outlets"]) for v in entry["values"]] == [("84", ["Alhurra"]), ("90", ["24.ae"])]
        # every stored event is accounted for: fused, or not with a reason
        counts = s.fusion.counts()
        assert counts["fused_reports"] == s.counts()["events"] and counts["multi_document_events"] == 3


def test_any_ingest_order_gives_the_same_events_as_batch_fusion(store_db, seed_docs, snn_docs):
    docs = seed_docs + snn_docs
    orders = [docs, docs[::-1], random.Random(7).sample(docs, len(docs))]
    tables = []
    for n, order in enumerate(orders):
        ingest(store_db(f"o{n}"), order)
        tables.append(fusion_tables(store_db(f"o{n}")))
    assert tables[0]["events"] and tables[0] == tables[1] == tables[2]
    # the same groups as fusing all reports in one batch
    batch = Fuser()
    batch.add_all(reports_from_records([d.to_dict() for d in docs]))
    stored: dict[str, set[str]] = {}
    for rid, eid, _ in tables[0]["members"]:
        stored.setdefault(eid, set()).add(rid)
    assert stored == {eid: set(ms) for eid, ms in batch.clusters().items()}
    assert sum(len(ms) > 1 for ms in stored.values()) >= 5  # the seeds' three, Abha, Kilis


def test_large_components_are_settled_when_an_ingest_ends(store_db, seed_docs, snn_docs, monkeypatch):
    import marsad.store.fusion as store_fusion
    from marsad.fusion import FusionConfig
    from marsad.store import ingest as ingest_items

    def pending(s: Store) -> list[str]:
        return json.loads(s._conn.execute("SELECT value FROM fusion_state WHERE key = 'unsettled'").fetchone()[0])

    docs = seed_docs + snn_docs
    ingest(store_db("whole"), docs)
    reference = fusion_tables(store_db("whole"))
    # every component counts as large: each add rebuilds only around the new report
    monkeypatch.setattr(store_fusion, "FusionConfig", lambda: FusionConfig(rebuild_limit=1))
    for n, order in enumerate([docs[::-1], random.Random(3).sample(docs, len(docs))]):
        with Store.open(store_db(f"ing{n}")) as s:
            assert all(not isinstance(out, Exception) for _, out in ingest_items(s, order, lambda d: d))
            assert pending(s) == []  # the ingest settled what it left pending
        assert fusion_tables(store_db(f"ing{n}")) == reference
    # an ingest that stops before the end leaves its pending components in the
    # store; the next process settles them
    ingest(store_db("cut"), docs[::-1])
    with Store.open(store_db("cut")) as s:
        assert pending(s)
    with Store.open(store_db("cut")) as s:
        assert s.fusion.settle() > 0
        assert s.fusion.settle() == 0
    assert fusion_tables(store_db("cut")) == reference


def test_reopening_and_two_writers_give_the_same_result(store_db, seed_docs, snn_docs):
    docs = seed_docs + snn_docs
    ingest(store_db("one"), docs)
    half = len(docs) // 2
    ingest(store_db("two"), docs[:half])
    ingest(store_db("two"), docs[half:])  # a new process restores the fuser from the tables
    with Store.open(store_db("alt")) as a, Store.open(store_db("alt")) as b:
        for i, d in enumerate(docs):  # each writer sees the other's changes and reloads
            (a if i % 2 else b).add(d)
    one = fusion_tables(store_db("one"))
    assert fusion_tables(store_db("two")) == one == fusion_tables(store_db("alt"))


def test_events_stored_before_fusion_existed_are_fused_on_the_next_write(store_db, seed_docs):
    ingest(store_db("ref"), seed_docs)
    db = store_db("old")
    ingest(db, seed_docs[:4])
    with Store.open(db) as s:  # as a database from before migration 0002 would be
        for table in ("fusion_reports", "fused_events", "fusion_links", "fusion_log", "fusion_state"):
            s._conn.execute(f"DELETE FROM {table}")
    ingest(db, seed_docs[4:])
    assert fusion_tables(db) == fusion_tables(store_db("ref"))


def test_reingesting_changes_nothing(store_db, seed_docs):
    db = store_db("m")
    ingest(db, seed_docs)
    before = fusion_tables(db)
    with Store.open(db) as s:
        log = s._conn.execute("SELECT COUNT(*) FROM fusion_log").fetchone()[0]
        assert {s.add(d).status for d in seed_docs} == {"unchanged"}
        assert s._conn.execute("SELECT COUNT(*) FROM fusion_log").fetchone()[0] == log
    assert fusion_tables(db) == before


def test_a_failed_transaction_leaves_fusion_in_step(store_db, seed_docs, monkeypatch):
    ingest(store_db("ref"), seed_docs)
    db = store_db("m")
    with Store.open(db) as s:
        for d in seed_docs[:4]:
            s.add(d)
        monkeypatch.setattr(s.fusion, "_save", lambda *a: (_ for _ in ()).throw(sqlite3.OperationalError("disk gone")))
        with pytest.raises(sqlite3.OperationalError):
            s.add(seed_docs[4])  # fused in memory, then rolled back
        monkeypatch.undo()
        assert s.get(seed_docs[4].doc_id) is None
        assert s.add(seed_docs[4]).status == "added"
    assert fusion_tables(db) == fusion_tables(store_db("ref"))


def test_near_copies_are_stored_but_not_fused(store_db, seed_docs):
    head = next(d for d in seed_docs if d.doc_id == AE24)
    words = head.text.split(" ")
    copy = Document(doc_id="copy-of-24ae", source="copy.txt", outlet="Another Outlet", published=head.published,
                    text=" ".join(w if i % 40 else "أيضا" for i, w in enumerate(words)))
    copy.original = copy.text
    db = store_db("m")
    ingest(db, seed_docs)
    before = fusion_tables(db)
    with Store.open(db) as s:
        assert s.add(analyse(copy)).status == "near_duplicate" and copy.events
        rows = s._conn.execute("SELECT event_id, not_fused FROM fusion_reports WHERE doc_id = ?", (copy.doc_id,))
        assert {r for r in rows} == {(None, f"near copy of {AE24}")}
        kerman = next(r for r in s.fusion.rows() if r["location"] == "Kerman" and r["documents"] == 2)
        assert s.fusion.near_copies(s.fusion.event(kerman["event_id"])) == [copy.doc_id]
    after = fusion_tables(db)
    assert after["events"] == before["events"] and after["links"] == before["links"]


def test_event_filters(store_db, seed_docs, snn_docs):
    db = store_db("m")
    ingest(db, seed_docs + snn_docs)
    with Store.open(db) as s:
        f = s.fusion
        everything = f.rows()
        iskp = f.rows(EventFilter(actor="داعش خراسان"))
        assert iskp and all("Islamic State Khorasan Province" in (r["actor1"], r["actor2"]) for r in iskp)
        assert [r["event_id"] for r in f.rows(EventFilter(actor="ISIS-K"))] == [r["event_id"] for r in iskp]
        # the parent organisation finds its branch's events too
        assert {r["event_id"] for r in iskp} < {r["event_id"] for r in f.rows(EventFilter(actor="Islamic State"))}
        iran = f.rows(EventFilter(country="ir"))
        assert iran and {r["country_code"] for r in iran} == {"IR"}
        july = f.rows(EventFilter(date_from="2015-07-20", date_to="2015-07-31"))
        assert july and all(r["event_date"] <= "2015-07-31" and r["date_end"] >= "2015-07-20" for r in july)
        battles = f.rows(EventFilter(kind="battles"))
        assert battles and {r["event_type"] for r in battles} == {"Battles"}
        assert len(f.rows(EventFilter(limit=3))) == 3 and len(everything) > 3
        exported = list(f.events(EventFilter(country="IR")))
        assert [e.event_id for e in exported] == [r["event_id"] for r in iran]


# --- analysts' corrections, on fictional incidents -------------------------------

BAQUBAH = dict(country_code="IQ", admin1="Diyala", location="Baqubah", latitude=33.75, longitude=44.64,
               event_date="2024-05-10")
MOSUL = dict(country_code="IQ", admin1="Nineveh", location="Mosul", latitude=36.34, longitude=43.13,
             event_date="2024-06-20")


def incident(doc_id: str, place: dict, killed: int) -> Document:
    """A one-event document: a suicide bombing told by outlet `doc_id`."""
    text = f"قتل {killed} في تفجير انتحاري بسوق {place['location']} ({doc_id})"
    ev = Event("Explosions/Remote violence", "Suicide bomb", time_precision=1, actor1="Islamic State",
               geo_precision=1, fatalities=killed, evidence=[Span(0, len(text), text)], **place)
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, original=text, outlet=doc_id.upper(),
                    published=place["event_date"], events=[ev])


def test_a_split_report_stays_alone_when_more_reports_arrive(store_db):
    db = store_db("m")
    with Store.open(db) as s:
        s.add(incident("a", BAQUBAH, 10))
        eid = s.add(incident("b", BAQUBAH, 12)).event_ids[0]
        assert s.fusion.members(eid) == ["a#0", "b#0"]
        alone, rest = s.fusion.split(eid, "b#0", why="another market")
        assert (alone, rest) == (event_id_for("b#0"), event_id_for("a#0"))
        s.add(incident("c", BAQUBAH, 11))  # links to both a and b
        assert s.fusion.members(rest) == ["a#0", "c#0"] and s.fusion.members(alone) == ["b#0"]
        log = s.fusion.log(eid)
        assert any(e["kind"] == "split" and "split override on b#0" in e["reason"] for e in log)
    with Store.open(db) as s:  # a new process: the override is read back
        s.add(incident("d", BAQUBAH, 10))
        assert s.fusion.members(rest) == ["a#0", "c#0", "d#0"] and s.fusion.members(alone) == ["b#0"]
        with pytest.raises(FusionError, match="only one report"):
            s.fusion.split(alone, "b#0")
        with pytest.raises(FusionError, match="is not a report of"):
            s.fusion.split(rest, "b#0")


def test_merged_events_stay_merged_when_more_reports_arrive(store_db):
    db = store_db("m")
    with Store.open(db) as s:
        x = s.add(incident("x", BAQUBAH, 10)).event_ids[0]
        y = s.add(incident("y", MOSUL, 3)).event_ids[0]
        assert x != y
        merged = s.fusion.merge(y, x, why="one campaign")
        assert merged == x and s.fusion.members(x) == ["x#0", "y#0"]
        assert s.fusion.rows()[0]["reports"] == 2 and len(s.fusion.rows()) == 1
        with pytest.raises(FusionError, match=rf"no event {y} \(it became {x}\)"):
            s.fusion.event(y)
        with pytest.raises(FusionError, match="the same event"):
            s.fusion.merge(x, x)
    with Store.open(db) as s:
        s.add(incident("z", MOSUL, 4))  # links to y only
        assert s.fusion.members(x) == ["x#0", "y#0", "z#0"]
        ev = s.fusion.event(x)
        assert (ev.figures["fatalities_low"], ev.figures["fatalities_high"]) == (3, 10)
        # splitting a report a merge named withdraws that merge for it
        s.fusion.split(x, "y#0")
        assert s.fusion.members(x) == ["x#0"] and s.fusion.members(event_id_for("y#0")) == ["y#0"]
        assert s.fusion.members(event_id_for("z#0")) == ["z#0"]


def test_unknown_event_ids_are_errors(store_db):
    with Store.open(store_db("m")) as s:
        s.add(incident("a", BAQUBAH, 10))
        with pytest.raises(FusionError, match="^no event ev_000000000000$"):
            s.fusion.event("ev_000000000000")
        with pytest.raises(FusionError, match="no event ev_000000000000"):
            s.fusion.merge("ev_000000000000", event_id_for("a#0"))
