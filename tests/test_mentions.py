"""The mention finder on sentences written for these tests, on the seeds
and on a sample of the news corpus (read in place via the fixtures)."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.arabic.normalize import normalize
from marsad.kb import km
from marsad.kb.places import Place
from marsad.mentions import find_mentions

ISKP = "Islamic State Khorasan Province"


def kinds(text: str, kind: str) -> list[tuple[str, dict]]:
    return [(m.text, m.value) for m in find_mentions(text) if m.kind == kind]


def test_clitics_and_spans():
    text = "وصل الوفد بكابل، ثم التقى والقاعدة ولطالبان ممثلين للتنظيم في قندهار."
    ms = find_mentions(text)
    for m in ms:
        assert text[m.start:m.end] == m.text
    by_text = {m.text: m for m in ms}
    assert by_text["بكابل"].value["name"] == "Kabul"
    assert by_text["والقاعدة"].value["name"] == "Al Qaeda"
    assert by_text["ولطالبان"].value["name"] == "Taliban"
    assert by_text["قندهار"].value["name"] == "Kandahar"


def test_longest_match_and_no_overlap():
    text = "أعلن تنظيم داعش خراسان أنه استهدف قوات الأمن السعودية قرب الحدود."
    ms = find_mentions(text)
    actors = [m for m in ms if m.kind == "actor"]
    assert [m.value["name"] for m in actors] == [ISKP, "Police Forces of Saudi Arabia"]
    spans = sorted((m.start, m.end) for m in ms if m.kind != "person")
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_spans_survive_diacritics_and_tatweel():
    text = "قصفت المقاتـلاتُ التركيةُ مواقعَ حزب العمال الكردستاني."
    ms = find_mentions(text)
    assert {m.value["name"] for m in ms if m.kind == "actor"} == {"Military Forces of Turkey", "PKK"}
    for m in ms:
        assert text[m.start:m.end] == m.text


def test_place_resolved_by_context():
    west_bank = "أحرق مستوطنون منزلا في قرية دوما جنوب نابلس في الضفة الغربية."
    syria = "قصفت قوات النظام السوري مدينة دوما في ريف دمشق."
    assert kinds(west_bank, "place")[1][1]["country_code"] == "PS"
    duma = [v for t, v in kinds(syria, "place") if t == "دوما"]
    assert duma and duma[0]["country_code"] == "SY"


def test_nisba_phrase_selects_the_country():
    (text, value), = [p for p in kinds("وقع انفجار في كرمان الإيرانية مساء أمس.", "place")]
    assert text == "كرمان الإيرانية" and value["country_code"] == "IR"
    places = kinds("قتل خمسة في منطقة باجور الباكستانية.", "place")
    assert places[0][0] == "باجور الباكستانية" and places[0][1]["country_code"] == "PK"


def test_outlets_need_a_cue_when_the_name_is_a_word():
    assert [v["name"] for _, v in kinds("نقلت صحيفة الرياض عن وكالة رويترز.", "outlet")] == [
        "Al-Riyadh", "Reuters"]
    assert kinds("قال مراسل في الرياض اليوم.", "outlet") == []


def test_persons():
    persons = kinds("وقال وزير الدفاع الروسي سيرغي شويغو إن الوضع هادئ.", "person")
    assert persons[0][1] == {"name": "سيرغي شويغو", "role": "Minister of Defence", "affiliation": "Russia"}
    persons = kinds("وأكد الجنرال مارك ميلي ذلك.", "person")
    assert persons[0][1]["name"] == "مارك ميلي"
    persons = kinds("وقال الملا «حامد نور» حاكم ولاية ننغرهار للصحفيين.", "person")
    assert persons[0][1]["name"] == "حامد نور" and persons[0][1]["affiliation"] == "Nangarhar"
    assert kinds("وقال الرئيس إن الاجتماع انتهى.", "person") == []


SEED_PLACES = {  # name -> (lat, lon) of the real place
    "Kabul": (34.53, 69.17), "Kandahar": (31.61, 65.71), "Moscow": (55.75, 37.62),
    "Kerman": (30.28, 57.08), "Peshawar": (34.01, 71.58), "Bajaur": (34.68, 71.50),
    "Nangarhar": (34.3, 70.5),
}


@pytest.fixture(scope="module")
def seed_mentions(seeds_dir: Path):
    return {p.name: find_mentions(p.read_text("utf-8")) for p in sorted(seeds_dir.glob("*.txt"))}


def test_iskp_in_every_seed(seed_mentions):
    spellings = set()
    for name, ms in seed_mentions.items():
        found = [m.text for m in ms if m.kind == "actor" and m.value["name"] == ISKP]
        assert found, name
        spellings.update(found)
    assert len(spellings) >= 4  # the seeds spell it in several ways


def test_seed_places_with_coordinates(seed_mentions):
    places = [m.value for ms in seed_mentions.values() for m in ms if m.kind == "place"]
    for name, (lat, lon) in SEED_PLACES.items():
        hits = [v for v in places if v["name"] == name]
        assert hits, name
        truth = Place("truth", "city", "", None, lat, lon)
        assert all(km(Place(name, "city", "", None, v["lat"], v["lon"]), truth) < 30 for v in hits)


def test_seed_nisba_phrase(seed_mentions):
    nisba = [m for ms in seed_mentions.values() for m in ms
             if m.kind == "place" and len(m.text.split()) == 2 and m.value["name"] in SEED_PLACES]
    assert any(m.value["name"] == "Kerman" and m.value["country_code"] == "IR" for m in nisba)


@pytest.fixture(scope="module")
def corpus_sample(news_dir: Path) -> list[str]:
    path = sorted(news_dir.glob("*.zip"))[0]
    with zipfile.ZipFile(path) as z:
        arts = json.load(z.open(z.namelist()[0]))
    return [a.get("content") or "" for a in arts[:400]]


# Ordinary words that geonames lists as alternate names of some place.
NOT_PLACES = {"مدينة", "المائة", "الخبر", "الجديد", "الشباب", "بأنه", "جامعة", "السلطات", "كلمة",
              "بيان", "الداخلية", "المشاركة", "صاحب", "الإسلامية", "كبيرا", "الحي", "مرات", "باب",
              "فرقة", "الثورة", "البيضاء", "القطاع", "الشرقية", "السورية", "التركية", "بايدن",
              "للحج", "سويا", "بنين", "العمارة", "بحري", "السد"}


def test_no_false_places_in_corpus(corpus_sample):
    seen_places = 0
    for text in corpus_sample:
        for m in find_mentions(text):
            if m.kind == "place":
                seen_places += 1
                assert m.text not in NOT_PLACES, (m.text, m.value)
    assert seen_places > 100  # the sample does name places


def test_expanding_characters_keep_spans_exact():
    text = "İİİ وصل الوفد إلى كابل"
    nz = normalize(text)
    assert len(nz.index) == len(nz.text) + 1
    (m,) = find_mentions(text)
    assert text[m.start:m.end] == "كابل"


def test_phrases_that_contain_a_place_are_not_places():
    text = "فاز ريال مدريد على ضيفه، وعاد اللاعب إلى مسقط رأسه في مدريد."
    assert [t for t, _ in kinds(text, "place")] == ["مدريد"]


def test_coalition_depends_on_the_country_of_the_story():
    yemen = "شنت طائرات التحالف غارات على مواقع في صنعاء."
    iraq = "قصفت طائرات التحالف مواقع قرب الموصل."
    assert [v["name"] for _, v in kinds(yemen, "actor")] == ["Arab Coalition (Saudi-led)"]
    assert [v["name"] for _, v in kinds(iraq, "actor")] == ["International Coalition (US-led)"]
    assert kinds("قال التحالف إن الاجتماع انتهى.", "actor") == []  # no country: no guess
