"""Store connections for a multi-threaded server.

An SQLite connection belongs to the thread that opened it, and uvicorn runs
the API's (synchronous) endpoints in a pool of threads. So each thread opens
its own `Store` on first use and keeps it: opening costs a schema check,
which is paid once per thread rather than per request. In WAL mode readers
never wait for a writer.

Writes (ingest) go to one dedicated writer thread: SQLite has one writer at a
time anyway, and one writer keeps one in-memory fuser (loading it from the
store is the expensive part of a first write), instead of one per pool thread.
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from marsad.store import Store

T = TypeVar("T")


class Stores:
    def __init__(self, path: str | Path) -> None:
        """Check (and migrate) the store now, so that a bad path fails at
        start-up with StoreError, not at the first request."""
        self.path = path  # a file, or a database URL the store understands
        Store.open(self.path, create=False).close()
        self._local = threading.local()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="marsad-writer")

    def reader(self) -> Store:
        """This thread's store (opened on first use)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store.open(self.path, create=False)
        return store

    @contextmanager
    def own(self) -> Iterator[Store]:
        """A store for a short-lived thread of its own (a streamed export),
        closed when done."""
        store = Store.open(self.path, create=False)
        try:
            yield store
        finally:
            store.close()

    async def write(self, work: Callable[[Store], T]) -> T:
        """Run `work(store)` on the writer thread; wait for it without
        holding up other requests."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, lambda: work(self.reader()))

    def close(self) -> None:
        """Let a running write finish, then stop the writer thread."""
        self._writer.shutdown(wait=True)
