"""Plain-text articles: the decoded file is the original; the headline, if the
first line reads as one, is found by the cleaner."""
from __future__ import annotations

from collections.abc import Iterator

from marsad.model import Document
from marsad.sources.decode import decode_text
from marsad.sources.document import make_document
from marsad.sources.records import Fields


def read_text(source: str, data: bytes) -> Iterator[Document]:
    warnings: list[str] = []
    text = decode_text(data, warn=warnings.append)
    yield make_document(source, Fields(text=text, meta={"warnings": warnings} if warnings else {}), "txt")
