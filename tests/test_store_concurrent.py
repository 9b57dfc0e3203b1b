"""Two ingest processes writing one store at once, on SQLite and PostgreSQL:
nothing is lost, nothing is stored twice, and the fused events (ids, members,
figures, links) are those of one process ingesting everything in order."""
from __future__ import annotations

import json
import subprocess
import sys
import time
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


def _finish(procs: list[subprocess.Popen], timeout: float) -> list[tuple[str, str]]:
    """(stdout, stderr) of each process; one still running after `timeout`
    seconds in all is killed and the test fails with what it wrote."""
    deadline = time.monotonic() + timeout
    outputs = []
    for p in procs:
        try:
            outputs.append(p.communicate(timeout=max(0.0, deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            for q in procs:
                q.kill()
            errs = [q.communicate()[1] for q in procs]
            pytest.fail(f"a writer was still running after {timeout} s; stderr of each:\n" + "\n".join(errs),
                        pytrace=False)
    return outputs


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
    outputs = _finish(procs, timeout=300)
    failed = [(name, p.returncode, err) for name, p, (_, err) in zip("ab", procs, outputs) if p.returncode != 0]
    if failed:  # every failed writer: its exit code and all of its stderr
        pytest.fail("".join(f"writer {name} exited with {rc}; its stderr:\n{err or '(empty)'}\n"
                            for name, rc, err in failed), pytrace=False)
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


def test_sqlite_store_opens_while_another_connection_locks_the_new_file(tmp_path):
    """Switching a new file to WAL needs its exclusive lock, and SQLite
    refuses at once (no busy timeout) while another connection holds a lock,
    as a second writer opening the same new store at the same moment does:
    the cause of this module's rare 'database is locked' writer exits. The
    store waits for the lock instead."""
    import sqlite3
    import threading

    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the file is still in rollback-journal mode
    release = threading.Timer(0.3, other.execute, ("COMMIT",))
    release.start()
    try:
        with Store.open(path) as store:
            assert store.counts()["documents"] == 0
    finally:
        release.join()
        other.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
