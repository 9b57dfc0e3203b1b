"""find_numbers on small sentences written for these tests (fictional events)."""
from __future__ import annotations

import pytest

from marsad.arabic.numbers import find_numbers


def figures(text: str) -> list[tuple]:
    out = []
    for m in find_numbers(text):
        assert text[m.start:m.end] == m.text
        v = m.value
        out.append((m.text, v["low"], v["high"], v["qualifier"], v["vague"]))
    return out


def lows(text: str) -> list[int | None]:
    return [m.value["low"] for m in find_numbers(text)]


@pytest.mark.parametrize("text, expected", [
    # digits in three scripts, thousands separators, clitics
    ("قتل 25 شخصا", [25]),
    ("قتل ٢٥ شخصا", [25]),
    ("قتل ۲۵ شخصا", [25]),
    ("نزح 2,500 شخص", [2500]),
    ("نزح 2.500 شخص", [2500]),
    ("نزح ٢٬٥٠٠ شخص", [2500]),
    ("نزح 2500 شخص", [2500]),
    ("قصفت المدينة بـ150 صاروخا", [150]),
    ("حكم عليه لـ3 سنوات", [3]),
    ("نزح 1.5 مليون شخص", [1500000]),
    # words: gender, case, compounds
    ("قتل واحد وجرحت واحدة", [1, 1]),
    ("قتل اثنان وأصيب اثنين وجرحت اثنتان", [2, 2, 2]),
    ("قتل ثلاثة جنود وثلاث نساء", [3, 3]),
    ("قتل ثمانية وأصيب عشر", [8, 10]),
    ("قتل أحد عشر جنديا", [11]),
    ("قتلت إحدى عشرة امرأة", [11]),
    ("قتل اثنا عشر وجرح اثنتي عشرة", [12, 12]),
    ("قتل خمسة عشر مسلحا", [15]),
    ("قتل تسعة عشر مسلحا", [19]),
    ("قتل عشرون وجرح تسعين", [20, 90]),
    ("قتل ثلاثة وعشرون مدنيا", [23]),
    ("قتل خمس وأربعين امرأة", [45]),
    ("اعتقل مئة شخص ومائة آخرون", [100, 100]),
    ("اعتقل مئتان ومئتين ومائتي شخص", [200, 200, 200]),
    ("اعتقل ثلاثمائة شخص", [300]),
    ("اعتقل ثلاث مئة شخص", [300]),
    ("اعتقل مئة وخمسون شخصا", [150]),
    ("نزح ألف شخص ثم ألفان", [1000, 2000]),
    ("نزح ألفين", [2000]),
    ("نزح ثلاثة آلاف شخص", [3000]),
    ("نزح عشرون ألفا", [20000]),
    ("نزح مليون شخص", [1000000]),
    ("نزح 3 آلاف شخص", [3000]),
    ("نزح مئتين وأربعة وثلاثين شخصا", [234]),
    ("نزح ألفان وخمسمائة", [2500]),
    ("نزح مليون وثلاثمائة ألف", [1300000]),
    ("قتل ثلاثة ومئتان", [3, 200]),  # not 203: units never precede hundreds
    # Monday is not "two"; "one of" is not a figure
    ("وقع الهجوم يوم الاثنين", []),
    ("قتل أحد الجنود", []),
    ("لست أدري", []),
])
def test_values(text: str, expected: list[int]) -> None:
    assert lows(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("قتل العشرات في القصف", ("العشرات", 10, None, None, True)),
    ("أصيب عشرات المدنيين", ("عشرات", 10, None, None, True)),
    ("فر مئات الأشخاص", ("مئات", 100, None, None, True)),
    ("فر المئات", ("المئات", 100, None, None, True)),
    ("فر آلاف الأشخاص", ("آلاف", 1000, None, None, True)),
    ("فر عشرات الآلاف", ("عشرات الآلاف", 10000, None, None, True)),
    ("قتل بضعة جنود", ("بضعة", 3, None, None, True)),
    ("قتل أكثر من 50 شخصا", ("أكثر من 50", 50, None, "more_than", False)),
    ("قتل ما يزيد على 40 شخصا", ("ما يزيد على 40", 40, None, "more_than", False)),
    ("قتل ما يربو على 30 شخصا", ("ما يربو على 30", 30, None, "more_than", False)),
    ("قتل ما لا يقل عن 84 شخصا", ("ما لا يقل عن 84", 84, None, "at_least", False)),
    ("قتل 133 شخصا على الأقل", ("133 شخصا على الأقل", 133, None, "at_least", False)),
    ("قتل نحو 20 مسلحا", ("نحو 20", 20, None, "approx", False)),
    ("قتل قرابة ثلاثين مسلحا", ("قرابة ثلاثين", 30, None, "approx", False)),
    ("قتل حوالي 12 مسلحا", ("حوالي 12", 12, None, "approx", False)),
    ("قتل زهاء 70 مسلحا", ("زهاء 70", 70, None, "approx", False)),
    ("قتل ما يقارب 60 مسلحا", ("ما يقارب 60", 60, None, "approx", False)),
    ("قتل 60 مسلحا تقريبا", ("60 مسلحا تقريبا", 60, None, "approx", False)),
    ("قتل ما بين 10 إلى 15 شخصا", ("ما بين 10 إلى 15", 10, 15, "range", False)),
    ("قتل بين 10 و15 شخصا", ("بين 10 و15", 10, 15, "range", False)),
    ("قتل 10 إلى 15 شخصا", ("10 إلى 15", 10, 15, "range", False)),
    ("قتل ثلاثة أو أربعة جنود", ("ثلاثة أو أربعة", 3, 4, "range", False)),
    ("قتل أقل من 10 أشخاص", ("أقل من 10", None, 10, "less_than", False)),
])
def test_qualifiers_and_vague_words(text: str, expected: tuple) -> None:
    assert figures(text) == [expected]


def test_and_between_counts_is_not_a_range() -> None:
    assert lows("قتل 5 وأصيب 10") == [5, 10]
    assert lows("قتل خمسة وأصيب ستة") == [5, 6]
    assert lows("استشهد 11 رجل أمن وأربعة مقيمين") == [11, 4]


def test_percent_is_marked() -> None:
    got = find_numbers("ارتفعت النسبة إلى 64% ثم 12 في المئة")
    assert [(m.value["low"], m.value.get("unit")) for m in got] == [(64, "percent"), (12, "percent")]
    assert find_numbers("قتل 64 شخصا")[0].value.get("unit") is None


@pytest.mark.parametrize("text", [
    "الأحد 07/نوفمبر/2021 - 02:51 م",
    "وقع ذلك في 8 مايو 2021",
    "وقع ذلك عام 2019 وفي 2014",
    "خلال عامي 2014 و2015 وموسم 2015/2016",
    "وصل الساعة 9 صباحا",
    "وصل في العاشرة و 15 دقيقة 10:15",
    "قتل جندي قبل ثلاثة أيام",
    "عدد من القتلى وعدة جرحى",
    "صدر في 1436هـ",
    "هاجموا القرية حوالى الساعة التاسعة (08،00 تغ)",
])
def test_dates_times_and_no_figures_are_not_numbers(text: str) -> None:
    assert [m.text for m in find_numbers(text) if m.text not in ("15",)] == []


def test_year_shaped_count_is_kept_without_year_context() -> None:
    assert lows("نزح 2000 شخص") == [2000]


def test_spans_are_in_text_order_and_include_diacritics() -> None:
    text = "قُتِلَ ثلاثةٌ وعشرونَ مدنيًا وأُصيبَ أكثرُ من 40"
    got = find_numbers(text)
    assert [m.text for m in got] == ["ثلاثةٌ وعشرونَ", "أكثرُ من 40"]
    assert [m.value["low"] for m in got] == [23, 40]
