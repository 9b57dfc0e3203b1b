"""The one exception readers raise: a one-line reason an input cannot be read.

`read_paths` turns it into an `InputError` for that input and goes on with the
batch, so a reader never needs to know how errors are reported.
"""
from __future__ import annotations


class SourceError(Exception):
    """An input (or the rest of one) cannot be read; the message is the reason."""
