"""How much one input may be: bytes per file, zip member or WARC record,
and characters per document.

A hostile or broken input (a zip whose one member unpacks to a gigabyte, a
multi-megabyte "article" that is a database dump) must cost one clear error,
not the machine's memory. The defaults are far above any news article; a
user changes them for a run with `marsad ingest --max-bytes / --max-chars`
(or `limits.use(Limits(...))` in code); the time one document's analysis
may take is `--max-seconds` (`marsad.pipeline.within`). They are read where the input is
read: the CLI sets them for its run, the server's ingest reads with the
defaults, and `marsad batch` has no options for them yet.
"""
from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import BinaryIO, TypeVar

from marsad.sources.errors import SourceError

MB = 2**20
T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 64 * MB        # one file, zip member, WARC record or JSON Lines line (the corpus: 12 MB at most)
    max_chars: int = 2_000_000      # one document's text (a long report is ~100,000; 2 M analyse in ~0.7 GB)


DEFAULT = Limits()
_CURRENT: ContextVar[Limits] = ContextVar("marsad_limits", default=DEFAULT)


def current() -> Limits:
    return _CURRENT.get()


@contextlib.contextmanager
def use(limits: Limits) -> Iterator[Limits]:
    """Read with `limits` inside the block."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def under(limits: Limits, items: Iterator[T]) -> Iterator[T]:
    """`items`, each one produced with `limits` in force, in a context of
    its own: the caller's code between two items does not see them, and
    stopping early leaves nothing set."""
    context = contextvars.copy_context()
    context.run(_CURRENT.set, limits)
    while True:
        try:
            item = context.run(next, items)
        except StopIteration:
            return
        yield item


def read_bounded(stream: BinaryIO, what: str, declared: int | None = None) -> bytes:
    """All of `stream`, or a SourceError when it is (or says it is) over
    `max_bytes`: at most one byte more than the limit is ever held."""
    limit = current().max_bytes
    if declared is not None and declared > limit:
        raise SourceError(f"{what} of {_size(declared)} is over the limit of {_size(limit)} (--max-bytes)")
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"{what} is over the limit of {_size(limit)} (--max-bytes)")
    return data


def check_chars(text: str) -> None:
    limit = current().max_chars
    if len(text) > limit:
        raise SourceError(f"document of {len(text):,} characters is over the limit of {limit:,} (--max-chars)")


def _size(n: int) -> str:
    return f"{n:,} bytes" + (f" ({n / MB:.1f} MB)" if n >= MB else "")
