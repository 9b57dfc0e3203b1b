"""Quotations and reported speech (marsad.statements): speakers with roles,
verbs, content, dates, chains of attribution, claims and denials linked to
events, statistics kept as figures; read once by the pipeline (`doc.said`),
written by `marsad extract` and stored, not re-read, by the store.

The Arabic sentences below are illustrative, written for these tests
(fictional people and incidents); the seed checks read ../shared in place.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from marsad.arabic.normalize import norm
from marsad.cli import main
from marsad.model import Document
from marsad.pipeline import analyse, said_in_stored
from marsad.sources import read_paths
from marsad.statements import find_figures
from marsad.store import Store


def _read(text: str, outlet: str = "Al Arabiya", published: str = "2015-07-22"):
    doc = analyse(Document(doc_id="t", source="t.txt", text=text, original=text, outlet=outlet,
                           published=published))
    return doc, doc.said.statements


def _persons(statements):
    return {s.speaker.name: s.speaker for s in statements if s.speaker and s.speaker.kind == "person"}


def test_role_after_the_name_and_the_date_between_commas():
    _, sts = _read("قال العميد سامي الراشد، قائد شرطة المدينة، الأربعاء، إن المسلحين فروا باتجاه الحدود.")
    st = sts[0]
    assert st.speaker.name == "سامي الراشد"
    assert st.speaker.role == "Police chief" and st.speaker.title == "Brigadier"
    assert st.speaker.role_text.startswith("قائد شرطة")
    assert st.content.text.startswith("المسلحين فروا")
    assert (st.date, st.date_from) == ("2015-07-22", "text")  # the Wednesday of the publication week
    assert st.kind == "say"


def test_name_then_role_then_verb_and_the_surname_later():
    text = ("هاني سالم، الباحث في مركز الدراسات الأمنية، قال إن الجماعة فقدت معظم قادتها. "
            "وأضاف سالم أن التمويل تراجع كثيرا.")
    _, sts = _read(text)
    assert [s.speaker.name for s in sts] == ["هاني سالم", "هاني سالم"]
    assert sts[0].speaker.role == "Researcher"
    assert sts[1].speaker.resolved_by == "surname"
    assert sts[1].content.text.startswith("التمويل تراجع")


def test_quoted_name_after_a_role_phrase_and_the_outlet_spoken_to():
    text = "وكشف القيادي السابق في الجماعة، «أبو خالد»، لـ(العربية)، أن عشرات المقاتلين غادروا المدينة."
    _, sts = _read(text)
    sp = sts[0].speaker
    assert (sp.name, sp.role) == ("أبو خالد", "Leader")
    assert sts[0].kind == "reveal"
    assert [link["name"] for link in sts[0].chain] == ["Al Arabiya", "أبو خالد"]


def test_a_report_relaying_unnamed_officials_gives_a_three_link_chain():
    text = ("ونقلت صحيفة نيويورك تايمز عن مسؤولين أمنيين، أن الجماعة تعيد بناء صفوفها. "
            "وأشار المسؤولون إلى أن الخطر ما زال قائما.")
    _, sts = _read(text)
    assert [link["name"] for link in sts[0].chain] == ["Al Arabiya", "New York Times", "مسؤولين أمنيين"]
    assert sts[1].speaker.resolved_by == "anaphor"  # المسؤولون: the officials named before
    assert [link["name"] for link in sts[1].chain] == [link["name"] for link in sts[0].chain]


def test_an_attribution_cue_at_the_end_names_the_source_of_its_clause():
    _, sts = _read("وسقطت قذائف على السوق المركزي صباح اليوم، وفق وكالة فرانس برس.")
    st = sts[0]
    assert (st.kind, st.speaker.kind, st.speaker.name) == ("according", "outlet", "Agence France-Presse")
    assert st.content.text.startswith("وسقطت قذائف")


def test_claim_of_responsibility_is_a_statement_linked_to_its_event():
    doc, sts = _read("أعلن تنظيم داعش مسؤوليته عن تفجير سيارة مفخخة في بغداد أمس أسفر عن مقتل خمسة أشخاص.")
    claims = [s for s in sts if s.kind == "claim"]
    assert len(claims) == 1
    assert claims[0].speaker.name == "Islamic State"
    assert claims[0].event_indexes and doc.events[claims[0].event_indexes[0]].responsibility == "claimed"


def test_denial_is_a_statement_of_kind_deny_and_the_noun_is_not_a_verb():
    _, sts = _read("نفت حركة طالبان التقارير التي تحدثت عن مقتل قائدها. وهذا النفي دفع الحكومة إلى نفي الخبر أيضا.")
    assert [(s.kind, s.speaker.name) for s in sts] == [("deny", "Taliban")]
    assert sts[0].content.text.startswith("التقارير")


def test_a_participle_continues_the_previous_speaker():
    _, sts = _read("قال الخبير العسكري وليد حمدان إن الهجوم كان متوقعا، مضيفا أن الدفاعات كانت ضعيفة.")
    assert [s.speaker.name for s in sts] == ["وليد حمدان", "وليد حمدان"]
    assert sts[1].speaker.resolved_by == "continuation"
    assert sts[0].content.text.endswith("كان متوقعا")  # cut before the next statement of the sentence


def test_a_verb_without_subject_continues_but_a_passive_has_no_speaker():
    text = ("قال وزير الداخلية سامي الراشد إن الحدود مغلقة. وأكد أن الدوريات زادت. "
            "ويُعتقد أن المهربين غيروا طرقهم.")
    _, sts = _read(text)
    assert [(s.verb, s.speaker.name if s.speaker else None) for s in sts] == [
        ("قال", "سامي الراشد"), ("وأكد", "سامي الراشد"), ("ويُعتقد", None)]
    assert sts[0].speaker.role == "Minister of Interior"


def test_percentages_are_sourced_figures_not_events():
    doc, sts = _read("ووثقت الأمم المتحدة ارتفاع الخسائر، إذ تعزى 40% من الضحايا المدنيين هذا العام إلى القصف.")
    figures = find_figures(doc.text, doc.mentions, sts, doc.events, doc.published)
    assert [(f.low, f.unit) for f in figures] == [(40, "percent")]
    assert figures[0].speaker.name == "United Nations"
    assert figures[0].scope.text.startswith("40% من الضحايا")
    assert not doc.events


def test_statements_round_trip_through_json():
    _, sts = _read("قال العميد سامي الراشد، قائد شرطة المدينة، إن الوضع تحت السيطرة.")
    from marsad.statements import Statement

    again = Statement.from_dict(json.loads(json.dumps(sts[0].to_dict(), ensure_ascii=False)))
    assert again == sts[0]


# -- the seeds: named speakers counted by hand (docs/evaluation.md) -------------

# Every person the five articles name as saying, writing or announcing
# something, with a word of the role the article gives them (hand count).
SEED_SPEAKERS = {
    "000_d041b3426aa8a2fb.txt": {"أبو البراء": "الشرعي", "سيرغي شويغو": "وزير الدفاع"},
    "001_b0b29bad66fbc341.txt": {"أسفنديار مير": "الخبير"},
    "002_9ced5a4b1b32ac4e.txt": {"مارك ميلي": "رئيس أركان", "دانيال بايمان": "الخبير", "أحمد بان": "الباحث"},
    "003_e168696b3d69da11.txt": {"رحمة الله نبيل": "الرئيس السابق", "مولوي الزبير": "قادة طالبان",
                                 "ندا محمد": "حاكم ولاية"},
    "004_09a4258c08e6388d.txt": {"جواد إقبال": "الزميل", "مايكل كوريلا": "قائد القيادة"},
}


@pytest.fixture(scope="module")
def seed_statements(seeds_dir):
    out = {}
    for doc in read_paths([seeds_dir / "seeds.jsonl"]):
        out[doc.doc_id] = analyse(doc).said.statements
    return out


def test_seed_named_speakers_found_with_their_roles(seed_statements):
    expected = sum(len(v) for v in SEED_SPEAKERS.values())
    found, extra = 0, []
    for doc_id, speakers in SEED_SPEAKERS.items():
        persons = _persons(seed_statements[doc_id])
        for name, role_word in speakers.items():
            sp = persons.get(name)
            if sp is not None and sp.role and norm(role_word) in norm(sp.role_text or ""):
                found += 1
        extra += [n for n in persons if n not in speakers]
    assert found / expected >= 0.9, f"{found}/{expected} named speakers found with their role"
    assert not extra, f"person speakers that are no one: {extra}"


def test_seed_chains_of_attribution(seed_statements):
    chains = {tuple(link["name"] for link in s.chain) for sts in seed_statements.values() for s in sts}
    assert ("24.ae", "The Spectator", "جواد إقبال") in chains
    assert ("Alhurra", "New York Times", "United Nations") in chains  # ...، نقلا عن بعثة الأمم المتحدة
    assert ("Alhurra", "CNN", "مسؤولين في الاستخبارات الأميركية") in chains


def test_seed_claims_and_denials(seed_statements):
    claims = [s for sts in seed_statements.values() for s in sts if s.kind == "claim"]
    assert claims and all(s.speaker and s.speaker.name == "Islamic State Khorasan Province" for s in claims)
    assert all(s.event_indexes for s in claims if s.evidence.text.startswith(("ثم جاء", "كما أعلنت")))
    denials = [s for s in seed_statements["003_e168696b3d69da11.txt"] if s.kind == "deny"]
    assert [s.speaker.name for s in denials] == ["Taliban"]


# Illustrative, fictional reports.
_SAID = "قال العميد سامي الراشد، قائد شرطة المدينة، الأربعاء، إن المسلحين فروا باتجاه الحدود."
_DENIED = "نفت حركة طالبان في بيان الخميس أي صلة لها بالهجوم على نقطة التفتيش، وقال المتحدث باسمها إن الحركة لا تستهدف المدنيين."


def test_extract_records_carry_the_documents_statements(tmp_path):
    line = {"id": "illus-1", "content": _SAID, "date": "2015-07-22", "source": "Al Arabiya"}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", "-q", str(path)])
    assert r.exit_code == 0, r.output
    record = json.loads(r.output)
    [st] = record["statements"]
    assert (st["verb"], st["speaker"]["name"], st["speaker"]["role"]) == ("قال", "سامي الراشد", "Police chief")
    assert record["text"][st["content"]["start"]:st["content"]["end"]] == st["content"]["text"]
    assert st["content"]["text"].startswith("المسلحين فروا") and st["date"] == "2015-07-22"
    assert [link["name"] for link in st["chain"]] == ["Al Arabiya", "سامي الراشد"]


def _stored(store, doc_id):
    return [s.to_dict() for s in store.statements.statements(doc_id)]


def test_the_store_writes_what_the_pipeline_read_and_reads_nothing_itself(store_db):
    def doc(doc_id, text):
        return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, original=text, outlet="Al Arabiya",
                        published="2015-07-23")

    analysed = analyse(doc("a", _DENIED))
    assert [s.kind for s in analysed.said.statements][:1] == ["deny"]
    with Store.open(store_db("said")) as store:
        store.add(analysed)
        store.add(doc("b", _SAID))  # not analysed: stored, not read for statements
        assert _stored(store, "a") == [s.to_dict() for s in analysed.said.statements]
        assert store.statements.missing() == ["b"] and _stored(store, "b") == []
        assert store.statements.backfill(store.get, said_in_stored) == 1
        assert _stored(store, "b") == [s.to_dict() for s in analyse(doc("b", _SAID)).said.statements]
        assert store.statements.missing() == []
