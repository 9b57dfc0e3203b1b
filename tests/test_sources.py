"""Reading every input format into cleaned Documents: the seeds (txt and JSON
Lines), pages and WARCs built at test time around a seed's text, and the
examples/ inputs (fictional, illustrative)."""
from __future__ import annotations

import html as html_lib
import io
import json
import re
import runpy
from pathlib import Path

import pytest

from marsad.clean import clean
from marsad.model import Document, InputError
from marsad.sources import read_paths
from marsad.sources.records import normalize_date, record_fields

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
write_warc = runpy.run_path(str(EXAMPLES / "make_warc.py"))["write_warc"]

NAV = ["الرئيسية", "سياسة", "اقتصاد", "رياضة", "اتصل بنا"]
RELATED = ["اعتقال خلية مسلحة قرب الحدود الشرقية", "غارة جوية على مواقع للمسلحين في الجبال",
           "الحكومة تعلن خطة أمنية جديدة للولايات"]
FOOTER = "جميع الحقوق محفوظة لموقع المثال التوضيحي"


def read(*paths) -> list[Document | InputError]:
    return list(read_paths(paths))


def docs_only(items) -> list[Document]:
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    return items


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def page_around(title: str, paras: list[str], date: str | None = "2024-03-25") -> bytes:
    """A news page: navigation, the article (with an inline read-also link),
    a related-links box and a footer."""
    esc = html_lib.escape
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paras[:3])
    body += f'\n<p><strong>اقرأ أيضا:</strong> <a href="/r/0">{esc(RELATED[0])}</a></p>\n'
    body += "\n".join(f"<p>{esc(p)}</p>" for p in paras[3:])
    nav = "".join(f'<li><a href="/s/{i}">{n}</a></li>' for i, n in enumerate(NAV))
    related = "".join(f'<li><a href="/r/{i}">{esc(r)}</a></li>' for i, r in enumerate(RELATED))
    date_meta = f'<meta property="article:published_time" content="{date}T10:00:00Z">' if date else ""
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{esc(title)} | موقع المثال</title><meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="موقع المثال">{date_meta}
</head><body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{esc(title)}</h1>
{body}
</article><aside class="related"><h3>مقالات ذات صلة</h3><ul>{related}</ul></aside></main>
<footer><p>{FOOTER}</p></footer></body></html>""".encode("utf-8")


@pytest.fixture(scope="module")
def seed004(seeds_dir: Path) -> tuple[str, list[str]]:
    text = next(seeds_dir.glob("004_*.txt")).read_text(encoding="utf-8")
    lines = paragraphs(text)
    return lines[1], lines[2:]  # headline, paragraphs (the dateline is line 0)


# --- seeds -----------------------------------------------------------------------

def test_seed_text_files(seeds_dir: Path):
    docs = docs_only(read(*sorted(seeds_dir.glob("*.txt"))))
    assert len(docs) == 5
    by_name = {Path(d.source).name[:3]: d for d in docs}
    for d in docs:
        original = Path(d.source).read_text(encoding="utf-8")
        assert d.original == original
        assert d.text == clean(original).text
        assert d.doc_id.startswith("sha1:") and len(d.doc_id) == 45
        assert d.meta["format"] == "txt"
    assert by_name["003"].published == "2021-11-07"  # from its dateline
    assert by_name["004"].published == "2024-03-25"
    assert by_name["000"].published is None
    assert by_name["001"].meta["credited_source"]
    assert by_name["002"].title == paragraphs(by_name["002"].original)[2]


def test_seeds_jsonl(seeds_dir: Path):
    path = seeds_dir / "seeds.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    docs = docs_only(read(path))
    assert [d.source for d in docs] == [f"{path}:{n}" for n in range(1, 6)]
    for d, r in zip(docs, records):
        assert d.doc_id == r["id"] and d.outlet == r["outlet"] and d.published == r["published"]
        assert d.original == r["text"] and d.text == clean(r["text"]).text
        assert d.meta["format"] == "jsonl"


# --- HTML and WARC ---------------------------------------------------------------

def assert_page_read(doc: Document, title: str, paras: list[str]) -> None:
    assert doc.title == title and doc.outlet == "موقع المثال"
    flat = " ".join(doc.text.split())  # trafilatura turns no-break spaces into spaces
    for p in paras:
        if len(p.split()) >= 10:
            assert " ".join(p.split()) in flat, p
    lines = doc.text.split("\n")
    for item in NAV:
        assert item not in lines, item
    for junk in RELATED + [FOOTER, "اقرأ أيضا", "مقالات ذات صلة"]:
        assert junk not in doc.text, junk
    for i, ch in enumerate(doc.text):
        assert ch == doc.original[doc.offsets.to_original(i)]


def test_html_page_around_a_seed(tmp_path: Path, seed004):
    title, paras = seed004
    page = tmp_path / "page.html"
    page.write_bytes(page_around(title, paras))
    [doc] = docs_only(read(page))
    assert_page_read(doc, title, paras)
    assert doc.published == "2024-03-25" and doc.meta["format"] == "html"
    assert any(b.kind == "related" for b in doc.removed)


def test_html_sniffed_under_a_text_name(tmp_path: Path, seed004):
    title, paras = seed004
    page = tmp_path / "saved_page.txt"
    page.write_bytes(page_around(title, paras))
    [doc] = docs_only(read(page))
    assert doc.meta["format"] == "html" and "<p>" not in doc.text


def test_warc_built_from_the_page(tmp_path: Path, seed004):
    title, paras = seed004
    buf = io.BytesIO()
    url = "https://example.org/news/seed-004"
    write_warc(buf, [(url, page_around(title, paras, date=None))], warc_date="2024-03-26T08:00:00Z")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buf.getvalue())
    [doc] = docs_only(read(path))
    assert doc.source == f"{path}:2"  # record 1 is the request
    assert doc.url == url and doc.doc_id == url
    assert doc.published == "2024-03-26"  # the page has no date: WARC-Date
    assert_page_read(doc, title, paras)
    plain = tmp_path / "crawl.warc"
    buf = io.BytesIO()
    write_warc(buf, [(url, page_around(title, paras))], gzip=False)
    plain.write_bytes(buf.getvalue())
    [doc2] = docs_only(read(plain))
    assert doc2.text == doc.text and doc2.published == "2024-03-25"


def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path, seed004):
    title, paras = seed004
    buf = io.BytesIO()
    write_warc(buf, [(f"https://example.org/{i}", page_around(title, paras)) for i in range(2)])
    data = buf.getvalue()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 300])
    items = read(path)
    assert isinstance(items[0], Document) and items[0].url == "https://example.org/0"
    assert isinstance(items[-1], InputError) and len(items) == 2
    assert items[-1].source == str(path) and "truncated" in items[-1].reason


# --- records -----------------------------------------------------------------------

BODY = ("أعلنت الشرطة اعتقال ثلاثة مشتبه بهم بعد هجوم على حاجز أمني قرب المدينة، "
        "وقالت إن التحقيق ما زال جاريا لمعرفة الجهة التي تقف وراء الهجوم.")


def test_json_array_object_and_field_precedence(tmp_path: Path):
    arr = tmp_path / "arr.json"
    arr.write_text(json.dumps([
        {"text": BODY, "content": "ignored", "published": "2024-05-02T08:00:00Z",
         "date": "2020-01-01", "site": "موقع", "author": "مراسل", "url": "https://example.org/a"},
        {"body": BODY, "source": "وكالة", "date_extracted": "2015-07-21 02:51:32"},
        ["not", "an", "object"],
        {"title": "بلا نص"},
    ], ensure_ascii=False), encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "x-1", "content": BODY, "date": "03/05/2024"}), encoding="utf-8")
    items = read(arr, one)
    a, b, not_obj, no_text, single = items
    assert a.source == f"{arr}:1" and a.doc_id == "https://example.org/a"
    assert a.text == BODY and a.published == "2024-05-02" and a.outlet == "موقع"
    assert a.meta["content"] == "ignored" and a.meta["date"] == "2020-01-01" and a.meta["author"] == "مراسل"
    assert b.outlet == "وكالة" and b.published == "2015-07-21" and b.doc_id.startswith("sha1:")
    assert isinstance(not_obj, InputError) and not_obj.source == f"{arr}:3"
    assert isinstance(no_text, InputError) and "no text" in no_text.reason
    assert single.source == str(one) and single.doc_id == "x-1" and single.published == "2024-05-03"


def test_json_lines_under_a_json_name(tmp_path: Path):
    p = tmp_path / "export.json"
    p.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + " أمس"}) + "\n",
                 encoding="utf-8")
    docs = docs_only(read(p))
    assert [d.source for d in docs] == [f"{p}:1", f"{p}:2"]


def test_same_text_in_other_spelling_gets_the_same_hash_id(tmp_path: Path):
    marked = BODY.replace("اعتقال", "اعتِقالَ")
    p = tmp_path / "two.jsonl"
    p.write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": marked}) + "\n", encoding="utf-8")
    a, b = docs_only(read(p))
    assert a.doc_id == b.doc_id and re.fullmatch(r"sha1:[0-9a-f]{40}", a.doc_id)


@pytest.mark.parametrize("value,expected", [
    ("2015-07-21 02:51:32", "2015-07-21"), ("2024-03-25T10:00:00Z", "2024-03-25"),
    ("25/03/2024", "2024-03-25"), ("Mon, 25 Mar 2024 10:00:00 GMT", "2024-03-25"),
    ("الإثنين 25 مارس 2024", "2024-03-25"), (1711360800, "2024-03-25"),
    ("2024-13-45", None), ("قريبا", None), (True, None),
])
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_unreadable_date_stays_in_meta():
    f = record_fields({"text": BODY, "published": "قريبا", "date": "2024-01-02"})
    assert f.published == "2024-01-02" and f.meta == {"published": "قريبا"}


# --- examples/ and directories -----------------------------------------------------

def test_examples_directory():
    items = read(EXAMPLES)
    docs = docs_only(items)
    by_format: dict[str, int] = {}
    for d in docs:
        by_format[d.meta["format"]] = by_format.get(d.meta["format"], 0) + 1
        assert d.text and d.published
    # txt, html and warc (from the html) 1 each, jsonl 3, feed 2; README and script skipped
    assert by_format == {"txt": 1, "html": 2, "jsonl": 3, "feed": 2}
    warc_doc = next(d for d in docs if ".warc.gz:" in d.source)
    html_doc = next(d for d in docs if d.source.endswith(".html"))
    assert warc_doc.text == html_doc.text
    assert [d.source for d in docs] == sorted(d.source for d in docs)


def test_feed_entries(tmp_path: Path):
    docs = docs_only(read(EXAMPLES / "feed_illustrative.xml"))
    assert len(docs) == 2
    for n, d in enumerate(docs, start=1):
        assert d.source.endswith(f"feed_illustrative.xml:{n}")
        assert d.outlet and d.url.startswith("https://") and d.doc_id == d.url
        assert "<" not in d.text and len(paragraphs(d.text)) == 2
    assert [d.published for d in docs] == ["2024-06-01", "2024-06-02"]
    atom = tmp_path / "feed.atom"
    atom.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موقع المثال</title><id>urn:x</id>
<entry><title>اعتقال ثلاثة مشتبه بهم</title><id>urn:x:1</id><link href="https://example.org/1"/>
<updated>2024-05-02T08:00:00Z</updated><content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry>
</feed>""", encoding="utf-8")
    [d] = docs_only(read(atom))
    assert d.text == BODY and d.doc_id == "urn:x:1" and d.published == "2024-05-02"
    assert d.outlet == "موقع المثال" and d.url == "https://example.org/1"


def test_directory_walk_is_sorted_and_skips_hidden_and_non_inputs(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "1.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".secret.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".hidden" / "3.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.md").write_text(BODY, encoding="utf-8")
    docs = docs_only(read(tmp_path))
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["1.txt", "b/2.txt"]


def test_zip_of_json_and_jsonl(tmp_path: Path):
    import zipfile
    path = tmp_path / "batch.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("day.json", json.dumps([{"text": BODY}, {"text": BODY + " أمس"}], ensure_ascii=False))
        z.writestr("more.jsonl", json.dumps({"text": BODY}, ensure_ascii=False) + "\n")
        z.writestr("__MACOSX/._day.json", b"\x00\x01")
        z.writestr("readme.md", "not an article")
    items = docs_only(read(path))
    assert [d.source for d in items] == [f"{path}:day.json:1", f"{path}:day.json:2", f"{path}:more.jsonl:1"]
