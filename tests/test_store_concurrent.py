"""Two ingest processes writing one store at once, on SQLite and PostgreSQL:
nothing is lost, nothing is stored twice, and the fused events (ids, members,
figures, links) are those of one process ingesting everything in order."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.store import Store

from test_store_fusion import fusion_tables

# One ingest process: analyse its inputs first, then wait for the other
# process (a file each as a barrier), so that both write at the same time,
# and ingest through the loop `marsad ingest` uses. Prints doc_id and status.
_WRITER = """
import json, pathlib, sys, time
from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.store import Store, ingest
db, me, other, order, *paths = sys.argv[1:]
docs = [analyse(d) for d in read_paths(paths)]
pick = json.loads(order)
docs = [docs[i] for i in pick]
pathlib.Path(me).touch()
deadline = time.monotonic() + 60
while not pathlib.Path(other).exists() and time.monotonic() < deadline:
    time.sleep(0.005)
with Store.open(db) as store:
    for doc, result in ingest(store, docs, lambda d: d):
        print(json.dumps([doc.doc_id, result.status]), flush=True)
"""


@pytest.fixture(scope="module")
def inputs(seeds_dir, gold_dir) -> list[str]:
    return [str(seeds_dir / "seeds.jsonl"), str(gold_dir / "snn_dev.input.jsonl")]


def test_two_writers_at_once_lose_nothing_and_match_one_writer(store_db, tmp_path, inputs):
    docs = [analyse(d) for d in read_paths(inputs)]
    n = len(docs)
    ref = store_db("sequential")
    with Store.open(ref) as s:
        for d in docs:
            s.add(d)
        ref_counts = s.counts()
    # Overlapping halves, in opposite orders, so that the writers meet on
    # the documents both have and race for them.
    first = list(range(0, 2 * n // 3))
    second = list(range(n // 3, n))[::-1]
    db = store_db("concurrent")
    a, b = tmp_path / "a.ready", tmp_path / "b.ready"
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, db, str(me), str(other), json.dumps(order), *inputs],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for me, other, order in ((a, b, first), (b, a, second))
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outputs):
        assert p.returncode == 0, err
    statuses: dict[str, list[str]] = {}
    for out, _ in outputs:
        for line in out.splitlines():
            doc_id, status = json.loads(line)
            statuses.setdefault(doc_id, []).append(status)
    assert len(statuses) == n
    for doc_id, seen in statuses.items():  # stored by exactly one writer, seen as known by the other
        assert sum(s != "unchanged" for s in seen) == 1, (doc_id, seen)
    tally = Counter(s for seen in statuses.values() for s in seen if s != "unchanged")
    assert tally["added"] == ref_counts["documents"] - ref_counts["near_duplicates"]
    with Store.open(db) as s:
        assert s.counts() == ref_counts
    assert fusion_tables(db) == fusion_tables(ref)
