"""Records of big inputs, read as a stream so that no process holds a whole file.

A corpus zip is one JSON array of thousands of articles, and a crawl's JSON
Lines file can be gigabytes: `iter_array` yields the elements of a UTF-8 JSON
array one at a time from a byte stream (a zip member decompresses as it is
read), and `line_ranges` cuts a UTF-8 JSON Lines file into byte ranges of
whole lines, numbered as `marsad.sources` numbers them, so that a worker reads
only its own range. Anything these cannot read exactly as `marsad.sources`
would (another encoding, invalid JSON) raises `NotStreamable`, and the planner
then reads that input whole through `marsad.sources.read_file`, errors and all.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

_CHUNK = 1 << 20
_SPACE = re.compile(r"[ \t\r\n]*")


class NotStreamable(Exception):
    """The input is not UTF-8 JSON of the expected shape."""


def iter_array(stream: BinaryIO, offset: int = 0) -> Iterator[tuple[int, Any]]:
    """(byte offset, element) for the elements of the JSON array that
    `stream` holds (UTF-8, optional BOM). With `offset` (an element's byte
    offset, as an earlier pass gave it) reading starts at that element: a
    shard does not decode the elements before its own."""
    reader = _Reader(stream, offset)
    if offset == 0:
        reader.expect("[")
        if reader.peek() == "]":
            reader.advance(reader.pos + 1)
            reader.expect("")
            return
    while True:
        reader.peek()
        at = reader.offset
        yield at, reader.value()
        sep = reader.peek()
        reader.advance(reader.pos + 1)
        if sep == "]":
            break
        if sep != ",":
            raise NotStreamable(f"expected ',' or ']' in the array, found {sep or 'the end'!r}")
    reader.expect("")


class _Reader:
    """A growing window of decoded text over a byte stream; `offset` is the
    byte offset in the stream of the window's current position (`pos`)."""

    def __init__(self, stream: BinaryIO, offset: int) -> None:
        self.stream = stream
        if offset and stream.seekable():
            stream.seek(offset)  # a zip member decompresses up to there, but decodes nothing
        elif offset:
            left = offset
            while left > 0 and (data := stream.read(min(_CHUNK, left))):
                left -= len(data)
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.decode = json.JSONDecoder().raw_decode
        self.buf = ""
        self.pos = 0
        self.offset = offset
        self.eof = False
        if offset == 0:  # a byte-order mark is skipped, and counted
            head = stream.read(len(codecs.BOM_UTF8))
            if head == codecs.BOM_UTF8:
                self.offset = len(head)
            else:
                self._append(head)

    def more(self) -> bool:
        """Read another chunk (dropping what is consumed); False at the end."""
        if self.eof:
            return False
        data = self.stream.read(_CHUNK)
        self.eof = not data
        self._append(data)
        return not self.eof

    def _append(self, data: bytes) -> None:
        try:
            text = self.decoder.decode(data, final=self.eof)
        except UnicodeDecodeError as e:
            raise NotStreamable(f"not UTF-8 ({e.reason})") from None
        self.buf = self.buf[self.pos:] + text
        self.pos = 0

    def advance(self, to: int) -> None:
        self.offset += len(self.buf[self.pos:to].encode("utf-8"))
        self.pos = to

    def peek(self) -> str:
        """The next non-space character ('' at the end), without taking it."""
        while True:
            self.advance(_SPACE.match(self.buf, self.pos).end())
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def expect(self, char: str) -> None:
        """Take `char` ('' for the end of the stream) or fail."""
        found = self.peek()
        if found != char:
            raise NotStreamable(f"expected {char or 'the end'!r}, found {found or 'the end'!r}")
        self.advance(self.pos + len(char))

    def value(self) -> Any:
        while True:
            try:
                value, end = self.decode(self.buf, self.pos)
            except json.JSONDecodeError as e:
                if self.more():
                    continue  # the value runs past the window
                raise NotStreamable(f"invalid JSON: {e.msg}") from None
            # A number cut by the window's edge ("2" of "2.5") decodes too: a
            # value counts only once the separator after it is in the window.
            after = _SPACE.match(self.buf, end).end()
            if self.buf[after:after + 1] not in (",", "]") and self.more():
                continue
            self.advance(end)
            return value


@dataclass(frozen=True)
class LineRange:
    """Whole lines of a JSON Lines file: bytes [start, end), the first of
    them line number `first` (as `str.splitlines` counts), `lines` in all."""

    start: int
    end: int
    first: int
    lines: int


def line_ranges(stream: BinaryIO, size: int) -> list[LineRange]:
    """Cut a UTF-8 JSON Lines stream into ranges of about `size` lines.

    `marsad.sources` numbers lines as `str.splitlines` splits the decoded
    file, which also breaks at \\r and a few Unicode separators; a physical
    line (up to b"\\n") is decoded and split the same way, so numbers agree,
    and a range always starts at a physical line (a UTF-8 character never
    spans b"\\n")."""
    ranges: list[LineRange] = []
    offset = start = 0
    first = line = 1
    for n, raw in enumerate(stream):
        try:
            text = raw.decode("utf-8-sig" if n == 0 else "utf-8")
        except UnicodeDecodeError as e:
            raise NotStreamable(f"not UTF-8 ({e.reason})") from None
        line += len(text.splitlines())
        offset += len(raw)
        if line - first >= size:
            ranges.append(LineRange(start, offset, first, line - first))
            start, first = offset, line
    if line > first:
        ranges.append(LineRange(start, offset, first, line - first))
    return ranges


def read_lines(stream: BinaryIO, lines: LineRange) -> str:
    """The decoded text of one range (a few thousand lines at most)."""
    stream.seek(lines.start)
    data = stream.read(lines.end - lines.start)
    return data.decode("utf-8-sig" if lines.start == 0 else "utf-8")
