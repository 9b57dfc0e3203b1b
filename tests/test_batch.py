"""`marsad batch` on a real local Dask cluster (two worker processes):
equivalence with `marsad ingest`, exactly-once output when a task fails or a
worker is killed, reruns that skip finished shards, and one-line errors.

The articles written here are illustrative: fictional, written for these tests."""
from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")

import cloudpickle
import pyarrow.parquet as pq

from marsad.batch import cluster, load_shards, plan, process_shard, run
from marsad.batch.outdir import documents_file, entry_file, events_file
from marsad.cli import main
from marsad.store import Store

# The fault-injecting tasks below run on the workers: send them by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

# Illustrative, fictional articles.
ARTICLES = [
    "قتل أربعة من عناصر الشرطة في هجوم مسلح على نقطة تفتيش في مدينة الرمادي فجر الخميس.",
    "أصيب سبعة مدنيين بجروح إثر انفجار سيارة مفخخة قرب مستشفى في بغداد مساء السبت.",
    "قالت وزارة الدفاع إن طائرة مسيرة قصفت موقعا للمسلحين في محافظة مأرب وقتلت خمسة منهم.",
    "عقد مجلس المدينة اجتماعا لمناقشة مشاريع الطرق الجديدة في الرياض.",
    "هاجم مسلحون قرية في ولاية بورنو وقتلوا تسعة قرويين، بحسب مسؤول محلي.",
    "تبنى تنظيم داعش تفجيرا انتحاريا في سوق بمدينة جلال آباد أودى بحياة ستة أشخاص.",
    "أعلنت الشرطة إحباط محاولة تهريب أسلحة عبر الحدود دون وقوع اشتباكات.",
]


@pytest.fixture(scope="module")
def client():
    with cluster(None, 2) as c:
        yield c


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Seven articles in a JSON Lines file, one of them twice, and a bad line."""
    lines = [json.dumps({"id": f"illus-{i}", "content": t, "date": "2024-05-0" + str(i + 1)}, ensure_ascii=False)
             for i, t in enumerate(ARTICLES)]
    lines.insert(3, "{not json")
    lines.append(lines[0])  # the same article again: stored once
    path = tmp_path / "in" / "articles.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _fail_first_attempt(shard, out):
    """Raise on each shard's first attempt (a flag file tells attempts apart,
    since a retry may run in another process)."""
    flag = Path(out).parent / f"tried-{shard.id}"
    if not flag.exists():
        flag.touch()
        raise RuntimeError("injected failure")
    return process_shard(shard, out)


def _die_first_attempt(shard, out):
    """Kill the worker process on the first attempt of two shards: the one
    from line 1 mid-write (a temporary file is left behind), the one from
    line 5 after its Parquet files are in place but before its manifest
    entry is (the retry must overwrite them, not add to them)."""
    from marsad.batch import outdir

    flag = Path(out).parent / f"tried-{shard.id}"
    if not flag.exists():
        flag.touch()
        if shard.parts[0].first == 1:
            outdir.os.replace = lambda *a: os._exit(1)
        elif shard.parts[0].first == 5:
            outdir.record_finished = lambda *a: os._exit(1)
    return process_shard(shard, out)


_SAID_TABLES = [("statement_docs", "doc_id"), ("statements", "doc_id, statement_index"),
                ("statement_actors", "doc_id, statement_index, actor"), ("actor_claims", "doc_id, claim_index"),
                ("figures", "doc_id, figure_index"), ("actor_aliases", "doc_id, actor, alias")]


def _must_not_run(shard, out):
    raise AssertionError(f"shard {shard.id} ran again")


def _doc_ids(out: Path, shard_ids: list[str]) -> list[str]:
    ids = []
    for sid in shard_ids:
        ids += pq.read_table(documents_file(out, sid)).column("doc_id").to_pylist()
    return ids


def test_retried_and_killed_shards_give_exactly_once_output_and_reruns_skip(client, corpus: Path, tmp_path: Path):
    shards, errors = plan(client, [corpus], 2)
    assert not errors and len(shards) == 5
    clean = tmp_path / "clean"
    clean.mkdir()
    outcomes = list(run(client, shards, clean))
    assert all(o.entry and not o.skipped for o in outcomes)
    expected = _doc_ids(clean, [s.id for s in shards])
    assert expected == [f"illus-{i}" for i in range(7)] + ["illus-0"]

    for name, task in (("failing", _fail_first_attempt), ("killed", _die_first_attempt)):
        out = tmp_path / name / "out"
        out.mkdir(parents=True)
        outcomes = list(run(client, shards, out, task=task))
        assert [o.failure for o in outcomes] == [None] * len(shards), name
        assert sorted(p.name for p in out.glob("*.parquet")) == sorted(
            f.name for s in shards for f in (documents_file(out, s.id), events_file(out, s.id)))
        assert _doc_ids(out, [s.id for s in shards]) == expected, name
        events = sum(pq.read_table(events_file(out, s.id)).num_rows for s in shards)
        assert events == sum(pq.read_table(events_file(clean, s.id)).num_rows for s in shards) > 0
        assert all((out.parent / f"tried-{s.id}").exists() for s in shards)

    killed = tmp_path / "killed" / "out"
    assert list(killed.glob(".*.tmp")), "the kill mid-write should have left a temporary file"
    rerun = list(run(client, shards, killed, task=_must_not_run))
    assert all(o.skipped for o in rerun) and not list(killed.glob(".*.tmp"))

    entry_file(killed, shards[2].id).unlink()  # as if its worker died before the manifest entry
    again = {o.shard.id: o for o in run(client, shards, killed)}
    assert [s.id for s in shards if not again[s.id].skipped] == [shards[2].id]
    assert _doc_ids(killed, [s.id for s in shards]) == expected


def test_shards_of_an_older_format_are_run_again_and_carry_statements(client, corpus: Path, tmp_path: Path):
    shards, _ = plan(client, [corpus], 4)
    out = tmp_path / "out"
    list(run(client, shards, out))
    old = json.loads(entry_file(out, shards[0].id).read_text(encoding="utf-8"))
    del old["format"]  # as written before documents carried `said`
    entry_file(out, shards[0].id).write_text(json.dumps(old), encoding="utf-8")
    again = {o.shard.id: o for o in run(client, shards, out)}
    assert [s.id for s in shards if not again[s.id].skipped] == [shards[0].id]
    said = pq.read_table(documents_file(out, shards[0].id)).column("said").to_pylist()
    assert all(json.loads(x)["statements"] is not None for x in said)
    assert any(json.loads(x)["statements"] for x in said)  # the ministry's statement (line 3)


def test_a_shard_that_keeps_failing_is_reported_and_the_others_finish(client, corpus: Path, tmp_path: Path):
    shards, _ = plan(client, [corpus], 4)
    outcomes = {o.shard.id: o for o in run(client, shards, tmp_path / "out", task=_must_not_run, retries=1)}
    assert all("AssertionError" in o.failure for o in outcomes.values())
    (tmp_path / "out2").mkdir()
    good = list(run(client, shards, tmp_path / "out2"))
    assert [o.failure for o in good] == [None] * len(shards) and len(shards) > 1


def test_batch_then_load_equals_ingest_on_the_seeds(client, seeds_dir: Path, tmp_path: Path):
    runner = CliRunner()
    ingested = runner.invoke(main, ["ingest", str(seeds_dir), "--db", str(tmp_path / "ingest.db"), "-q"])
    batch = ["batch", str(seeds_dir), "--out", str(tmp_path / "out"), "--db", str(tmp_path / "batch.db"),
             "--shard-size", "3", "--scheduler", client.scheduler.address, "-q"]
    batched = runner.invoke(main, batch)
    assert ingested.exit_code == batched.exit_code, batched.output
    assert "10 documents" in batched.output
    with Store.open(tmp_path / "ingest.db") as a, Store.open(tmp_path / "batch.db") as b:
        assert a.counts() == b.counts()
        docs_a, docs_b = a.list(limit=100), b.list(limit=100)
        assert [d.to_dict() for d in docs_a] == [d.to_dict() for d in docs_b]
        assert sum(len(b.events(d.doc_id)) for d in docs_b) > 0
        for d in docs_a:
            assert [e.to_dict() for e in a.events(d.doc_id)] == [e.to_dict() for e in b.events(d.doc_id)]
        # What the speakers said was read on the workers and carried by the shards unchanged.
        for table, key in _SAID_TABLES:
            sql = f"SELECT * FROM {table} ORDER BY {key}"
            assert a.statements.rows(sql) == b.statements.rows(sql), table
        assert len(b.statements.rows("SELECT * FROM statements")) > 10 and not b.statements.missing()
    exports = [runner.invoke(main, ["export", "--db", str(tmp_path / db), "--format", "jsonl"]).output
               for db in ("ingest.db", "batch.db")]
    assert exports[0] == exports[1] and exports[0].count("\n") > 2

    again = runner.invoke(main, batch)
    assert re.search(r"\(0 run, \d+ finished before, 0 failed\)", again.output), again.output
    assert "added                 0" in again.output and "unchanged            10" in again.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert sum(e["documents"] for e in manifest["shards"]) == 10


def test_loading_twice_adds_nothing(client, corpus: Path, tmp_path: Path):
    shards, _ = plan(client, [corpus], 3)
    out = tmp_path / "out"
    out.mkdir()
    list(run(client, shards, out))
    with Store.open(tmp_path / "s.db") as store:
        first = Counter(r.status for r in load_shards(store, out, [s.id for s in shards]))
        second = Counter(r.status for r in load_shards(store, out, [s.id for s in shards]))
    assert first["added"] + first["near_duplicate"] + first["duplicate"] == 7 and first["unchanged"] == 1
    assert second == Counter(unchanged=8)


def test_bad_inputs_and_options_are_one_line_errors(client, corpus: Path, tmp_path: Path):
    runner = CliRunner()
    missing = tmp_path / "nowhere.jsonl"
    result = runner.invoke(main, ["batch", str(missing), str(corpus), "--out", str(tmp_path / "out"),
                                  "--scheduler", client.scheduler.address, "-q"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    bad_line = f"error: {corpus}:4: invalid JSON on line 4, column 2: Expecting property name enclosed in double quotes"
    assert errors == [f"error: {missing}: no such file", bad_line]
    assert "8 documents" in result.output

    not_dir = tmp_path / "file"
    not_dir.write_text("x")
    result = runner.invoke(main, ["batch", str(corpus), "--out", str(not_dir)])
    assert result.exit_code == 2 and "is a file" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "o"), "--workers", "2",
                                  "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "--workers" in result.output
    result = runner.invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "o"), "--shard-size", "0"])
    assert result.exit_code == 2 and "--shard-size" in result.output
    not_db = tmp_path / "not.db"
    not_db.write_text("not a database")
    result = runner.invoke(main, ["batch", str(corpus), "--out", str(tmp_path / "o"), "--db", str(not_db)])
    assert result.exit_code == 1 and result.output.startswith(f"Error: {not_db}: ")
    assert result.output.count("\n") == 1 and not (tmp_path / "o" / "manifest.json").exists()
