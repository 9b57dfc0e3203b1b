"""Documents written for the browser tests and the README screenshots, all
fictional (illustrative), none from ../shared:

- a hostile article: markup and script in its text, title, outlet, url, id,
  removed block and every event field a page shows; none of it may ever run
  or become an element;
- two reports of one incident by two outlets that disagree on the toll (the
  event page's contradiction, with Arabic evidence we may show in docs)."""
from __future__ import annotations

from marsad.model import Block, Document, Event, OffsetMap, Segment, Span

HOSTILE_DOC_ID = 'hostile/<svg onload=alert("doc-id")>'
HOSTILE_LEAD = "بغداد - قتل 3 أشخاص وأصيب 5 آخرون في اشتباك مسلح اندلع مساء الخميس في حي الكرادة ببغداد. "
HOSTILE_TEXT = (
    HOSTILE_LEAD + "<script>alert('text')</script> وقال شاهد عيان <img src=x onerror=alert('img')> "
    "إن الاشتباك استمر ساعة. <a href=\"javascript:alert('link')\">اضغط هنا</a> "
    "<iframe srcdoc=\"<script>alert('frame')</script>\"></iframe>"
)
HOSTILE_REMOVED = '<img src=x onerror=alert("removed")>\n'
HOSTILE_ACTOR = '<script>alert("actor")</script>'
HOSTILE_PLACE = '<img src=x onerror=alert("place")>'


def hostile_document() -> Document:
    event = Event(
        "Battles", "Armed clash", "2024-02-01", 1, actor1=HOSTILE_ACTOR, actor2='<b onclick=alert("a2")>x</b>',
        country_code="IQ", admin1="Baghdad", location=HOSTILE_PLACE, latitude=33.31, longitude=44.36,
        geo_precision=1, fatalities=3, fatalities_high=3, injuries=5,
        evidence=[Span(0, len(HOSTILE_TEXT), HOSTILE_TEXT)],
    )
    original = HOSTILE_REMOVED + HOSTILE_TEXT
    return Document(
        doc_id=HOSTILE_DOC_ID, source='<script>alert("source")</script>', text=HOSTILE_TEXT,
        title='<script>alert("title")</script> اشتباك في بغداد', outlet='<b onmouseover=alert("outlet")>Outlet</b> \u202eevil',  # a right-to-left override
        published="2024-02-02", url='javascript:alert("url")', original=original,
        offsets=OffsetMap([Segment(0, len(HOSTILE_REMOVED), len(HOSTILE_TEXT))]),
        removed=[Block("related", 0, len(HOSTILE_REMOVED), HOSTILE_REMOVED)], events=[event],
    )


ILLUSTRATIVE_A = (
    "الموصل - قتل 12 مدنيا وأصيب 20 آخرون في انفجار سيارة مفخخة استهدف سوقا شعبيا في مدينة الموصل "
    "شمالي العراق صباح الثلاثاء، بحسب ما أفاد مصدر أمني.\n\n"
    "وأعلن تنظيم داعش مسؤوليته عن التفجير في بيان نشره على قنواته."
)
ILLUSTRATIVE_B = (
    "ارتفعت حصيلة تفجير السيارة المفخخة في سوق شعبي بمدينة الموصل إلى 15 قتيلا و26 جريحا، "
    "وفق ما أعلنت مصادر طبية يوم الثلاثاء.\n\nوكان تنظيم داعش قد تبنى الهجوم في بيان."
)


def illustrative_reports() -> list[Document]:
    """Two outlets' reports of one (fictional) car bombing: 12 killed and 20
    injured in one, 15 and 26 in the other. Not yet analysed."""
    return [
        Document("illustrative-mosul-a", "illustrative-a.txt", ILLUSTRATIVE_A, title="انفجار سيارة مفخخة في سوق بالموصل",
                 outlet="Example Wire", published="2024-05-14", url="https://example.org/wire/1",
                 original=ILLUSTRATIVE_A),
        Document("illustrative-mosul-b", "illustrative-b.txt", ILLUSTRATIVE_B, title="ارتفاع حصيلة تفجير الموصل",
                 outlet="Example Daily", published="2024-05-14", url="https://example.org/daily/2",
                 original=ILLUSTRATIVE_B),
    ]
