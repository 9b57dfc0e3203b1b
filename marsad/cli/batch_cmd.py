"""`marsad batch`: documents → extraction on a Dask cluster, Parquet shards
out, then (with `--db`) loading into the store.

dask, distributed and pyarrow (the `batch` extra) are imported only here,
when the command runs.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from marsad.cli.extract_cmd import PATHS, QUIET, progress, report_error
from marsad.model import InputError

if TYPE_CHECKING:
    from marsad.batch import Shard

_LOAD_ORDER = ("added", "unchanged", "duplicate", "near_duplicate")


@click.command()
@PATHS
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the Parquet shards and the manifest (created if needed). "
                   "A rerun into the same folder skips the shards it finished.")
@click.option("--db", default=None, metavar="FILE_OR_URL",
              help="Afterwards, load the shards into this store (a database file or a postgresql:// URL), "
                   "de-duplicated and fused as `marsad ingest` does. Without it only Parquet is written.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster (one thread each)  [default: number of CPUs]")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Use the Dask cluster at ADDRESS (tcp://host:8786) instead of a local one; its workers "
                   "need marsad installed and must see PATH... and --out at the same paths.")
@click.option("--shard-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Records per shard: the unit of work, of retry and of output files.")
@QUIET
def batch(paths: tuple[Path, ...], out: Path, db: str | None, workers: int | None, scheduler: str | None,
          shard_size: int, quiet: bool) -> None:
    """Read PATH... (files, directories, JSON Lines, zips of JSON arrays,
    WARC: whatever `marsad ingest` reads), extract events on a Dask cluster,
    and write `documents-<shard>.parquet` and `events-<shard>.parquet` per
    shard into --out. JSON arrays, zips of them and JSON Lines files are cut
    into shards of record ranges, read as streams (never loaded whole); a
    WARC file is one shard, streamed record by record. A failed or killed
    worker's shard is run
    again without duplicating output; a rerun skips finished shards. Each
    unreadable input prints `error: <source>: <reason>` on stderr; the exit
    status is 1 if any input or shard failed."""
    try:
        from marsad.batch import BatchError, cluster, plan, run
        from marsad.batch.outdir import write_manifest
    except ImportError as e:
        raise click.ClickException(f"marsad batch needs the batch extra (pip install 'marsad[batch]'): {e}") from None
    if scheduler and workers:
        raise click.UsageError("--workers sets the size of the local cluster; it cannot go with --scheduler")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise click.ClickException(f"{out}: cannot create the output folder: {e.strerror or e}") from None
    if db is not None:
        from marsad.cli.store_cmds import open_store

        with open_store(db, create=True):
            pass  # an unusable store fails now, not after the extraction
    failed = skipped = 0
    try:
        with cluster(scheduler, workers or os.cpu_count() or 1) as client:
            shards, errors = plan(client, paths, shard_size)
            for err in errors:
                report_error(err)
            failed += len(errors)
            entries: dict[str, dict] = {}
            bar = progress(None, quiet, unit="doc", total=sum(s.records for s in shards))
            with bar:
                for outcome in run(client, shards, out):
                    bar.update(outcome.shard.records)
                    skipped += outcome.skipped
                    if outcome.entry is None:
                        report_error(InputError(_shard_name(outcome.shard), f"failed: {outcome.failure}"))
                        entries[outcome.shard.id] = {**outcome.shard.to_dict(), "failed": outcome.failure}
                        failed += 1
                        continue
                    entries[outcome.shard.id] = outcome.entry
                    for source, reason in outcome.entry["errors"]:
                        report_error(InputError(source, reason))
                    failed += len(outcome.entry["errors"])
    except BatchError as e:
        raise click.ClickException(str(e)) from None
    write_manifest(out, [entries[s.id] for s in shards])
    done = [entries[s.id] for s in shards if "failed" not in entries[s.id]]
    click.echo(f"{out}: {len(shards)} shards ({len(done) - skipped} run, {skipped} finished before, "
               f"{len(shards) - len(done)} failed), {sum(e['documents'] for e in done)} documents, "
               f"{sum(e['events'] for e in done)} events")
    if db is not None:
        _load(db, out, done, quiet)
    sys.exit(1 if failed else 0)


def _shard_name(shard: Shard) -> str:
    """`shard ID (FILE[:MEMBER] and N more)`: which inputs a failed shard held."""
    names = list(dict.fromkeys(p.path if p.member is None else f"{p.path}:{p.member}" for p in shard.parts))
    more = f" and {len(names) - 1} more" if len(names) > 1 else ""
    return f"shard {shard.id} ({names[0]}{more})"


def _load(db: str, out: Path, entries: list[dict], quiet: bool) -> None:
    """Load the finished shards into the store at `db`, in plan order."""
    from marsad.batch import load_shards
    from marsad.cli.store_cmds import open_store
    from marsad.store.backend import display_name  # a URL's password is not printed

    tally: Counter[str] = Counter()
    with open_store(db, create=True) as store:
        results = load_shards(store, out, [e["shard"] for e in entries])
        for result in progress(results, quiet, unit="doc", total=sum(e["documents"] for e in entries)):
            tally[result.status] += 1
    click.echo(f"{display_name(db)}:")
    for key in _LOAD_ORDER:
        click.echo(f"  {key.replace('_', '-'):<15}{tally[key]:>8}")
