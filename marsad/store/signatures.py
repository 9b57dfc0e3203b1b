"""The near-copy index in the store: MinHash signatures and LSH band keys.

Every document with enough words keeps its signature (`minhash`) and its band
keys (`lsh_bands`), heads and copies alike: which copy of a group is the head
is decided by a rule (`marsad.store.copies`), so a stored copy can become a
head, or move to another head, when an earlier-ranked text arrives, and must
be findable for that. Candidates found by lookup are verified against their
stored signature. Kept apart from `store.py` because the migrations that
changed the signature scheme (0003) or the band index (0005) rebuild this
index with the same code that writes it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from marsad.arabic.normalize import norm
from marsad.dedup import minhash
from marsad.store.backend import Backend

_BANDS_SQL = "INSERT INTO lsh_bands (band, key, doc) VALUES (?, ?, ?)"
# The band keys drive the lookup (the IN subquery: one OR-term per band, each
# answered from the (band, key, doc) primary key), then each candidate, head or
# copy, is read by its id (documents and minhash, both by primary key), so the
# cost follows the number of candidates, not the size of the store. (Written
# as a join, when the lookup still kept only heads, SQLite walked every head
# through the near_duplicate_of index instead: 6.8 ms per lookup at 1,200
# documents against 0.04 ms.)
_CANDIDATES_SQL = (
    "SELECT d.doc_id, d.published, d.near_duplicate_of, m.signature FROM documents d JOIN minhash m ON m.doc = d.id "
    "WHERE d.id IN (SELECT doc FROM lsh_bands WHERE "
    f"{' OR '.join('(band = ? AND key = ?)' for _ in range(minhash.BANDS))})"
)


@dataclass(frozen=True)
class Similar:
    """A stored document whose text is a near copy of the one looked up:
    its id, publication day, the head it is a copy of (None: it is a head),
    and the estimated similarity."""

    doc_id: str
    published: str | None
    near_duplicate_of: str | None
    similarity: float


def insert(conn: Backend, rowid: int, sig: np.ndarray, keys: list[int]) -> None:
    """Keep document `rowid`'s signature and its band keys."""
    conn.execute("INSERT INTO minhash (doc, signature) VALUES (?, ?)", (rowid, minhash.to_bytes(sig)))
    conn.executemany(_BANDS_SQL, [(b, key, rowid) for b, key in enumerate(keys)])


def delete(conn: Backend, rowid: int) -> None:
    """Forget document `rowid`'s signature and band keys (its stored
    signature gives the keys, so every row is found by primary key)."""
    row = conn.execute("SELECT signature FROM minhash WHERE doc = ?", (rowid,)).fetchone()
    if row is None:
        return
    keys = minhash.band_keys(minhash.from_bytes(row[0]))
    conn.executemany("DELETE FROM lsh_bands WHERE band = ? AND key = ? AND doc = ?",
                     [(b, key, rowid) for b, key in enumerate(keys)])
    conn.execute("DELETE FROM minhash WHERE doc = ?", (rowid,))


def similar(conn: Backend, sig: np.ndarray, keys: list[int], doc_id: str | None = None) -> list[Similar]:
    """Every stored document (heads and copies, but not `doc_id` itself)
    that shares a band with `sig` (whose band keys are `keys`) and is at
    least `minhash.THRESHOLD` similar to it. Sharing a band is symmetric, so
    a finds b exactly when b finds a."""
    params = [v for pair in enumerate(keys) for v in pair]
    out = []
    for other, published, near, blob in conn.execute(_CANDIDATES_SQL, params):
        sim = minhash.similarity(sig, minhash.from_bytes(blob))
        if other != doc_id and sim >= minhash.THRESHOLD:
            out.append(Similar(other, published, near, sim))
    return out


def signature_of(conn: Backend, doc_id: str) -> np.ndarray | None:
    """The stored signature of `doc_id` (None: too short to have one)."""
    row = conn.execute(
        "SELECT m.signature FROM documents d JOIN minhash m ON m.doc = d.id WHERE d.doc_id = ?", (doc_id,)
    ).fetchone()
    return minhash.from_bytes(row[0]) if row else None


def rebuild(conn: Backend) -> None:
    """Recompute every stored signature and band keys from the stored text,
    keeping the groups as they are (`near_duplicate_of` is not revisited).
    For a change of how `minhash` hashes: old and new signatures never agree,
    so keeping old ones would silently stop near-copy detection against
    every document stored before. Runs inside the caller's transaction."""
    conn.execute("DELETE FROM lsh_bands")
    conn.execute("DELETE FROM minhash")
    for rowid, text in conn.execute("SELECT id, text FROM documents ORDER BY id"):
        sig = minhash.signature(norm(text))
        if sig is not None:
            insert(conn, rowid, sig, minhash.band_keys(sig))


def index_copies(conn: Backend) -> None:
    """Give the stored near copies the band keys that only heads had before
    migration 0005 (from their stored signatures), so that the head rule can
    find them. Runs inside the caller's transaction, after 0005's SQL
    cleared any copy's keys (so it can run again)."""
    rows = conn.execute(
        "SELECT m.doc, m.signature FROM minhash m JOIN documents d ON d.id = m.doc "
        "WHERE d.near_duplicate_of IS NOT NULL ORDER BY m.doc"
    ).fetchall()
    conn.executemany(_BANDS_SQL, [(b, key, rowid) for rowid, blob in rows
                                  for b, key in enumerate(minhash.band_keys(minhash.from_bytes(blob)))])
