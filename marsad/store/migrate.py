"""Opening a store database and bringing its schema up to date.

The schema is a sequence of numbered SQL files in `migrations/`
(`0001_name.sql`, `0002_...`), applied in order and recorded in
`schema_migrations`, so later parts of marsad extend the database by adding a
file rather than by editing the first one, and old databases upgrade in place.
A migration whose data SQL cannot derive (signatures computed from the stored
text) has a Python step in `_AFTER`, run right after its SQL in the same
transaction.
"""
from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from marsad.store import signatures
from marsad.store.errors import StoreError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# Python steps of migrations, by version: (connection) -> None.
_AFTER: dict[int, Callable[[sqlite3.Connection], None]] = {3: signatures.rebuild}


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """The migrations this code knows, in order."""
    found = []
    for entry in resources.files("marsad.store").joinpath("migrations").iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


def _statements(sql: str) -> list[str]:
    """Split a script into statements (sqlite3 runs one per execute; running
    them one by one keeps them inside our transaction, which executescript
    would commit)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if any(line.strip() and not line.strip().startswith("--") for line in buf.splitlines()):
        raise RuntimeError(f"incomplete SQL statement at end of migration: {buf.strip()[:60]!r}")
    return out


def connect(path: str | Path, create: bool = True) -> sqlite3.Connection:
    """Open (or create) the database at `path`, migrated to the newest schema.

    Raises StoreError with a one-line message when the file is missing (and
    `create` is false), is not an SQLite database, belongs to something else,
    or has a schema newer than this code."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no such database (create it with `marsad ingest`)")
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
    except sqlite3.Error as e:
        raise StoreError(f"{path}: cannot open database ({e})") from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        _migrate(conn, path)
    except sqlite3.DatabaseError as e:
        conn.close()
        raise StoreError(f"{path}: not a usable SQLite database ({e})") from None
    except StoreError:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    known = migrations()
    conn.execute("BEGIN IMMEDIATE")  # one migrator at a time
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "schema_migrations" not in tables:
            if tables:
                raise StoreError(f"{path}: an SQLite database, but not a marsad store (no schema_migrations table)")
            conn.execute(
                "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        applied = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
        newest_known = known[-1].version if known else 0
        if applied and max(applied) > newest_known:
            raise StoreError(
                f"{path}: database schema version {max(applied)} is newer than this marsad knows "
                f"({newest_known}); upgrade marsad to use it"
            )
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        for mig in known:
            if mig.version in applied:
                continue
            for stmt in _statements(mig.sql):
                conn.execute(stmt)
            if mig.version in _AFTER:
                _AFTER[mig.version](conn)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (mig.version, mig.name, now))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]
