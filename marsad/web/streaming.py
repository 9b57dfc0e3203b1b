"""Streaming the output of a writer function (`marsad.export.WRITERS`) as
an HTTP body.

The export writers push text into a stream (`write(events, out)`), the way a
file wants it; an HTTP body is pulled chunk by chunk. The writer therefore
runs on a thread of its own, writing into a bounded queue that the response
drains, so a whole-corpus export starts arriving at once and never sits in
memory whole. If the client goes away, the writer's next write fails and the
thread ends instead of waiting for a reader that is gone.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator

CHUNK = 64 * 1024
_DONE = object()
_PUT_TIMEOUT = 1.0  # seconds between checks that the reader is still there


class ClientGone(Exception):
    """The response was closed before the writer finished."""


class _QueueStream:
    """The text stream the writer writes to: encoded, buffered to CHUNK
    bytes, handed to the response through the queue."""

    def __init__(self, out: queue.Queue, closed: threading.Event) -> None:
        self._out = out
        self._closed = closed
        self._buf: list[bytes] = []
        self._size = 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self._buf.append(data)
        self._size += len(data)
        if self._size >= CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._buf:
            self.put(b"".join(self._buf))
            self._buf, self._size = [], 0

    def put(self, item: object) -> None:
        while True:
            if self._closed.is_set():
                raise ClientGone()
            try:
                self._out.put(item, timeout=_PUT_TIMEOUT)
                return
            except queue.Full:
                continue


def stream(write: Callable[[_QueueStream], object], depth: int = 8) -> Iterator[bytes]:
    """The bytes `write(stream)` writes, as they come. An exception in the
    writer is raised here, in the response, after what was already sent."""
    out: queue.Queue = queue.Queue(maxsize=depth)
    closed = threading.Event()
    sink = _QueueStream(out, closed)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            write(sink)
            sink.flush()
        except ClientGone:
            return
        except BaseException as e:  # noqa: BLE001 - handed to the response thread
            failure.append(e)
        try:
            sink.put(_DONE)
        except ClientGone:
            pass

    threading.Thread(target=run, name="marsad-export", daemon=True).start()
    try:
        while True:
            item = out.get()
            if item is _DONE:
                break
            yield item
        if failure:
            raise failure[0]
    finally:
        closed.set()
