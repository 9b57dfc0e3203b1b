"""Choosing among the places a name may denote, from the document itself.

دوما is a Syrian town and a West Bank village, طرابلس is in Libya and in
Lebanon, كابل is a city and a province. First match would be wrong half the
time; instead each candidate is scored by the evidence the document gives
for its country: country names, places that are not ambiguous, and
nationality adjectives (الأفغانية), the nearest evidence counting most.
Countries come first, then curated places (their spellings were checked by
hand), then the geonames ones. A nisba right after the name (كرمان
الإيرانية) settles the country outright; a prefix noun (محافظة، مدينة)
settles province against town.
"""
from __future__ import annotations

import math

from marsad.kb import KnowledgeBase, Place
from marsad.mentions.matcher import Match, TokenText

CONTEXT_CHARS = 3000  # how far (normalised characters) country evidence reaches for an actor
KIND_RANK = {"country": 0, "city": 1, "town": 1, "site": 1, "district": 2, "admin1": 3}


def country_evidence(tt: TokenText, matches: list[Match], kb: KnowledgeBase) -> dict[str, list[int]]:
    """ISO2 -> normalised offsets where the document points at that country:
    unambiguous places, actors of one country, nationality adjectives."""
    ev: dict[str, list[int]] = {}
    for m in matches:
        code = None
        if m.kind == "nisba":
            code = m.payload
        elif m.kind == "place":
            if all(p.needs_context for p in m.payload):
                continue  # a place that needs context cannot give it
            codes = {p.country for p in m.payload}
            code = codes.pop() if len(codes) == 1 else None
        elif m.kind == "actor":
            actor = kb.actor(m.payload)
            code = actor.country if actor is not None else None
        if code:
            ev.setdefault(code, []).append(tt.starts[m.i])
    return ev


def resolve(m: Match, tt: TokenText, kb: KnowledgeBase, ev: dict[str, list[int]]) -> tuple[Place | None, int]:
    """The place a place match denotes (None to drop it) and the token end
    of the mention (one further when a nisba adjective follows)."""
    cands: list[Place] = list(m.payload)
    end = m.j
    nisba = nisba_table(kb)
    if m.j < len(tt.words) and not punct(tt.gap(m.j)):
        code = nisba.get(tt.words[m.j])
        if code:
            same = [p for p in cands if p.country == code and p.kind != "country"]
            if same:
                cands, end = same, m.j + 1
    prefers = kb.place_prefixes.get(tt.words[m.i - 1]) if m.i > 0 else None
    if prefers in ("admin1", "city"):
        preferred = [p for p in cands if (p.kind == "admin1") == (prefers == "admin1")]
        cands = preferred or cands
    pos = tt.starts[m.i]

    def distance(p: Place) -> float:
        own = [o for o in ev.get(p.country, []) if o != pos]
        return min((abs(o - pos) for o in own), default=math.inf)

    usable = [p for p in cands if not p.needs_context or distance(p) < math.inf or end > m.j]
    if not usable:
        return None, end
    best = min(usable, key=lambda p: (p.kind != "country", not p.curated, distance(p),
                                      KIND_RANK.get(p.kind, 4), -(p.population or 0)))
    return best, end


def actor_by_context(m: Match, tt: TokenText, ev: dict[str, list[int]]) -> str | None:
    """The actor a context-dependent name (التحالف) denotes: the choice whose
    country the document points at nearest, within CONTEXT_CHARS; None when
    the document points at none of them."""
    pos = tt.starts[m.i]
    best, best_d = None, CONTEXT_CHARS
    for code, canon in m.payload:
        d = min((abs(o - pos) for o in ev.get(code, [])), default=math.inf)
        if d <= best_d:
            best, best_d = canon, d
    return best


def punct(gap: str) -> bool:
    return any(not c.isspace() for c in gap)


_NISBA: dict[int, tuple[KnowledgeBase, dict[str, str]]] = {}


def nisba_table(kb: KnowledgeBase) -> dict[str, str]:
    """Normalised nationality adjective -> ISO2, built once per knowledge base."""
    hit = _NISBA.get(id(kb))
    if hit is None or hit[0] is not kb:
        hit = _NISBA[id(kb)] = (kb, kb.country_by_nisba())
    return hit[1]
