"""Cleaning: boilerplate out of real pages (the seeds), exact offsets, and the
rules on small articles written for these tests (fictional, illustrative)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from marsad.clean import clean
from marsad.clean.lines import split_lines
from marsad.clean.rules import MATCHES, SCOPES, TABLE, load_rules

ALLOWED_KINDS = {"masthead", "ad", "print", "byline", "dateline", "repeated_title", "caption",
                 "newsletter", "keywords", "credited_source", "related", "wire_end"}


def seed(seeds_dir: Path, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def nonblank_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def assert_exact_offsets(original: str, cleaned) -> None:
    for i, ch in enumerate(cleaned.text):
        assert ch == original[cleaned.offsets.to_original(i)], i


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


def test_every_seed_maps_every_clean_character_back_exactly(seeds):
    assert len(seeds) == 5
    for original in seeds.values():
        c = clean(original)
        assert c.text and c.text == c.text.strip()
        assert_exact_offsets(original, c)
        for block in c.removed:
            assert block.kind in ALLOWED_KINDS
            assert original[block.orig_start:block.orig_end] == block.text


def test_seed_000_keeps_one_headline_and_drops_the_newsletter_call(seeds):
    original = seeds["000"]
    c = clean(original)
    headline = nonblank_lines(original)[0]
    assert c.title == headline
    assert c.text.startswith(headline) and c.text.count(headline) == 1
    for line in nonblank_lines(original)[-2:]:  # the two newsletter lines at the end
        assert line not in c.text
    assert {b.kind for b in c.removed} == {"repeated_title", "newsletter"}


def test_seed_001_loses_everything_after_its_related_marker(seeds):
    original = seeds["001"]
    c = clean(original)
    marker = original.index("إقرأ أيضاً")
    after = nonblank_lines(original[marker:])
    assert len(after) > 10  # an unrelated article and a bullet list of headlines
    for line in after:
        assert line not in c.text
    for label in ("المصدر:", "كلمات دلالية", "مقالات مشابهة", "•"):
        assert label not in c.text
    source_line = next(ln for ln in nonblank_lines(original) if ln.startswith("المصدر:"))
    assert c.credited_source == source_line.split(":", 1)[1].strip()
    # the story itself, up to the credited-source line, is all there
    for line in nonblank_lines(original[:original.index(source_line)]):
        assert line in c.text
    assert c.title is None  # the text starts with its first paragraph


def test_seed_002_drops_masthead_and_double_caption(seeds):
    original = seeds["002"]
    c = clean(original)
    lines = nonblank_lines(original)
    assert lines[0] not in c.text and lines[1] not in c.text.split("\n")
    assert c.title == lines[2]
    assert c.text.startswith(lines[2])
    caption = lines[3]
    assert lines[4] == caption and caption not in c.text.split("\n")
    assert [b.kind for b in c.removed] == ["masthead", "caption"]


def test_seed_003_header_footer_and_headline_fragments(seeds):
    original = seeds["003"]
    c = clean(original)
    assert c.header_date == "2021-11-07"
    kept = set(c.text.split("\n"))
    lines = nonblank_lines(original)
    headline = lines[3]
    assert c.title == headline and c.text.startswith(headline)
    # masthead, ads, dateline, outlet, author, print button: all of the header but the headline
    for line in lines[:3] + lines[4:8]:
        assert line not in kept, line
    fragment = next(ln for ln in lines[9:] if ln.endswith("..") and headline.startswith(ln[:-2]))
    assert fragment not in kept and c.text.count(headline) == 1
    tail = original[original.index("للمزيد"):]
    for line in nonblank_lines(tail):
        assert line not in kept
    kinds = {b.kind for b in c.removed}
    assert {"masthead", "ad", "dateline", "byline", "print", "repeated_title", "related",
            "keywords"} <= kinds


def test_seed_004_dateline_becomes_header_date(seeds):
    original = seeds["004"]
    c = clean(original)
    assert c.header_date == "2024-03-25"
    assert nonblank_lines(original)[0] not in c.text
    assert c.title == nonblank_lines(original)[1]
    assert [b.kind for b in c.removed] == ["dateline"]


# --- rules on articles written for these tests (fictional) -----------------------

BODY1 = ("قال مسؤول أمني إن مسلحين هاجموا نقطة تفتيش على الطريق الرئيسي شمال المدينة فجر اليوم "
         "ما أدى إلى مقتل جنديين وإصابة ثلاثة آخرين بجروح.")
BODY2 = ("وأضاف المسؤول أن قوات الأمن طاردت المهاجمين حتى أطراف البلدة واعتقلت اثنين منهم "
         "بعد اشتباك قصير استمر قرابة ساعة.")
RELATED = "اعتقال مشتبه به في هجوم سابق على سوق المدينة"


def test_read_also_mid_article_takes_only_its_headline():
    original = f"{BODY1}\n\nاقرأ أيضاً: {RELATED}\n\n{BODY2}\n"
    c = clean(original)
    assert c.text == f"{BODY1}\n\n{BODY2}"
    assert [(b.kind, b.text) for b in c.removed] == [("related", f"اقرأ أيضاً: {RELATED}")]


def test_related_marker_after_the_end_of_the_article_takes_everything_after_it():
    unrelated = BODY2.replace("المسؤول", "المتحدث")
    original = (f"{BODY1}\n\nالمصدر: وكالات\n\nإقرأ أيضا:\n\n{RELATED}\n\n{unrelated}\n\n"
                f"مقالات ذات صلة\n  • {RELATED}\n  • {RELATED} أمس\n")
    c = clean(original)
    assert c.text == BODY1
    assert c.credited_source == "وكالات"
    assert [b.kind for b in c.removed] == ["credited_source", "related"]


def test_keyword_list_with_tags_on_following_lines():
    original = f"{BODY1}\n{BODY2}\nالكلمات المفتاحية\nهجوم\nنقطة تفتيش\n"
    c = clean(original)
    assert c.text == f"{BODY1}\n{BODY2}"
    assert c.removed[0].kind == "keywords"


def test_headline_with_a_date_is_not_a_dateline():
    headline = "تفجير جديد في كابل 26 أغسطس 2021 يعيد المخاوف"
    c = clean(f"{headline}\n\n{BODY1}")
    assert c.header_date is None and c.title == headline and c.text.startswith(headline)


def test_dateline_with_a_label_and_a_byline():
    c = clean(f"هجوم على نقطة تفتيش\nنشر في: 03/05/2024\nكتب: مراسلنا\n\n{BODY1}")
    assert c.header_date == "2024-05-03"
    assert c.text == f"هجوم على نقطة تفتيش\n\n{BODY1}"


def test_given_title_repeated_in_text_is_kept_once():
    title = "مقتل جنديين بهجوم على نقطة تفتيش"
    c = clean(f"{title}\n{title}\n{BODY1}", title=title)
    assert c.text == f"{title}\n\n{BODY1}" and c.title == title


def test_body_sentence_starting_like_a_marker_stays():
    line = "للمزيد من المعلومات يمكن مراجعة بيان الوزارة الصادر صباح اليوم."
    sentence = "وقال المصدر إن الهجوم وقع فجرا."
    c = clean(f"{BODY1}\n{line}\n{sentence}")
    assert c.text == f"{BODY1}\n{line}\n{sentence}" and not c.removed


def test_crlf_and_empty_inputs():
    original = f"{BODY1}\r\n\r\nطباعة\r\n{BODY2}\r\n"
    c = clean(original)
    assert c.text == f"{BODY1}\n\n{BODY2}"
    assert_exact_offsets(original, c)
    empty = clean("")
    assert empty.text == "" and empty.removed == [] and empty.offsets.segments == []


def test_split_lines_offsets():
    text = "  أ ب \nج\n\n د"
    lines = split_lines(text)
    assert [(ln.text, text[ln.start:ln.end]) for ln in lines] == [
        ("أ ب", "أ ب"), ("ج", "ج"), ("", ""), ("د", "د")]


def test_boilerplate_table_is_well_formed():
    with TABLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows and all(r["source"] and r["why"] and r["phrase"] for r in rows)
    assert all(r["match"] in MATCHES and r["scope"] in SCOPES for r in rows)
    assert all(r["kind"] in ALLOWED_KINDS for r in rows)
    assert len(load_rules()) == len(rows)
