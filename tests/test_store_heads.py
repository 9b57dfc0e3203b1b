"""The head of a group of copies is chosen by a rule (earliest published day,
then smallest id: marsad.store.copies), so any ingest order gives the same
heads, the same fused events and the same event ids.

The texts are illustrative: fictional Arabic news written for these tests
(tests/store_texts.py and below), never text from ../shared. Runs on SQLite,
and on PostgreSQL too when MARSAD_TEST_PG is set."""
from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from marsad.model import Document, Event, Span
from marsad.store import Store
from store_texts import KABUL, PROTEST, QAEDA

# Illustrative: another outlet's own telling of the fictional Kabul market bombing.
KABUL_OTHER = (
    "قُتل سبعة مدنيين وجُرح اثنا عشر في انفجار عبوة ناسفة داخل سوق شعبية في العاصمة الأفغانية كابل "
    "صباح الثلاثاء، بحسب مسؤول في الشرطة تحدث لمراسلنا. وأضاف المسؤول أن الانفجار وقع في ساعة "
    "الذروة وأن سيارات الإسعاف نقلت المصابين إلى المستشفيات القريبة."
)
LONG = " ".join((KABUL, PROTEST, QAEDA))  # long enough that small edits keep a near copy near


def edit(text: str, start: int, every: int, word: str) -> str:
    """`text` with the words at start, start + every, ... replaced by `word`."""
    words = text.split(" ")
    return " ".join(word if i % every == start else w for i, w in enumerate(words))


def kabul_event(text: str, killed: int = 7) -> Event:
    return Event("Explosions/Remote violence", "Remote explosive/landmine/IED", event_date="2024-05-07",
                 time_precision=1, country_code="AF", location="Kabul", latitude=34.53, longitude=69.17,
                 geo_precision=1, fatalities=killed, fatalities_high=killed, injuries=12,
                 evidence=[Span(0, 40, text[:40])])


def doc(doc_id: str, text: str, published: str | None, outlet: str, event_date: str = "2024-05-07") -> Document:
    ev = kabul_event(text)
    ev.event_date = event_date
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, original=text, outlet=outlet,
                    published=published, events=[ev])


def state(db: str) -> dict[str, object]:
    """Everything the head rule decides, as plain data: roles, exact copies,
    fused membership, events (without their write time) and links (without
    their wording), what search finds, and the table sizes."""
    with Store.open(db) as s:
        q = s._conn.execute
        cols = [c for c in s._conn.columns("fused_events") if c != "updated_at"]
        return {
            "documents": sorted(q("SELECT doc_id, near_duplicate_of FROM documents").fetchall()),
            "duplicates": sorted(q("SELECT doc_id, duplicate_of, outlet, published FROM duplicates").fetchall()),
            "members": sorted(q("SELECT report_id, event_id, not_fused FROM fusion_reports").fetchall()),
            "events": sorted(q(f"SELECT {', '.join(cols)} FROM fused_events").fetchall()),
            "links": sorted(q("SELECT a, b, score FROM fusion_links").fetchall()),
            "search": sorted(h.doc_id for h in s.search("كابل", limit=50)),
            "rows": {t: q(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                     for t in ("events", "minhash", "lsh_bands", "statement_docs")},
            "counts": s.counts(),
        }


def ingest(db: str, docs: list[Document]) -> list[str]:
    with Store.open(db) as s:
        statuses = [s.add(d).status for d in docs]
        s.fusion.settle()
    return statuses


def same_in_every_order(store_db, docs: list[Document], orders) -> dict[str, object]:
    """Ingest `docs` in each order into a fresh store; assert every store
    ends the same; return that state."""
    states = []
    for i, order in enumerate(orders):
        db = store_db(f"o{i}")
        ingest(db, [docs[j] for j in order])
        states.append(state(db))
    for other in states[1:]:
        assert other == states[0]
    return states[0]


def test_of_two_exact_copies_the_earlier_published_is_the_head_in_either_order(store_db):
    wire = doc("z-wire", KABUL, "2024-05-07", "Wire")  # earlier, though its id sorts last
    copy = doc("a-copy", KABUL.replace("أ", "ا"), "2024-05-08", "Copier")
    witness = doc("m-witness", KABUL_OTHER, "2024-05-07", "Witness")
    got = same_in_every_order(store_db, [wire, copy, witness], [(0, 1, 2), (1, 0, 2), (2, 1, 0), (1, 2, 0)])
    assert got["documents"] == [("m-witness", None), ("z-wire", None)]
    assert got["duplicates"] == [("a-copy", "z-wire", "Copier", "2024-05-08")]
    fused = {rid: eid for rid, eid, _ in got["members"]}
    assert set(fused) == {"m-witness#0", "z-wire#0"} and len(set(fused.values())) == 1
    assert got["search"] == ["m-witness", "z-wire"]  # the demoted head left the index
    assert got["rows"]["events"] == 2 and got["counts"]["duplicates"] == 1


def test_exact_copies_of_one_day_go_to_the_smaller_id(store_db):
    a, b = doc("b-first", KABUL, "2024-05-07", "B"), doc("a-second", KABUL, "2024-05-07", "A")
    got = same_in_every_order(store_db, [a, b], [(0, 1), (1, 0)])
    assert got["documents"] == [("a-second", None)] and got["duplicates"][0][:2] == ("b-first", "a-second")


def test_undated_copies_rank_last(store_db):
    a, b = doc("a-undated", KABUL, None, "A"), doc("b-dated", KABUL, "2024-05-09", "B")
    got = same_in_every_order(store_db, [a, b], [(0, 1), (1, 0)])
    assert got["documents"] == [("b-dated", None)]


def test_of_two_near_copies_the_head_is_the_same_in_either_order(store_db):
    wire = doc("z-wire", LONG, "2024-05-07", "Wire")
    near = doc("a-near", edit(LONG, 0, 40, "وكذلك"), "2024-05-08", "Copier")
    witness = doc("m-witness", KABUL_OTHER, "2024-05-07", "Witness")
    got = same_in_every_order(store_db, [wire, near, witness], [(0, 1, 2), (1, 0, 2), (1, 2, 0), (2, 1, 0)])
    assert got["documents"] == [("a-near", "z-wire"), ("m-witness", None), ("z-wire", None)]
    members = {rid: (eid, why) for rid, eid, why in got["members"]}
    assert members["a-near#0"] == (None, "near copy of z-wire")
    assert members["z-wire#0"][0] == members["m-witness#0"][0] is not None


def test_a_chain_of_three_near_copies_in_all_six_orders(store_db):
    """a ~ b and b ~ c are near copies, a and c are not (similarity is not
    transitive). By the rule a is a head, b its copy, and c a head, since
    the only head ranked before it, a, is not similar to it; first come,
    first kept would make c the head of b when c comes first."""
    a = doc("a", LONG, "2024-05-07", "A")
    b = doc("b", edit(LONG, 0, 40, "وكذلك"), "2024-05-08", "B")
    c = doc("c", edit(edit(LONG, 0, 40, "وكذلك"), 20, 40, "أيضا"), "2024-05-09", "C")
    got = same_in_every_order(store_db, [a, b, c], list(itertools.permutations(range(3))))
    assert got["documents"] == [("a", None), ("b", "a"), ("c", None)]
    fused = {rid for rid, eid, _ in got["members"] if eid}
    assert fused == {"a#0", "c#0"}


def test_a_mixed_group_in_shuffled_orders(store_db):
    """Exact and near copies of one text, and an exact copy of a near copy,
    arriving in six seeded orders."""
    near = edit(LONG, 0, 40, "وكذلك")
    docs = [doc("d1", LONG, "2024-05-09", "O1"), doc("d2", LONG, "2024-05-08", "O2"),
            doc("d3", near, "2024-05-07", "O3"), doc("d4", near, "2024-05-10", "O4"),
            doc("d5", edit(near, 20, 40, "أيضا"), "2024-05-08", "O5"), doc("d6", KABUL_OTHER, "2024-05-07", "O6")]
    orders = [tuple(range(6)), tuple(reversed(range(6)))]
    for seed in range(4):
        order = list(range(6))
        random.Random(seed).shuffle(order)
        orders.append(tuple(order))
    got = same_in_every_order(store_db, docs, orders)
    roles = dict(got["documents"])
    assert roles["d3"] is None and "d4" not in roles and dict((d, h) for d, h, *_ in got["duplicates"])["d4"] == "d3"
    assert roles["d2"] == "d3" and "d1" not in roles  # d1 is an exact copy of d2, itself a near copy of d3


def test_the_near_copies_of_a_demoted_head_name_the_new_head_in_every_order(store_db):
    """A near copy of a head that an earlier exact copy replaces keeps its
    role (a near copy, of the new head), and the reason its events are not
    fused names the new head, not the demoted one, as if the new head had
    come first."""
    late, early = doc("late", LONG, "2024-05-08", "L"), doc("early", LONG, "2024-05-07", "E")
    near = doc("near", edit(LONG, 0, 40, "وكذلك"), "2024-05-09", "N")
    got = same_in_every_order(store_db, [late, near, early], [(0, 1, 2), (2, 0, 1), (1, 0, 2)])
    assert got["documents"] == [("early", None), ("near", "early")]
    assert ("near#0", None, "near copy of early") in got["members"]


def test_readding_a_demoted_head_changes_nothing(store_db):
    db = store_db("m")
    late, early = doc("late", KABUL, "2024-05-08", "L"), doc("early", KABUL, "2024-05-07", "E")
    assert ingest(db, [late, early]) == ["added", "added"]
    before = state(db)
    assert ingest(db, [late, early]) == ["unchanged", "unchanged"]
    assert state(db) == before and before["duplicates"][0][:2] == ("late", "early")


def test_a_demoted_head_is_withdrawn_and_logged(store_db):
    db = store_db("m")
    ingest(db, [doc("late", KABUL, "2024-05-08", "L"), doc("w", KABUL_OTHER, "2024-05-07", "W")])
    with Store.open(db) as s:
        (old_event,) = {r["event_id"] for r in s.fusion.rows()}
        assert s.fusion.members(old_event) == ["late#0", "w#0"]
    ingest(db, [doc("early", KABUL, "2024-05-07", "E")])
    with Store.open(db) as s:
        (new_event,) = {r["event_id"] for r in s.fusion.rows()}
        assert s.fusion.members(new_event) == ["early#0", "w#0"]
        kinds = Counter(e["kind"] for e in s.fusion.log(old_event))
        assert kinds["withdraw"] == 1
        withdraw = next(e for e in s.fusion.log(old_event) if e["kind"] == "withdraw")
        assert withdraw["reports"] == ["late#0"] and "exact copy of early" in withdraw["reason"]


def test_upgrading_a_store_gives_its_near_copies_band_keys(store_db):
    """Before migration 0005 only heads had band keys; the rule needs the
    copies' too, or an earlier text could not find them."""
    db = store_db("m")
    ingest(db, [doc("a", LONG, "2024-05-07", "A"), doc("b", edit(LONG, 0, 40, "وكذلك"), "2024-05-08", "B")])
    with Store.open(db) as s:
        q = s._conn.execute
        keys = q("SELECT band, key FROM lsh_bands b JOIN documents d ON d.id = b.doc WHERE d.doc_id = 'b' "
                 "ORDER BY band").fetchall()
        q("DELETE FROM lsh_bands WHERE doc = (SELECT id FROM documents WHERE doc_id = 'b')")
        q("DELETE FROM schema_migrations WHERE version = 5")
    with Store.open(db) as s:
        again = s._conn.execute("SELECT band, key FROM lsh_bands b JOIN documents d ON d.id = b.doc "
                                "WHERE d.doc_id = 'b' ORDER BY band").fetchall()
    assert len(keys) == 16 and again == keys


# --- analyst corrections on a report whose document is demoted -------------------

def overridden(store_db, name: str, first: list[Document], correct, then: list[Document]) -> dict[str, object]:
    db = store_db(name)
    ingest(db, first)
    with Store.open(db) as s:
        correct(s)
    ingest(db, then)
    return state(db)


def test_a_merge_naming_a_demoted_head_applies_to_the_new_head(store_db):
    """Two tellings a week apart do not link; the analyst merges them. When
    an earlier copy of one arrives, the merge (recorded against the old
    head's report, and kept as recorded) applies to the new head's report:
    the store ends as if the analyst had merged the new head."""
    late, early = doc("late", KABUL, "2024-05-08", "L"), doc("early", KABUL, "2024-05-07", "E")
    other = doc("w", KABUL_OTHER, "2024-05-15", "W", event_date="2024-05-14")

    def merge(named: str):
        def do(s: Store) -> None:
            ids = {rid: eid for r in s.fusion.rows() for rid in r["report_ids"] for eid in [r["event_id"]]}
            assert len(set(ids.values())) == 2  # apart before the correction
            s.fusion.merge(ids[f"{named}#0"], ids["w#0"], "same bombing")
        return do

    demoted = overridden(store_db, "a", [late, other], merge("late"), [early])
    direct = overridden(store_db, "b", [early, other], merge("early"), [late])
    assert demoted["members"] == direct["members"] and demoted["events"] == direct["events"]
    fused = {rid: eid for rid, eid, _ in demoted["members"] if eid}
    assert set(fused) == {"early#0", "w#0"} and len(set(fused.values())) == 1
    db = store_db("a")
    with Store.open(db) as s:
        kept = s._conn.execute("SELECT kind, a, b FROM fusion_overrides").fetchall()
        assert kept == [("must_link", "late#0", "w#0")]  # as the analyst recorded it
        # a later split of the new head's report withdraws that merge, as for any merge
        event = s.fusion.rows()[0]["event_id"]
        s.fusion.split(event, "early#0", "not the same after all")
        assert s._conn.execute("SELECT kind, a FROM fusion_overrides").fetchall() == [("split", "early#0")]


def test_a_split_naming_a_demoted_near_head_applies_to_its_new_head(store_db):
    """A split recorded on a head's report applies, once its document is a
    near copy, to the report of the same index of its new head."""
    a = doc("a", LONG, "2024-05-08", "A")
    b = doc("b", edit(LONG, 0, 40, "وكذلك"), "2024-05-09", "B")
    w = doc("w", KABUL_OTHER, "2024-05-08", "W")
    db = store_db("m")
    ingest(db, [b, w])
    with Store.open(db) as s:
        (row,) = s.fusion.rows()
        s.fusion.split(row["event_id"], "b#0", "another market")
    ingest(db, [a])  # a ranks first: b becomes its copy; the split applies to a#0
    with Store.open(db) as s:
        groups = sorted(r["report_ids"] for r in s.fusion.rows())
        assert groups == [["a#0"], ["w#0"]]
        assert s._conn.execute("SELECT kind, a FROM fusion_overrides").fetchall() == [("split", "b#0")]


# --- real inputs: copies in the news corpus (../shared) ---------------------------

@pytest.fixture(scope="module")
def corpus_copies(news_dir) -> list[Document]:
    """Articles of the corpus's first two days that are exact or near copies of
    another (as the store would find them: same content hash, or a shared
    band and a similarity at the threshold), whole groups with events, the
    largest first, up to 40 articles, analysed, in file order."""
    from marsad.arabic.normalize import norm
    from marsad.dedup import content_hash, minhash
    from marsad.pipeline import analyse
    from marsad.sources import read_paths

    docs = [d for d in read_paths(sorted(news_dir.glob("*.zip"))[:2]) if isinstance(d, Document)]
    sigs = [minhash.signature(norm(d.text)) for d in docs]
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    buckets: dict[object, list[int]] = {}
    for i, (d, sig) in enumerate(zip(docs, sigs)):
        keys = [("h", content_hash(norm(d.text)))] + ([] if sig is None else list(enumerate(minhash.band_keys(sig))))
        for key in keys:
            for j in buckets.setdefault(key, []):
                if key[0] == "h" or minhash.similarity(sig, sigs[j]) >= minhash.THRESHOLD:
                    parent[find(i)] = find(j)
            buckets[key].append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(docs)):
        groups.setdefault(find(i), []).append(i)
    read = {i: analyse(docs[i]) for g in groups.values() if len(g) > 1 for i in g}
    chosen: list[int] = []
    for members in sorted((g for g in groups.values() if len(g) > 1 and any(read[i].events for i in g)),
                          key=lambda g: (-len(g), g[0])):
        if len(chosen) + len(members) <= 40:
            chosen += members
    return [read[i] for i in sorted(chosen)]


def test_copies_from_the_corpus_end_the_same_in_any_order(store_db, corpus_copies):
    docs = corpus_copies
    orders = [tuple(range(len(docs))), tuple(reversed(range(len(docs))))]
    for seed in (1, 2):
        order = list(range(len(docs)))
        random.Random(seed).shuffle(order)
        orders.append(tuple(order))
    got = same_in_every_order(store_db, docs, orders)
    heads = [d for d, near in got["documents"] if near is None]
    assert got["duplicates"] and len(heads) < len(got["documents"])  # exact and near copies both
    assert any(eid for _, eid, _ in got["members"])  # and fused events
    # first come, first kept would have kept other heads: in reversed order, heads were replaced
    reversed_adds = ingest(store_db("reversed-again"), docs[::-1]).count("added")
    assert reversed_adds > len(heads)
