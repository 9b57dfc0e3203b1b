"""The exact-duplicate key of a text.

Two outlets that print the same wire story differ in spelling details that
`norm` removes (hamza forms, ta marbuta, tatweel, diacritics, digit scripts)
and in line breaks; those copies are the same text for counting purposes.
"""
from __future__ import annotations

import hashlib


def content_hash(norm_text: str) -> str | None:
    """SHA-256 (hex) of already normalised text (`marsad.arabic.normalize.norm`)
    with whitespace runs collapsed; None for a text with no content, so that
    empty documents are never declared copies of each other."""
    key = " ".join(norm_text.split())
    if not key:
        return None
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
