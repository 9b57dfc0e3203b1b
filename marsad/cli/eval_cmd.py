"""`marsad eval GOLD PRED`: score an extract against gold events."""
from __future__ import annotations

import json

import click


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("pred", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the metrics table; json: the full report with per-document details.")
@click.option("--details", is_flag=True, help="In text form, also list every error by document.")
def eval_cmd(gold: str, pred: str, fmt: str, details: bool) -> None:
    """Score PRED (`marsad extract --format jsonl` output) against GOLD
    (gold JSON Lines, ../shared/gold/FORMAT.md)."""
    from marsad.eval import EvalInputError, read_jsonl, render_details, render_table, score
    from marsad.kb import KbDataError

    try:
        report = score(read_jsonl(gold, gold=True), read_jsonl(pred, gold=False))
    except (EvalInputError, KbDataError) as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(render_table(report))
    if details:
        click.echo("")
        click.echo(render_details(report))
