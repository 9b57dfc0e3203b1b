"""`marsad eval GOLD PRED`: score an extract against gold events;
`marsad eval --folds K GOLD INPUT`: cross-validate the learned decisions;
`marsad eval-statements GOLD PRED`: score an extract's statements."""
from __future__ import annotations

import json

import click


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("pred", type=click.Path(dir_okay=False))
@click.option("--folds", type=click.IntRange(min=2), default=None,
              help="Cross-validate instead: PRED is the gold's INPUT (articles); the learned decisions are "
                   "trained on K-1 folds of articles and extract the K-th, and all held-out predictions are "
                   "scored together.")
@click.option("--seed", type=int, default=1, show_default=True, help="With --folds: how articles are shuffled into folds.")
@click.option("--rules", is_flag=True, help="With --folds: score the rules' own decisions (no models), the baseline.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the metrics table; json: the full report with per-document details.")
@click.option("--details", is_flag=True, help="In text form, also list every error by document.")
def eval_cmd(gold: str, pred: str, folds: int | None, seed: int, rules: bool, fmt: str, details: bool) -> None:
    """Score PRED (`marsad extract --format jsonl` output) against GOLD
    (gold JSON Lines, ../shared/gold/FORMAT.md). With --folds K, PRED is the
    gold's input file, and the score is K-fold cross-validation by article
    of the learned decisions (`marsad train events`)."""
    from marsad.eval import EvalInputError, read_jsonl, render_details, render_table, score
    from marsad.kb import KbDataError

    try:
        gold_records = read_jsonl(gold, gold=True)
        if folds is None:
            predictions = read_jsonl(pred, gold=False)
        else:
            from marsad.decide import train
            predictions = train.cross_validate(train.read_documents(pred), gold_records, folds, seed,
                                               use=() if rules else None)
        report = score(gold_records, predictions)
    except (EvalInputError, KbDataError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(render_table(report))
    if details:
        click.echo("")
        click.echo(render_details(report))


@click.command("eval-statements")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("pred", type=click.Path(dir_okay=False))
@click.option("--folds", type=click.IntRange(min=2), default=None,
              help="Cross-validate instead: PRED is the gold's INPUT (articles); the speaker choice is trained "
                   "on K-1 folds of articles and chooses in the K-th.")
@click.option("--seed", type=int, default=1, show_default=True, help="With --folds: how articles are shuffled.")
@click.option("--rules", is_flag=True, help="With --folds: the rules' own speakers, the baseline.")
@click.option("--ner/--no-ner", default=True, show_default=True,
              help="With --folds: the CRF NER model's names as speaker candidates (as `--ner` in the pipeline).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: the metrics table; json: the numbers.")
def eval_statements(gold: str, pred: str, folds: int | None, seed: int, rules: bool, ner: bool, fmt: str) -> None:
    """Score PRED's statements (`marsad extract --format jsonl` of the gold's
    articles) against GOLD (../shared/gold/snn_train.statements.jsonl):
    content P/R/F1 by span overlap, speaker accuracy on the matched
    statements, fully-right P/R/F1 (`marsad.eval.statements`). With
    --folds K, PRED is the gold's input file and the speakers are chosen by
    K-fold cross-validation by article (`marsad train statements`)."""
    from marsad.eval import EvalInputError, read_jsonl
    from marsad.eval.statements import score_statements

    try:
        if folds is None:
            result = score_statements(read_jsonl(gold, gold=True), read_jsonl(pred, gold=False))
        else:
            from marsad.statements import train as T
            result = T.cross_validate(T.read(gold, pred, ner=ner), folds, seed, rules=rules)
    except (EvalInputError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    c, f = result.content, result.full
    lines = [f"articles: {result.articles}",
             f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'hits':>7}{'pred':>7}{'gold':>7}",
             f"{'content (overlap)':<22}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.hits:>7}{c.predicted:>7}{c.gold:>7}",
             f"{'fully right':<22}{f.precision:>7.3f}{f.recall:>7.3f}{f.f1:>7.3f}{f.hits:>7}{f.predicted:>7}{f.gold:>7}",
             f"speaker accuracy on matched statements: {result.speaker_accuracy:.3f} "
             f"({result.speaker_right}/{c.hits}); lenient (one phrase inside the other): "
             f"{result.lenient_accuracy:.3f}"]
    for kind, (right, matched) in sorted(result.by_kind.items()):
        lines.append(f"  {kind:<14} {right / matched if matched else 0:.3f} ({right}/{matched})")
    if result.not_found:
        lines.append(f"gold contents not found in the text (not scored): {len(result.not_found)}")
    click.echo("\n".join(lines))
