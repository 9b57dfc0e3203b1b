"""The ingest loop shared by `marsad ingest` and the benchmark.

Analysis is passed in (normally `marsad.pipeline.analyse`) rather than
imported, so the store does not depend on the extractor, and it runs only for
documents the store does not know yet: re-ingesting a corpus costs a lookup
per document, not an extraction.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from marsad.model import Document, InputError
from marsad.store.store import AddResult, Store


def ingest(
    store: Store, items: Iterable[Document | InputError], analyse: Callable[[Document], Document]
) -> Iterator[tuple[Document | InputError, AddResult | InputError]]:
    """For each input, (input, outcome): the `AddResult`, or an `InputError`
    for an unreadable input or a document whose analysis raised (reported, so
    that one bad article does not stop a batch). When the inputs are done,
    fusion is settled (`StoreFusion.settle`): the event ids in the outcomes
    are those at the time each document was added, and a large incident
    cluster can still be regrouped then (the log says so)."""
    for item in items:
        if isinstance(item, InputError):
            yield item, item
            continue
        if store.has(item.doc_id):
            yield item, AddResult("unchanged", item.doc_id)
            continue
        try:
            doc = analyse(item)
        except Exception as e:  # noqa: BLE001 - reported per input, the batch goes on
            yield item, InputError(item.source, f"analysis failed: {type(e).__name__}: {e}")
            continue
        yield item, store.add(doc)
    store.fusion.settle()
