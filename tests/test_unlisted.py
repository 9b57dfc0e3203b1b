"""Towns no table lists, read by their consonants after a place noun
(`marsad.mentions.unlisted`). The sentences are illustrative, written for
these tests."""
from __future__ import annotations

import pytest

from marsad.arabic.normalize import norm
from marsad.mentions import find_mentions
from marsad.mentions.unlisted import arabic_skeleton, latin_skeleton, towns


def _unlisted(text: str) -> list:
    return [m for m in find_mentions(text) if m.found_by == "transliteration"]


@pytest.mark.parametrize("arabic, latin", [
    ("بولي علم", "Pul-e ‘Alam"),   # two words, ayn in the Latin name
    ("المكلا", "Mukalla"),         # the article, a doubled consonant
    ("براكي براك", "Baraki Barak"),
    ("قندهار", "Kandahar"),        # ق for k
    ("الميادين", "Al Mayadin"),    # the Latin article written as a word of its own
    ("السخنة", "as-Sukhnah"),
])
def test_arabic_and_latin_spellings_reduce_to_the_same_consonants(arabic, latin):
    assert arabic_skeleton(norm(arabic).split()) == latin_skeleton(latin)


def test_different_names_do_not_reduce_alike():
    assert arabic_skeleton(["كابل"]) != latin_skeleton("Kandahar")
    assert latin_skeleton("Ɣ") == ""  # a letter the table does not know gives no reading


def test_a_district_no_table_spells_so_is_found_after_a_place_noun():
    text = "انفجرت عبوة ناسفة في مديرية براكي براك بولاية لوغار الأفغانية صباح اليوم."
    [m] = _unlisted(text)
    assert m.value["name"] == "Baraki Barak"
    assert m.value["country_code"] == "AF" and m.value["admin1"] == "Logar"
    assert text[m.start:m.end] == m.text == "براكي براك"
    assert abs(m.value["lat"] - 34.0) < 0.3 and abs(m.value["lon"] - 68.9) < 0.3


def test_nothing_without_a_place_noun_or_a_country_in_context():
    assert not _unlisted("انفجرت عبوة ناسفة قرب براكي براك بولاية لوغار الأفغانية.")  # no place noun before it
    assert not _unlisted("انفجرت عبوة ناسفة في مديرية براكي براك صباح اليوم.")  # no country anywhere


def test_ordinary_words_after_a_place_noun_are_not_towns():
    assert not _unlisted("طالبت تركيا بإقامة منطقة حظر طيران في شمال سوريا.")
    assert not _unlisted("انسحب المسلحون إلى منطقة يسيطرون عليها في ولاية لوغار الأفغانية.")
    assert not _unlisted("قتل جنديان في منطقة جبلية شمال غرب باكستان.")


def test_the_table_is_keyed_by_country_and_consonants():
    table = towns()
    assert any(p.name == "Baraki Barak" for p in table[("AF", latin_skeleton("Baraki Barak"))])
    assert all(len(key) >= 4 for _code, key in table)
