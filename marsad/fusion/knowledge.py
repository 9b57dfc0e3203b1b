"""What fusion knows about event kinds and actors, read from
`marsad/fusion/data/` (TSV, one `source` per row) and the project's
knowledge base (actor aliases and types).

Two reports of one incident often differ in wording that ACLED codes
differently (a bombing told as an 'attack'; 'Islamic State' for its Khorasan
branch), so compatibility is a relation over families and actors, not equality.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad import kb

DATA_DIR = Path(__file__).resolve().parent / "data"
UNKNOWN_ACTOR = re.compile(r"^unidentified\b|^unknown\b", re.IGNORECASE)
FACTION = re.compile(r"^(.*\S)\s*\([^()]*\)$")
STATE_TYPES = frozenset({"state_military", "state_police", "government"})


@dataclass(frozen=True)
class SubType:
    event_type: str
    family: str
    specificity: int


@dataclass(frozen=True, eq=False)  # hashed by identity: one per process
class Knowledge:
    sub_types: dict[str, SubType]
    family_links: frozenset[tuple[str, str]]
    branch_of: dict[str, str]             # specific actor -> the actor it is part of
    confused: frozenset[tuple[str, str]]  # actors that reports interchange
    recurring: frozenset[str]             # sub-event types a war repeats daily in one town
    outlet_places: dict[str, str]         # outlet (casefolded) -> the place its own name reads as

    def family(self, sub_event_type: str | None, event_type: str | None) -> str:
        """Family of a sub-event type; an unknown one is its own family."""
        st = self.sub_types.get(sub_event_type or "")
        return st.family if st else f"{event_type}/{sub_event_type}"

    def families_compatible(self, a: str, b: str) -> bool:
        return a == b or (a, b) in self.family_links

    def is_recurring(self, sub_event_type: str | None) -> bool:
        return (sub_event_type or "") in self.recurring

    def specificity(self, sub_event_type: str | None) -> int:
        st = self.sub_types.get(sub_event_type or "")
        return st.specificity if st else 0

    def ancestors(self, actor: str) -> tuple[str, ...]:
        """The actors `actor` is part of, nearest first: listed branches, then
        the name without a trailing faction ('Military Forces of Yemen (Pro-Hadi)'
        is part of 'Military Forces of Yemen')."""
        return _ancestors(self, actor)


@lru_cache(maxsize=8192)
def _ancestors(k: Knowledge, actor: str) -> tuple[str, ...]:
    out: list[str] = []
    cur = actor
    while True:
        nxt = k.branch_of.get(cur)
        if nxt is None:
            m = FACTION.match(cur)
            nxt = m.group(1) if m and not _is_group_label(m.group(1)) else None
        if nxt is None or nxt in out:
            return tuple(out)
        out.append(nxt)
        cur = nxt


def _is_group_label(base: str) -> bool:
    """'Civilians (Iraq)' is not a faction of 'Civilians': the parenthesis of
    these ACLED labels names whose people they are."""
    return base.lower() in {"civilians", "protesters", "rioters", "unidentified armed group"}


def _read(name: str, required: tuple[str, ...]) -> list[dict[str, str]]:
    return kb.read_tsv(name, required, data_dir=DATA_DIR)


@lru_cache(maxsize=1)
def load() -> Knowledge:
    """Fusion's tables, read once per process."""
    sub_types = {sub: SubType(st.event_type, st.family, st.specificity)  # the knowledge base's event_types.tsv
                 for sub, st in kb.load().event_types.subs.items()}
    links: set[tuple[str, str]] = set()
    for r in _read("family_links.tsv", ("family_a", "family_b")):
        links |= {(r["family_a"], r["family_b"]), (r["family_b"], r["family_a"])}
    branch_of = {b.actor: b.parent for b in kb.load().actors.branches}  # the knowledge base's actor_branches.tsv
    confused: set[tuple[str, str]] = set()
    for r in _read("actor_relations.tsv", ("actor", "other", "relation")):
        if r["relation"] != "confused":
            raise kb.KbDataError(f"{DATA_DIR / 'actor_relations.tsv'} ({r['_where']}): relation must be 'confused', "
                                 f"not {r['relation']!r} (branches are the knowledge base's actor_branches.tsv)")
        confused |= {(r["actor"], r["other"]), (r["other"], r["actor"])}
    recurring = frozenset(r["sub_event_type"] for r in _read("recurring_kinds.tsv", ("sub_event_type",)))
    unknown = sorted(recurring - sub_types.keys())
    if unknown:
        raise kb.KbDataError(f"{DATA_DIR / 'recurring_kinds.tsv'}: unknown sub_event_type {unknown[0]!r}")
    outlet_places = {r["outlet"].casefold(): r["location"] for r in _read("outlet_places.tsv", ("outlet", "location"))}
    return Knowledge(sub_types, frozenset(links), branch_of, frozenset(confused), recurring, outlet_places)


@lru_cache(maxsize=4096)
def canonical_actor(name: str | None) -> str | None:
    """The knowledge base's canonical name, None for nobody or an unknown
    perpetrator ('Unidentified Armed Group (Syria)' says nothing about who)."""
    if not name or not name.strip():
        return None
    canon = kb.load().canonical_actor(name) or name.strip()
    return None if UNKNOWN_ACTOR.match(canon) else canon


@lru_cache(maxsize=4096)
def state_of(actor: str) -> str | None:
    """The country whose state forces `actor` is ('Police Forces of Turkey' -> 'TR')."""
    info = kb.load().actor(actor)
    return info.country if info and info.type in STATE_TYPES else None


def actor_relation(a: str | None, b: str | None) -> str:
    """How two canonical actor1 values relate: 'same', 'unknown' (either side
    says nothing), 'branch' (one is part of the other), 'related' (reports
    interchange them, or state forces of one country), or 'differ'."""
    if a is None or b is None:
        return "unknown"
    if a == b:
        return "same"
    k = load()
    if a in k.ancestors(b) or b in k.ancestors(a):
        return "branch"
    if (a, b) in k.confused:
        return "related"
    sa = state_of(a)
    if sa is not None and sa == state_of(b):
        return "related"
    return "differ"
