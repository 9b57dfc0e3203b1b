"""The document and event store: one SQLite file or one PostgreSQL database
(`marsad.store.backend`; the code below is the same for both).

Each `add` is one transaction (WAL journal on SQLite), so an interrupted ingest (an
exception, Ctrl-C, a killed process) keeps every document committed before it
and never leaves half of one. A document's id is its identity: adding a known
id again changes nothing. Exact copies of a stored text under another id are
recorded in `duplicates` instead of being stored again; near copies are stored
(their wording, and so their evidence, differs) but linked by
`near_duplicate_of` to the head of their group, so that counts can skip them
(`counted_events` view). A document joins a group only if it is similar
enough to the head itself: linking through members would let a chain of small
edits merge different stories (two template reports of two phone calls).
Which copy is the head is a rule, not the order of arrival (earliest
published day, then smallest id: `marsad.store.copies`), so that any ingest
order gives the same heads, and so the same fused events: a new document that
ranks before the head of its copies takes its place in the same transaction
(an exact head moves to `duplicates`, a near head becomes a copy, and fusion
withdraws their reports).
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from marsad.arabic import tokens
from marsad.arabic.normalize import norm
from marsad.dedup import content_hash
from marsad.dedup import minhash
from marsad.model import EVENT_FIELDS, Block, Document, Event, Mention, OffsetMap, Span
from marsad.store import copies, fts, signatures
from marsad.store.backend import Backend
from marsad.store.fusion import StoreFusion
from marsad.store.migrate import connect
from marsad.store.statements import StoreStatements

Status = Literal["added", "unchanged", "duplicate", "near_duplicate"]


@dataclass(frozen=True)
class AddResult:
    """What `Store.add` did. `linked_to` is the stored document this one is
    an exact or near copy of; `similarity` the estimated Jaccard similarity
    for a near copy. Roles are as at the time of the add: a later text that
    ranks first among its copies (`marsad.store.copies`) can make an added
    head a copy."""

    status: Status
    doc_id: str
    linked_to: str | None = None
    similarity: float | None = None
    event_ids: tuple[str, ...] = ()  # the fused events its events are in (marsad.store.fusion)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DocSummary:
    """A stored document in a listing."""

    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    near_duplicate_of: str | None
    events: int
    duplicates: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Hit:
    """A search result. `rank` is FTS5's bm25 on SQLite, minus `ts_rank` on
    PostgreSQL (lower is better on both); `snippet` is cut from the clean
    text, `highlights` are offsets within it."""

    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    near_duplicate_of: str | None
    rank: float
    snippet: str
    highlights: list[tuple[int, int]]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["highlights"] = [list(h) for h in self.highlights]
        return d


_DOC_COLUMNS = (
    "doc_id, source, title, outlet, published, url, language, text, original, offsets, removed, meta, "
    "near_duplicate_of, mentions"
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Store:
    """Documents, events, search and de-duplication over one SQLite file or
    PostgreSQL database.

    Use `Store.open(path_or_url)`, ideally as a context manager."""

    def __init__(self, conn: Backend, path: str | Path) -> None:
        self._conn = conn
        self.path = path
        table_cols = set(conn.columns("events"))
        # Event fields that have a column; tests check that none is missing.
        self._event_fields = [f for f in EVENT_FIELDS if f in table_cols]
        self.fusion = StoreFusion(conn, self._transaction)  # fused events, kept up to date by `add`
        self.statements = StoreStatements(conn, self._transaction)  # statements, actor claims (issue #8)

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> "Store":
        """Open the store at `path`, an SQLite file or a `postgresql://` URL
        (created on first use unless `create` is false). Raises StoreError
        with a one-line message if it is unusable."""
        conn = connect(path, create=create)
        return cls(conn, path if conn.name != "sqlite" else Path(path))

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.begin_write()
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        self._conn.commit()

    # -- writing -----------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        """Whether `doc_id` is known, as a document or as an exact duplicate
        (so callers can skip analysing it again)."""
        return self._conn.execute(
            "SELECT 1 FROM documents WHERE doc_id = ? UNION ALL SELECT 1 FROM duplicates WHERE doc_id = ? LIMIT 1",
            (doc_id, doc_id),
        ).fetchone() is not None

    def add(self, doc: Document) -> AddResult:
        """Store `doc` with its events and what its speakers said
        (`doc.said`, from `marsad.pipeline.analyse`), and fuse its events into
        incidents, in one transaction. No analysis runs here."""
        if self.has(doc.doc_id):
            return AddResult("unchanged", doc.doc_id)
        norm_text = norm(doc.text)  # once, for every fingerprint and the index
        chash = content_hash(norm_text)
        words = tokens.words(norm_text)  # once, for the signature and the index
        sig = minhash.signature_of_words(words) if chash else None  # outside the write lock
        keys = minhash.band_keys(sig) if sig is not None else []
        own = copies.rank(doc.published, doc.doc_id)
        with self._transaction():
            if self.has(doc.doc_id):  # another writer got there first
                return AddResult("unchanged", doc.doc_id)
            kept = self._exact_head(chash) if chash else None
            if kept and copies.rank(kept[2], kept[1]) < own:
                self._insert_duplicate(doc, kept[1])
                return AddResult("duplicate", doc.doc_id, kept[1])
            similar = [s for s in signatures.similar(self._conn, sig, keys) if not kept or s.doc_id != kept[1]] \
                if sig is not None else []
            head = copies.head_among(own, similar)
            rowid = self._insert_document(doc, chash, head.doc_id if head else None)
            self._conn.execute(
                self._conn.fts_insert_sql,
                (rowid, fts.readings(norm(doc.title or "")), fts.readings_of_words(words)),
            )
            if sig is not None:
                signatures.insert(self._conn, rowid, sig, keys)
            # first: its reports leave fusion before the new ones come
            repointed = self._demote(kept, doc.doc_id) if kept else []
            self._insert_events(doc.doc_id, doc.events)
            changed = copies.regroup(self._conn, doc.doc_id, own, similar)
            self.fusion.add_document(doc.doc_id)
            # a re-pointed copy that stays a copy of the new head is refiled
            # too: its unfused reports still name the demoted head as the reason
            self.fusion.refile(changed + [d for d in repointed if d not in changed])
            if kept or changed:
                self.fusion.follow_overrides()
            event_ids = tuple(self.fusion.event_ids(doc.doc_id))
            if doc.said is not None:  # read by the pipeline (else: not read, `statements.missing`)
                self.statements.insert(doc.doc_id, doc.said)
        if head:
            return AddResult("near_duplicate", doc.doc_id, head.doc_id, head.similarity)
        return AddResult("added", doc.doc_id, event_ids=event_ids)

    def _exact_head(self, chash: str) -> tuple[int, str, str | None] | None:
        """(id, doc_id, published) of the stored document with this content hash."""
        return self._conn.execute(
            "SELECT id, doc_id, published FROM documents WHERE content_hash = ? ORDER BY id LIMIT 1", (chash,)
        ).fetchone()

    def _demote(self, kept: tuple[int, str, str | None], head: str) -> list[str]:
        """Make the stored document `kept` an exact copy of the just stored
        `head`, which ranks before it: its metadata moves to `duplicates`, its
        copies follow (exact ones re-pointed; near ones pointed at `head`,
        for `copies.regroup` to revisit), its reports leave fusion, and its
        text, events, statements and index rows go (`head` has the same text,
        read again). Returns the near copies re-pointed, whose fusion rows
        must be refiled."""
        rowid, old, _ = kept
        q = self._conn.execute
        q("INSERT INTO duplicates (doc_id, duplicate_of, source, title, outlet, published, url, meta, ingested_at) "
          "SELECT doc_id, ?, source, title, outlet, published, url, meta, ingested_at FROM documents WHERE doc_id = ?",
          (head, old))
        q("UPDATE duplicates SET duplicate_of = ? WHERE duplicate_of = ?", (head, old))
        repointed = [r[0] for r in q("SELECT doc_id FROM documents WHERE near_duplicate_of = ? ORDER BY id", (old,))]
        q("UPDATE documents SET near_duplicate_of = ? WHERE near_duplicate_of = ?", (head, old))
        self.fusion.withdraw([old])
        q("DELETE FROM events WHERE doc_id = ?", (old,))
        self.statements.delete(old)
        title, text = q("SELECT title, text FROM documents WHERE id = ?", (rowid,)).fetchone()
        self._conn.fts_delete(rowid, fts.readings(norm(title or "")), fts.readings_of_words(tokens.words(norm(text))))
        signatures.delete(self._conn, rowid)
        q("DELETE FROM documents WHERE id = ?", (rowid,))
        return repointed

    def _insert_document(self, doc: Document, chash: str | None, near: str | None) -> int:
        original = None if doc.original == doc.text else doc.original
        cur = self._conn.execute(
            f"INSERT INTO documents ({_DOC_COLUMNS}, content_hash, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                doc.doc_id, doc.source, doc.title, doc.outlet, doc.published, doc.url, doc.language,
                doc.text, original, _json(doc.offsets.to_list()), _json([asdict(b) for b in doc.removed]),
                _json(doc.meta), near, _json([m.to_dict() for m in doc.mentions]) if doc.mentions else None,
                chash, _now(),
            ),
        )
        return cur.fetchone()[0]

    def _insert_duplicate(self, doc: Document, of: str) -> None:
        self._conn.execute(
            "INSERT INTO duplicates (doc_id, duplicate_of, source, title, outlet, published, url, meta, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.doc_id, of, doc.source, doc.title, doc.outlet, doc.published, doc.url, _json(doc.meta), _now()),
        )

    def _insert_events(self, doc_id: str, events: list[Event]) -> None:
        cols = self._event_fields
        sql = (
            f"INSERT INTO events (doc_id, event_index, {', '.join(cols)}, evidence) "
            f"VALUES ({', '.join('?' * (len(cols) + 3))})"
        )
        self._conn.executemany(
            sql,
            [
                (doc_id, i, *(getattr(ev, c) for c in cols), _json([s.to_dict() for s in ev.evidence]))
                for i, ev in enumerate(events)
            ],
        )

    # -- reading -----------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        """The stored document with its events and mentions (None if
        unknown; an exact duplicate's id gives None: see `duplicate_of`; no
        mentions when it was stored without them). A near copy carries
        `meta["near_duplicate_of"]`, the Document type having no field for it."""
        row = self._conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        (doc_id, source, title, outlet, published, url, language, text, original, offsets, removed, meta,
         near, mentions) = row
        meta = json.loads(meta)
        if near:
            meta = {**meta, "near_duplicate_of": near}
        return Document(
            doc_id=doc_id, source=source, text=text, title=title, outlet=outlet, published=published, url=url,
            language=language, original=text if original is None else original,
            offsets=OffsetMap.from_list(json.loads(offsets)),
            removed=[Block(**b) for b in json.loads(removed)], meta=meta, events=self.events(doc_id),
            mentions=[Mention(**m) for m in json.loads(mentions)] if mentions else [],
        )

    def duplicate_of(self, doc_id: str) -> str | None:
        """The stored document that `doc_id` is an exact copy of, if any."""
        row = self._conn.execute("SELECT duplicate_of FROM duplicates WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def duplicates(self, doc_id: str) -> list[str]:
        """Ids recorded as exact copies of the stored document `doc_id`."""
        rows = self._conn.execute("SELECT doc_id FROM duplicates WHERE duplicate_of = ? ORDER BY rowid", (doc_id,))
        return [r[0] for r in rows]

    def events(self, doc_id: str) -> list[Event]:
        """The events stored for `doc_id`, in extraction order."""
        cols = self._event_fields
        rows = self._conn.execute(
            f"SELECT {', '.join(cols)}, evidence FROM events WHERE doc_id = ? ORDER BY event_index", (doc_id,)
        ).fetchall()
        return [
            Event(**dict(zip(cols, row[:-1])), evidence=[Span(**s) for s in json.loads(row[-1])]) for row in rows
        ]

    def list(self, limit: int = 50, offset: int = 0) -> list[DocSummary]:
        """Stored documents in ingestion order."""
        rows = self._conn.execute(
            "SELECT d.doc_id, d.title, d.outlet, d.published, d.source, d.near_duplicate_of, "
            "(SELECT COUNT(*) FROM events e WHERE e.doc_id = d.doc_id), "
            "(SELECT COUNT(*) FROM duplicates x WHERE x.duplicate_of = d.doc_id) "
            "FROM documents d ORDER BY d.id LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [DocSummary(*r) for r in rows]

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Documents matching every word of `query` (normalised, matched
        across clitics), best bm25 first."""
        terms = fts.query_terms(query)
        if not terms:
            return []
        rows = self._conn.execute(
            "SELECT d.doc_id, d.title, d.outlet, d.published, d.near_duplicate_of, d.text, f.rank "
            f"FROM ({self._conn.fts_search_sql}) f "
            "JOIN documents d ON d.id = f.doc ORDER BY f.rank, d.id",
            (self._conn.fts_match(terms), limit),
        ).fetchall()
        key = self._conn.word_key([r[5] for r in rows], terms) if rows else None
        hits = []
        for doc_id, title, outlet, published, near, text, rank in rows:
            snip = fts.snippet(text, terms, key)
            hits.append(Hit(doc_id, title, outlet, published, near, rank, snip.text, snip.highlights))
        return hits

    def search_ids(self, query: str) -> list[str]:
        """The ids of every document `search` finds for `query`, unranked and
        without snippets: the whole set, for filters (the web API's events
        whose documents mention a word), where cutting a snippet for each of
        thousands of hits would cost more than the search itself."""
        terms = fts.query_terms(query)
        if not terms:
            return []
        rows = self._conn.execute(
            f"SELECT doc_id FROM documents WHERE id IN ({self._conn.fts_all_sql})", (self._conn.fts_match(terms),)
        )
        return [r[0] for r in rows]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """The rows of one read-only SQL statement (standard SQL, `?`
        parameters), for layers above the store that need reads of their own
        (the web API's map, timeline and facets): they never touch the
        connection, and another database backend has one place to adapt."""
        return self._conn.execute(sql, params).fetchall()

    def counts(self) -> dict[str, int]:
        """How many documents, exact duplicates, near duplicates and events."""
        q = self._conn.execute
        return {
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "duplicates": q("SELECT COUNT(*) FROM duplicates").fetchone()[0],
            "near_duplicates": q("SELECT COUNT(*) FROM documents WHERE near_duplicate_of IS NOT NULL").fetchone()[0],
            "events": q("SELECT COUNT(*) FROM events").fetchone()[0],
        }
