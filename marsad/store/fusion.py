"""Fusion inside the store: fused incidents kept up to date as documents arrive.

Design (why it is incremental and still consistent):

- Reports are the stored events themselves (`doc_id#event_index`); fusion
  adds tables for what it decides (migration 0002): the event each report is
  in (`fusion_reports`), the derived record of each event (`fused_events`),
  the links found between reports (`fusion_links`), the log of every
  create/join/merge/split (`fusion_log`) and the analysts' corrections
  (`fusion_overrides`).
- A writer keeps one `marsad.fusion.Fuser` in memory, restored from those
  tables the first time it is needed: reports are re-read and filed in the
  blocking index, links are read back, not re-scored, and events are taken
  as stored. Adding a document's events then costs what `Fuser.add` costs
  (its candidate block and the link component it touches), and only the
  rows of the reports and events that changed are rewritten.
- That work runs inside the transaction that stores the document, so an
  interrupted ingest leaves documents and fusion in step. The in-memory fuser
  is trusted only while the `fusion_state` token is the one it wrote last; a
  rolled-back transaction or another writer changes that, and the fuser is
  reloaded.
- The events of a near copy (`documents.near_duplicate_of`) are not fused:
  a republished text is not an independent report, and fusing it would add
  its outlet's figures as if they were a second witness. They are recorded in
  `fusion_reports` with `event_id` NULL and the reason, and `marsad event`
  lists the copies of an event's documents.
- Which copy is the head follows a rule (`marsad.store.copies`), so a head
  can become a copy when an earlier-ranked text arrives: `refile` then takes
  its reports out through `Fuser.remove` (their links go, the events they
  were in are rebuilt and the log says `withdraw`), and fuses those of a copy
  that became a head. The result is what fusing the new heads' reports alone
  would give.
- An override names reports, never event ids (an event's id follows its
  smallest report), and is applied at once through `Fuser.set_overrides`;
  every later rebuild respects it. It stays as the analyst recorded it; while
  the document of a report it names is a copy, it applies to the report with
  the same index of that document's head (`_stand_in`), and again to its own
  report if the document becomes a head again.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, timezone
from typing import Any

from marsad.fusion import (FusedEvent, Fuser, FusionConfig, OverrideError, Overrides, Report, ReportError,
                           compat)
from marsad.fusion.derive import derive
from marsad.fusion.reports import period, report_from_dict
from marsad.model import EVENT_FIELDS
from marsad.store.backend import Backend
from marsad.store.query import EventFilter, actor_matcher, filter_conditions

_REPORT_SQL = (
    "SELECT e.doc_id, e.event_index, d.outlet, d.published, "
    + ", ".join(f"e.{f}" for f in EVENT_FIELDS)
    + ", e.evidence, d.near_duplicate_of FROM events e JOIN documents d ON d.doc_id = e.doc_id"
)
_FIGURES = ("fatalities_low", "fatalities_best", "injuries_low", "injuries_best", "injuries_high")
_EVENT_COLUMNS = (
    "event_id", *EVENT_FIELDS, "date_end", *_FIGURES, "reports", "documents", "sources", "contradictions",
    "updated_at",
)
_CHUNK = 500  # ids per `IN (...)` query, under SQLite's variable limit
# Rewrites of a row keyed by `key`: an upsert both SQLite and PostgreSQL run.
_UPSERT = "INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT ({key}) DO UPDATE SET {sets}"


def _upsert(table: str, cols: tuple[str, ...], key: tuple[str, ...]) -> str:
    return _UPSERT.format(table=table, cols=", ".join(cols), marks=", ".join("?" * len(cols)), key=", ".join(key),
                          sets=", ".join(f"{c} = excluded.{c}" for c in cols if c not in key))


_LINK_SQL = _upsert("fusion_links", ("a", "b", "score", "reasons"), ("a", "b"))
_EVENT_SQL = _upsert("fused_events", _EVENT_COLUMNS, ("event_id",))
_STATE_SQL = _upsert("fusion_state", ("key", "value"), ("key",))


class FusionError(Exception):
    """A lookup or correction that cannot be done (unknown event, a report
    not in that event ...). The message is one line, meant for the user."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def report_id(doc_id: str, index: int) -> str:
    return f"{doc_id}#{index}"


class _StoredFuser(Fuser):
    """A `Fuser` that tells the store what each change touched, so that only
    those rows are rewritten. It hooks two internals of `Fuser`: `_commit`,
    called once per rebuilt scope with its members, and `_links`, a report's
    links by report number."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.touched: set[int] = set()

    def _commit(self, members: list[int], *rest: Any) -> None:
        super()._commit(members, *rest)
        self.touched.update(members)

    def report(self, rid: str) -> Report:
        return self.reports[self._num[rid]]

    def links_of(self, rid: str) -> list[tuple[str, compat.Link]]:
        return [(self.reports[m].report_id, lk) for m, lk in self._links[self._num[rid]].items()]


class StoreFusion:
    """Fused events over one store connection. Writing methods run inside
    the store's transaction (`add_document` inside `Store.add`'s; `merge`
    and `split` open their own)."""

    def __init__(self, conn: Backend, transaction: Callable[[], AbstractContextManager[None]],
                 config: FusionConfig | None = None, clock: Callable[[], str] = _now) -> None:
        self._conn = conn
        self._transaction = transaction
        self._config = config or FusionConfig()
        self._clock = clock
        self._fuser: _StoredFuser | None = None
        self._token: str | None = None

    # -- writing -----------------------------------------------------------

    def add_document(self, doc_id: str) -> None:
        """Fuse the stored events of `doc_id` that are not fused yet (call
        inside the transaction that stored them)."""
        if self._conn.execute("SELECT 1 FROM events WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone() is None:
            return
        with self._writing() as fuser:
            self._fuse(fuser, self._unfused(doc_id))

    def event_ids(self, doc_id: str) -> list[str]:
        """The fused events of `doc_id`'s reports, in extraction order."""
        rows = self._conn.execute(
            "SELECT event_id FROM fusion_reports WHERE doc_id = ? ORDER BY event_index", (doc_id,)
        )
        return [r[0] for r in rows if r[0]]

    def refile(self, doc_ids: list[str]) -> None:
        """Fuse the events of documents whose role changed (head or copy,
        `marsad.store.copies`) as their role now says, inside the transaction
        that changed it: what was filed is withdrawn, then the events are
        filed again: fused if the document is a head, else recorded as a
        copy of its head."""
        if not doc_ids:
            return
        self.withdraw(doc_ids)
        with self._writing() as fuser:
            self._fuse(fuser, [row for doc_id in doc_ids for row in self._unfused(doc_id)])

    def withdraw(self, doc_ids: list[str]) -> None:
        """Take the documents' fused reports out of fusion (`Fuser.remove`:
        their links go, the events they were in are rebuilt, the log says
        `withdraw` and why) and forget their `fusion_reports` rows; inside
        the caller's transaction, while their events are still stored."""
        with self._writing() as fuser:
            for doc_id in doc_ids:
                fused = dict(self._conn.execute(
                    "SELECT report_id, event_id FROM fusion_reports WHERE doc_id = ? AND event_id IS NOT NULL",
                    (doc_id,)).fetchall())
                if fused:
                    pairs = {tuple(sorted((rid, other))) for rid in fused for other, _ in fuser.links_of(rid)}
                    fuser.remove(sorted(fused), f"{doc_id} is {self._role(doc_id)} now")
                    self._conn.executemany("DELETE FROM fusion_links WHERE a = ? AND b = ?", sorted(pairs))
                self._conn.execute("DELETE FROM fusion_reports WHERE doc_id = ?", (doc_id,))
                if fused:
                    self._save(fuser, [], removed=fused)

    def follow_overrides(self) -> None:
        """Re-apply the overrides if a change of heads moved what one of them
        applies to (`_stand_in`); inside the caller's transaction."""
        if self._conn.execute("SELECT 1 FROM fusion_overrides LIMIT 1").fetchone() is None:
            return
        with self._writing() as fuser:
            overrides = self._overrides()
            if overrides.to_dict() != fuser.overrides.to_dict():
                fuser.set_overrides(overrides)
                self._save(fuser, [])

    def _role(self, doc_id: str) -> str:
        """'an exact copy of X', 'a near copy of X' or 'a head', as stored."""
        row = self._conn.execute("SELECT duplicate_of FROM duplicates WHERE doc_id = ?", (doc_id,)).fetchone()
        if row:
            return f"an exact copy of {row[0]}"
        row = self._conn.execute("SELECT near_duplicate_of FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return f"a near copy of {row[0]}" if row and row[0] else "a head"

    def settle(self) -> int:
        """Rebuild whole the large link components that ingestion rebuilt
        only around each new report (`Fuser.settle`), in one transaction, and
        write what changed; return how many were rebuilt. The store's
        `ingest` and the batch load call it when their inputs are done, so a
        finished ingest holds the same events whatever the input order. The
        pending components are kept in `fusion_state`, so an interrupted
        ingest is settled by the next one."""
        row = self._conn.execute("SELECT value FROM fusion_state WHERE key = 'unsettled'").fetchone()
        if not row or row[0] == "[]":
            return 0
        with self._transaction(), self._writing() as fuser:
            count = fuser.settle()
            self._save(fuser, [])
            return count

    def merge(self, a: str, b: str, why: str = "") -> str:
        """Join two events for good (a must_link override between their
        smallest reports, applied now and by every later ingest); return the
        merged event's id."""
        with self._transaction(), self._writing() as fuser:
            ra, rb = self._anchor(a), self._anchor(b)
            if ra == rb:
                raise FusionError(f"{a} and {b} are the same event")
            self._drop_overrides("cannot_link", lambda a, b: {a, b} == {ra, rb})
            self._record("must_link", ra, rb, why)
            self._apply(fuser)
            return fuser.event_id(ra)

    def split(self, event_id: str, rid: str, why: str = "") -> tuple[str, str]:
        """Stand report `rid` alone, out of `event_id`, for good (a split
        override); return (the report's new event id, the rest's event id).
        A merge that named this report is withdrawn: the latest correction wins."""
        with self._transaction(), self._writing() as fuser:
            members = self.members(event_id)
            if not members:
                raise FusionError(self._unknown(event_id))
            if rid not in members:
                raise FusionError(f"{rid} is not a report of {event_id} (its reports: {', '.join(members)})")
            if len(members) == 1:
                raise FusionError(f"{event_id} has only one report; there is nothing to split")
            self._drop_overrides("must_link", lambda a, b: rid in (a, b))
            self._record("split", rid, None, why)
            self._apply(fuser)
            rest = next(m for m in members if m != rid)
            return fuser.event_id(rid), fuser.event_id(rest)

    def _drop_overrides(self, kind: str, names: Callable[[str, str | None], bool]) -> None:
        """Delete the overrides of `kind` whose reports, as they now apply
        (`_stand_in`), `names` selects: a correction replaces the ones it
        contradicts even if they were recorded against a copy's report."""
        self._conn.executemany("DELETE FROM fusion_overrides WHERE id = ?",
                               [(i,) for i, k, a, b, _ in self._override_rows() if k == kind and names(a, b)])

    def _record(self, kind: str, a: str, b: str | None, why: str) -> None:
        self._conn.execute(
            "INSERT INTO fusion_overrides (kind, a, b, reason, created_at) VALUES (?, ?, ?, ?, ?)",
            (kind, a, b, why, self._clock()),
        )

    def _apply(self, fuser: _StoredFuser) -> None:
        try:
            overrides = self._overrides()
        except OverrideError as e:
            raise FusionError(str(e)) from None
        fuser.set_overrides(overrides)
        fuser.settle()  # a correction is rare: its components are rebuilt whole at once
        self._save(fuser, [])

    def _anchor(self, event_id: str) -> str:
        """The report an event's id is derived from (its smallest)."""
        row = self._conn.execute(
            "SELECT MIN(report_id) FROM fusion_reports WHERE event_id = ?", (event_id,)
        ).fetchone()
        if row[0] is None:
            raise FusionError(self._unknown(event_id))
        return row[0]

    def _unknown(self, event_id: str) -> str:
        """'no event X', with where it went if the log knows."""
        row = self._conn.execute(
            "SELECT kind, event_id, others FROM fusion_log WHERE (kind NOT IN ('split', 'withdraw') AND others LIKE ?) "
            "OR (kind IN ('split', 'withdraw') AND event_id = ?) ORDER BY id DESC LIMIT 1",
            (f'%"{event_id}"%', event_id),
        ).fetchone()
        if row is None:
            return f"no event {event_id}"
        kind, eid, others = row
        if kind == "withdraw" and others == "[]":
            return f"no event {event_id} (its reports were withdrawn: their documents became copies)"
        into = ", ".join(json.loads(others)) if kind in ("split", "withdraw") else eid
        return f"no event {event_id} (it became {into})"

    # -- the in-memory fuser -----------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[_StoredFuser]:
        """The fuser for a change; dropped if the change fails, since the
        transaction around it is then rolled back and the tables no longer
        match it (the next write reloads it)."""
        try:
            yield self._synced()
        except BaseException:
            self._fuser = self._token = None
            raise

    def _synced(self) -> _StoredFuser:
        """The fuser, reloaded unless it is the one that wrote the tables last."""
        row = self._conn.execute("SELECT value FROM fusion_state WHERE key = 'token'").fetchone()
        token = row[0] if row else None
        if self._fuser is None or token != self._token:
            self._fuser, self._token = self._load(), token
            self._fuse(self._fuser, self._unfused(None))  # events stored before fusion existed
        return self._fuser

    def reports(self) -> list[dict[str, Any]]:
        """Every fused report as a report dict (`marsad.fusion.report_from_dict`),
        in storage order: what a new process refiles, and what
        benchmarks/fusion_order.py re-fuses in other orders."""
        return [self._report_dict(row) for row in self._conn.execute(
            f"{_REPORT_SQL} JOIN fusion_reports r ON r.doc_id = e.doc_id AND r.event_index = e.event_index "
            "WHERE r.event_id IS NOT NULL ORDER BY d.id, e.event_index"
        )]

    def _load(self) -> _StoredFuser:
        reports = self.reports()
        events: dict[str, list[str]] = {}
        for rid, eid in self._conn.execute("SELECT report_id, event_id FROM fusion_reports WHERE event_id IS NOT NULL"):
            events.setdefault(eid, []).append(rid)
        links = [[a, b, score, json.loads(reasons)]
                 for a, b, score, reasons in self._conn.execute("SELECT a, b, score, reasons FROM fusion_links")]
        row = self._conn.execute("SELECT value FROM fusion_state WHERE key = 'unsettled'").fetchone()
        state = {"reports": reports, "links": links, "events": events,
                 "overrides": self._overrides().to_dict(), "log": [], "unsettled": json.loads(row[0]) if row else []}
        return _StoredFuser.from_state(state, self._config, self._clock)

    def _overrides(self) -> Overrides:
        """The stored corrections as they apply now (`_stand_in`)."""
        data: dict[str, list[dict[str, str]]] = {"must_link": [], "cannot_link": [], "split": []}
        for _, kind, a, b, reason in self._override_rows():
            data[kind].append({"report": a, "reason": reason} if kind == "split" else {"a": a, "b": b, "reason": reason})
        return Overrides.from_dict(data, "fusion_overrides")

    def _override_rows(self) -> list[tuple[int, str, str, str | None, str]]:
        """(id, kind, a, b, reason) of every stored override, oldest first,
        with the reports named as they apply now."""
        rows = self._conn.execute("SELECT id, kind, a, b, reason FROM fusion_overrides ORDER BY id").fetchall()
        return [(i, kind, self._stand_in(a), b and self._stand_in(b), reason) for i, kind, a, b, reason in rows]

    def _stand_in(self, rid: str) -> str:
        """The report a correction naming `rid` applies to. `rid` itself while
        it is fused; while its document is a copy (its head ranked first:
        marsad.store.copies), the report with the same index of the head,
        which tells the same text, if that one is fused; else `rid` (the
        correction is held, and applies again if its document becomes a head)."""
        if "#" not in rid or self._fused(rid):
            return rid
        doc_id, index = _split_id(rid)
        row = self._conn.execute("SELECT duplicate_of FROM duplicates WHERE doc_id = ?", (doc_id,)).fetchone()
        kept = row[0] if row else doc_id
        row = self._conn.execute("SELECT near_duplicate_of FROM documents WHERE doc_id = ?", (kept,)).fetchone()
        if row is None:
            return rid
        other = report_id(row[0] or kept, index)
        return other if self._fused(other) else rid

    def _fused(self, rid: str) -> bool:
        row = self._conn.execute("SELECT event_id FROM fusion_reports WHERE report_id = ?", (rid,)).fetchone()
        return bool(row and row[0])

    @staticmethod
    def _report_dict(row: tuple) -> dict[str, Any]:
        doc_id, index, outlet, published, *values = row
        fields = dict(zip(EVENT_FIELDS, values[: len(EVENT_FIELDS)]))
        return {"report_id": report_id(doc_id, index), "doc_id": doc_id, "outlet": outlet,
                "published": published, **fields, "evidence": json.loads(values[len(EVENT_FIELDS)])}

    def _unfused(self, doc_id: str | None) -> list[tuple]:
        where = "WHERE r.report_id IS NULL" + (" AND e.doc_id = ?" if doc_id else "")
        return self._conn.execute(
            f"{_REPORT_SQL} LEFT JOIN fusion_reports r ON r.doc_id = e.doc_id AND r.event_index = e.event_index "
            f"{where} ORDER BY d.id, e.event_index",
            (doc_id,) if doc_id else (),
        ).fetchall()

    def _fuse(self, fuser: _StoredFuser, rows: list[tuple]) -> None:
        """Add stored events as reports; near copies and unreadable events
        are recorded as not fused, with the reason."""
        added: list[Report] = []
        for row in rows:
            d = self._report_dict(row)
            near = row[-1]
            reason = f"near copy of {near}" if near else None
            if reason is None:
                try:
                    rep = report_from_dict(d, d["report_id"])
                except ReportError as e:
                    reason = f"not a usable report: {e}"
                else:
                    fuser.add(rep)
                    added.append(rep)
                    continue
            self._conn.execute(
                "INSERT INTO fusion_reports (report_id, doc_id, event_index, event_id, not_fused) "
                "VALUES (?, ?, ?, NULL, ?)",
                (d["report_id"], d["doc_id"], row[1], reason),
            )
        if added:
            self._save(fuser, added)

    def _save(self, fuser: _StoredFuser, added: list[Report], removed: dict[str, str] | None = None) -> None:
        """Write what the fuser changed: links of the new reports, the
        membership of every touched report, the events whose reports changed
        (re-derived; `removed`: withdrawn reports and the events they were
        in, whose rows the caller deletes), the log; then a new token."""
        for rep in added:
            self._conn.executemany(
                _LINK_SQL,
                [(*sorted((rep.report_id, other)), lk.score, _json(lk.reasons))
                 for other, lk in fuser.links_of(rep.report_id)],
            )
        touched = sorted(fuser.reports[m].report_id for m in fuser.touched)
        fuser.touched.clear()
        old = {**self._events_of(touched), **(removed or {})}
        new = {rid: fuser.event_id(rid) for rid in touched}
        old_groups, new_groups = _invert(old), _invert(new)
        self._conn.executemany("DELETE FROM fused_events WHERE event_id = ?",
                               [(eid,) for eid in sorted(old_groups.keys() - new_groups.keys())])
        self._conn.executemany(
            "INSERT INTO fusion_reports (report_id, doc_id, event_index, event_id, not_fused) "
            "VALUES (?, ?, ?, ?, NULL) ON CONFLICT (report_id) DO UPDATE SET event_id = excluded.event_id",
            [(rid, *_split_id(rid), eid) for rid, eid in new.items() if old.get(rid) != eid],
        )
        now = self._clock()
        changed = [eid for eid, ms in sorted(new_groups.items()) if set(ms) != set(old_groups.get(eid, ()))]
        self._conn.executemany(
            _EVENT_SQL,
            [_event_row(derive(eid, [fuser.report(r) for r in sorted(new_groups[eid])]), now) for eid in changed],
        )
        self._conn.executemany(
            "INSERT INTO fusion_log (time, kind, event_id, reports, others, reason) VALUES (?, ?, ?, ?, ?, ?)",
            [(e["time"], e["kind"], e["event_id"], _json(e["reports"]), _json(e.get("from", e.get("into", []))),
              e["reason"]) for e in fuser.log],
        )
        fuser.log.clear()
        self._conn.execute(_STATE_SQL, ("unsettled", _json(fuser.unsettled())))
        self._token = uuid.uuid4().hex
        self._conn.execute(_STATE_SQL, ("token", self._token))

    def _events_of(self, rids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(rids), _CHUNK):
            part = rids[i:i + _CHUNK]
            out.update(self._conn.execute(
                f"SELECT report_id, event_id FROM fusion_reports WHERE event_id IS NOT NULL "
                f"AND report_id IN ({', '.join('?' * len(part))})", part,
            ).fetchall())
        return out

    # -- reading -----------------------------------------------------------

    def members(self, event_id: str) -> list[str]:
        """Report ids of a fused event (empty if there is no such event)."""
        rows = self._conn.execute(
            "SELECT report_id FROM fusion_reports WHERE event_id = ? ORDER BY report_id", (event_id,)
        )
        return [r[0] for r in rows]

    def event(self, event_id: str) -> FusedEvent:
        """One fused event with every report and its evidence, derived from
        the stored reports. Raises FusionError for an unknown id."""
        reports = self._reports(event_id)
        if not reports:
            raise FusionError(self._unknown(event_id))
        return derive(event_id, reports)

    def _reports(self, event_id: str) -> list[Report]:
        rows = self._conn.execute(
            f"{_REPORT_SQL} JOIN fusion_reports r ON r.doc_id = e.doc_id AND r.event_index = e.event_index "
            "WHERE r.event_id = ? ORDER BY r.report_id", (event_id,),
        )
        return [compat.prepare(report_from_dict(self._report_dict(row))) for row in rows]

    def events(self, where: EventFilter = EventFilter()) -> Iterator[FusedEvent]:
        """The fused events `where` selects, derived with all their reports."""
        for row in self.rows(where):
            yield derive(row["event_id"], self._reports(row["event_id"]))

    def rows(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """The stored records of the events `where` selects, by date then id:
        the derived fields, figures, sources, contradictions and report ids."""
        sql, params = filter_conditions(where)
        cur = self._conn.execute(
            f"SELECT {', '.join(_EVENT_COLUMNS)} FROM fused_events"
            + (f" WHERE {' AND '.join(sql)}" if sql else "")
            + " ORDER BY event_date IS NULL, event_date, event_id",
            params,
        )
        wanted = actor_matcher(where.actor)
        out = []
        for values in cur:
            row = dict(zip(_EVENT_COLUMNS, values))
            if wanted is not None and not wanted(row["actor1"], row["actor2"]):
                continue
            row["sources"] = json.loads(row["sources"])
            row["contradictions"] = json.loads(row["contradictions"])
            out.append(row)
            if where.limit is not None and len(out) >= where.limit:
                break
        for row in out:
            row["report_ids"] = self.members(row["event_id"])
        return out

    def near_copies(self, event: FusedEvent) -> list[str]:
        """Stored near copies of the documents an event's reports come from
        (their events are not fused: see the module docstring)."""
        docs = sorted({r.doc_id for r in event.reports})
        rows = self._conn.execute(
            f"SELECT doc_id FROM documents WHERE near_duplicate_of IN ({', '.join('?' * len(docs))}) ORDER BY id",
            docs,
        )
        return [r[0] for r in rows]

    def log(self, event_id: str) -> list[dict[str, Any]]:
        """Log entries that name `event_id`, oldest first."""
        rows = self._conn.execute(
            "SELECT time, kind, event_id, reports, others, reason FROM fusion_log "
            "WHERE event_id = ? OR others LIKE ? ORDER BY id", (event_id, f'%"{event_id}"%'),
        )
        return [{"time": t, "kind": k, "event_id": e, "reports": json.loads(r), "others": json.loads(o),
                 "reason": why} for t, k, e, r, o, why in rows]

    def counts(self) -> dict[str, int]:
        """Fused events, those from several documents, fused and unfused reports."""
        q = self._conn.execute
        return {
            "fused_events": q("SELECT COUNT(*) FROM fused_events").fetchone()[0],
            "multi_document_events": q("SELECT COUNT(*) FROM fused_events WHERE documents > 1").fetchone()[0],
            "fused_reports": q("SELECT COUNT(*) FROM fusion_reports WHERE event_id IS NOT NULL").fetchone()[0],
            "unfused_reports": q("SELECT COUNT(*) FROM fusion_reports WHERE event_id IS NULL").fetchone()[0],
        }


def _invert(mapping: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in mapping.items():
        out.setdefault(v, []).append(k)
    return out


def _split_id(rid: str) -> tuple[str, int]:
    doc_id, _, index = rid.rpartition("#")
    return doc_id, int(index)


def _date_end(fields: dict[str, Any]) -> str | None:
    if not fields.get("event_date"):
        return None
    start = date.fromisoformat(fields["event_date"][:10])
    return date.fromordinal(period(start, int(fields.get("time_precision") or 1))[1]).isoformat()


def _event_row(ev: FusedEvent, now: str) -> tuple:
    f = ev.fields
    return (
        ev.event_id, *(f.get(k) for k in EVENT_FIELDS), _date_end(f), *(ev.figures.get(k) for k in _FIGURES),
        len(ev.reports), len({r.doc_id for r in ev.reports}), _json(ev.outlets), _json(ev.contradictions), now,
    )
