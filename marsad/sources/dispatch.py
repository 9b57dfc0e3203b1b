"""From a name and its bytes to the reader of that format."""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from marsad.model import Document, InputError
from marsad.sources.feed import read_feed
from marsad.sources.formats import detect
from marsad.sources.html import read_html
from marsad.sources.jsonfile import read_json, read_jsonl
from marsad.sources.text import read_text
from marsad.sources.warc import read_warc

Reader = Callable[[str, bytes], Iterator[Document | InputError]]

BYTES_READERS: dict[str, Reader] = {
    "txt": read_text,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "feed": read_feed,
    "warc": lambda source, data: read_warc(source, io.BytesIO(data)),
}


def read_data(source: str, name: str, data: bytes) -> Iterator[Document | InputError]:
    """Read `data` (the content of a file called `name`) as whatever it is.
    Nested archives are not opened."""
    fmt = detect(name, data[:8192])
    reader = BYTES_READERS.get(fmt)
    if reader is None:
        yield InputError(source, f"{fmt} inside an archive is not read")
        return
    yield from reader(source, data)
