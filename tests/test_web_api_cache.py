"""The web API's answer cache (marsad.web.cache): bounded, least recently
used out, one computation when threads miss together, failures not kept."""
from __future__ import annotations

import threading
import time

import pytest

from marsad.web.cache import Cache


def test_budget_and_least_recently_used_out():
    cache: Cache[bytes] = Cache(budget=40)
    for key in "abc":
        cache.get(key, lambda: b"x" * 10)
    cache.get("a", lambda: b"never")  # a hit: "a" becomes the most recent
    cache.get("d", lambda: b"y" * 10)
    cache.get("e", lambda: b"z" * 10)  # over budget: "b" (least recent) goes
    assert cache.get("b", lambda: b"again") == b"again"
    assert cache.get("a", lambda: b"never") == b"x" * 10
    assert cache.get("huge", lambda: b"h" * 11) == b"h" * 11  # over a quarter of the budget: not kept
    assert cache.get("huge", lambda: b"new") == b"new"


def test_nothing_kept_with_no_budget():
    cache: Cache[bytes] = Cache(budget=0)
    assert cache.get("k", lambda: b"1") == b"1" and cache.get("k", lambda: b"2") == b"2"
    assert cache.get("empty", lambda: b"") == b"" and cache.get("empty", lambda: b"3") == b"3"


def test_threads_missing_together_compute_once():
    cache: Cache[bytes] = Cache(budget=1000)
    calls = []

    def make() -> bytes:
        calls.append(1)
        time.sleep(0.2)
        return b"v"

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", make))) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [b"v"] * 5 and len(calls) == 1


def test_a_failure_is_raised_and_not_kept():
    cache: Cache[bytes] = Cache(budget=1000)

    def fail() -> bytes:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        cache.get("k", fail)
    assert cache.get("k", lambda: b"ok") == b"ok"
