"""A seeded fuzz of the readers and the ingest loop (issue #23): files of
every format, cut, flipped, nested, mis-encoded and mixed with good
records, must give a Document or a one-line InputError for every part,
never a traceback; every good record must be read and stored; the store
must pass SQLite's integrity check. The articles are illustrative
sentences written for the test."""
from __future__ import annotations

import io
import json
import random
import sqlite3
import zipfile
from pathlib import Path

from marsad.model import Document, InputError
from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.store import Store
from marsad.store.ingest import ingest

SENTENCES = [
    "قتل خمسة مدنيين وأصيب تسعة آخرون بانفجار عبوة ناسفة قرب سوق شعبي في المدينة.",
    "اشتبكت قوات الأمن مع مسلحين مجهولين على طريق رئيسي شمال العاصمة مساء الأحد.",
    "أعلنت الشرطة اعتقال ثلاثة مشتبه بهم في التخطيط لهجوم على مركز أمني.",
    "سقطت قذائف على حي سكني في أطراف البلدة دون أن تسفر عن إصابات.",
]
SEED = 20261208
FILES = 600


def _good(rng: random.Random, n: int) -> dict:
    return {"id": f"good-{n}", "title": f"خبر {n}",
            "text": " ".join(rng.sample(SENTENCES, 2)) + f" (رقم {n})", "published": "2024-03-12"}


def _hostile_line(rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        return "[" * rng.randrange(2_000, 60_000)  # nested past the parser
    if kind == 1:
        return '{"text": "x", "n": ' + "7" * rng.randrange(4_400, 6_000) + "}"
    if kind == 2:
        return json.dumps({"text": "\ud800" + rng.choice(SENTENCES)})  # a lone surrogate escape
    if kind == 3:
        return json.dumps(rng.choice([1, "text", None, [1, 2], {"title": "no text"}]))
    if kind == 4:
        return json.dumps({"text": rng.choice(SENTENCES)})[: rng.randrange(1, 40)]  # cut
    if kind == 5:
        return json.dumps({"text": "&nbsp;"})
    if kind == 6:
        return json.dumps({"text": "\u202e" + rng.choice(SENTENCES), "outlet": "\u202eout"})
    return "".join(chr(rng.randrange(1, 0x3000)) for _ in range(rng.randrange(1, 80)))


def _corrupt(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        if not data:
            break
        op, at = rng.randrange(3), rng.randrange(len(data))
        if op == 0:
            data[at] = rng.randrange(256)
        elif op == 1:
            del data[at:]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9)))
    return bytes(data)


def _write_files(root: Path, rng: random.Random) -> set[str]:
    """The fuzzed files under `root`; the ids of the good records that must be read."""
    must: set[str] = set()
    n = 0
    for k in range(FILES):
        kind = rng.randrange(5)
        if kind <= 1:  # JSON Lines: good records between hostile lines
            lines = []
            for _ in range(rng.randrange(3, 12)):
                if rng.random() < 0.5:
                    n += 1
                    lines.append(json.dumps(_good(rng, n), ensure_ascii=False))
                    must.add(f"good-{n}")
                else:
                    lines.append(_hostile_line(rng))
            body = ("\n" * rng.randrange(0, 3) + "\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
            (root / f"f{k}.jsonl").write_bytes(body)
        elif kind == 2:  # a text file, often damaged
            data = rng.choice(SENTENCES).encode(rng.choice(["utf-8", "cp1256", "utf-16-le", "utf-16"]))
            (root / f"f{k}.txt").write_bytes(_corrupt(rng, data) if rng.random() < 0.7 else data)
        elif kind == 3:  # a damaged JSON array
            data = json.dumps([_good(rng, 10_000 + k)], ensure_ascii=False).encode()
            (root / f"f{k}.json").write_bytes(_corrupt(rng, data))
        else:  # a zip: good members, and maybe a damaged one
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as z:
                n += 1
                z.writestr("good.json", json.dumps([_good(rng, n)], ensure_ascii=False))
                z.writestr(rng.choice(["../up.txt", "bad.json", "x.txt"]), _corrupt(rng, b'[{"text": "x"}]'))
            data = buf.getvalue()
            if rng.random() < 0.3:  # the archive itself damaged: its good member may be lost
                data = _corrupt(rng, data)
            else:
                must.add(f"good-{n}")
            (root / f"f{k}.zip").write_bytes(data)
    return must


def test_fuzzed_inputs_never_raise_and_every_good_record_is_stored(tmp_path: Path):
    root = tmp_path / "in"
    root.mkdir()
    must = _write_files(root, random.Random(SEED))
    items = list(read_paths([root]))  # must not raise
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert errors and all("\n" not in e.reason and e.reason for e in errors)
    assert must <= {d.doc_id for d in docs}
    db = tmp_path / "fuzz.db"
    with Store.open(db) as store:
        outcomes = [outcome for _item, outcome in ingest(store, items, analyse)]
    assert len(outcomes) == len(items)
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        stored = {row[0] for row in con.execute("select doc_id from documents")}
    assert must <= stored
