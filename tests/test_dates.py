"""find_dates on small sentences written for these tests (fictional events)."""
from __future__ import annotations

import pytest

from marsad.arabic.dates import date_spans, find_dates
from marsad.arabic.normalize import norm
from marsad.arabic.wordlists import WordListError, load_rows

THU = "2021-07-22"  # a Thursday
MON = "2024-03-25"  # a Monday
SUN = "2021-11-07"  # a Sunday
TUE = "2015-08-11"  # a Tuesday


def one(text: str, pub: str | None) -> dict:
    found = find_dates(text, pub)
    assert len(found) == 1, [(m.text, m.value) for m in found]
    m = found[0]
    assert text[m.start:m.end] == m.text
    return {"text": m.text, **m.value}


@pytest.mark.parametrize("text, pub, span, day, precision", [
    # absolute, several month systems and spellings
    ("انفجرت سيارة في 25 مارس 2024 قرب السوق", MON, "في 25 مارس 2024", "2024-03-25", 1),
    ("وصل الوفد الأول من نوفمبر 2021 إلى المدينة", SUN, "الأول من نوفمبر 2021", "2021-11-01", 1),
    ("قصفت الطائرات القرية في 8 مايو (أيار) الماضي", THU, "في 8 مايو (أيار) الماضي", "2021-05-08", 1),
    ("بدأت المحادثات في أيلول/سبتمبر بين الطرفين", THU, "في أيلول/سبتمبر", "2020-09-01", 3),
    ("اندلعت الاشتباكات في أبريل/نيسان الماضي", THU, "في أبريل/نيسان الماضي", "2021-04-01", 3),
    ("هاجم مسلحون الحاجز في مارس (آذار) 2023", MON, "في مارس (آذار) 2023", "2023-03-01", 3),
    ("نشر البيان 07/نوفمبر/2021 مساء", SUN, "07/نوفمبر/2021", "2021-11-07", 1),
    ("وثيقة مؤرخة 2015-07-21 تكشف", TUE, "2015-07-21", "2015-07-21", 1),
    ("وثيقة مؤرخة 21/07/2015 تكشف", TUE, "21/07/2015", "2015-07-21", 1),
    ("سيطر التنظيم على البلدة عام 2019", SUN, "عام 2019", "2019-01-01", 4),
    ("وقع الهجوم سنة 2022 في الشمال", MON, "سنة 2022", "2022-01-01", 4),
    ("في العام 2019، أعلن الجيش النصر", SUN, "في العام 2019", "2019-01-01", 4),
    ("وقع الانفجار في 3 كانون الثاني 2020", SUN, "في 3 كانون الثاني 2020", "2020-01-03", 1),
    ("اعتقل الأمن الخلية في 5 جويلية 2017", SUN, "في 5 جويلية 2017", "2017-07-05", 1),
    ("قتل العشرات في يونيو 2014", TUE, "في يونيو 2014", "2014-06-01", 3),
    ("اقتحم المسلحون المدينة في 10 حزيران/يونيو من العام الماضي", TUE,
     "في 10 حزيران/يونيو من العام الماضي", "2014-06-10", 1),
    ("استولى المسلحون على السجن في 3 يوليو الماضي", TUE, "في 3 يوليو الماضي", "2015-07-03", 1),
    ("ليل الإثنين الأول من نوفمبر 2021 استسلم المقاتلون", SUN, "ليل الإثنين الأول من نوفمبر 2021", "2021-11-01", 1),
    ("عاد اللاجئون الخميس الموافق 6 أغسطس", TUE, "الخميس الموافق 6 أغسطس", "2015-08-06", 1),
    ("أغلق المعبر في الـ3 من أغسطس آب 2015", TUE, "في الـ3 من أغسطس آب 2015", "2015-08-03", 1),
    ("أغلق المعبر في الثالث من آب", TUE, "في الثالث من آب", "2015-08-03", 1),
    ("أغلقت الطرق في الثالث من الشهر الجاري", TUE, "في الثالث من الشهر الجاري", "2015-08-03", 1),
    ("أغلقت الطرق يوم 28 من الشهر الماضي", TUE, "يوم 28 من الشهر الماضي", "2015-07-28", 1),
    # month alone
    ("فجر انتحاري نفسه في يناير الماضي", MON, "في يناير الماضي", "2024-01-01", 3),
    ("هاجم التنظيم تجمعا في يوليو الماضي", MON, "في يوليو الماضي", "2023-07-01", 3),
    ("اغتيل القائد في مارس الماضي", MON, "في مارس الماضي", "2023-03-01", 3),  # same month: last year's
    ("سقطت البلدة في فبراير", MON, "في فبراير", "2024-02-01", 3),
    ("وفي مارس سقطت البلدة", MON, "في مارس", "2024-03-01", 3),  # bare: on or before publication
    ("سقطت البلدة في أغسطس", MON, "في أغسطس", "2023-08-01", 3),
    ("سيطرت الحركة على المدينة منتصف أغسطس الماضي", SUN, "منتصف أغسطس الماضي", "2021-08-01", 3),
    ("انسحبت القوات مطلع يونيو 2015", TUE, "مطلع يونيو 2015", "2015-06-01", 3),
    # relative days
    ("قتل جندي أمس في كمين", TUE, "أمس", "2015-08-10", 1),
    ("قتل جندي اليوم في كمين", TUE, "اليوم", "2015-08-11", 1),
    ("قال المتحدث أمس الاثنين إن", TUE, "أمس الاثنين", "2015-08-10", 1),
    ("أعلن الجيش أمس الأحد عن", TUE, "أمس الأحد", "2015-08-09", 1),  # weekday wins
    ("سقطت قذائف الليلة الماضية على الحي", TUE, "الليلة الماضية", "2015-08-10", 1),
    ("اندلع حريق مساء أمس في المخزن", TUE, "مساء أمس", "2015-08-10", 1),
    ("دوى انفجار فجر اليوم في الميناء", TUE, "فجر اليوم", "2015-08-11", 1),
    ("أدى انفجار أول من أمس إلى مقتل اثنين", TUE, "أول من أمس", "2015-08-09", 1),
    ("أعلن الوزير اليوم (الاثنين) أن", TUE, "اليوم (الاثنين)", "2015-08-10", 1),  # written the day before
    # weekdays
    ("هاجم مسلحون القافلة الجمعة قرب الحدود", MON, "الجمعة", "2024-03-22", 1),
    ("وقع التفجير الخميس الماضي في المسجد", TUE, "الخميس الماضي", "2015-08-06", 1),
    ("شنت الطائرات غارات يوم الثلاثاء الماضي", TUE, "يوم الثلاثاء الماضي", "2015-08-04", 1),
    ("شنت الطائرات غارات يوم الثلاثاء", TUE, "يوم الثلاثاء", "2015-08-11", 1),  # pub's own weekday: that day
    ("شنت الطائرات غارات الثلاثاء الماضي", TUE, "الثلاثاء الماضي", "2015-08-04", 1),  # with الماضي: last week
    ("هاجم مسلحون الحاجز مساء السبت - الأحد", TUE, "مساء السبت - الأحد", "2015-08-08", 1),
    # periods
    ("قتل الصحفي قبل أسبوع في اشتباك", SUN, "قبل أسبوع", "2021-10-31", 2),
    ("اختطف المهندس قبل ثلاثة أيام", TUE, "قبل ثلاثة أيام", "2015-08-08", 1),
    ("اختطف المهندس قبل يومين", TUE, "قبل يومين", "2015-08-09", 1),
    ("اختطف المهندس قبل 4 أيام", TUE, "قبل 4 أيام", "2015-08-07", 1),
    ("تصاعدت الهجمات الأسبوع الماضي", TUE, "الأسبوع الماضي", "2015-08-04", 2),
    ("تصاعدت الهجمات الشهر الماضي", TUE, "الشهر الماضي", "2015-07-01", 3),
    ("تصاعدت الهجمات هذا العام", TUE, "هذا العام", "2015-01-01", 4),
    ("تصاعدت الهجمات خلال العام الجاري", TUE, "العام الجاري", "2015-01-01", 4),
    ("تصاعدت الهجمات العام الماضي", TUE, "العام الماضي", "2014-01-01", 4),
    ("قصفت المدفعية المواقع خلال الساعات الماضية", TUE, "الساعات الماضية", "2015-08-11", 1),
])
def test_resolves(text: str, pub: str, span: str, day: str, precision: int) -> None:
    got = one(text, pub)
    assert (got["text"].strip(), got["date"], got["precision"]) == (span, day, precision)
    assert got["future"] is False


@pytest.mark.parametrize("text, pub, day", [
    ("ستعقد الجولة المقبلة غدا في جنيف", TUE, "2015-08-12"),
    ("يصل الوفد الأسبوع المقبل", TUE, "2015-08-18"),
    ("تبدأ المحادثات في سبتمبر المقبل", TUE, "2015-09-01"),
    ("تبدأ المحادثات في يونيو القادم", TUE, "2016-06-01"),
    ("يعقد المجلس جلسته الأحد المقبل", TUE, "2015-08-16"),
    ("تنطلق الانتخابات في 20 أغسطس 2015", TUE, "2015-08-20"),  # a written date after publication
])
def test_future_is_flagged(text: str, pub: str, day: str) -> None:
    got = one(text, pub)
    assert (got["date"], got["future"]) == (day, True)


def test_same_month_refers_back() -> None:
    text = "انفجرت عبوة في 8 مايو الماضي، وفي الشهر ذاته فجر مسلحون جسرا."
    got = find_dates(text, THU)
    assert [(m.value["date"], m.value["precision"]) for m in got] == [("2021-05-08", 1), ("2021-05-01", 3)]
    assert find_dates("وفي الشهر ذاته فجر مسلحون جسرا", THU) == []  # nothing to refer to


def test_relative_dates_need_a_publication_date() -> None:
    text = "قتل جندي أمس، وفي 3 يوليو 2015 فجر مسلحون جسرا"
    got = find_dates(text, None)
    assert [m.value["date"] for m in got] == ["2015-07-03"]
    assert [m.value["date"] for m in find_dates(text, "2015-07-20")] == ["2015-07-19", "2015-07-03"]


@pytest.mark.parametrize("text", [
    "عين اليوم – متابعات",  # an outlet's name
    "تحتفل البلاد باليوم الوطني",  # "the day", not today
    "يصلي الناس صلاة الجمعة في الجامع",  # a weekly prayer
    "مارس الوزير ضغوطا على النواب",  # مارس as a verb
    "يدفع العامل عشرة ريالات في اليوم",  # "per day"
    "ارتفعت الأسعار في هذه الأيام",
])
def test_not_dates(text: str) -> None:
    assert find_dates(text, TUE) == []


def test_spans_map_back_through_normalisation() -> None:
    text = "وقعَ الهجومُ أمسِ الإثنينِ في المدينة"
    got = one(text, TUE)
    assert got["text"] == "أمسِ الإثنينِ"
    assert got["date"] == "2015-08-10"


def test_mentions_are_in_text_order_and_disjoint() -> None:
    text = "قال المتحدث اليوم إن هجوم الخميس الماضي تلاه قصف في يوليو الماضي، بعد معارك عام 2014."
    got = find_dates(text, TUE)
    assert [m.value["date"] for m in got] == ["2015-08-11", "2015-08-06", "2015-07-01", "2014-01-01"]
    assert all(a.end <= b.start for a, b in zip(got, got[1:]))


def test_date_spans_cover_unresolvable_expressions() -> None:
    nt = norm("قتل 5 أشخاص قبل ثلاثة أيام في 12 مارس")
    spans = [nt[s:e] for s, e in date_spans(nt)]
    assert spans == ["قبل ثلاثه ايام", "في 12 مارس"]


def test_hijri_date_converts() -> None:
    got = one("صدر القرار في 5 شوال 1436هـ", TUE)
    assert got["date"] in ("2015-07-21", "2015-07-22")  # tabular vs Umm al-Qura


def test_bad_word_list_is_a_one_line_error(tmp_path, monkeypatch) -> None:
    import marsad.arabic.wordlists as wl
    (tmp_path / "bad.tsv").write_text("form\tmonth\nيناير\t1\n", encoding="utf-8")
    monkeypatch.setattr(wl, "DATA_DIR", tmp_path)
    with pytest.raises(WordListError, match=r"bad\.tsv: header lacks column\(s\) source"):
        load_rows("bad.tsv", ("form", "month"))


def test_ago_beyond_any_news_year_is_no_date() -> None:
    assert find_dates("عاش الإنسان في هذه الكهوف قبل 10000 عام", TUE) == []
    (m,) = find_dates("وقع الهجوم قبل عامين", TUE)
    assert m.value["date"] == "2013-01-01" and m.value["precision"] == 4


def test_iso_day_reads_the_first_ten_characters_or_gives_none():
    from datetime import date

    from marsad.model import iso_day

    assert iso_day("2015-07-21T10:30:00+03:00") == date(2015, 7, 21)
    assert iso_day(date(2024, 3, 22)) == date(2024, 3, 22)
    for bad in (None, "", "21/07/2015", "2015-13-01", 20150721, "yesterday"):
        assert iso_day(bad) is None, bad
