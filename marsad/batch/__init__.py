"""Distributed batch processing: documents → extraction on a Dask cluster,
Parquet shards out, then loading into the store (`marsad batch`).

`plan` cuts the inputs into shards (ranges of records, read as streams:
`streams`, `plan`); `run` sends each unfinished shard to a worker
(`worker.process_shard`: read, analyse, write `documents-<shard>.parquet`,
`events-<shard>.parquet` and the manifest entry `done-<shard>.json`, each
atomically: `outdir`, `rows`); `load_shards` adds the finished shards to a
store in plan order, where they are de-duplicated and fused as `marsad
ingest` would. Importing this package needs the `batch` extra (dask,
distributed, pyarrow); nothing else in marsad imports it.
"""
from __future__ import annotations

from marsad.batch.load import load_shards
from marsad.batch.plan import Part, Shard, make_shards, scan_file
from marsad.batch.run import BatchError, Outcome, cluster, plan, run
from marsad.batch.worker import process_shard, read_part

__all__ = ["BatchError", "Outcome", "Part", "Shard", "cluster", "load_shards", "make_shards", "plan",
           "process_shard", "read_part", "run", "scan_file"]
