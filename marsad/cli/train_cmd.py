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


@train.command("fusion")
@click.option("--incidents", type=click.Path(dir_okay=False, exists=True),
              default="../shared/gold/snn_train.incidents.jsonl", show_default=True,
              help="Gold incidents: {ref: doc_id#index, incident} per line.")
@click.option("--gold", "gold_paths", multiple=True, type=click.Path(dir_okay=False, exists=True),
              default=("../shared/gold/snn_train.gold.jsonl", "../shared/gold/snn_dev.gold.jsonl"),
              show_default=True, help="The gold events the incidents name.")
@click.option("--meta", "meta_paths", multiple=True, type=click.Path(dir_okay=False, exists=True),
              default=("../shared/gold/snn_train.input.jsonl", "../shared/gold/snn_dev.input.jsonl"),
              show_default=True, help="The gold's input records (outlets).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write pair.json (default: the package's marsad/fusion/models, the shipped one).")
def fusion(incidents: str, gold_paths: tuple[str, ...], meta_paths: tuple[str, ...], out: Path | None) -> None:
    """Fit the pair model of fusion (which compatible reports are one
    incident) on the gold incidents: deterministic. Prints a JSON summary."""
    from marsad.cli.fusion_cmds import gold_reports
    from marsad.fusion import linking
    from marsad.fusion import train as T

    gold, reports, _core = gold_reports(incidents, gold_paths, meta_paths)
    summary = T.train([r for r in reports if r.report_id in gold], gold, out or linking.MODELS)
    click.echo(json.dumps(summary, indent=1))


@train.command("statements")
@click.option("--gold", "gold", type=click.Path(dir_okay=False, exists=True),
              default="../shared/gold/snn_train.statements.jsonl", show_default=True,
              help="Gold statements (one article per line: doc_id, statements).")
@click.option("--input", "input_path", type=click.Path(dir_okay=False, exists=True),
              default="../shared/gold/snn_train.input.jsonl", show_default=True, help="The gold's articles.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the package's marsad/statements/models/speaker.json).")
def statements(gold: str, input_path: str, out: Path | None) -> None:
    """Fit the speaker choice (which candidate is each statement's speaker,
    the CRF NER model's names among them) on GOLD and its INPUT articles.
    Deterministic. Prints a JSON summary."""
    from marsad.statements import train as T
    from marsad.statements.choice import MODEL

    try:
        summary = T.train(gold, input_path, out or MODEL)
    except (ValueError, KeyError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(summary, indent=1))
