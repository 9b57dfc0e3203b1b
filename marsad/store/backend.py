"""Where a store lives: an SQLite file or a PostgreSQL database.

The store's code (`store`, `fusion`, `signatures`, `migrate`) is written once,
against the small interface of `Backend`: `execute` / `executemany` with `?`
placeholders, explicit write transactions, and the few things SQL dialects
do differently, which live here and nowhere else:

- placeholders: sqlite3 takes `?`, psycopg `%s`; the PostgreSQL backend
  rewrites the (constant) statement once and caches it;
- the write lock: SQLite's `BEGIN IMMEDIATE` takes the database's one write
  lock; PostgreSQL takes a transaction-scoped advisory lock, so writers are
  serialised there too. That is deliberate: fusing a document reads and
  rewrites shared state (the link component it touches, the fuser token),
  so two fusions at once could each miss the other's reports. Analysis, the
  expensive part, runs outside the lock in every writer;
- full-text search: FTS5 over our clitic-expanded readings
  (`marsad.store.fts`) on SQLite, a `tsvector` of the same readings under
  PostgreSQL's own `arabic` configuration (Snowball stemmer) with a GIN
  index on PostgreSQL. Both require every query word and weight the title
  twice the body; the stemmer also joins inflections (a plural finds its
  singular), so PostgreSQL may find more documents than SQLite;
- catalogue queries (tables, columns) and running a migration script.

The schema itself is one numbered SQL file per migration and dialect
(`migrations/` and `migrations/postgres/`, same numbers; see `migrate`).
"""
from __future__ import annotations

import hashlib
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from marsad.arabic.normalize import norm
from marsad.store import fts
from marsad.store.errors import StoreError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
LOCK_TIMEOUT_S = 30  # how long a writer waits for another's write lock, as SQLite's busy timeout


def is_postgres(db: str | Path) -> bool:
    """Whether `--db` names a PostgreSQL database (a URL) rather than a file."""
    return isinstance(db, str) and db.startswith(POSTGRES_SCHEMES)


def display_name(db: str | Path) -> str:
    """`db` as it may be shown in messages: a URL without its password."""
    if not is_postgres(db):
        return str(db)
    parts = urlsplit(str(db))
    if parts.password is None:
        return str(db)
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def database_errors() -> tuple[type[BaseException], ...]:
    """The driver exceptions a store operation can raise (psycopg's only if
    it was loaded, i.e. a PostgreSQL store was opened), for callers that turn
    them into one-line messages."""
    errors: list[type[BaseException]] = [sqlite3.Error]
    if "psycopg" in sys.modules:
        errors.append(sys.modules["psycopg"].Error)
    return tuple(errors)


def one_line(e: BaseException) -> str:
    """A driver error as one line (PostgreSQL's carry DETAIL and HINT lines)."""
    lines = str(e).strip().splitlines()
    return lines[0] if lines else type(e).__name__


class Backend:
    """One open connection and its dialect. Statements use `?` placeholders;
    outside `begin_write` ... `commit` every statement is its own transaction."""

    name = ""
    migrations_dir = ""  # folder of numbered migration files, under marsad/store/
    # Full-text index: insert (documents.id, title readings, body readings);
    # search (match parameter, limit) -> rows (doc, rank): documents.id and
    # rank, best (lowest) first; all (match parameter) -> every documents.id.
    fts_insert_sql = ""
    fts_search_sql = ""
    fts_all_sql = ""

    def __init__(self, conn: Any, name: str) -> None:
        self.conn = conn
        self.display = name  # for messages

    def fts_delete(self, rowid: int, title: str, body: str) -> None:
        """Take document `rowid` out of the full-text index; `title` and
        `body` are the readings `fts_insert_sql` was given for it."""
        raise NotImplementedError

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def close(self) -> None:
        self.conn.close()

    def begin_write(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        raise NotImplementedError

    def tables(self) -> set[str]:
        """Names of the tables (and views) of the store's schema."""
        raise NotImplementedError

    def columns(self, table: str) -> list[str]:
        """Column names of `table`, in order."""
        raise NotImplementedError

    def run_script(self, sql: str) -> None:
        """Run a migration file inside the open transaction."""
        raise NotImplementedError

    def fts_match(self, terms: list[str]) -> str:
        """The search parameter for query `terms` (normalised tokens)."""
        raise NotImplementedError

    def word_key(self, texts: list[str], terms: list[str]) -> Callable[[str], str] | None:
        """How `fts.matches` should compare a reading with a query term to
        mark what the search matched in `texts`: None for equality."""
        return None


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode (a no-op once it is), waiting up to
    `LOCK_TIMEOUT_S` for other connections' locks.

    The busy timeout does not cover this: switching a rollback-journal
    database (a new, empty file too) to WAL needs its exclusive lock, and
    SQLite answers "database is locked" at once, without calling the busy
    handler, when another connection holds a lock on it, e.g. a second
    process opening the same new store at the same moment. So retry."""
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if e.sqlite_errorcode not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(2 * pause, 0.1)


class SQLiteBackend(Backend):
    name = "sqlite"
    migrations_dir = "migrations"
    fts_insert_sql = "INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)"
    fts_search_sql = (
        "SELECT rowid AS doc, bm25(documents_fts, 2.0, 1.0) AS rank FROM documents_fts "
        "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
    )
    fts_all_sql = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"

    def fts_delete(self, rowid: int, title: str, body: str) -> None:
        # The index is contentless: FTS5 can only take out a row told the
        # values it was given (the same readings, recomputed from the text).
        self.execute("INSERT INTO documents_fts (documents_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                     (rowid, title, body))

    @classmethod
    def open(cls, path: Path, create: bool) -> "SQLiteBackend":
        if not create and not path.exists():
            raise StoreError(f"{path}: no such database (create it with `marsad ingest`)")
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=float(LOCK_TIMEOUT_S))
        except sqlite3.Error as e:
            raise StoreError(f"{path}: cannot open database ({e})") from None
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as e:
            conn.close()
            raise StoreError(f"{path}: not a usable SQLite database ({e})") from None
        return cls(conn, str(path))

    def begin_write(self) -> None:
        self.execute("BEGIN IMMEDIATE")

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def tables(self) -> set[str]:
        return {r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.execute(f"PRAGMA table_info({table})")]

    def run_script(self, sql: str) -> None:
        # sqlite3 runs one statement per execute (executescript would commit).
        buf = ""
        for line in sql.splitlines(keepends=True):
            buf += line
            if sqlite3.complete_statement(buf):
                self.execute(buf.strip())
                buf = ""
        if any(line.strip() and not line.strip().startswith("--") for line in buf.splitlines()):
            raise RuntimeError(f"incomplete SQL statement at end of migration: {buf.strip()[:60]!r}")

    def fts_match(self, terms: list[str]) -> str:
        return fts.match_expression(terms)


class PostgresBackend(Backend):
    name = "postgres"
    migrations_dir = "migrations/postgres"
    # Weights: A (title) 1.0, B (body) 0.5, as bm25(2.0, 1.0); rank negated so
    # that lower is better on both backends. Normalisation 1 divides by the
    # log of the document's length, as bm25 discounts long documents.
    fts_insert_sql = (
        "INSERT INTO documents_fts (doc, tsv) VALUES "
        "(?, setweight(to_tsvector('arabic', ?), 'A') || setweight(to_tsvector('arabic', ?), 'B'))"
    )
    fts_search_sql = (
        "SELECT f.doc AS doc, -ts_rank('{0.1, 0.2, 0.5, 1.0}', f.tsv, q, 1) AS rank "
        "FROM documents_fts f, plainto_tsquery('arabic', ?) q WHERE f.tsv @@ q ORDER BY rank, f.doc LIMIT ?"
    )
    fts_all_sql = "SELECT doc FROM documents_fts WHERE tsv @@ plainto_tsquery('arabic', ?)"

    def fts_delete(self, rowid: int, title: str, body: str) -> None:
        self.execute("DELETE FROM documents_fts WHERE doc = ?", (rowid,))

    def __init__(self, conn: Any, name: str) -> None:
        super().__init__(conn, name)
        self._sql: dict[str, str] = {}
        schema = conn.execute("SELECT current_schema()").fetchone()[0]
        if schema is None:
            raise StoreError(f"{name}: no schema to use (the search_path names none that exists)")
        # One write lock per schema, so stores in two schemas of one database
        # do not wait for each other.
        digest = hashlib.blake2b(f"marsad.store:{schema}".encode(), digest_size=8).digest()
        self._lock_key = int.from_bytes(digest, "little", signed=True)

    @classmethod
    def open(cls, url: str, create: bool) -> "PostgresBackend":
        shown = display_name(url)
        try:
            import psycopg
        except ImportError:
            raise StoreError(f"{shown}: PostgreSQL stores need psycopg: pip install 'marsad[postgres]'") from None
        try:
            # No server-side prepared statements: a generic plan made while a
            # table was small (a new store) is kept as it grows, and the
            # near-copy lookup then scans `lsh_bands` (25 ms a document at
            # 300 documents instead of 1).
            conn = psycopg.connect(url, autocommit=True, connect_timeout=10, prepare_threshold=None)
        except psycopg.Error as e:
            raise StoreError(f"{shown}: cannot connect to PostgreSQL ({one_line(e)})") from None
        try:
            conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
            # The durability SQLite has in WAL mode with synchronous=NORMAL: a
            # crash may lose the last commits, never consistency (and ingestion
            # is idempotent, so running it again restores them).
            conn.execute("SET synchronous_commit = off")
            backend = cls(conn, shown)
        except BaseException:
            conn.close()
            raise
        if not create and "schema_migrations" not in backend.tables():
            conn.close()
            raise StoreError(f"{shown}: no marsad store in this database (create it with `marsad ingest`)")
        return backend

    def _translate(self, sql: str) -> str:
        out = self._sql.get(sql)
        if out is None:
            out = self._sql[sql] = sql.replace("%", "%%").replace("?", "%s")
        return out

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._translate(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            self.conn.cursor().executemany(self._translate(sql), rows)

    def begin_write(self) -> None:
        self.conn.execute("BEGIN")
        try:
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (self._lock_key,))
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def tables(self) -> set[str]:
        return {r[0] for r in self.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )}

    def columns(self, table: str) -> list[str]:
        return [r[0] for r in self.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (table,),
        )]

    def run_script(self, sql: str) -> None:
        self.conn.execute(sql)  # no parameters: psycopg sends the whole script at once

    def fts_match(self, terms: list[str]) -> str:
        return " ".join(terms)  # plainto_tsquery ANDs the lexemes of every word

    def word_key(self, texts: list[str], terms: list[str]) -> Callable[[str], str]:
        """Compare words by their `arabic` lexeme, as the search did: the
        lexemes of every reading of `texts` and of `terms`, in one query."""
        vocab = set(terms)
        for text in texts:
            vocab.update(fts.readings(norm(text)).split())
        rows = self.execute("SELECT w, (ts_lexize('arabic_stem', w))[1] FROM unnest(?::text[]) w", (sorted(vocab),))
        lexeme = {w: lex or w for w, lex in rows}
        return lambda w: lexeme.get(w, w)


def open_backend(db: str | Path, create: bool = True) -> Backend:
    """The backend for `--db`: a `postgresql://` URL, else an SQLite file path.
    Raises StoreError (one line naming the database) when it cannot be used."""
    if is_postgres(db):
        return PostgresBackend.open(str(db), create)
    return SQLiteBackend.open(Path(db), create)
