"""Bad inputs give one InputError with a one-line reason naming the file (and
the batch goes on); legacy encodings give the right text."""
from __future__ import annotations

import io
import json
import os
import runpy
from pathlib import Path

import pytest

from marsad.model import Document, InputError
from marsad.sources import read_paths

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ARTICLE = (EXAMPLES / "attack_illustrative.txt").read_text(encoding="utf-8")
SHORT = "قتل خمسة مدنيين وأصيب تسعة آخرون بانفجار عبوة ناسفة قرب سوق شعبي في المدينة."


def only(path: Path) -> Document | InputError:
    items = list(read_paths([path]))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.json", b" \n\t\n", "empty file"),
    ("binary.txt", bytes(range(256)) * 8, "binary file"),
    ("noext", b"\x7fELF\x02\x01\x01\x00" + bytes(500), "binary file"),
    ("latin.txt", "déjà vu, café crème".encode("latin-1"), "undecodable text"),
    ("bad_utf8_bom.txt", b"\xef\xbb\xbf" + "نص".encode() + b"\xff\xfe\xfa\xf9", "undecodable text"),
    ("bad.json", '{"title": "x",\n "text": "نص" "y"}'.encode(), "invalid JSON at line 2, column"),
    ("scalar.json", b"42", "JSON holds a int"),
    ("broken.html", b"<html><body><div><script>var x = 1;</script></div>", "HTML page with no article text"),
    ("junk.warc", b"this is not an archive at all", "not a WARC file"),
    ("junk.warc.gz", b"\x1f\x8b\x08\x00" + bytes(40), "not a WARC file"),
    ("junk.zip", b"PK\x03\x04 and then nothing", "corrupt zip archive"),
    ("plain.xml", b'<?xml version="1.0"?><root><a>1</a></root>', "not an RSS or Atom feed"),
    ("only_tags.txt", "المصدر: وكالات\nطباعة\n".encode(), "no article text left"),
])
def test_bad_input_gives_one_line_error(tmp_path: Path, name: str, data: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(data)
    err = only(path)
    assert isinstance(err, InputError), err
    assert err.source == str(path)
    assert reason in err.reason and "\n" not in err.reason
    assert str(err).startswith(f"{path}: ")


def test_missing_file_directory_and_url(tmp_path: Path):
    items = list(read_paths([tmp_path / "missing.txt", "https://example.org/a.html"]))
    assert [(type(i), i.reason) for i in items] == [
        (InputError, "no such file"),
        (InputError, "URLs are not fetched: save the page and pass the file")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path):
    path = tmp_path / "locked.txt"
    path.write_text(SHORT, encoding="utf-8")
    path.chmod(0)
    assert only(path).reason == "unreadable file: permission denied"


@pytest.mark.parametrize("encoding,prefix", [
    ("cp1256", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-be", b"\xfe\xff"),
])
def test_encodings_give_the_same_document(tmp_path: Path, encoding: str, prefix: bytes):
    path = tmp_path / f"article.{encoding}.txt"
    path.write_bytes(prefix + ARTICLE.encode(encoding))
    doc = only(path)
    assert isinstance(doc, Document), doc
    assert doc.original == ARTICLE and doc.title and doc.published == "2024-03-12"


def test_short_windows_1256_text(tmp_path: Path):
    path = tmp_path / "short.txt"
    path.write_bytes(SHORT.encode("cp1256"))
    assert only(path).text == SHORT


@pytest.mark.parametrize("declared", ["windows-1256", "iso-8859-1", "no-such-charset"])
def test_windows_1256_html_whatever_it_declares(tmp_path: Path, declared: str):
    page = (f'<html><head><meta charset="{declared}"><title>عنوان</title></head><body>'
            f"<article><p>{SHORT}</p><p>{SHORT.replace('خمسة', 'ستة')}</p></article></body></html>")
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1256"))
    doc = only(path)
    assert isinstance(doc, Document) and SHORT in doc.text


def test_bad_jsonl_line_is_reported_and_the_rest_read(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"text": SHORT}, ensure_ascii=False) + '\n{"text": \n\n'
                    + json.dumps({"content": SHORT}, ensure_ascii=False) + "\n", encoding="utf-8")
    items = list(read_paths([path]))
    assert [type(i) for i in items] == [Document, InputError, Document]
    assert items[1].source == f"{path}:2" and items[1].reason.startswith("invalid JSON on line 2")
    assert items[2].source == f"{path}:4"


def test_batch_goes_on_after_errors(tmp_path: Path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_ok.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "c_bad.json").write_text("{", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [type(i) for i in items] == [InputError, Document, InputError]


def test_every_cut_of_a_warc_keeps_what_it_can_and_never_raises(tmp_path: Path):
    write_warc = runpy.run_path(str(EXAMPLES / "make_warc.py"))["write_warc"]
    page = (EXAMPLES / "clash_illustrative.html").read_bytes()
    buf = io.BytesIO()
    write_warc(buf, [(f"https://example.org/{i}", page) for i in range(2)], gzip=False)
    data = buf.getvalue()
    path = tmp_path / "cut.warc"
    reasons = set()
    for cut in range(50, len(data) - 1, 211):
        path.write_bytes(data[:cut])
        items = list(read_paths([path]))
        docs = [i for i in items if isinstance(i, Document)]
        errors = [i for i in items if isinstance(i, InputError)]
        assert len(docs) <= 2 and len(errors) <= 1
        reasons.update(e.reason.split(":")[0] for e in errors)
        if cut < len(data) // 2 - 50:
            assert not docs
    assert reasons and all(r.startswith(("truncated", "not a WARC", "damaged record")) for r in reasons)


def test_jsonl_lines_end_at_newlines_only(tmp_path: Path):
    # a raw LINE SEPARATOR inside a value (json.dumps with ensure_ascii=False
    # writes it as is) is not a line break; illustrative record
    record = {"title": "عنوان\u2028ثان", "text": SHORT}
    for encoding, prefix in (("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1256", b"")):
        path = tmp_path / f"sep-{encoding}-{len(prefix)}.jsonl"
        line = json.dumps(record, ensure_ascii=False) + "\n"
        path.write_bytes(prefix + (line * 2).encode(encoding, errors="replace"))
        items = list(read_paths([path]))
        assert [type(i) for i in items] == [Document, Document], (encoding, items)
        assert items[1].source == f"{path}:2" and items[0].text == SHORT


def test_jsonl_line_that_is_not_utf8_is_reported_and_the_rest_read(tmp_path: Path):
    good = json.dumps({"text": SHORT}, ensure_ascii=False).encode("utf-8") + b"\n"
    bad = json.dumps({"text": SHORT}, ensure_ascii=False).encode("cp1256") + b"\n"
    path = tmp_path / "mixed-encodings.jsonl"
    lead = good * 60  # past the sniffed head, which is UTF-8: the file is streamed
    path.write_bytes(lead + bad + good)
    items = list(read_paths([path]))
    assert [type(i) for i in items] == [Document] * 60 + [InputError, Document]
    assert items[60].source == f"{path}:61" and items[60].reason == "line 61 is not UTF-8 text"


# --- hostile input (issue #23): one bad part is one error, and nothing is silent


def test_a_few_bad_bytes_in_utf8_are_replaced_with_a_warning_not_read_as_windows_1256(tmp_path: Path):
    path = tmp_path / "stray.txt"
    good = SHORT.encode("utf-8")
    path.write_bytes(good[:20] + b"\xff" + good[20:])
    doc = only(path)
    assert isinstance(doc, Document)
    assert "\ufffd" in doc.text and doc.text.replace("\ufffd", "") == SHORT  # not mojibake
    assert doc.meta["warnings"] == ["invalid UTF-8 at byte 20 (1 bad sequence) replaced by U+FFFD"]


def test_windows_1256_is_still_read_as_windows_1256(tmp_path: Path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(SHORT.encode("cp1256"))
    doc = only(path)
    assert isinstance(doc, Document) and doc.text == SHORT and "warnings" not in doc.meta


def test_lone_surrogate_in_json_is_replaced_and_the_next_record_read(tmp_path: Path):
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"id": "a", "title": "\\ud800x", "text": "\\udfff ' + SHORT + '", "author": "x\\ud800"}\n'
                    + json.dumps({"id": "b", "text": SHORT}, ensure_ascii=False) + "\n", encoding="utf-8")
    a, b = read_paths([path])
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.title == "\ufffdx" and a.text.startswith("\ufffd")
    assert a.meta["warnings"] == ["lone surrogate code points replaced by U+FFFD in: text, title, meta"]
    json.dumps(a.meta, ensure_ascii=False).encode("utf-8")  # the other fields too are writable
    a.text.encode("utf-8")  # writable
    assert b.text == SHORT


@pytest.mark.parametrize("line,reason", [
    ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply to read"),
    ('{"text": "x", "n": ' + "9" * 5000 + "}", "unreadable JSON value (Exceeds the limit"),
])
def test_a_hostile_jsonl_line_loses_only_itself(tmp_path: Path, line: str, reason: str):
    path = tmp_path / "hostile.jsonl"
    path.write_text(line + "\n" + json.dumps({"id": "next", "text": SHORT}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    bad, good = read_paths([path])
    assert isinstance(bad, InputError) and bad.source == f"{path}:1" and bad.reason.startswith(reason)
    assert isinstance(good, Document) and good.doc_id == "next"


def test_a_hostile_json_file_is_one_error(tmp_path: Path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    err = only(path)
    assert isinstance(err, InputError) and err.reason == "JSON nested too deeply to read"


def test_blank_lines_before_the_first_record_are_not_an_empty_file(tmp_path: Path):
    path = tmp_path / "late.jsonl"
    path.write_text("\n" * 20_000 + json.dumps({"id": "late", "text": SHORT}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    doc = only(path)
    assert isinstance(doc, Document) and doc.doc_id == "late"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_a_fifo_is_skipped_with_an_error_not_waited_on(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text(SHORT, encoding="utf-8")
    fifo, real = read_paths([tmp_path])
    assert isinstance(fifo, InputError) and "not a regular file" in fifo.reason
    assert isinstance(real, Document) and real.text == SHORT


def test_a_file_name_that_is_not_utf8_is_reported_in_utf8(tmp_path: Path):
    name = os.fsdecode(b"bad\xffname.txt")
    (tmp_path / name).write_text(SHORT, encoding="utf-8")
    doc = only(tmp_path / name)
    assert isinstance(doc, Document) and doc.source.endswith("bad\ufffdname.txt")
    doc.source.encode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path: Path, encoding: str):
    path = tmp_path / "export.txt"
    path.write_bytes(SHORT.encode(encoding))
    doc = only(path)
    assert isinstance(doc, Document) and doc.text == SHORT


@pytest.mark.parametrize("text", ["&amp;", "&#1575;&nbsp;", "\u064b\u064c\u064d\u0651" * 5])
def test_an_input_with_no_letter_is_no_document(tmp_path: Path, text: str):
    path = tmp_path / "nothing.txt"
    path.write_text(text, encoding="utf-8")
    err = only(path)
    assert isinstance(err, InputError) and err.reason.startswith("no article text: not one letter")


def test_a_zip_member_that_climbs_out_is_reported_and_the_others_read(tmp_path: Path):
    import zipfile

    path = tmp_path / "dots.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("../../evil.txt", SHORT)
        z.writestr("a\\..\\b.txt", SHORT)  # a Windows-style name climbs out too
        z.writestr("ok.txt", SHORT)
    items = list(read_paths([path]))
    assert sorted(i.source.rsplit(":", 1)[1] for i in items if isinstance(i, InputError)) == \
        ["../../evil.txt", "a\\..\\b.txt"]
    assert [i.source.rsplit(":", 1)[1] for i in items if isinstance(i, Document)] == ["ok.txt"]


# --- limits (issue #23, item 2): one over-large part is one error, never held whole


def _limited(paths, **kw):
    from marsad.sources.limits import Limits, use

    with use(Limits(**kw)):
        return list(read_paths(paths))


def test_a_zip_member_over_the_byte_limit_is_one_error(tmp_path: Path):
    import zipfile

    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.txt", SHORT * 400)  # packs small, unpacks past the limit
        z.writestr("ok.txt", SHORT)
    big, ok = _limited([path], max_bytes=10_000)
    assert isinstance(big, InputError) and big.source.endswith(":big.txt")
    assert "over the limit of 10,000 bytes (--max-bytes)" in big.reason
    assert isinstance(ok, Document) and ok.text == SHORT


def test_a_file_and_a_jsonl_line_over_the_byte_limit_are_one_error_each(tmp_path: Path):
    (tmp_path / "a_big.txt").write_text(SHORT * 100, encoding="utf-8")
    lines = [json.dumps({"id": "long", "text": SHORT * 100}, ensure_ascii=False),
             json.dumps({"id": "short", "text": SHORT}, ensure_ascii=False)]
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    big, long_line, short = _limited([tmp_path], max_bytes=2_000)
    assert isinstance(big, InputError) and "over the limit" in big.reason and big.source.endswith("a_big.txt")
    assert isinstance(long_line, InputError) and long_line.source.endswith("b.jsonl:1")
    assert isinstance(short, Document) and short.doc_id == "short"


def test_a_document_over_the_character_limit_is_one_error(tmp_path: Path):
    (tmp_path / "long.txt").write_text(SHORT * 30, encoding="utf-8")
    (tmp_path / "short.txt").write_text(SHORT, encoding="utf-8")
    long_doc, short = _limited([tmp_path], max_chars=1_000)
    assert isinstance(long_doc, InputError) and "over the limit of 1,000 (--max-chars)" in long_doc.reason
    assert isinstance(short, Document)


def test_a_damaged_warc_record_is_reported_and_the_next_read(tmp_path: Path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def record(i: int) -> bytes:
        buf = io.BytesIO()
        w = WARCWriter(buf, gzip=False)
        html = f"<html><body><article><p>{SHORT} ({i})</p></article></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        w.write_record(w.create_warc_record(f"http://example.com/{i}", "response", payload=io.BytesIO(html),
                                            http_headers=headers))
        return buf.getvalue()

    path = tmp_path / "damaged.warc"
    path.write_bytes(record(1) + record(2).replace(b"WARC-Type: response", b"WARC-Type response", 1) + record(3))
    first, damaged, third = read_paths([path])
    assert isinstance(first, Document) and first.url == "http://example.com/1"
    assert isinstance(damaged, InputError) and damaged.source == f"{path}:2" and "damaged record" in damaged.reason
    assert isinstance(third, Document) and third.url == "http://example.com/3"


def test_an_analysis_past_its_time_limit_is_stopped_in_the_main_thread_only():
    import threading
    import time

    from marsad.pipeline import TimeLimit, within

    def slow(_doc):
        time.sleep(3)
        return "done"

    start = time.monotonic()
    with pytest.raises(TimeLimit, match=r"longer than 0\.2 s \(--max-seconds\)"):
        within(0.2, slow)(None)
    assert time.monotonic() - start < 2
    assert within(1.0, lambda d: "quick")(None) == "quick"  # and the timer is off afterwards
    time.sleep(1.2)
    out = []
    t = threading.Thread(target=lambda: out.append(within(0.05, lambda d: (time.sleep(0.2), "unbounded")[1])(None)))
    t.start()
    t.join()
    assert out == ["unbounded"]


def test_many_bad_utf8_bytes_are_counted_in_one_pass():
    import time

    from marsad.sources.decode import _utf8_replaced

    data = bytearray(("نص عربي طويل " * 1000).encode() * 400)  # about 5 MB
    for i in range(0, len(data), 1001):
        data[i] = 0xFF
    start = time.monotonic()
    text, count, first = _utf8_replaced(bytes(data), limit=10**6)
    assert text == bytes(data).decode("utf-8", errors="replace")
    assert count == text.count("\ufffd") and first == 0
    assert _utf8_replaced(bytes(data), limit=3) == (None, 4, -1)
    assert time.monotonic() - start < 5  # was a pass per bad byte: minutes at this size


def test_reading_limits_hold_while_reading_and_nowhere_else(tmp_path: Path):
    from marsad.sources import limits

    (tmp_path / "a.txt").write_text(SHORT * 100, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SHORT, encoding="utf-8")
    seen = []
    for item in limits.under(limits.Limits(max_chars=1_000), read_paths([tmp_path])):
        seen.append(isinstance(item, Document))
        assert limits.current() == limits.DEFAULT  # the caller's code between items runs without them
        break  # stopping early leaves nothing set
    assert seen == [False] and limits.current() == limits.DEFAULT
