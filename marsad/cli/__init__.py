"""The `marsad` command. Each subcommand lives in its own module under
`marsad/cli/` and is imported only when it runs, so `marsad --help` stays fast
and a broken optional part cannot stop the others."""
from __future__ import annotations

import importlib

import click

# name -> (module, attribute, one-line help). Adding a command is one line here.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "ingest": ("marsad.cli.store_cmds", "ingest", "Read inputs, extract events and store them."),
    "batch": ("marsad.cli.batch_cmd", "batch", "Extract on a Dask cluster into Parquet shards, then load a store."),
    "search": ("marsad.cli.store_cmds", "search", "Full-text search of stored documents (Arabic, clitic-aware)."),
    "docs": ("marsad.cli.store_cmds", "docs", "List stored documents."),
    "show": ("marsad.cli.store_cmds", "show", "Show one stored document."),
    "extract": ("marsad.cli.extract_cmd", "extract", "Read inputs and write documents with their events (no store)."),
    "eval": ("marsad.cli.eval_cmd", "eval_cmd", "Score predicted events against gold events."),
    "eval-statements": ("marsad.cli.eval_cmd", "eval_statements", "Score predicted statements against gold statements."),
    "train": ("marsad.cli.train_cmd", "train", "Rebuild the learned event decisions from gold (marsad train events)."),
    "ner": ("marsad.cli.ner_cmds", "ner", "Train, evaluate and run the Arabic NER model."),
    "kb": ("marsad.cli.kb_cmds", "kb", "Help grow the knowledge base (suggest names it does not know)."),
    "fuse": ("marsad.cli.fusion_cmds", "fuse", "Fuse events from a JSON Lines extract into incidents."),
    "eval-fusion": ("marsad.cli.fusion_cmds", "eval_fusion", "Score fused events against gold incidents (pair and B-cubed)."),
    "events": ("marsad.cli.events_cmds", "events", "List the fused events (incidents) of a store."),
    "event": ("marsad.cli.events_cmds", "event", "Show one fused event with every report and disagreement."),
    "export": ("marsad.cli.events_cmds", "export", "Export a store's fused events (ACLED CSV, JSON Lines, GeoJSON)."),
    "merge": ("marsad.cli.events_cmds", "merge", "Merge two fused events, for good (an analyst's correction)."),
    "split": ("marsad.cli.events_cmds", "split", "Take a report out of a fused event, for good (a correction)."),
    "actor": ("marsad.cli.actor_cmd", "actor", "An actor's profile: sourced facts, disagreements, events, who talks about it."),
    "serve": ("marsad.cli.serve_cmd", "serve", "Serve the workbench: JSON API under /api and the web pages."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(n, COMMANDS[n][2]) for n in sorted(COMMANDS)])


@click.group(cls=LazyGroup)
@click.version_option(package_name="marsad")
def main() -> None:
    """marsad (مرصد): turn Arabic conflict news into a source-attributed
    database of events, actors and claims, with evidence for every fact."""
