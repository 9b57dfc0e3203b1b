"""`marsad kb`: help an analyst grow the knowledge base.

`marsad kb suggest` lists the names the NER model keeps finding in the
inputs that `marsad/kb/data/` does not know, most frequent first, with
example contexts (logic in `marsad.mentions.suggest`)."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import click

from marsad.cli.extract_cmd import PATHS, QUIET, progress, read_inputs, report_error
from marsad.model import Document, InputError


@click.group()
def kb() -> None:
    """Work on the knowledge base (marsad/kb/data/)."""


@kb.command()
@PATHS
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Read at most N documents (default: all).")
@click.option("--min-count", type=click.IntRange(min=1), default=3, show_default=True,
              help="Only names found at least K times.")
@click.option("--top", type=click.IntRange(min=1), default=50, show_default=True,
              help="List at most T names.")
@click.option("--model", "model_name", default="crf", show_default=True,
              help="NER model: a shipped model's name (crf: about 37 articles/s on one core, made for reading "
                   "a corpus; default: the fine-tuned encoder, more accurate, under one article/s) or a model "
                   "directory.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: one block per name; jsonl: one JSON object per name.")
@QUIET
def suggest(paths: tuple[Path, ...], limit: int | None, min_count: int, top: int, model_name: str, fmt: str,
            quiet: bool) -> None:
    """Tag PATH... with the NER model and list the names the knowledge base
    does not know (as an actor, place or outlet) that occur in the most
    documents, with type, mentions, documents and example contexts. The
    exit status is 1 if any input failed."""
    from marsad.mentions.suggest import suggest as find_suggestions
    from marsad.ner import ModelError, load_model

    try:
        model = load_model(model_name)
    except ModelError as e:
        raise click.ClickException(str(e)) from None
    failed = 0

    def documents() -> Iterator[Document]:
        nonlocal failed
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                report_error(item)
                failed += 1
            else:
                yield item

    docs = progress(islice(documents(), limit), quiet, unit="doc")
    found = find_suggestions(docs, tag=model.tag_text, min_count=min_count, top=top)
    for rank, s in enumerate(found, 1):
        if fmt == "jsonl":
            click.echo(json.dumps(s.to_dict(), ensure_ascii=False))
            continue
        click.echo(f"{rank}\t{s.name}\t{s.type}\t{s.count} mentions\t{s.documents} docs")
        for example in s.contexts():
            click.echo(f"\t{example}")
    sys.exit(1 if failed else 0)
