"""MinHash signatures of texts and their LSH band keys.

Near copies are found by Jaccard similarity of word shingles of the
normalised text. A signature of `NUM_PERM` minima estimates that similarity;
cutting it into `BANDS` bands of `ROWS` values gives keys under which similar
texts collide (banded LSH). The band count favours recall: at the 0.8
threshold about 95% of true pairs share a band, and every candidate is then
verified against its stored signature, so extra candidates cost little.

Functions take text already normalised by `marsad.arabic.normalize.norm`:
the store normalises each document once for all its fingerprints.

Speed: hashing every shingle's bytes (SHA-1 per shingle through datasketch,
before store migration 0003) was a third of the time spent storing a
document. Here each distinct word is hashed once (BLAKE2b, 64 bits, cached:
news vocabulary repeats) and a shingle's hash is mixed from its words'
hashes in numpy, so the per-shingle work is array arithmetic. The permutations are multiply-shift hashes over 64
bits (`(a * h + b) mod 2^64`, odd `a`, keeping the high 32 bits), one array
operation over all shingles.

Signatures are persisted, so everything that shapes them (shingle size,
seed, word hash, mixing, permutations) is fixed here; changing any of
them means rebuilding the stored index (a store migration that recomputes
the signatures, as `0003_minhash_word_hashes.sql` did).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np

from marsad.arabic.tokens import words

NUM_PERM = 128
BANDS = 16
ROWS = 8
THRESHOLD = 0.8
SHINGLE = 3
MIN_TOKENS = 10  # below this a few shared words would look like a copy
_SEED = 1
DTYPE = np.uint32
# Odd 64-bit multipliers (from splitmix64 / murmur3's finaliser): they spread
# the word hashes of a shingle so that word order matters.
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S32 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(32)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters of the permutations, as (1, NUM_PERM) rows:
    drawn once per process from a fixed seed (numpy's legacy RandomState
    stream is stable across numpy versions, so every process and machine
    draws the same ones)."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = gen.randint(0, 1 << 63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + gen.randint(0, 2, NUM_PERM, dtype=np.uint64)
    return a[None, :], b[None, :]


class _WordHashes(dict):
    """word -> a stable 64-bit hash (BLAKE2b, never Python's salted `hash`),
    computed on first sight. A dict rather than `lru_cache`: looked up through
    `map(d.__getitem__, words)`, a known word costs one C-level dict lookup.
    Emptied when full, which bounds memory at little cost (news vocabulary
    repeats, so the common words come back at once)."""

    LIMIT = 500_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.LIMIT:
            self.clear()
        h = self[word] = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
        return h


_word_hashes = _WordHashes()


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place: every output bit depends on every input bit."""
    h ^= h >> _S30
    h *= _M2
    h ^= h >> _S27
    h *= _M3
    h ^= h >> _S31
    return h


def shingle_hashes(words: list[str]) -> np.ndarray:
    """64-bit hashes of the `SHINGLE`-grams of `words`, one per position
    (repeats are left in: they cannot change a minimum, and removing them
    costs more than they do)."""
    n = len(words) - SHINGLE + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    w = np.fromiter(map(_word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
    with np.errstate(over="ignore"):
        h = w[:n].copy()
        for k in range(1, SHINGLE):
            h *= _M1
            h ^= w[k:k + n]
            h = _mix(h)
    return h


def signature(norm_text: str) -> np.ndarray | None:
    """The MinHash signature (`NUM_PERM` uint32 values) of already normalised
    text, or None when it is too short for similarity to mean anything."""
    return signature_of_words(words(norm_text))


def signature_of_words(words: list[str]) -> np.ndarray | None:
    """`signature` of a text already cut into `words`."""
    h = shingle_hashes(words)
    if len(h) < MIN_TOKENS - SHINGLE + 1:
        return None
    a, b = _permutations()
    with np.errstate(over="ignore"):
        m = np.multiply(h[:, None], a)
        m += b
    # The high 32 bits of the minimum are the minimum of the high 32 bits.
    return (m.min(axis=0) >> _S32).astype(DTYPE)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (SQLite integers are signed)."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].tobytes()
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(DTYPE)
