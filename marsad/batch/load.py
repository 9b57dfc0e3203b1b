"""Loading finished shards into the store.

Shards are read in plan order, which is the order `marsad ingest` reads the
same inputs in, and each document goes through `Store.add`, which skips ids
it knows, links exact and near copies, and fuses events into incidents as it
goes. Loading the same shards twice, or after a partial load, adds nothing
twice; and the store ends as `marsad ingest` of the same inputs leaves it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.batch.rows import read_shard
from marsad.store import AddResult, Store


def load_shards(store: Store, out: Path, shard_ids: Iterable[str]) -> Iterator[AddResult]:
    """Add every document of the shards `shard_ids` (finished, in `out`), in
    order, then settle fusion as `marsad ingest` does."""
    for shard_id in shard_ids:
        for doc in read_shard(out, shard_id):
            yield store.add(doc)
    store.fusion.settle()
