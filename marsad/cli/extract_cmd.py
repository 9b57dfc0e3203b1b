"""`marsad extract`: documents in, documents with their events and statements
out, no store.

Also home of the input loop every reading command shares (`read_inputs`):
progress on stderr for people, one `error: <source>: <reason>` line per
unreadable input, and a tally of failures for the exit status.
"""
from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
from tqdm import tqdm

from marsad.model import Document, InputError
from marsad.sources.limits import DEFAULT as DEFAULT_LIMITS
from marsad.sources.limits import MB, Limits, under

PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
QUIET = click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr (errors are still printed).")
MAX_BYTES = click.option(
    "--max-bytes", "max_mb", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_bytes // MB, show_default=True,
    metavar="MB", help="Largest file, zip member, WARC record or JSON Lines line read, in MB: a larger one is "
                       "one error, and never held in memory whole.")
MAX_SECONDS = click.option(
    "--max-seconds", type=click.FloatRange(min=0), default=120, show_default=True,
    help="Longest analysis of one document, in seconds of wall time (0: no limit): a longer one is one error.")
MAX_CHARS = click.option(
    "--max-chars", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_chars, show_default=True,
    help="Longest document text read, in characters: a longer one is one error.")
NER = click.option(
    "--ner", is_flag=True,
    help="Also run the NER model: its names are speaker candidates for the statements (a learned choice "
         "picks the speaker) and join the mentions where the knowledge base has none (`extract` then adds "
         "a `mentions` list to each record).",
)
NER_MODEL = click.option(
    "--ner-model", default="default", show_default=True,
    help="With --ner: a shipped model's name (default: the fine-tuned encoder, under one article/s on one "
         "core; crf: about 37 articles/s, less accurate, the one the speaker choice was trained with) or a "
         "model directory.",
)


def ner_choice(ner: bool, ner_model: str) -> str | bool:
    """What `pipeline.analyse` takes as `ner` for --ner / --ner-model: the
    model is loaded here, so that a bad one fails once, clearly, rather than
    once per document."""
    if not ner:
        return False
    from marsad.ner import ModelError, load_model

    try:
        load_model(ner_model)
    except ModelError as e:
        raise click.ClickException(str(e)) from None
    return ner_model


def progress(items: Iterable, quiet: bool, unit: str = "doc", total: int | None = None) -> tqdm:
    """A progress bar on stderr, only for a person watching a terminal."""
    return tqdm(items, unit=unit, total=total, file=sys.stderr, disable=quiet or not sys.stderr.isatty(),
                dynamic_ncols=True)


def report_error(err: InputError) -> None:
    """One line on stderr, without breaking an active progress bar."""
    tqdm.write(f"error: {err.source}: {err.reason}", file=sys.stderr)


def read_inputs(paths: Iterable[Path], limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | InputError]:
    """Documents and errors from `paths`, through `marsad.sources.read_paths`,
    under `limits`; what a document's reader warned of (bad bytes replaced)
    goes to stderr."""
    from marsad.sources import read_paths  # imported late: only commands that read inputs need it

    for item in under(limits, read_paths(paths)):
        if isinstance(item, Document):
            for warning in item.meta.get("warnings", ()):
                tqdm.write(f"warning: {item.source}: {warning}", file=sys.stderr)
        yield item


def limits_of(max_mb: int, max_chars: int) -> Limits:
    return Limits(max_bytes=max_mb * MB, max_chars=max_chars)


@click.command()
@PATHS
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "text"]), default="jsonl", show_default=True,
    help="jsonl: one JSON document per line (the contract's record, plus the document's `statements`); "
         "text: a short summary per document.",
)
@NER
@NER_MODEL
@MAX_BYTES
@MAX_CHARS
@MAX_SECONDS
@QUIET
def extract(paths: tuple[Path, ...], fmt: str, ner: bool, ner_model: str, max_mb: int, max_chars: int,
            max_seconds: float, quiet: bool) -> None:
    """Read PATH... (files, directories, zips, URLs: whatever marsad.sources
    reads), extract events and statements (who said what: speaker, verb,
    content span, date, chain of attribution), and write one record per
    document to stdout.
    Unreadable inputs are reported on stderr; the exit status is 1 if any
    input failed."""
    from marsad.pipeline import analyse_or_error, within

    model = ner_choice(ner, ner_model)
    read = within(max_seconds, functools.partial(analyse_or_error, ner=model))
    failed = 0
    for item in progress(read_inputs(paths, limits_of(max_mb, max_chars)), quiet):
        doc = item if isinstance(item, InputError) else read(item)
        if isinstance(doc, InputError):
            report_error(doc)
            failed += 1
            continue
        if fmt == "jsonl":
            record = doc.to_dict()
            record["statements"] = [s.to_dict() for s in doc.said.statements]
            if ner:
                record["mentions"] = [m.to_dict() for m in doc.mentions]
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(f"{doc.doc_id}\t{len(doc.events)} events\t{doc.title or ''}")
    sys.exit(1 if failed else 0)
