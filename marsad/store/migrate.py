"""Opening a store database and bringing its schema up to date.

The schema is a sequence of numbered SQL files (`0001_name.sql`,
`0002_...`), applied in order and recorded in `schema_migrations`, so later
parts of marsad extend the database by adding a file rather than by editing
the first one, and old databases upgrade in place. Each backend has its
folder (`migrations/` for SQLite, `migrations/postgres/` for PostgreSQL) with
the same numbers: the schema is the same, its spelling differs (identity
columns, DOUBLE PRECISION, BYTEA, a tsvector table instead of FTS5, text
compared bytewise as SQLite does). A migration whose data SQL cannot derive
(signatures computed from the stored text) has a Python step in `_AFTER`,
run right after its SQL in the same transaction, on either backend.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from marsad.store import signatures
from marsad.store.backend import Backend, SQLiteBackend, database_errors, open_backend
from marsad.store.errors import StoreError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# Python steps of migrations, by version: (connection) -> None.
_AFTER: dict[int, Callable[[Backend], None]] = {3: signatures.rebuild, 5: signatures.index_copies}


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations(folder: str = SQLiteBackend.migrations_dir) -> list[Migration]:
    """The migrations this code knows for one backend's `folder`, in order."""
    found = []
    for entry in resources.files("marsad.store").joinpath(folder).iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


def connect(db: str | Path, create: bool = True) -> Backend:
    """Open (or create) the store at `db` (an SQLite file or a
    `postgresql://` URL), migrated to the newest schema.

    Raises StoreError with a one-line message when the database is missing
    (and `create` is false), unusable, belongs to something else, or has a
    schema newer than this code."""
    backend = open_backend(db, create=create)
    try:
        _migrate(backend)
    except StoreError:
        backend.close()
        raise
    except database_errors() as e:
        backend.close()
        kind = "SQLite" if backend.name == "sqlite" else "PostgreSQL"
        raise StoreError(f"{backend.display}: not a usable {kind} database ({e})") from None
    return backend


def _migrate(db: Backend) -> None:
    known = migrations(db.migrations_dir)
    db.begin_write()  # one migrator at a time
    try:
        tables = db.tables()
        if "schema_migrations" not in tables:
            if tables:
                kind = "an SQLite database" if db.name == "sqlite" else "a PostgreSQL schema"
                raise StoreError(f"{db.display}: {kind}, but not a marsad store (no schema_migrations table)")
            db.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        applied = {r[0] for r in db.execute("SELECT version FROM schema_migrations")}
        newest_known = known[-1].version if known else 0
        if applied and max(applied) > newest_known:
            raise StoreError(
                f"{db.display}: database schema version {max(applied)} is newer than this marsad knows "
                f"({newest_known}); upgrade marsad to use it"
            )
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for mig in known:
            if mig.version in applied:
                continue
            db.run_script(mig.sql)
            if mig.version in _AFTER:
                _AFTER[mig.version](db)
            db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (mig.version, mig.name, now))
        db.commit()
    except BaseException:
        db.rollback()
        raise


def schema_version(db: Backend) -> int:
    return db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
