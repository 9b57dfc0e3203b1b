"""Small in-process caches, valid for one version of the data.

The dashboard asks the same few questions again and again (every event on the
map, the weekly timeline, the facet counts, for the filters in use), and the
data changes only when something is ingested, merged or split. Two caches:

- the selected rows of a filter combination (`marsad.web.queries.Selector`):
  one filter change makes the browser ask for events, map, timeline and
  facets at once, and all four are cut from the same selection;
- the encoded answers, as the bytes sent.

Keys include the store's data version (`marsad.web.queries.data_version`): a
write changes the version, and old entries are never asked for again and
age out. Each cache is bounded by a budget (bytes, or rows), least recently
used first out, so a crawler walking every filter cannot grow the process.
When several threads miss the same key at once, one computes and the others
wait for its result instead of repeating the work.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

T = TypeVar("T")


class Cache(Generic[T]):
    def __init__(self, budget: int, weigh: Callable[[T], int] = len) -> None:
        """`budget`: the most the entries may weigh together (0: cache nothing)."""
        self.budget = budget
        self._weigh = weigh
        self._items: OrderedDict[Hashable, tuple[T, int]] = OrderedDict()
        self._pending: dict[Hashable, Future] = {}
        self._weight = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def peek(self, key: Hashable) -> T | None:
        """The cached value for `key`, or None (nothing is made)."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found[0]

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The cached value for `key`, or `make()`'s, kept."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
            pending = self._pending.get(key)
            if pending is None:
                mine = self._pending[key] = Future()
        if pending is not None:
            return pending.result()  # another thread is making it (its exception is raised here too)
        try:
            value = make()
        except BaseException as e:
            with self._lock:
                del self._pending[key]
            mine.set_exception(e)
            raise
        self._keep(key, value)  # kept before the key stops being pending: no gap for a third thread
        with self._lock:
            del self._pending[key]
        mine.set_result(value)
        return value

    def _keep(self, key: Hashable, value: T) -> None:
        weight = self._weigh(value)
        if self.budget <= 0 or weight > self.budget // 4:  # one huge entry must not flush everything else
            return
        with self._lock:
            self._items[key] = (value, weight)
            self._weight += weight
            while self._weight > self.budget:
                _, (_, old) = self._items.popitem(last=False)
                self._weight -= old
