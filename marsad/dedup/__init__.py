"""Duplicate detection: exact copies by a key of the normalised text, near
copies (syndicated wire text with small edits) by MinHash over word shingles.

Only the fingerprints live here; keeping them and finding candidates is the
store's job (`marsad.store`), so that the index is persistent and incremental.
"""
from __future__ import annotations

from marsad.dedup.fingerprint import content_hash
from marsad.dedup.minhash import BANDS, NUM_PERM, ROWS, THRESHOLD, band_keys, similarity, signature

__all__ = ["content_hash", "signature", "band_keys", "similarity", "NUM_PERM", "BANDS", "ROWS", "THRESHOLD"]
