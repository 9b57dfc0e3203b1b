"""MinHash signatures of texts and their LSH band keys.

Near copies are found by Jaccard similarity of word shingles of the
normalised text. A signature of `NUM_PERM` minima estimates that similarity;
cutting it into `BANDS` bands of `ROWS` values gives keys under which similar
texts collide (banded LSH). The band count favours recall: at the 0.8
threshold about 95% of true pairs share a band, and every candidate is then
verified against its stored signature, so extra candidates cost little.

Functions take text already normalised by `marsad.arabic.normalize.norm`:
the store normalises each document once for all its fingerprints.

Signatures are persisted, so everything that shapes them (shingle size,
seed, hash function, permutation scheme) is fixed here; changing any of them
means rebuilding the stored index.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from marsad.arabic.tokens import tokens

NUM_PERM = 128
BANDS = 16
ROWS = 8
THRESHOLD = 0.8
SHINGLE = 3
MIN_TOKENS = 10  # below this a few shared words would look like a copy
_SEED = 1
_SCHEME = "affine32"
DTYPE = np.uint32


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """Permutation parameters, drawn once per process rather than per text."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def shingles(norm_text: str) -> list[bytes]:
    """Word `SHINGLE`-grams of already normalised text, as bytes for hashing."""
    words = [t for _, _, t in tokens(norm_text)]
    return [" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)]


def signature(norm_text: str) -> np.ndarray | None:
    """The MinHash signature (`NUM_PERM` uint32 values) of already normalised
    text, or None when it is too short for similarity to mean anything."""
    grams = shingles(norm_text)
    if len(grams) < MIN_TOKENS - SHINGLE + 1:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=_permutations())
    m.update_batch(grams)
    return m.hashvalues.astype(DTYPE)


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
