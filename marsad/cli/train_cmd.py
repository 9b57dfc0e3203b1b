"""`marsad train events`: rebuild the shipped decision models from gold."""
from __future__ import annotations

import json
from pathlib import Path

import click


@click.group()
def train() -> None:
    """Train marsad's learned models from gold annotations."""


@train.command("events")
@click.option("--gold", "gold", type=click.Path(dir_okay=False, exists=True),
              default="../shared/gold/snn_train.gold.jsonl", show_default=True, help="Gold events (FORMAT.md).")
@click.option("--input", "input_path", type=click.Path(dir_okay=False, exists=True),
              default="../shared/gold/snn_train.input.jsonl", show_default=True, help="The gold's articles.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the models (default: the package's marsad/decide/models, the shipped ones).")
def events(gold: str, input_path: str, out: Path | None) -> None:
    """Fit the event decisions (detection, actor1, responsibility,
    fatalities, place, date) on GOLD and its INPUT articles: deterministic,
    so the same gold gives the same models. Prints a JSON summary."""
    from marsad.decide import MODELS
    from marsad.decide import train as T
    from marsad.eval import EvalInputError

    try:
        summary = T.train(gold, input_path, out or MODELS)
    except (EvalInputError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(summary, indent=1))
