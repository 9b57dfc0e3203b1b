"""Running the shards of a batch on a Dask cluster.

A local cluster of worker processes (one thread each: the pipeline is pure
Python, so threads would share one core) unless a scheduler address is
given; then the workers must have marsad installed and see the inputs and
the output folder at the same paths (a shared filesystem). Planning runs on
the workers too: counting the records of a corpus is a streaming parse of
every file.

A task that raises is retried (`retries`); a worker that dies (killed, out of
memory) has its tasks moved to another worker by the scheduler. Neither can
duplicate output: see `marsad.batch.outdir`.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask
from distributed import Client, LocalCluster, as_completed

from marsad.batch import outdir
from marsad.batch.plan import Shard, make_shards, scan_file
from marsad.batch.worker import process_shard
from marsad.model import InputError
from marsad.sources import input_files

RETRIES = 2


class BatchError(Exception):
    """A batch that cannot start (no cluster, unusable output folder); the
    message is one line for the user."""


@dataclass(frozen=True)
class Outcome:
    """What became of one shard: its manifest entry, or why it failed after
    every retry. `skipped` marks a shard finished by an earlier run."""

    shard: Shard
    entry: dict[str, Any] | None
    failure: str | None = None
    skipped: bool = False


@contextmanager
def cluster(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a new local cluster of
    `workers` processes (closed on exit)."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError, TypeError) as e:
            raise BatchError(f"--scheduler {scheduler}: cannot connect ({_one_line(e)})") from None
        with client:
            yield client
        return
    # One task per worker at a time: with the default saturation (1.1) a
    # one-thread worker is handed two shards, and near the end one worker
    # can hold two while the other idles. No statistical profiler: it takes
    # the GIL from the task every 10 ms for a dashboard no one looks at.
    with dask.config.set({"distributed.scheduler.worker-saturation": 1.0,
                          "distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, silence_logs=logging.ERROR,
                         dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"},  # no fixed port
                         ) as local, Client(local) as client:
        yield client


def plan(client: Client, paths: Iterable[str | Path], shard_size: int) -> tuple[list[Shard], list[InputError]]:
    """The shards of `paths` (the files `marsad ingest` would read, in its
    order), and errors for paths that are not read at all."""
    files: list[str] = []
    errors: list[InputError] = []
    for file in input_files(paths):
        if isinstance(file, InputError):
            errors.append(file)
        else:
            files.append(str(file))
    scans = client.gather(client.map(scan_file, files, shard_size=shard_size, pure=False)) if files else []
    return make_shards(scans, shard_size), errors


def run(client: Client, shards: list[Shard], out: Path,
        task: Callable[[Shard, str], dict[str, Any]] = process_shard, retries: int = RETRIES) -> Iterator[Outcome]:
    """Run every unfinished shard of `shards`, yielding outcomes as shards
    finish (finished ones first, as skipped). `task` is the function run per
    shard: `process_shard`, or a wrapper of it (tests inject faults that way)."""
    out.mkdir(parents=True, exist_ok=True)
    outdir.remove_temporary(out)
    todo: list[Shard] = []
    for shard in shards:
        entry = outdir.finished(out, shard.id)
        if entry is None:
            todo.append(shard)
        else:
            yield Outcome(shard, entry, skipped=True)
    futures = {client.submit(task, shard, str(out), retries=retries, pure=False): shard for shard in todo}
    for future in as_completed(futures):
        shard = futures.pop(future)
        try:
            yield Outcome(shard, future.result())
        except Exception as e:  # noqa: BLE001 - one failed shard is reported, the others go on
            yield Outcome(shard, None, f"{type(e).__name__}: {_one_line(e)}")
        future.release()


def _one_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else ""
