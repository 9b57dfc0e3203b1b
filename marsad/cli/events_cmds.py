"""`marsad events`, `event`, `export`, `merge` and `split`: the fused events
of a store (`marsad ingest` fuses as it stores; see marsad.store.fusion).

All take `--db` like the store commands. An unknown event id or a missing
database is a one-line error; a merge or split is recorded as an override,
applied at once, logged, and respected by every later ingest.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from marsad.cli.store_cmds import DB, open_store
from marsad.export import WRITERS, disagreement_text
from marsad.fusion import FusedEvent
from marsad.store.fusion import FusionError
from marsad.store.query import EventFilter

_DAY = click.DateTime(formats=["%Y-%m-%d"])


def _country(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not (len(value) == 2 and value.isalpha()):
        raise click.BadParameter(f"{value!r} is not an ISO 3166 two-letter code (e.g. IQ, SY)")
    return value.upper() if value else None


def filters(fn: Callable) -> Callable:
    """The options that select events, shared by `events` and `export`."""
    for opt in reversed([
        click.option("--actor", help="Actor1 or actor2, by any alias (Arabic or English): داعش, ISIS, Taliban."),
        click.option("--country", callback=_country, help="ISO 3166 two-letter country code (e.g. IQ)."),
        click.option("--from", "date_from", type=_DAY, help="Events whose date (period) ends on or after YYYY-MM-DD."),
        click.option("--to", "date_to", type=_DAY, help="Events whose date (period) starts on or before YYYY-MM-DD."),
        click.option("--type", "kind", help="event_type or sub_event_type (e.g. Battles, 'Air/drone strike')."),
    ]):
        fn = opt(fn)
    return fn


def _filter(actor: str | None, country: str | None, date_from: datetime | None, date_to: datetime | None,
            kind: str | None, limit: int | None) -> EventFilter:
    return EventFilter(actor=actor, country=country, date_from=_day(date_from), date_to=_day(date_to),
                       kind=kind, limit=limit)


def _day(value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _figure(low: Any, high: Any) -> str:
    if low is None:
        return "-"
    return str(low) if high in (None, low) else f"{low}-{high}"


def _place(d: dict[str, Any]) -> str:
    return ", ".join(str(x) for x in (d.get("location"), d.get("admin1"), d.get("country_code")) if x) or "?"


def _actors(d: dict[str, Any]) -> str:
    return " vs ".join(a for a in (d.get("actor1"), d.get("actor2")) if a) or "-"


@click.command()
@DB
@filters
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="How many to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True,
              help="text: one line per event; jsonl: the stored record (fields, figures, sources, "
                   "contradictions, report ids).")
def events(db: Path, actor: str | None, country: str | None, date_from: datetime | None,
           date_to: datetime | None, kind: str | None, limit: int, fmt: str) -> None:
    """List fused events (incidents), by date. Each line: id, date, place,
    kind, actors, fatalities (lowest-highest reported), reports and outlets,
    and '!' with the fields sources disagree on."""
    with open_store(db, create=False) as store:
        rows = store.fusion.rows(_filter(actor, country, date_from, date_to, kind, limit))
    for row in rows:
        if fmt == "jsonl":
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        disputed = sorted({c["field"] for c in row["contradictions"]})
        click.echo("  ".join([
            row["event_id"], row["event_date"] or "?", _place(row),
            f"{row['event_type']} / {row['sub_event_type']}", _actors(row),
            f"killed {_figure(row['fatalities_low'], row['fatalities_high'])}",
            f"{row['reports']} report{'s' * (row['reports'] != 1)}: {', '.join(row['sources'])}",
        ] + ([f"! {', '.join(disputed)}"] if disputed else [])))
    if fmt == "text" and not rows:
        click.echo("no events", err=True)


@click.command()
@click.argument("event_id")
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json: the fused record with every report, its evidence, the "
                   "near copies not counted and the event's log.")
def event(event_id: str, db: Path, fmt: str) -> None:
    """Show one fused event: the derived record, the figures and where
    sources disagree, then every report (outlet, date, its own figures and
    the evidence text it was read from)."""
    with open_store(db, create=False) as store:
        try:
            ev = store.fusion.event(event_id)
        except FusionError as e:
            raise click.ClickException(f"{db}: {e}") from None
        copies = store.fusion.near_copies(ev)
        log = store.fusion.log(event_id)
    if fmt == "json":
        record = {**ev.to_dict(with_text=True), "near_copies": copies, "log": log}
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    _show(ev, copies)


def _show(ev: FusedEvent, copies: list[str]) -> None:
    f, fig = ev.fields, ev.figures
    precision = {1: "day", 2: "week", 3: "month", 4: "year"}.get(f.get("time_precision") or 0, "")
    coords = f" ({f['latitude']}, {f['longitude']})" if f.get("latitude") is not None else ""
    lines = [
        ("event", ev.event_id), ("kind", f"{f['event_type']} / {f['sub_event_type']}"),
        ("date", f"{f.get('event_date') or '?'} {precision}".strip()), ("place", _place(f) + coords),
        ("actors", f"{_actors(f)} (responsibility: {f.get('responsibility')})"),
        ("fatalities", "low {} / best {} / high {}".format(*(_figure(fig.get(f"fatalities_{k}"), None)
                                                             for k in ("low", "best", "high")))),
        ("injuries", "low {} / best {} / high {}".format(*(_figure(fig.get(f"injuries_{k}"), None)
                                                           for k in ("low", "best", "high")))),
        ("sources", ", ".join(ev.outlets)),
    ]
    for label, value in lines:
        click.echo(f"{label + ':':<12}{value}")
    if ev.contradictions:
        click.echo("disagreements:")
        for c in ev.contradictions:
            click.echo(f"  {disagreement_text(c)}")
    click.echo(f"\nreports: {len(ev.reports)}")
    for i, r in enumerate(ev.reports, 1):
        d = r.fields
        click.echo(f"{i}. {r.report_id}\n   {r.outlet or '-'}, published {r.published or '?'}")
        click.echo(f"   {d.get('event_type')} / {d.get('sub_event_type')}  {d.get('event_date') or '?'}  "
                   f"{_place(d)}  {_actors(d)}")
        click.echo(f"   killed {_figure(d.get('fatalities'), d.get('fatalities_high'))}, "
                   f"injured {_figure(d.get('injuries'), None)}")
        for span in r.evidence:
            click.echo(f"   « {span.get('text', '')} »")
    if copies:
        click.echo(f"\nnear copies of these documents (not counted): {', '.join(copies)}")


@click.command("export")
@DB
@filters
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), required=True,
              help="acled-csv: ACLED's columns; jsonl: every field, report and evidence; geojson: points.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many (the earliest).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
def export(db: Path, actor: str | None, country: str | None, date_from: datetime | None,
           date_to: datetime | None, kind: str | None, fmt: str, limit: int | None, out: Path | None) -> None:
    """Export the fused events the filters select (all by default) as
    ACLED-style CSV, JSON Lines or GeoJSON, to stdout or --out."""
    with open_store(db, create=False) as store:
        selected = store.fusion.events(_filter(actor, country, date_from, date_to, kind, limit))
        if out is None:
            n = WRITERS[fmt](selected, sys.stdout)
        else:
            try:
                with out.open("w", encoding="utf-8", newline="") as stream:
                    n = WRITERS[fmt](selected, stream)
            except OSError as e:
                raise click.ClickException(f"{out}: cannot write ({e.strerror or e})") from None
    click.echo(f"exported {n} events", err=True)


@click.command()
@click.argument("event_ids", nargs=2, metavar="EVENT_ID EVENT_ID")
@DB
@click.option("--why", default="", help="The analyst's reason, kept with the correction and in the log.")
def merge(event_ids: tuple[str, str], db: Path, why: str) -> None:
    """Merge two fused events into one, for good: recorded as a must_link
    override between their reports, applied now, and respected by every
    later ingest (whatever the rules say)."""
    with open_store(db, create=False) as store:
        try:
            merged = store.fusion.merge(*event_ids, why=why)
        except FusionError as e:
            raise click.ClickException(f"{db}: {e}") from None
        n = len(store.fusion.members(merged))
    click.echo(f"merged {event_ids[0]} and {event_ids[1]} into {merged} ({n} reports)")


@click.command()
@click.argument("event_id")
@click.argument("report_id")
@DB
@click.option("--why", default="", help="The analyst's reason, kept with the correction and in the log.")
def split(event_id: str, report_id: str, db: Path, why: str) -> None:
    """Take REPORT_ID (doc_id#index, as `marsad event` lists it) out of
    EVENT_ID into an event of its own, for good: recorded as a split
    override, applied now, and respected by every later ingest. A merge that
    named this report is withdrawn."""
    with open_store(db, create=False) as store:
        try:
            alone, rest = store.fusion.split(event_id, report_id, why=why)
        except FusionError as e:
            raise click.ClickException(f"{db}: {e}") from None
    click.echo(f"split {report_id} out of {event_id}: it is now {alone}; the rest is {rest}")
