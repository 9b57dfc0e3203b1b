"""How `marsad batch` scales: the single-process pipeline against Dask with 1
and 2 worker processes, on the first N articles of the news corpus.

    .venv/bin/python benchmarks/batch_scale.py [--sizes 1000 10000 all] [--modes single 1 2 load]
                                               [--shard-size 500] [--work DIR]

Every (size, mode) runs in a fresh process, one after the other, and prints
one JSON line:
- `single`: `marsad.sources.read_paths` + `marsad.pipeline.analyse_or_error`
  in one process (documents → extraction, what a worker does, no output);
- `1`, `2`: a new local cluster of that many processes (one thread each),
  then plan + run of the shards holding the first N records (reading,
  extraction, Parquet writing); `seconds` excludes the cluster's start
  (`startup`), `peak_rss_mb` is each worker's peak resident memory;
- `load`: loading the Parquet shards written by the last Dask run of that
  size into a fresh SQLite store (the serial step: de-duplication, search
  index, incremental fusion).
Throughput is records (articles, including the ~3% the readers reject) per
second of wall time. The machine's load average is printed before each run:
on a shared machine, run it under `flock /tmp/helpers/heavy.lock`.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "news"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_single(n: int | None) -> dict:
    from marsad.model import InputError
    from marsad.pipeline import analyse_or_error
    from marsad.sources import read_paths

    began, cpu = time.perf_counter(), time.process_time()
    records = failed = events = 0
    for item in itertools.islice(read_paths([CORPUS]), n):
        records += 1
        outcome = item if isinstance(item, InputError) else analyse_or_error(item)
        if isinstance(outcome, InputError):
            failed += 1
        else:
            events += len(outcome.events)
    return {"records": records, "failed": failed, "events": events,
            "seconds": time.perf_counter() - began, "cpu_seconds": time.process_time() - cpu,
            "peak_rss_mb": [_peak_mb()]}


def _first_records(scans: list, n: int | None) -> list:
    """The scans cut to their first `n` records in reading order."""
    if n is None:
        return scans
    kept, left = [], n
    for scan in scans:
        parts = []
        for part in scan.parts:
            if left <= 0:
                break
            if part.records > left:
                part = replace(part, stop=part.start + left, records=left)  # array parts only
            parts.append(part)
            left -= part.records
        kept.append(replace(scan, parts=tuple(parts)))
    return kept


def run_dask(n: int | None, workers: int, shard_size: int, out: Path) -> dict:
    from marsad.batch import cluster, make_shards, run, scan_file
    from marsad.sources import input_files

    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    t0 = time.perf_counter()
    with cluster(None, workers) as client:
        client.wait_for_workers(workers)
        t1 = time.perf_counter()
        files = [str(f) for f in input_files([CORPUS])]
        scans: list = []
        step = len(files) if n is None else workers  # a corpus of N articles: only the files it needs
        for i in range(0, len(files), step):
            if n is not None and sum(p.records for s in scans for p in s.parts) >= n:
                break
            scans += client.gather(client.map(scan_file, files[i:i + step], shard_size=shard_size, pure=False))
        shards = make_shards(_first_records(scans, n), shard_size)
        planned = time.perf_counter()
        outcomes = list(run(client, shards, out))
        t2 = time.perf_counter()
        peaks = client.run(_peak_mb)
    assert all(o.entry for o in outcomes), [o.failure for o in outcomes if not o.entry]
    entries = [o.entry for o in outcomes]
    return {"records": sum(s.records for s in shards), "shards": len(shards),
            "failed": sum(len(e["errors"]) for e in entries), "events": sum(e["events"] for e in entries),
            "documents": sum(e["documents"] for e in entries),
            "startup": t1 - t0, "plan_seconds": planned - t1, "seconds": t2 - t1,
            "shard_cpu_seconds": sum(e["cpu_seconds"] for e in entries),
            "peak_rss_mb": sorted(peaks.values()),
            "shard_ids": [s.id for s in shards]}


def run_load(out: Path) -> dict:
    from marsad.batch import load_shards
    from marsad.store import Store

    manifest = json.loads((out / "shards.json").read_text())
    db = out / "load.db"
    db.unlink(missing_ok=True)
    began = time.perf_counter()
    with Store.open(db) as store:
        statuses = [r.status for r in load_shards(store, out, manifest)]
    seconds = time.perf_counter() - began
    db.unlink()
    return {"records": len(statuses), "added": statuses.count("added"), "seconds": seconds,
            "peak_rss_mb": [_peak_mb()]}


def one(size: str, mode: str, shard_size: int, work: Path) -> dict:
    n = None if size == "all" else int(size)
    out = work / f"out-{size}"
    if mode == "single":
        result = run_single(n)
    elif mode == "load":
        result = run_load(out)
    else:
        result = run_dask(n, int(mode), shard_size, out)
        (out / "shards.json").write_text(json.dumps(result.pop("shard_ids")))
    result["docs_per_s"] = round(result["records"] / result["seconds"], 1)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", default=["1000", "10000", "all"])
    ap.add_argument("--modes", nargs="+", default=["single", "1", "2", "load"])
    ap.add_argument("--shard-size", type=int, default=500)
    ap.add_argument("--work", type=Path, default=Path("/tmp/marsad-batch-scale"))
    ap.add_argument("--one", nargs=2, metavar=("SIZE", "MODE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(*args.one, args.shard_size, args.work)))
        return
    for size in args.sizes:
        for mode in args.modes:
            load = os.getloadavg()
            proc = subprocess.run(
                [sys.executable, __file__, "--one", size, mode, "--shard-size", str(args.shard_size),
                 "--work", str(args.work)], capture_output=True, text=True, check=False)
            if proc.returncode:
                print(json.dumps({"size": size, "mode": mode, "error": proc.stderr.strip().splitlines()[-1:]}))
                continue
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            print(json.dumps({"size": size, "mode": mode, "loadavg_before": [round(x, 2) for x in load],
                              **{k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}}),
                  flush=True)


if __name__ == "__main__":
    main()
