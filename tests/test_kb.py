"""The knowledge base: alias lookup, composed state actors, places, outlets,
and clear errors for broken tables."""
from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from marsad.kb import DATA_DIR, KbDataError, build, km, load
from marsad.kb.places import Place

ISKP = "Islamic State Khorasan Province"


@pytest.fixture(scope="module")
def kb():
    return load()


@pytest.mark.parametrize("alias", [
    "ISKP", "ISIS-K", "IS-K", "isis k", "ISIL-K", "Islamic State Khorasan Province",
    "داعش خراسان", "داعش-خراسان", "داعش خرسان", "ولاية خراسان", "تنظيم الدولة - ولاية خراسان",
    "تنظيم داعش خراسان", "«داعش» خراسان", "لداعش خراسان",
])
def test_iskp_aliases(kb, alias):
    assert kb.canonical_actor(alias) == ISKP


@pytest.mark.parametrize("alias,canon", [
    ("داعش", "Islamic State"), ("الدواعش", "Islamic State"), ("تنظيم الدولة", "Islamic State"),
    ("ISIS", "Islamic State"), ("Arab Coalition", "Arab Coalition (Saudi-led)"),
    ("التحالف العربي", "Arab Coalition (Saudi-led)"), ("الحوثيين", "Houthis (Ansar Allah)"),
    ("أنصار الله", "Houthis (Ansar Allah)"), ("لطالبان", "Taliban"), ("والقاعدة", "Al Qaeda"),
    ("حزب العمال الكردستاني", "PKK"), ("البيشمركة", "Peshmerga (Kurdistan Regional Government)"),
    ("المستوطنين", "Settlers (Israel)"), ("طالبان باكستان", "Tehreek-e-Taliban Pakistan"),
    ("TTP", "Tehreek-e-Taliban Pakistan"), ("الشباب", "Al Shabaab"),
    ("المقاومة الشعبية", "Popular Resistance (Yemen)"), ("قوات النظام", "Military Forces of Syria"),
])
def test_named_aliases(kb, alias, canon):
    assert kb.canonical_actor(alias) == canon


@pytest.mark.parametrize("alias,canon", [
    ("الجيش التركي", "Military Forces of Turkey"), ("القوات التركية", "Military Forces of Turkey"),
    ("قوات الأمن السعودية", "Police Forces of Saudi Arabia"),
    ("الشرطة الأفغانية", "Police Forces of Afghanistan"),
    ("الطيران الروسي", "Military Forces of Russia"), ("مدنيين عراقيين", "Civilians (Iraq)"),
    ("الجنود الأتراك", "Military Forces of Turkey"), ("Turkish army", "Military Forces of Turkey"),
    ("Military Forces of Turkey", "Military Forces of Turkey"), ("civilians (iraq)", "Civilians (Iraq)"),
    ("Military Forces of Yemen (Pro-Hadi)", "Military Forces of Yemen (Pro-Hadi)"),
    ("Civilians (International)", "Civilians (International)"),
])
def test_composed_state_actors(kb, alias, canon):
    assert kb.canonical_actor(alias) == canon


@pytest.mark.parametrize("name", ["", "  ", "Military Forces of Atlantis", "مطعم", "ISIS-Q"])
def test_unknown_names_are_none(kb, name):
    assert kb.canonical_actor(name) is None


def test_actor_entry_has_type_and_country(kb):
    assert kb.actor("طالبان").country == "AF"
    assert kb.actor("الجيش التركي").type == "state_military"
    assert kb.actor("ISIS-K").source  # every entry says where it comes from


@pytest.mark.parametrize("name,truth", [
    ("كابل", (34.53, 69.17)), ("كابول", (34.53, 69.17)), ("قندهار", (31.61, 65.71)),
    ("موسكو", (55.75, 37.62)), ("كرمان", (30.28, 57.08)), ("بيشاور", (34.01, 71.58)),
    ("باجور", (34.68, 71.50)), ("ننغرهار", (34.3, 70.5)), ("ننجرهار", (34.3, 70.5)),
    ("هبهب", (33.8, 44.52)), ("كفري", (34.69, 44.97)), ("سروج", (36.98, 38.43)),
    ("كيليس", (36.72, 37.12)), ("مديات", (37.42, 41.34)), ("تدمر", (34.56, 38.27)),
    ("بعقوبة", (33.75, 44.62)), ("سوسة", (35.83, 10.64)), ("أبها", (18.22, 42.51)),
])
def test_places_have_coordinates(kb, name, truth):
    cands = kb.find_places(name)
    assert cands, name
    ref = Place("truth", "city", "", None, *truth)
    assert min(km(p, ref) for p in cands) < 30


def test_spelling_variants_are_one_place(kb):
    for a, b in [("ساري بول", "سرپل"), ("باغلان", "بغلان"), ("بكتيا", "باكيتا"), ("كلس", "كيليس")]:
        assert {p.name for p in kb.find_places(a)} & {p.name for p in kb.find_places(b)}, (a, b)


def test_outlets(kb):
    assert kb.canonical_outlet("aawsat") == "Asharq Al-Awsat"
    assert kb.canonical_outlet("وول ستريت") == "Wall Street Journal"
    assert kb.canonical_outlet("أ ف ب") == "Agence France-Presse"
    assert kb.canonical_outlet("واس") == "Saudi Press Agency"
    assert kb.canonical_outlet("no such paper") is None


def _copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def test_broken_row_gives_one_line_error(tmp_path):
    data = _copy_data(tmp_path)
    with (data / "actors.tsv").open("a", encoding="utf-8") as f:
        f.write("Broken Group\tgroup\n")
    with pytest.raises(KbDataError) as err:
        build(data)
    msg = str(err.value)
    assert "actors.tsv:" in msg and "cells" in msg and "\n" not in msg


def test_alias_naming_two_actors_is_an_error(tmp_path):
    data = _copy_data(tmp_path)
    with (data / "actors.tsv").open("a", encoding="utf-8") as f:
        f.write("Fake Group\tgroup\t\tطالبان\t\t\tmy test\n")
    with pytest.raises(KbDataError, match="already names 'Taliban'"):
        build(data)


def test_missing_table_is_named(tmp_path):
    data = _copy_data(tmp_path)
    (data / "outlets.tsv").unlink()
    with pytest.raises(KbDataError, match="outlets.tsv: data table is missing"):
        build(data)


def test_branch_table_is_one_relation_for_every_stage(tmp_path):
    """actor_branches.tsv is the one list of branches: the event rules, the
    claims, merging and fusion read it (no name-prefix test)."""
    from marsad.events import merge
    from marsad.fusion import knowledge

    kb = build()
    assert kb.actors.parent("Islamic State Khorasan Province") == "Islamic State"
    assert kb.actors.parent("Hezbollah al-Hejaz") is None  # a name that begins like another is no branch
    assert knowledge.actor_relation("Al Qaeda in the Arabian Peninsula", "Al Qaeda") == "branch"
    assert knowledge.actor_relation("Hezbollah al-Hejaz", "Hezbollah") != "branch"

    def draft(name: str) -> SimpleNamespace:
        return SimpleNamespace(actor1=SimpleNamespace(name=name, type="group"))

    assert merge._actors_ok(draft("Islamic State"), draft("Islamic State Khorasan Province"))
    assert not merge._actors_ok(draft("Hezbollah"), draft("Hezbollah al-Hejaz"))
    assert not merge._actors_ok(draft("Islamic State"), draft("Al Qaeda"))
    data = _copy_data(tmp_path)
    with (data / "actor_branches.tsv").open("a", encoding="utf-8") as f:
        f.write("Nobody Front\tIslamic State\t\tmy test\n")
    with pytest.raises(KbDataError, match="'Nobody Front' is not in actors.tsv"):
        build(data)


def test_event_types_are_one_table_that_the_triggers_keep_to():
    """event_types.tsv is ACLED's type list for scoring, export and fusion;
    every trigger codes a sub-event type of it, under its own event type."""
    from marsad.kb.tables import read_tsv

    types = load().event_types
    assert len(types.subs) == 25 and len(types.event_types) == 6
    assert types.disorder_type("Protests", None) == "Demonstrations"  # what its sub-event types share
    assert types.disorder_type("Riots", "Mob violence") == "Political violence; Demonstrations"
    assert types.disorder_type("Bogus", None) == ""
    for row in read_tsv("triggers.tsv", ("phrase", "event_type", "sub_event_type")):
        assert types.event_type_of(row["sub_event_type"]) == row["event_type"], row["_where"]


def test_event_rule_words_come_from_their_table():
    """The words the event rules read by their use are the table's, normalised
    (على → علي)."""
    from marsad.events import lexicon

    w = lexicon.words()
    assert "علي" in w.target_cues and "علي" in w.target_heads and w.anaphors["الجماعه"] == "group"
    assert "عام " in w.age_words and "اعوام" in w.age_prefixes
