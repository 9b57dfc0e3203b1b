"""The near-copy index in the store: MinHash signatures and LSH band keys.

Every document with enough words keeps its signature (`minhash`); only
group heads (documents that are no near copy) have band keys (`lsh_bands`),
so candidates are heads, found by lookup and verified against their stored
signature. Kept apart from `store.py` because the migration that changed the
signature scheme (0003) rebuilds this index with the same code that writes it.
"""
from __future__ import annotations

import numpy as np

from marsad.arabic.normalize import norm
from marsad.dedup import minhash
from marsad.store.backend import Backend

_BANDS_SQL = "INSERT INTO lsh_bands (band, key, doc) VALUES (?, ?, ?)"
# The band keys drive the lookup (the IN subquery: one OR-term per band, each
# answered from the (band, key, doc) primary key), then each candidate is read
# by its id. Written as a join, SQLite chose to walk every head through the
# near_duplicate_of index instead: a cost that grew with the store (6.8 ms per
# lookup at 1,200 documents against 0.04 ms). In storage order, so that of
# equally similar heads the earliest wins, on every backend.
_CANDIDATES_SQL = (
    "SELECT d.id, d.doc_id, m.signature FROM documents d JOIN minhash m ON m.doc = d.id "
    "WHERE d.id IN (SELECT doc FROM lsh_bands WHERE "
    f"{' OR '.join('(band = ? AND key = ?)' for _ in range(minhash.BANDS))}) "
    "AND d.near_duplicate_of IS NULL ORDER BY d.id"
)


def insert(conn: Backend, rowid: int, sig: np.ndarray, keys: list[int], head: bool) -> None:
    """Keep document `rowid`'s signature, and its band keys if it is a head."""
    conn.execute("INSERT INTO minhash (doc, signature) VALUES (?, ?)", (rowid, minhash.to_bytes(sig)))
    if head:
        conn.executemany(_BANDS_SQL, [(b, key, rowid) for b, key in enumerate(keys)])


def near_copy_of(conn: Backend, sig: np.ndarray, keys: list[int]) -> tuple[str | None, float | None]:
    """The group head most similar to `sig` (whose band keys are `keys`), at
    or above the threshold, with that similarity; the earliest stored of
    equally similar heads."""
    params = [v for pair in enumerate(keys) for v in pair]
    best: tuple[float, str] | None = None
    for _, doc_id, blob in conn.execute(_CANDIDATES_SQL, params):
        sim = minhash.similarity(sig, minhash.from_bytes(blob))
        if sim >= minhash.THRESHOLD and (best is None or sim > best[0]):
            best = (sim, doc_id)
    return (best[1], best[0]) if best else (None, None)


def rebuild(conn: Backend) -> None:
    """Recompute every stored signature and the heads' band keys from the
    stored text, keeping the groups as they are (`near_duplicate_of` is not
    revisited). For a change of how `minhash` hashes: old and new signatures
    never agree, so keeping old ones would silently stop near-copy detection
    against every document stored before. Runs inside the caller's transaction."""
    conn.execute("DELETE FROM lsh_bands")
    conn.execute("DELETE FROM minhash")
    for rowid, text, near in conn.execute("SELECT id, text, near_duplicate_of FROM documents ORDER BY id"):
        sig = minhash.signature(norm(text))
        if sig is not None:
            insert(conn, rowid, sig, minhash.band_keys(sig), head=near is None)
