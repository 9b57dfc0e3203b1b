"""The news corpus (SaudiNewsNet zips, one JSON array each): a sample zip read
record by record, with its metadata."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.model import Document, InputError
from marsad.sources import read_paths


@pytest.fixture(scope="module")
def first_zip(news_dir: Path) -> tuple[Path, str, list[dict]]:
    path = sorted(news_dir.glob("*.zip"))[0]
    with zipfile.ZipFile(path) as z:
        [member] = z.namelist()
        return path, member, json.loads(z.read(member))


def test_first_zip_counts_and_metadata(first_zip):
    path, member, records = first_zip
    items = list(read_paths([path]))
    assert len(items) == len(records)  # one Document or InputError per record
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    empty = [n for n, r in enumerate(records, start=1) if not (r.get("content") or "").strip()]
    assert [e.source for e in errors] == [f"{path}:{member}:{n}" for n in empty]
    assert all("no text" in e.reason for e in errors)
    assert len(docs) > 0.9 * len(records)
    by_source = {d.source: d for d in docs}
    for n, record in enumerate(records, start=1):
        doc = by_source.get(f"{path}:{member}:{n}")
        if doc is None:
            continue
        assert doc.doc_id == record["url"] == doc.url
        assert doc.outlet == record["source"]
        assert doc.published == record["date_extracted"][:10]
        assert doc.title == (record["title"].strip() or doc.title)
        assert doc.meta["author"] == record["author"]
        assert doc.original == record["content"]
    assert len({d.doc_id for d in docs}) > 0.95 * len(docs)


def test_corpus_text_is_mostly_kept(first_zip):
    """The corpus is extracted article text already: cleaning must take little."""
    path, _, _ = first_zip
    kept = total = 0
    for doc in read_paths([path]):
        if isinstance(doc, Document):
            kept += len(doc.text)
            total += len(doc.original.strip())
            for b in doc.removed:
                assert doc.original[b.orig_start:b.orig_end] == b.text
    assert kept / total > 0.99
