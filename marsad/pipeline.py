"""The analysis pipeline over one document: named stages run in order over
the document's shared text layer (`marsad.text`).

- mentions: names, figures and dates (`marsad.mentions.document_mentions`);
- events:   the incidents it reports (`marsad.events.extract_events`);
- said:     what its speakers said: statements, actor claims, figures,
            actor aliases (`marsad.said.said_in`).

Each stage reads the document and sets one of its fields, so tests, the CLI, the server and a batch worker all run the same
code on the same data: the store only writes what it produced, so a batch's
workers do all of the reading in parallel."""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from marsad.said import Said, said_in
from marsad.events import extract_events
from marsad.mentions import document_mentions
from marsad.mentions.suggest import without_overlap
from marsad.model import Document, InputError
from marsad.text import layer_of


STAGES = ("mentions", "events", "said")


def analyse(doc: Document, ner: bool | str = False, stages: Sequence[str] = STAGES) -> Document:
    """Run `stages` (by name, in `STAGES` order: all by default) on `doc`:
    fills `doc.mentions`, `doc.events` and `doc.said` from `doc.text`;
    returns `doc`. The text layer is built once for them and let go after
    (it takes about 40 bytes a character; a stage called later builds it
    again).

    With `ner`, the NER model tags the text before `said`: its names are
    more candidates for each statement's speaker (the speaker model trained
    with them chooses: `marsad.statements.choice`), and those that overlap no
    mention found without it are added to the mentions after (found_by
    "model"): the knowledge base wins on names, since only it gives canonical
    values, and the date rules win on month names the model takes for names.
    The events are the same with and without `ner`. Off by default because
    the models are slow (on one core the shipped encoder tags under one
    article a second, the CRF about 37). `ner` is True (the shipped default
    model) or a model's name or directory (`marsad.ner.loading.resolve`)."""
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(sorted(unknown))}; the stages are {', '.join(STAGES)}")
    layer_of(doc)
    if "mentions" in stages:
        doc.mentions = document_mentions(doc)
    if "events" in stages:
        doc.events = extract_events(doc)
    found = None
    if ner:
        from marsad.ner import load_model  # loads the model: only when asked for

        found = load_model(None if ner is True else ner).tag_text(doc.text)
    if "said" in stages:
        doc.said = said_in(doc, found)
    if found:
        doc.mentions = sorted(doc.mentions + without_overlap(found, doc.mentions), key=lambda m: (m.start, m.end))
    doc.layer = None
    return doc


def said_in_stored(doc: Document) -> Said:
    """`doc.said` for a document read back from a store that was not read
    for statements (stored before the statement tables or without analysis:
    `StoreStatements.backfill`): its mentions are the stored ones (found
    again when it was stored without them) and its events are the stored
    ones, which the statements' event indexes refer to."""
    analyse(doc, stages=("said",) if doc.mentions else ("mentions", "said"))
    return doc.said


T = TypeVar("T")


class TimeLimit(Exception):
    """Raised inside an analysis that ran past its `within` limit."""


def within(seconds: float | None, analyse_one: Callable[[Document], T]) -> Callable[[Document], T]:
    """`analyse_one`, stopped with TimeLimit after `seconds` of wall time per
    document (`marsad ingest/extract --max-seconds`): a hostile article that
    no limit on its size catches costs one error, not the run. The clock is
    SIGALRM, so the limit holds in a process's main thread on Unix; elsewhere
    (a server thread, a batch worker) `analyse_one` runs unbounded."""
    if not seconds or not hasattr(signal, "setitimer"):
        return analyse_one

    def run(doc: Document) -> T:
        if threading.current_thread() is not threading.main_thread():
            return analyse_one(doc)
        armed = True

        def expire(_signum: int, _frame: object) -> None:
            if armed:
                raise TimeLimit(f"analysis took longer than {seconds:g} s (--max-seconds)")

        previous = signal.signal(signal.SIGALRM, expire)
        outer = signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return analyse_one(doc)
        finally:
            armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
            if outer[0]:  # a timer set outside this one goes on
                signal.setitimer(signal.ITIMER_REAL, *outer)

    return run


def analyse_or_error(doc: Document, ner: bool | str = False) -> Document | InputError:
    """`analyse(doc)`, or an InputError naming the document when analysis
    raises: the per-document step of every batch (`extract`, `batch`), where
    one bad article must be reported, not stop the others."""
    try:
        return analyse(doc, ner=ner)
    except Exception as e:  # noqa: BLE001 - reported per document, the batch goes on
        return InputError(doc.source, f"analysis failed: {type(e).__name__}: {e}")
