"""`marsad actor NAME`: an actor's profile, from a store or from input files."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from marsad.cli.store_cmds import DB, open_store
from marsad.profiles import UnknownActor, actor_profile, render_text, resolve_actor


@click.command()
@click.argument("name")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@DB
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people, json (one object) for programs and the web UI.")
@click.option("--read-missing", is_flag=True,
              help="First read the stored documents not read for statements yet (stored before the statement "
                   "tables, or without analysis; slow on a large store).")
def actor(name: str, paths: tuple[Path, ...], db: str, fmt: str, read_missing: bool) -> None:
    """The profile of actor NAME (any alias, Arabic or English: داعش خراسان,
    ISIS-K, Taliban): aliases seen, sourced facts (founding, strength, areas,
    leaders, goals, allies, rivals) with who said them and the evidence,
    disagreements side by side, events attributed, who talks about it most.

    Without PATHS it reads the store (--db). With PATHS (files or folders
    that `marsad ingest` reads) it builds the profile from those inputs alone,
    in a temporary store that is deleted afterwards; --db is then ignored.
    """
    try:
        resolve_actor(name)
    except UnknownActor as e:
        raise click.ClickException(str(e)) from None
    if paths:
        with tempfile.TemporaryDirectory(prefix="marsad-actor-") as tmp:
            profile = _from_inputs(name, paths, Path(tmp) / "profile.db")
    else:
        with open_store(db, create=False) as store:
            if read_missing:
                from marsad.pipeline import said_in_stored

                store.statements.backfill(store.get, said_in_stored)
            profile = actor_profile(store, name)
    click.echo(json.dumps(profile, ensure_ascii=False, indent=1) if fmt == "json" else render_text(profile))


def _from_inputs(name: str, paths: tuple[Path, ...], db: Path) -> dict:
    from marsad.model import InputError
    from marsad.pipeline import analyse
    from marsad.sources import read_paths

    with open_store(db, create=True) as store:
        for item in read_paths(paths):
            if isinstance(item, InputError):
                click.echo(f"skipped {item}", err=True)
                continue
            store.add(analyse(item))
        return actor_profile(store, name)
