"""Statements, actor claims, figures and aliases in the store (migration 0004).

`Store.add` calls `StoreStatements.read(doc)` before its write transaction
and `insert(doc_id, said)` inside it, as it does for fusion: the statements
(`marsad.statements`), actor claims (`marsad.claims`), figures and the way
it wrote each actor's name are read once and kept, so that a profile over a
31,000-article store is a query. Rows are only ever added: a claim is never
overwritten by a later one that disagrees. `backfill` reads the documents
of a store made before this migration.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.claims import Claim, find_claims
from marsad.events.assemble import document_mentions
from marsad.kb import load as load_kb
from marsad.mentions.matcher import readings
from marsad.model import Document, Mention, Span
from marsad.statements import Figure, Speaker, Statement, find_figures, find_statements
from marsad.statements.view import View
from marsad.store.backend import Backend

_STRIP = "«»\"“”#()"
_CLITICS = ("و", "ب", "ل", "ف", "ك")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def analyse_statements(doc: Document) -> tuple[list[Statement], list[Claim], list[Figure], list[Mention]]:
    """Statements, claims and figures of `doc` (its mentions are found here
    if the pipeline has not), and the mentions they were read from."""
    mentions = doc.mentions or document_mentions(doc)
    statements = find_statements(doc.text, mentions, doc.outlet, doc.published, doc.events)
    claims = find_claims(doc.text, mentions, statements, doc.outlet, doc.published)
    figures = find_figures(doc.text, mentions, statements, doc.events, doc.published)
    return statements, claims, figures, mentions


def aliases_of(text: str, mentions: list[Mention]) -> dict[tuple[str, str], int]:
    """(actor, name as written) -> how often: the actor mentions without
    quotes, hashtags and a proclitic that is not part of the name, and the
    English aliases the text writes in Latin letters (ISIS-K)."""
    kb = load_kb()
    out: dict[tuple[str, str], int] = {}
    for m in mentions:
        if m.kind != "actor":
            continue
        actor = m.value["name"]
        alias = " ".join(m.text.translate({ord(c): " " for c in _STRIP}).split())
        if alias[:1] in _CLITICS and kb.canonical_actor(alias[1:]) == actor:
            alias = alias[1:]
        out[(actor, alias)] = out.get((actor, alias), 0) + 1
    for (actor, alias), n in _hidden_aliases(text, mentions, {a for a, _ in out}).items():
        out[(actor, alias)] = out.get((actor, alias), 0) + n
    for actor in {a for a, _ in out}:
        info = kb.actor(actor)
        for en in info.aliases_en if info else ():
            n = len(re.findall(rf"(?<![\w-]){re.escape(en)}(?![\w-])", text))
            if n:
                out[(actor, en)] = n
    return out


@lru_cache(maxsize=1)
def _phrases_by_actor() -> dict[str, list[tuple[str, ...]]]:
    """Each actor's names of more than one word, as normalised tokens."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for toks, actor in load_kb().actors.text_phrases.items():
        if len(toks) > 1:
            out.setdefault(actor, []).append(toks)
    return out


def _hidden_aliases(text: str, mentions: list[Mention], actors: set[str]) -> dict[tuple[str, str], int]:
    """Arabic aliases of the document's actors written where the mention
    finder took a shorter or another name (تنظيم داعش خرسان read as تنظيم
    داعش): the alias as written, where no mention of that actor covers it."""
    phrases = _phrases_by_actor()
    first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for actor in actors:
        for toks in phrases.get(actor, ()):
            first.setdefault(toks[0], []).append((toks, actor))
    if not first:
        return {}
    view = View.of(text, [m for m in mentions if m.kind == "actor"])
    out: dict[tuple[str, str], int] = {}
    for k, w in enumerate(view.words):
        for r in readings(w):
            for toks, actor in first.get(r, ()):
                j = k + len(toks)
                if tuple(view.words[k + 1:j]) != toks[1:]:
                    continue
                covered = [view.at[x].get("actor") for x in range(k, j)]
                if any(m is None or m.value["name"] != actor for m in covered):
                    alias = " ".join(view.phrase(k, j).translate({ord(c): " " for c in _STRIP}).split())
                    if r != w:
                        alias = alias[len(w) - len(r):]
                    out[(actor, alias)] = out.get((actor, alias), 0) + 1
    return out


@dataclass(frozen=True)
class Said:
    """A document's statements, claims, figures and actor aliases, read
    and not yet stored."""

    statements: list[Statement]
    claims: list[Claim]
    figures: list[Figure]
    aliases: dict[tuple[str, str], int]


class StoreStatements:
    """Statement tables over one store connection; writing runs inside the
    store's transaction."""

    def __init__(self, conn: Backend, transaction: Callable[[], AbstractContextManager[None]]) -> None:
        self._conn = conn
        self._transaction = transaction

    @staticmethod
    def read(doc: Document) -> Said:
        """What `insert` stores for `doc` (no database work: `Store.add`
        calls it before taking the write lock)."""
        statements, claims, figures, mentions = analyse_statements(doc)
        return Said(statements, claims, figures, aliases_of(doc.text, mentions))

    def insert(self, doc_id: str, said: Said) -> None:
        """Store what `read` found for a stored document (call inside the
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

    def backfill(self, get: Callable[[str], Document | None]) -> int:
        """Read the documents stored before this table existed (`get` is
        `Store.get`), one transaction each; returns how many."""
        done = 0
        for doc_id in self.missing():
            doc = get(doc_id)
            if doc is None:
                continue
            with self._transaction():
                if self._conn.execute("SELECT 1 FROM statement_docs WHERE doc_id = ?", (doc_id,)).fetchone():
                    continue  # another writer did it meanwhile
                self.insert(doc_id, self.read(doc))
            done += 1
        return done

    # -- reading ---------------------------------------------------------------

    def missing(self) -> list[str]:
        """Stored documents not read for statements yet (stored before 0004)."""
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

