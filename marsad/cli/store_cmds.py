"""`marsad ingest`, `search`, `docs` and `show`: the store from the shell.

Every command takes `--db`, an SQLite file or a `postgresql://` URL (default
`$MARSAD_DB`, else `./marsad.db`); text
output is for people, `--format jsonl`/`json` for pipes. A database that is
missing or unusable is a one-line error, never a traceback.
"""
from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from marsad.cli.extract_cmd import (
    MAX_BYTES,
    MAX_CHARS,
    MAX_SECONDS,
    NER,
    NER_MODEL,
    PATHS,
    QUIET,
    limits_of,
    ner_choice,
    progress,
    read_inputs,
    report_error,
)
from marsad.model import InputError
from marsad.store import Store, StoreError, ingest as ingest_items
from marsad.store.backend import database_errors, display_name, one_line
from marsad.store.fts import Snippet, mark

DB = click.option(
    "--db", metavar="FILE|URL", envvar="MARSAD_DB", default="marsad.db", show_default=True,
    help="The store: an SQLite file or a postgresql://user@host/dbname URL (env MARSAD_DB).",
)
LIMIT = click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many to show.")
FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
    help="text for people, jsonl (one JSON object per line) for pipes.",
)
_ORDER = ("added", "unchanged", "duplicate", "near_duplicate", "failed")


@contextmanager
def open_store(db: str | Path, create: bool) -> Iterator[Store]:
    """The store, with its failures (unusable file, disk full, locked by
    another writer for too long) turned into one-line errors."""
    try:
        store = Store.open(db, create=create)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    with store:
        try:
            yield store
        except database_errors() as e:
            raise click.ClickException(f"{display_name(db)}: {one_line(e)}") from None


def _or_dash(value: object) -> str:
    return "-" if value is None else str(value)


def _jsonl(obj: dict) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


@click.command()
@PATHS
@DB
@click.option(
    "--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
    help="text: a summary of counts; jsonl: one line per input with its status.",
)
@NER
@NER_MODEL
@MAX_BYTES
@MAX_CHARS
@MAX_SECONDS
@QUIET
def ingest(paths: tuple[Path, ...], db: Path, fmt: str, ner: bool, ner_model: str, max_mb: int, max_chars: int,
           max_seconds: float, quiet: bool) -> None:
    """Read PATH..., extract events and store documents and events in the
    database (created on first use). Documents already stored are skipped;
    exact and near copies of stored texts are linked, not double-counted.
    Each unreadable input prints `error: <source>: <reason>` on stderr; the
    exit status is 1 if any input failed."""
    from marsad.pipeline import analyse, within

    model = ner_choice(ner, ner_model)
    read = within(max_seconds, functools.partial(analyse, ner=model) if model else analyse)
    tally: Counter[str] = Counter()
    with open_store(db, create=True) as store:
        for item, outcome in ingest_items(store, progress(read_inputs(paths, limits_of(max_mb, max_chars)), quiet), read):
            if isinstance(outcome, InputError):
                report_error(outcome)
                tally["failed"] += 1
                if fmt == "jsonl":
                    _jsonl({"source": outcome.source, "status": "failed", "reason": outcome.reason})
                continue
            tally[outcome.status] += 1
            if fmt == "jsonl":
                _jsonl({"source": item.source, **outcome.to_dict()})
    if fmt == "text":
        click.echo(f"{display_name(db)}:")
        for key in _ORDER:
            click.echo(f"  {key.replace('_', '-'):<15}{tally[key]:>8}")
    sys.exit(1 if tally["failed"] else 0)


@click.command()
@click.argument("query")
@DB
@LIMIT
@FORMAT
def search(query: str, db: Path, limit: int, fmt: str) -> None:
    """Find stored documents containing every word of QUERY. Arabic is
    matched across spellings and attached clitics: كابل finds بكابل and
    وكابل, القاعدة finds والقاعدة."""
    with open_store(db, create=False) as store:
        hits = store.search(query, limit=limit)
    for n, hit in enumerate(hits, 1):
        if fmt == "jsonl":
            _jsonl(hit.to_dict())
            continue
        where = ", ".join(x for x in (hit.outlet, hit.published) if x)
        copy = f" (near copy of {hit.near_duplicate_of})" if hit.near_duplicate_of else ""
        click.echo(f"{n}. {hit.doc_id}{f'  [{where}]' if where else ''}{copy}")
        if hit.title:
            click.echo(f"   {hit.title}")
        click.echo(f"   {mark(Snippet(hit.snippet, hit.highlights))}")
    if fmt == "text" and not hits:
        click.echo("no matches", err=True)


@click.command()
@DB
@LIMIT
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True, help="Skip this many first.")
@FORMAT
def docs(db: Path, limit: int, offset: int, fmt: str) -> None:
    """List stored documents in the order they were ingested."""
    with open_store(db, create=False) as store:
        rows = store.list(limit=limit, offset=offset)
    for row in rows:
        if fmt == "jsonl":
            _jsonl(row.to_dict())
            continue
        links = f"  near copy of {row.near_duplicate_of}" if row.near_duplicate_of else ""
        dups = f"  +{row.duplicates} copies" if row.duplicates else ""
        click.echo(
            f"{row.doc_id}\t{row.published or '-'}\t{row.outlet or '-'}\t{row.events} events\t"
            f"{row.title or ''}{links}{dups}"
        )


@click.command()
@click.argument("doc_id")
@DB
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text for people; json: the contract's document record plus its copies.",
)
def show(doc_id: str, db: Path, fmt: str) -> None:
    """Show one stored document: metadata, clean text and events. The id
    of an exact copy shows the stored document it copies."""
    with open_store(db, create=False) as store:
        stored_id = store.duplicate_of(doc_id) or doc_id
        doc = store.get(stored_id)
        if doc is None:
            raise click.ClickException(f"{db}: no document {doc_id!r}")
        copies = store.duplicates(stored_id)
    near = doc.meta.get("near_duplicate_of")
    if fmt == "json":
        record = {**doc.to_dict(), "near_duplicate_of": near, "duplicates": copies}
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    if stored_id != doc_id:
        click.echo(f"{doc_id} is an exact copy of {stored_id}:\n")
    for label, value in (
        ("doc_id", doc.doc_id), ("title", doc.title), ("outlet", doc.outlet), ("published", doc.published),
        ("url", doc.url), ("source", doc.source), ("language", doc.language),
        ("near copy of", near), ("exact copies", ", ".join(copies) or None),
    ):
        if value:
            click.echo(f"{label + ':':<14}{value}")
    click.echo(f"\n{doc.text}\n")
    click.echo(f"events: {len(doc.events)}")
    for i, ev in enumerate(doc.events, 1):
        actors = " vs ".join(a for a in (ev.actor1, ev.actor2) if a)
        place = ", ".join(x for x in (ev.location, ev.admin1, ev.country_code) if x)
        click.echo(f"{i}. {ev.event_type} / {ev.sub_event_type}  {ev.event_date or '?'}  {place}  {actors}")
        if ev.fatalities is not None or ev.injuries is not None:
            high = f"-{ev.fatalities_high}" if ev.fatalities_high not in (None, ev.fatalities) else ""
            click.echo(f"   fatalities {_or_dash(ev.fatalities)}{high}, injuries {_or_dash(ev.injuries)}")
        for span in ev.evidence:
            click.echo(f"   [{span.start}:{span.end}] {span.text}")
