"""The gate between talk about violence and reports of incidents (issue #4):
stale background, campaigns "since" a date, opinions and calls, reactions
that retell an incident already told, footers and one incident read twice
from one sentence. Every text is illustrative (written for these tests,
fictional but realistic Arabic); each non-event used to be extracted."""
from __future__ import annotations

import pytest

from marsad.model import Document
from marsad.pipeline import analyse

PUBLISHED = "2016-03-10"  # a Thursday


def events(text: str):
    doc = analyse(Document(doc_id="t", source="test", text=text, published=PUBLISHED))
    for e in doc.events:
        for span in e.evidence:
            assert doc.text[span.start:span.end] == span.text
    return doc.events


LEAD = "قال الوزير إن الحكومة ستعيد بناء المدارس في المدينة. "


@pytest.mark.parametrize("text", [
    # a town taken in a month of the year before, no toll: background
    LEAD + "وسيطرت قوات الجيش الليبي على مدينة سرت في أبريل 2015 بعد معارك مع المسلحين.",
    # strikes "since August 2014": a campaign, not one incident
    LEAD + "ويشن التحالف غارات على مواقع التنظيم في العراق منذ أغسطس 2014.",
    # a claim and a call about violence are opinions
    LEAD + "وزعم المتحدث أن سقوط مدينة سرت سببه قصف الطائرات أمس.",
    LEAD + "ودعت الحكومة أمس إلى إبعاد القصف عن مدينة سبها.",
    # a forecast, a country that "suffers from attacks", a match report
    ("ومع تحرير المدينة تبقى شبوة المحافظة الوحيدة التي يسيطر عليها المتمردون، "
     "في وقت يرتقب أن تشهد المحافظة معارك الحسم."),
    "وصل الرئيس أمس إلى نيروبي، وهو بلد يعاني من هجمات تشنها حركة الشباب.",
    "ويبدأ المنتخب السعودي اليوم مشواره في البطولة، ويشهد اليوم الأول مواجهات قوية إضافة إلى لقائي عمان والبحرين.",
])
def test_talk_about_violence_is_not_an_event(text):
    assert events(text) == [], [(e.sub_event_type, e.location, e.event_date) for e in events(text)]


@pytest.mark.parametrize("text, sub_event_type", [
    # an old attack with a toll stays (the seeds retell such attacks with their figures)
    (LEAD + "وكان انتحاري قد فجر نفسه في سوق بمدينة بيشاور في مارس 2015 ما أدى إلى مقتل 20 شخصا.",
     "Suicide bomb"),
    # an old bombing claimed by a named group stays: a group's record (seed gold)
    (LEAD + "وتبنى تنظيم داعش تفجيرا انتحاريا استهدف مسجدا في مدينة بيشاور سنة 2014.", "Suicide bomb"),
    # this month's incident stays
    (LEAD + "وسيطرت قوات الجيش الليبي على مدينة سرت يوم الأحد بعد معارك مع المسلحين.",
     "Government regains territory"),
    # the lead keeps its incident even when a later sentence gives an old date
    (("دخلت قوات الأمن جامعة الأنبار في مدينة الرمادي واشتبكت مع المسلحين داخلها. "
      "وكانت القوات قد أطلقت عملية عسكرية في المحافظة في أبريل 2015."), "Armed clash"),
])
def test_incidents_stay(text, sub_event_type):
    assert [e.sub_event_type for e in events(text)] == [sub_event_type]


def test_a_reaction_that_retells_the_incident_is_not_a_second_event():
    text = ("انفجرت سيارة مفخخة قرب مقر للشرطة في مدينة بنغازي أمس ما أدى إلى مقتل سبعة أشخاص. "
            "واستنكر محافظ مدينة مصراتة التفجير الإرهابي.")
    found = events(text)
    assert [(e.location, e.fatalities) for e in found] == [("Benghazi", 7)]


def test_a_reaction_to_an_incident_not_told_before_stays():
    found = events("استنكر محافظ المدينة التفجير الإرهابي الذي استهدف مقر الشرطة في مدينة بنغازي أمس.")
    assert [e.location for e in found] == ["Benghazi"]


def test_a_footer_repeating_the_headline_is_not_a_second_event():
    text = ("أفاد مصدر في المقاومة اليوم بمقتل 18 مسلحا حوثيا خلال الاشتباكات التي اندلعت في مدينة الضالع "
            "جنوبي اليمن.\nرابط الخبر بصحيفة المثال: مقتل «18» حوثيا وأسر آخرين على يد المقاومة في جنوب اليمن")
    assert [e.location for e in events(text)] == ["Al Dhale"]
    # alone, the footer is the article's only report of the incident and stays
    assert len(events("رابط الخبر بصحيفة المثال: مقتل عشرة مسلحين في اشتباكات بمدينة سرت اليوم")) == 1


def test_one_barrage_told_in_two_clauses_of_one_sentence_is_one_event():
    text = ("وقال المرصد إن قوات النظام قصفت قرى في ريف اللاذقية، "
            "بينما تعرضت قرى أخرى في ريف اللاذقية لقصف من قوات النظام.")
    assert len(events(text)) == 1


def test_a_war_total_is_not_one_incident_toll() -> None:
    """events_toll_limits.tsv: 700 dead in one incident is read as a total
    (of a war, a campaign) and dropped; an ordinary toll in the same sentence
    shape is kept. (Illustrative text.)"""
    shape = "قتل {} شخصا في هجوم شنه مسلحون على سوق في مدينة الموصل يوم الثلاثاء."
    kept = events(shape.format(17))
    assert [e.fatalities for e in kept] == [17]
    assert all(e.fatalities is None for e in events(shape.format(700)))
