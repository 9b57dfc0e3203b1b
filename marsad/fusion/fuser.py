"""Incremental fusion: `Fuser.add(report) -> event_id`.

How order independence and stable ids are kept:

1. Pairwise links (compat.assess) are computed once, when the later report of
   a pair arrives, and only against its candidate block (blocking). A link
   depends on the two reports alone.
2. Links (and must-link overrides) join reports into link components with a
   union-find; components only grow.
3. Within the component the new report touched, events are rebuilt from
   scratch by one deterministic pass: links from the strongest down (ties by
   report id), each merging two groups only if no pair across them has a hard
   contradiction (compat.veto), a cannot-link or a split override. This guard
   stops chaining (A~B, B~C, but A contradicts C). Must-link overrides are
   applied last and join the two reports' whole events: the analyst has the
   last word.
   Since the pass sees only the component's reports and their links, sorted
   by content, its result does not depend on arrival order.
4. An event's id is derived from its smallest report id, so re-running, or
   adding the same reports in another order, gives the same ids. When the
   rebuild changes a group, the change is logged (create, join, merge,
   split) with the link or veto that caused it.

Adding report N+1 re-scores nothing outside its candidate block; the rebuild
re-reads stored links of one component, which is small (one incident and its
near misses) except where vague reports in a dense place and period link to
many incidents. Components larger than `rebuild_limit` are rebuilt only
around the new report (the events it links to), which bounds the cost of
each `add`, and are marked unsettled; `settle()` rebuilds every unsettled
component whole, once, at the end of a batch. After `settle()` the events are
again a function of the reports, links and overrides alone, so any input
order gives the same events; between the two, a large component's grouping
can depend on arrival order.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from marsad.fusion import compat, linking
from marsad.fusion.blocking import BlockIndex
from marsad.fusion.config import FusionConfig
from marsad.fusion.derive import FusedEvent, derive
from marsad.fusion.overrides import Overrides
from marsad.fusion.reports import Report, ReportError, report_from_dict


def event_id_for(report_id: str) -> str:
    return "ev_" + hashlib.sha1(report_id.encode("utf-8")).hexdigest()[:12]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Fuser:
    def __init__(self, config: FusionConfig | None = None, overrides: Overrides | None = None,
                 clock: Callable[[], str] = _now):
        self.cfg = config or FusionConfig()
        self._pair_model = linking.load(self.cfg.pair_model)
        if self._pair_model is None and self.cfg.pair_model is not None:  # none ships: the hand-set rule, whole
            self.cfg = replace(self.cfg, pair_model=None)
        self.overrides = overrides or Overrides()
        self.clock = clock
        self.reports: list[Report] = []
        self.log: list[dict[str, Any]] = []
        self._num: dict[str, int] = {}
        self._by_event_id: dict[str, int] = {}
        self._index = BlockIndex(self.cfg)
        self._links: list[dict[int, compat.Link]] = []
        self._parent: list[int] = []          # union-find over link components
        self._members: dict[int, list[int]] = {}
        self._anchor: list[int] = []          # report -> its event's anchor report
        self._groups: dict[int, list[int]] = {}
        self._veto: dict[tuple[int, int], str | None] = {}
        self._derived: dict[int, FusedEvent] = {}
        self._unsettled: set[int] = set()     # reports whose large component was rebuilt locally
        self._text = None
        if self.cfg.use_text:
            from marsad.fusion.text import WordingSimilarity
            self._text = WordingSimilarity()

    # --- adding -----------------------------------------------------------

    def add(self, report: Report | dict[str, Any]) -> str:
        """File one report, link it and return the id of the event it is in."""
        rep = report if isinstance(report, Report) else report_from_dict(report)
        if rep.report_id in self._num:
            raise ReportError(f"{rep.report_id}: the same report was added twice")
        n = self._file(rep)
        for c in self._index.candidates(rep, self.reports):
            link = self._assess(rep, self.reports[c])
            if link is not None:
                self._store_link(n, c, link)
        self._index.add(n, rep)
        for a, b, _ in self._override_pairs("must_link"):
            if n in (a, b):
                self._union(a, b)
        self._rebuild(self._scope([n]), new=n)
        return self.event_id(rep.report_id)

    def add_all(self, reports: Iterable[Report | dict[str, Any]]) -> list[str]:
        return [self.add(r) for r in reports]

    def _file(self, rep: Report) -> int:
        compat.prepare(rep)
        n = len(self.reports)
        self.reports.append(rep)
        self._num[rep.report_id] = n
        self._by_event_id[event_id_for(rep.report_id)] = n
        self._links.append({})
        self._parent.append(n)
        self._members[n] = [n]
        self._anchor.append(n)
        return n

    def _assess(self, a: Report, b: Report) -> compat.Link | None:
        a, b = sorted((a, b), key=lambda r: r.report_id)  # a link's reasons ("fatalities 5/7") read in id order,
        link = compat.assess(a, b, self.cfg)  # not in order of arrival: the same inputs give the same rows
        if link is None:
            return None
        if self._pair_model is not None:  # the model links what the hand-set rule links, and more (linking.py)
            p = self._pair_model.probability(link.features)
            if p < self.cfg.pair_threshold and not link.rule:
                return None
            link.reasons.append(f"P(one incident) {p:.2f}")
            return link
        if not link.anchored:
            return None
        short = self.cfg.link_threshold - link.score
        if self._text is not None and 0 < short <= self.cfg.text_band:
            cos = self._text.cosine(a, b)
            if cos is not None and cos >= self.cfg.text_min:
                link.score += self.cfg.text_bonus
                link.reasons.append(f"similar wording (cosine {cos:.2f})")
        return link if link.score >= self.cfg.link_threshold else None

    def _store_link(self, a: int, b: int, link: compat.Link) -> None:
        self._links[a][b] = link
        self._links[b][a] = link
        self._union(a, b)

    # --- withdrawing ---------------------------------------------------------

    def remove(self, report_ids: Iterable[str], why: str) -> None:
        """Take reports out of fusion, as if they had never been added: the
        store withdraws the reports of a document that stops being the head
        of its copies. Their links go, their link components are recomputed
        from the links that remain (a withdrawn report may have been the only
        bridge), and the events they were in, and the events of the reports
        they linked to, are rebuilt as `add` rebuilds (so a large component
        is rebuilt locally and waits for `settle`). Each event that loses
        reports is logged as a `withdraw` with `why`."""
        gone = [self._num.pop(r) for r in dict.fromkeys(report_ids) if r in self._num]
        if not gone:
            return
        dead = set(gone)
        rid = lambda m: self.reports[m].report_id
        left: dict[int, list[int]] = {}  # old event anchor -> its withdrawn reports
        seeds: set[int] = set()
        for n in gone:
            left.setdefault(self._anchor[n], []).append(n)
            seeds.update(self._group_of(n), self._links[n])
            self._by_event_id.pop(event_id_for(rid(n)), None)
            self._index.remove(n, self.reports[n])
            self._unsettled.discard(n)
        seeds -= dead
        self._recompute_components({self._find(n) for n in gone}, dead)
        for n in gone:
            for m in self._links[n]:
                self._links[m].pop(n, None)
            self._links[n] = {}
        rests: dict[int, list[int]] = {}
        for anchor in left:
            rests[anchor] = [m for m in self._groups.pop(anchor, []) if m not in dead]
            self._derived.pop(anchor, None)
            if rests[anchor]:
                self._groups[anchor] = rests[anchor]
        start = len(self.log)
        self._rebuild(self._scope(sorted(seeds)), new=None, why=why)
        now = self.clock()
        withdrawn = [{"time": now, "kind": "withdraw", "event_id": event_id_for(rid(a)),
                      "reports": sorted(rid(n) for n in ns),
                      "into": sorted({self.event_id(rid(m)) for m in rests[a]}), "reason": why}
                     for a, ns in sorted(left.items(), key=lambda t: rid(t[0]))]
        self.log[start:start] = withdrawn

    def _recompute_components(self, roots: set[int], dead: set[int]) -> None:
        """Split the link components under `roots` into the pieces that the
        links (and must-link overrides) among their live reports still join,
        once the `dead` reports are gone; each piece is rooted at its
        smallest report number."""
        must: dict[int, list[int]] = {}
        for a, b, _ in self._override_pairs("must_link"):
            must.setdefault(a, []).append(b)
            must.setdefault(b, []).append(a)
        for root in roots:
            live = {m for m in self._members.pop(root) if m not in dead}
            while live:
                start = min(live)
                piece, todo = [start], [start]
                live.discard(start)
                while todo:
                    m = todo.pop()
                    for o in (*self._links[m], *must.get(m, ())):
                        if o in live:
                            live.discard(o)
                            piece.append(o)
                            todo.append(o)
                for m in piece:
                    self._parent[m] = start
                self._members[start] = piece
        for n in dead:
            self._parent[n] = n

    # --- components -------------------------------------------------------

    def _find(self, n: int) -> int:
        while self._parent[n] != n:
            self._parent[n] = self._parent[self._parent[n]]
            n = self._parent[n]
        return n

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))

    # --- overrides --------------------------------------------------------

    def _resolve(self, name: str) -> int | None:
        return self._by_event_id.get(name) if name.startswith("ev_") else self._num.get(name)

    def _override_pairs(self, kind: str) -> list[tuple[int, int, str]]:
        out = []
        for e in getattr(self.overrides, kind):
            a, b = self._resolve(e["a"]), self._resolve(e["b"])
            if a is not None and b is not None and a != b:
                out.append((a, b, e["reason"]))
        return out

    def set_overrides(self, overrides: Overrides) -> None:
        """Apply a new set of analyst corrections (replacing the old ones) and
        rebuild every event either set touches."""
        named = [x for o in (self.overrides, overrides) for k in ("must_link", "cannot_link")
                 for e in getattr(o, k) for x in (e["a"], e["b"])]
        named += [e["report"] for o in (self.overrides, overrides) for e in o.split]
        self.overrides = overrides
        for a, b, _ in self._override_pairs("must_link"):
            self._union(a, b)
        self._rebuild(self._scope([n for n in map(self._resolve, named) if n is not None]),
                      new=None, why="overrides changed")

    # --- rebuilding a component --------------------------------------------

    def _vetoed(self, a: int, b: int) -> str | None:
        key = (a, b) if a < b else (b, a)
        if key not in self._veto:
            self._veto[key] = compat.veto(self.reports[a], self.reports[b], self.cfg)
        return self._veto[key]

    def _group_of(self, n: int) -> list[int]:
        return self._groups.get(self._anchor[n], [n])

    def _scope(self, seeds: list[int]) -> list[int]:
        """The reports to rebuild after `seeds` changed: their whole link
        components while small (order independence), else only the events of
        the seeds and of the reports they link to (bounded cost; `settle`
        rebuilds those components whole later)."""
        out: set[int] = set()
        must = self._override_pairs("must_link")
        for n in seeds:
            comp = self._members[self._find(n)]
            if len(comp) <= self.cfg.rebuild_limit:
                out.update(comp)
            else:
                self._unsettled.add(n)
                partners = [b if a == n else a for a, b, _ in must if n in (a, b)]
                for m in [n, *self._links[n], *partners]:
                    out.update(self._group_of(m))
        return sorted(out)

    def settle(self) -> int:
        """Rebuild whole every component that `add` or `set_overrides`
        rebuilt only locally, so the events no longer depend on the order
        the reports came in; return how many components were rebuilt. One
        pass per component (its reports and stored links, nothing re-scored):
        call it once after a batch, not after every report."""
        roots = {self._find(n) for n in self._unsettled}
        rid = lambda m: self.reports[m].report_id
        comps = sorted((sorted(self._members[r], key=rid) for r in roots), key=lambda c: rid(c[0]))
        for comp in comps:
            self._rebuild(sorted(comp), new=None, why="settled: the whole link component rebuilt")
        self._unsettled.clear()
        return len(comps)

    def unsettled(self) -> list[str]:
        """Ids of reports whose component waits for `settle`."""
        return sorted(self.reports[n].report_id for n in self._unsettled)

    def _rebuild(self, members: list[int], new: int | None, why: str = "") -> None:
        rid = lambda m: self.reports[m].report_id
        group = {m: m for m in members}
        parts = {m: [m] for m in members}
        cannot = {frozenset((a, b)) for a, b, _ in self._override_pairs("cannot_link")}
        alone = {n for n in map(self._resolve, (e["report"] for e in self.overrides.split)) if n is not None}
        inside = set(members)
        reasons: dict[int, str] = {}
        blocked: dict[frozenset[int], str] = {}

        def merge(a: int, b: int, reason: str) -> None:
            ga, gb = group[a], group[b]
            parts[ga].extend(parts.pop(gb))
            for m in parts[ga]:
                group[m] = ga
            reasons[ga] = reason

        edges = sorted(((-lk.score, *sorted((rid(a), rid(b))), a, b, lk)
                        for a in members for b, lk in self._links[a].items() if a < b and b in inside),
                       key=lambda t: t[:3])
        for _, _, _, a, b, lk in edges:
            ga, gb = group[a], group[b]
            if ga == gb:
                continue
            stop = self._guard(parts[ga], parts[gb], cannot, alone)
            if stop:
                blocked[frozenset((a, b))] = stop
                continue
            merge(a, b, f"{rid(a)} ~ {rid(b)} {lk.explain()}")
        for a, b, reason in self._override_pairs("must_link"):
            if a in inside and b in inside and group[a] != group[b]:
                merge(a, b, f"must_link override {rid(a)} ~ {rid(b)}" + (f": {reason}" if reason else ""))
        self._commit(members, parts, reasons, blocked, new, why)

    def _guard(self, pa: list[int], pb: list[int], cannot: set[frozenset[int]], alone: set[int]) -> str | None:
        """Why two groups must stay apart, or None."""
        for x in pa:
            for y in pb:
                if x in alone or y in alone:
                    return f"split override on {self.reports[x if x in alone else y].report_id}"
                if frozenset((x, y)) in cannot:
                    return f"cannot_link override {self.reports[x].report_id} / {self.reports[y].report_id}"
                why = self._vetoed(x, y)
                if why:
                    return f"{self.reports[x].report_id} / {self.reports[y].report_id}: {why}"
        return None

    def _commit(self, members: list[int], parts: dict[int, list[int]], reasons: dict[int, str],
                blocked: dict[frozenset[int], str], new: int | None, why: str) -> None:
        """Install the rebuilt groups of one component and log what changed."""
        new_parts = list(parts.values())
        rid = lambda m: self.reports[m].report_id
        old_of = {m: self._anchor[m] for m in members if m != new}
        old_groups: dict[int, list[int]] = {}
        for m, a in old_of.items():
            old_groups.setdefault(a, []).append(m)
        new_anchor: dict[int, int] = {}
        for part in new_parts:
            anchor = min(part, key=rid)
            for m in part:
                new_anchor[m] = anchor
        now = self.clock()
        for root, part in sorted(parts.items(), key=lambda t: rid(new_anchor[t[0]])):
            eid = event_id_for(rid(new_anchor[root]))
            olds = sorted({old_of[m] for m in part if m in old_of}, key=rid)
            old_ids = [event_id_for(rid(a)) for a in olds]
            if len(olds) == 1 and sorted(old_groups[olds[0]]) == sorted(part):
                continue  # unchanged
            reason = reasons.get(root, why)
            if not olds:
                self._log(now, "create", eid, [rid(m) for m in part], [], reason or "no linked report")
            elif len(olds) > 1:
                self._log(now, "merge", eid, [rid(m) for m in part], old_ids, reason)
            elif new is not None and new in part and set(old_groups[olds[0]]) <= set(part):
                m, lk = max(((m, lk) for m, lk in self._links[new].items() if m in part),
                            key=lambda t: (t[1].score, rid(t[0])), default=(None, None))
                self._log(now, "join", eid, [rid(new)], old_ids,
                          f"{rid(new)} ~ {rid(m)} {lk.explain()}" if lk else reason)
        for a, ms in sorted(old_groups.items(), key=lambda t: rid(t[0])):
            dest = sorted({new_anchor[m] for m in ms}, key=rid)
            if len(dest) > 1:
                cause = next((r for pair, r in blocked.items()
                              if len({new_anchor[m] for m in pair}) > 1 and set(pair) <= set(ms)), why)
                self._log(now, "split", event_id_for(rid(a)), [rid(m) for m in ms],
                          [event_id_for(rid(d)) for d in dest], cause or "stronger links elsewhere")
        for m in members:
            self._derived.pop(self._anchor[m], None)
            self._groups.pop(self._anchor[m], None)
        for m in members:
            self._anchor[m] = new_anchor[m]
        for part in new_parts:
            self._groups[new_anchor[part[0]]] = sorted(part, key=rid)
            self._derived.pop(new_anchor[part[0]], None)

    def _log(self, time: str, kind: str, event_id: str, reports: list[str],
             others: list[str], reason: str) -> None:
        self.log.append({"time": time, "kind": kind, "event_id": event_id,
                         "reports": reports, "from" if kind != "split" else "into": others,
                         "reason": reason})

    # --- reading ------------------------------------------------------------

    def event_id(self, report_id: str) -> str:
        """The id of the event a report is in."""
        n = self._num.get(report_id)
        if n is None:
            raise KeyError(report_id)
        return event_id_for(self.reports[self._anchor[n]].report_id)

    def links(self) -> list[tuple[str, str, compat.Link]]:
        """Every stored link (report id pairs in id order) with its evidence."""
        out = []
        for a, row in enumerate(self._links):
            for b, lk in row.items():
                ra, rb = self.reports[a].report_id, self.reports[b].report_id
                if ra < rb:
                    out.append((ra, rb, lk))
        return sorted(out, key=lambda t: t[:2])

    def clusters(self) -> dict[str, list[str]]:
        """event_id -> its report ids."""
        return {event_id_for(self.reports[a].report_id): [self.reports[m].report_id for m in ms]
                for a, ms in self._groups.items()}

    def events(self) -> list[FusedEvent]:
        """Every fused event, by date then id (derived lazily, cached until
        the event changes)."""
        out = []
        for anchor, ms in self._groups.items():
            ev = self._derived.get(anchor)
            if ev is None:
                ev = derive(event_id_for(self.reports[anchor].report_id),
                            [self.reports[m] for m in ms])
                self._derived[anchor] = ev
            out.append(ev)
        return sorted(out, key=lambda e: (e.fields.get("event_date") or "9999", e.event_id))

    # --- persistence --------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Plain data to persist: reports, stored links, overrides, log."""
        links = [[a, b, lk.score, lk.reasons] for a, b, lk in self.links()]
        return {"reports": [r.to_dict() for n, r in enumerate(self.reports) if self._num.get(r.report_id) == n],
                "links": links,
                "events": self.clusters(), "overrides": self.overrides.to_dict(), "log": self.log,
                "unsettled": self.unsettled()}

    @classmethod
    def from_state(cls, state: dict[str, Any], config: FusionConfig | None = None,
                   clock: Callable[[], str] = _now) -> "Fuser":
        """A fuser restored from `state()` as it was: no pair re-scored, no
        event rebuilt."""
        fuser = cls(config, Overrides.from_dict(state.get("overrides") or {}, "state"), clock)
        for d in state.get("reports", []):
            rep = report_from_dict(d, "state")
            fuser._index.add(fuser._file(rep), rep)
        for a, b, score, reasons in state.get("links", []):
            fuser._store_link(fuser._num[a], fuser._num[b], compat.Link(score, list(reasons), True))
        for a, b, _ in fuser._override_pairs("must_link"):
            fuser._union(a, b)
        for members in state.get("events", {}).values():
            nums = sorted((fuser._num[m] for m in members), key=lambda m: fuser.reports[m].report_id)
            for m in nums:
                fuser._anchor[m] = nums[0]
            fuser._groups[nums[0]] = nums
        fuser.log = list(state.get("log", []))
        fuser._unsettled = {fuser._num[r] for r in state.get("unsettled", []) if r in fuser._num}
        return fuser


def fuse(reports: Iterable[Report | dict[str, Any]], overrides: Overrides | None = None,
         config: FusionConfig | None = None, clock: Callable[[], str] = _now) -> list[FusedEvent]:
    """Fused events of all `reports` (the batch form of `Fuser`)."""
    fuser = Fuser(config, overrides, clock)
    fuser.add_all(reports)
    fuser.settle()
    return fuser.events()
