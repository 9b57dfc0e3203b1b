"""Sharded reading for `marsad batch`, without a cluster: streaming JSON
arrays and JSON Lines ranges, the plan, and that reading a shard's parts gives
exactly what `marsad.sources.read_paths` gives for the same files (documents,
their order, their sources, and the same error lines).

The articles here are illustrative: fictional, written for these tests."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")

from marsad.batch import streams
from marsad.batch.plan import make_shards, scan_file
from marsad.batch.streams import NotStreamable, iter_array, line_ranges
from marsad.batch.worker import read_part
from marsad.model import Document, InputError
from marsad.sources import read_paths

# Illustrative, fictional articles.
ARTICLES = [
    "قتل ثلاثة جنود وأصيب خمسة آخرون في هجوم بعبوة ناسفة استهدف دورية للجيش قرب مدينة الموصل صباح الثلاثاء.",
    "أعلنت الشرطة في كابل أن انفجارا وقع قرب سوق شعبي مساء الأحد دون أن يسفر عن إصابات.",
    "اشتبكت قوات الأمن مع مسلحين في ريف إدلب لساعات، وقالت مصادر محلية إن اثنين من المسلحين قتلا.",
    "افتتح وزير التعليم مدرسة جديدة في جدة اليوم بحضور عدد من أولياء الأمور.",
    "سقطت قذائف هاون على حي سكني في دمشق فقتلت امرأة وطفلها، ولم تتبن أي جهة القصف.",
]


def _records() -> list[dict]:
    out = [{"id": f"illus-{i}", "title": f"خبر {i}", "content": text, "date": "2024-03-0" + str(i + 1)}
           for i, text in enumerate(ARTICLES)]
    out.insert(2, {"title": "بلا نص"})  # no text: an error line, in its place
    out.insert(4, ["not", "an", "object"])
    return out


def _key(item: Document | InputError) -> tuple:
    if isinstance(item, InputError):
        return ("error", item.source, item.reason)
    return (item.doc_id, item.source, item.text, item.original, item.title, item.published,
            item.offsets.to_list(), item.meta)


def _ranged(paths: list[Path], size: int) -> list[tuple]:
    files = [str(f) for f in paths]
    shards = make_shards([scan_file(f, size) for f in files], size)
    return [_key(item) for shard in shards for part in shard.parts for item in read_part(part)]


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_iter_array_matches_json_loads_whatever_the_chunking(monkeypatch, chunk):
    monkeypatch.setattr(streams, "_CHUNK", chunk)
    values = [{"a": "نص عربي", "n": [1, 2.5, None]}, 12345678, "x", [], {}, True, -0.5e3]
    data = ("\ufeff" + " [ " + " ,\n ".join(json.dumps(v, ensure_ascii=False) for v in values) + " ]\n").encode()
    found = list(iter_array(io.BytesIO(data)))
    assert [v for _, v in found] == values
    for i, (at, _) in enumerate(found):  # reading from an element's offset starts at that element
        assert [v for _, v in iter_array(io.BytesIO(data), at)] == values[i:]
    assert list(iter_array(io.BytesIO(b" [ ] "))) == []


@pytest.mark.parametrize("data", [b'{"a": 1}', b'[1, 2', b'[1 2]', b'[1, 2] 3', b'[1,]', b'["\xff"]', b""])
def test_iter_array_rejects_what_is_not_one_utf8_array(data):
    with pytest.raises(NotStreamable):
        list(iter_array(io.BytesIO(data)))


def test_line_ranges_number_lines_as_splitlines_does():
    text = "a\n\nb\rc\n\u2028d\ne"  # \r and U+2028 are line breaks to str.splitlines
    data = text.encode("utf-8")
    ranges = line_ranges(io.BytesIO(data), 2)
    assert [r.first for r in ranges] == [1, 3, 5, 7]
    assert sum(r.lines for r in ranges) == len(text.splitlines())
    assert b"".join(data[r.start:r.end] for r in ranges) == data
    pieces = [streams.read_lines(io.BytesIO(data), r).splitlines() for r in ranges]
    assert [line for p in pieces for line in p] == text.splitlines()


def test_ranged_reading_equals_read_paths_for_jsonl_json_and_zip(tmp_path: Path):
    records = _records()
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    array = tmp_path / "b.json"
    array.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    archive = tmp_path / "c.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("day2.json", json.dumps(records[:4], ensure_ascii=False))
        z.writestr("day1.json", json.dumps(records[3:], ensure_ascii=False))
    single = tmp_path / "d.txt"
    single.write_text(ARTICLES[0], encoding="utf-8")
    empty = tmp_path / "e.json"
    empty.write_text("[ ]")
    assert scan_file(str(empty), 2).parts == ()
    paths = [jsonl, array, archive, single, empty]
    expected = [_key(item) for item in read_paths(paths)]
    assert len(expected) == 2 * len(records) + 8 + 1  # jsonl, json, the zip's two members, txt
    for size in (1, 2, 3, 100):
        assert _ranged(paths, size) == expected


def test_plan_cuts_arrays_evenly_and_ids_are_stable(tmp_path: Path):
    array = tmp_path / "big.json"
    array.write_text(json.dumps([{"content": ARTICLES[i % 5]} for i in range(10)], ensure_ascii=False))
    scan = scan_file(str(array), 4)
    assert [p.records for p in scan.parts] == [3, 4, 3]
    shards = make_shards([scan], 4)
    assert [s.records for s in shards] == [3, 4, 3]
    assert [s.id for s in make_shards([scan_file(str(array), 4)], 4)] == [s.id for s in shards]
    array.write_text(json.dumps([{"content": ARTICLES[i % 5]} for i in range(11)], ensure_ascii=False))
    assert not {s.id for s in make_shards([scan_file(str(array), 4)], 4)} & {s.id for s in shards}


def test_inputs_that_cannot_be_streamed_are_read_whole_with_ingests_errors(tmp_path: Path):
    legacy = tmp_path / "cp1256.json"  # not UTF-8: decode_text's guessing, on the whole file
    legacy.write_bytes(json.dumps([{"content": ARTICLES[1]}], ensure_ascii=False).encode("cp1256"))
    broken = tmp_path / "broken.json"
    broken.write_text('[{"content": "نص"}, {"content": ', encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    fake_zip = tmp_path / "fake.zip"
    fake_zip.write_bytes(b"PK\x03\x04 not really a zip")
    missing = tmp_path / "missing.jsonl"
    paths = [legacy, broken, empty, fake_zip, missing]
    for path in paths:
        assert [p.kind for p in scan_file(str(path), 10).parts] == ["whole"], path
    expected = [_key(item) for item in read_paths(paths)]
    assert _ranged(paths, 10) == expected
    errors = [k for k in expected if k[0] == "error"]
    assert [e[1] for e in errors] == [str(p) for p in paths[1:]]
    assert all("\n" not in e[2] for e in errors)


@pytest.mark.slow
def test_ranged_reading_of_a_corpus_zip_equals_read_paths(news_dir: Path):
    path = min(news_dir.glob("*.zip"))
    expected = [_key(item) for item in read_paths([path])]
    assert _ranged([path], 700) == expected
