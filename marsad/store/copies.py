"""Which copy of a republished text is the head of its group: a rule, not
the order of arrival.

Of exact or near copies of one text, the store keeps one as the head (stored,
its events fused) and the others as copies (exact: in `duplicates`; near:
`documents.near_duplicate_of`, events not fused). The head is the copy that
ranks first by `rank`: the earliest publication day, undated texts last, then
the smallest document id. Why: the earliest day is the nearest to the first
telling (a wire story is republished later, seldom earlier), and undated
texts say nothing about that. Ties (the same day, common: on the news corpus
`published` is the crawl day) go to the id because nothing in the text says
which outlet copied which; the id is arbitrary but stable, and that is what
the ids of fused events need.

Exact copies are an equivalence (the same content hash), so their head is
the group's first-ranked member whatever the order. Near copies are not: a
text joins the group of the most similar head at or above the threshold, and
similarity is not transitive. The rule for them is the greedy assignment in
rank order: taken in rank order, a document is a copy of the most similar
head ranked before it (ties: the earlier-ranked head), else a head. That is a
function of the set of stored texts (and of the LSH band keys, which decide
which pairs are compared and are a function of each text); `regroup` keeps
the store in that state as documents arrive in any order: a new document can
only change the roles of documents ranked after it that are similar to it,
and a changed role only those of documents ranked after that one and similar
to it, so they are revisited in rank order until nothing changes.
"""
from __future__ import annotations

import heapq

from marsad.dedup import minhash
from marsad.store import signatures
from marsad.store.backend import Backend

Rank = tuple[bool, str, str]


def rank(published: str | None, doc_id: str) -> Rank:
    """The head rule's sort key: publication day (undated last), then id."""
    return (published is None, (published or "")[:10], doc_id)


def head_among(own: Rank, similar: list[signatures.Similar]) -> signatures.Similar | None:
    """The head a document of rank `own` is a copy of: of the `similar`
    documents that are heads and rank before it, the most similar, ties to
    the earlier-ranked; None if there is none (it is a head)."""
    heads = [s for s in similar if s.near_duplicate_of is None and rank(s.published, s.doc_id) < own]
    return min(heads, key=lambda s: (-s.similarity, rank(s.published, s.doc_id)), default=None)


def regroup(conn: Backend, doc_id: str, own: Rank, similar: list[signatures.Similar]) -> list[str]:
    """Put every stored document whose role can depend on the newly stored
    `doc_id` (of rank `own`, with its `similar` documents) where the rule
    says, inside the caller's transaction; return the ids whose
    `near_duplicate_of` changed, in rank order (their reports must be
    refiled in fusion)."""
    todo: list[tuple[Rank, str]] = []
    _push_later(conn, todo, doc_id, own, similar)
    changed: list[str] = []
    seen: set[str] = set()
    while todo:
        r, other = heapq.heappop(todo)
        if other in seen:
            continue
        seen.add(other)
        before = conn.execute("SELECT near_duplicate_of FROM documents WHERE doc_id = ?", (other,)).fetchone()[0]
        sig = signatures.signature_of(conn, other)
        found = signatures.similar(conn, sig, minhash.band_keys(sig), other) if sig is not None else []
        head = head_among(r, found)
        after = head.doc_id if head else None
        if after == before:
            continue
        conn.execute("UPDATE documents SET near_duplicate_of = ? WHERE doc_id = ?", (after, other))
        changed.append(other)
        if (after is None) != (before is None):  # it became, or stopped being, a head
            _push_later(conn, todo, other, r, found)
    return changed


def _push_later(conn: Backend, todo: list[tuple[Rank, str]], doc_id: str, own: Rank,
                similar: list[signatures.Similar]) -> None:
    """Queue what a change of `doc_id` can affect: the similar documents
    ranked after it, and every copy that names it as its head (found by the
    index even if the band lookup would miss one; in a store grouped before
    the rule, a copy can rank before its head)."""
    for s in similar:
        if rank(s.published, s.doc_id) > own:
            heapq.heappush(todo, (rank(s.published, s.doc_id), s.doc_id))
    for d, p in conn.execute("SELECT doc_id, published FROM documents WHERE near_duplicate_of = ?", (doc_id,)):
        heapq.heappush(todo, (rank(p, d), d))
