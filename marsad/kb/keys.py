"""Lookup keys for names: one spelling per name, whatever the punctuation.

`داعش-خراسان`, `«داعش» خراسان` and `داعش خراسان` must be one key, and so must
`ISIS-K`, `ISIS K` and `isis-k`; a key is the normalised tokens joined by one
space (punctuation, quotes and hashtags fall away with tokenisation).
"""
from __future__ import annotations

from marsad.arabic.normalize import norm
from marsad.arabic.tokens import tokens


def name_tokens(name: str) -> tuple[str, ...]:
    """The normalised tokens of a name, as the mention matcher sees them."""
    return tuple(tok for _, _, tok in tokens(norm(name)))


def name_key(name: str) -> str:
    """The lookup key of a name (normalised tokens joined by a space)."""
    return " ".join(name_tokens(name))
