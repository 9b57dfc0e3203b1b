"""Statements, actor claims, figures and aliases in the store (migration 0004).

The pipeline reads them (`marsad.pipeline.analyse` sets `Document.said`, a
`marsad.claims.Said`) and `Store.add` calls `insert(doc_id, doc.said)` inside
the transaction that stores the document, as it does for fusion: kept per
document, so that a profile over a 31,000-article store is a query. A
document's rows are only ever added (a claim is never overwritten by a later
one that disagrees), and deleted only when the document leaves the store: an
earlier-ranked exact copy replaces it as the head (`Store._demote` calls
`delete`), and the new head's reading of the same text is stored instead.
A document added without analysis has no rows here and counts as not read
(`missing`); `backfill` reads those, and the documents of a store made before
this migration.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any

from marsad.said import Said
from marsad.model import Document, Span
from marsad.statements import Speaker, Statement
from marsad.store.backend import Backend


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class StoreStatements:
    """Statement tables over one store connection; writing runs inside the
    store's transaction."""

    def __init__(self, conn: Backend, transaction: Callable[[], AbstractContextManager[None]]) -> None:
        self._conn = conn
        self._transaction = transaction

    def insert(self, doc_id: str, said: Said) -> None:
        """Store what the pipeline read in a stored document (call inside the
        transaction that stored it)."""
        statements, claims, figures, aliases = said.statements, said.claims, said.figures, said.aliases
        q = self._conn.executemany
        q("INSERT INTO statements (doc_id, statement_index, kind, verb, meaning, speaker_kind, speaker_name, "
          "speaker_key, speaker, content_start, content_end, content, evidence_start, evidence_end, said_on, "
          "date_precision, date_from, chain, recipient, event_indexes) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          [(doc_id, s.index, s.kind, s.verb, s.meaning, s.speaker.kind if s.speaker else None,
            s.speaker.name if s.speaker else None, s.speaker.key() if s.speaker else None,
            _json(s.speaker.to_dict()) if s.speaker else None, s.content.start, s.content.end, s.content.text,
            s.evidence.start, s.evidence.end, s.date, s.date_precision, s.date_from, _json(s.chain), s.recipient,
            _json(s.event_indexes)) for s in statements])
        q("INSERT INTO statement_actors (doc_id, statement_index, actor) VALUES (?, ?, ?)",
          [(doc_id, s.index, a) for s in statements for a in s.actors])
        q("INSERT INTO actor_claims (doc_id, claim_index, actor, kind, value, value_text, speaker, chain, "
          "statement_index, said_on, evidence_start, evidence_end, evidence) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          [(doc_id, c.index, c.actor, c.kind, _json(c.value), c.text,
            _json(c.speaker.to_dict()) if c.speaker else None, _json(c.chain), c.statement_index, c.date,
            c.evidence.start, c.evidence.end, c.evidence.text) for c in claims])
        q("INSERT INTO figures (doc_id, figure_index, low, high, unit, qualifier, scope_start, scope_end, scope, "
          "evidence, speaker, statement_index, said_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          [(doc_id, f.index, f.low, f.high, f.unit, f.qualifier, f.scope.start, f.scope.end, f.scope.text,
            f.evidence.text, _json(f.speaker.to_dict()) if f.speaker else None, f.statement_index, f.date)
           for f in figures])
        q("INSERT INTO actor_aliases (doc_id, actor, alias, n) VALUES (?, ?, ?, ?)",
          [(doc_id, a, alias, n) for (a, alias), n in aliases.items()])
        self._conn.execute("INSERT INTO statement_docs (doc_id, statements, claims, figures) VALUES (?, ?, ?, ?)",
                           (doc_id, len(statements), len(claims), len(figures)))

    def delete(self, doc_id: str) -> None:
        """Forget what was read in `doc_id` (a head that became an exact copy:
        its text is stored once, under the new head, which has its own)."""
        for table in ("statement_actors", "statements", "actor_claims", "figures", "actor_aliases",
                      "statement_docs"):
            self._conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))

    def backfill(self, get: Callable[[str], Document | None], read: Callable[[Document], Said]) -> int:
        """Read the stored documents not read yet (`missing`), one
        transaction each; returns how many. `get` is `Store.get`, `read` the
        pipeline's reading of a stored document
        (`marsad.pipeline.said_in_stored`), passed in so that the store does
        not depend on the extractor."""
        done = 0
        for doc_id in self.missing():
            doc = get(doc_id)
            if doc is None:
                continue
            said = read(doc)  # outside the write lock
            with self._transaction():
                if self._conn.execute("SELECT 1 FROM statement_docs WHERE doc_id = ?", (doc_id,)).fetchone():
                    continue  # another writer did it meanwhile
                self.insert(doc_id, said)
            done += 1
        return done

    # -- reading ---------------------------------------------------------------

    def missing(self) -> list[str]:
        """Stored documents not read for statements yet (stored before 0004,
        or added without analysis)."""
        rows = self._conn.execute(
            "SELECT d.doc_id FROM documents d LEFT JOIN statement_docs s ON s.doc_id = d.doc_id "
            "WHERE s.doc_id IS NULL ORDER BY d.id")
        return [r[0] for r in rows]

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only query as dicts (the profile builder's access)."""
        cur = self._conn.execute(sql, tuple(params))
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def statements(self, doc_id: str) -> list[Statement]:
        """The statements stored for `doc_id`, in text order."""
        out = []
        for r in self.rows("SELECT s.*, d.text AS doc_text FROM statements s JOIN documents d ON d.doc_id = s.doc_id "
                           "WHERE s.doc_id = ? ORDER BY statement_index", (doc_id,)):
            text = r["doc_text"]
            out.append(Statement(
                r["statement_index"], r["verb"], r["meaning"], r["kind"],
                Speaker.from_dict(json.loads(r["speaker"])) if r["speaker"] else None,
                Span(r["content_start"], r["content_end"], r["content"]),
                Span(r["evidence_start"], r["evidence_end"], text[r["evidence_start"]:r["evidence_end"]]),
                date=r["said_on"], date_precision=r["date_precision"], date_from=r["date_from"],
                chain=json.loads(r["chain"]), recipient=r["recipient"],
                actors=[a["actor"] for a in self.rows(
                    "SELECT actor FROM statement_actors WHERE doc_id = ? AND statement_index = ? ORDER BY actor",
                    (doc_id, r["statement_index"]))],
                event_indexes=json.loads(r["event_indexes"])))
        return out

