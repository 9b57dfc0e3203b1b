"""`marsad serve`: the workbench (JSON API and pages) over a store, with uvicorn.

Binds to 127.0.0.1 by default: the API shows every stored article, so
exposing it on a network is a decision to make with `--host`. Ingest over
HTTP is off unless a token is given (`--token` or MARSAD_TOKEN).
"""
from __future__ import annotations

import click

from marsad.cli.store_cmds import DB


@click.command()
@DB
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", envvar="MARSAD_TOKEN", help="Bearer token that allows POST /api/ingest (env MARSAD_TOKEN); "
                                                     "without one, ingest over HTTP is disabled.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (each opens the store; ingest is serialised by SQLite).")
@click.option("--allow-host", "allow_host", multiple=True, metavar="NAME",
              help="Another Host name the server answers to (repeatable), beside --host and, for a loopback "
                   "or all-addresses bind, localhost: requests naming any other host get 400 (DNS rebinding).")
def serve(db: str, host: str, port: int, token: str | None, workers: int, allow_host: tuple[str, ...]) -> None:
    """Serve the store's events, documents, search, actors and exports as a
    JSON API under /api (OpenAPI at /openapi.json) and the analyst's pages at /."""
    import os

    import uvicorn

    from marsad.store import StoreError
    from marsad.store.backend import display_name
    from marsad.web.app import allowed_hosts, create_app

    hosts = allowed_hosts(host, allow_host)
    try:
        app = create_app(db, token, hosts=hosts)  # checks (and migrates) the store now: a bad --db is one line
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"marsad: serving {display_name(db)} on http://{host}:{port}/ (ingest {'on' if token else 'off'})",
               err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.marsad.stores.close()
    # Worker processes build their own app from the environment (uvicorn imports it by name).
    os.environ["MARSAD_SERVE_DB"] = str(db)
    if token:
        os.environ["MARSAD_TOKEN"] = token
    os.environ["MARSAD_ALLOWED_HOSTS"] = ",".join(sorted(hosts))
    uvicorn.run("marsad.web.app:from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
