"""Phrase matching over normalised tokens with a token trie.

Every name the knowledge base knows (actors, outlets, places) becomes a path
of normalised tokens in one trie. A text is scanned once, left to right; at
each token every clitic reading of that token (بكابل → كابل) may start a
path, the following tokens must match exactly, and the longest phrase wins.
A matched phrase is skipped as a whole, so mentions never overlap. This is a
dict lookup per token in the common case, which is what makes the finder
fast enough for a corpus.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Any

from marsad.arabic.normalize import Normalized
from marsad.arabic.tokens import stems
from marsad.kb import KnowledgeBase
from marsad.text import TextLayer

END = ""  # trie key of the payload list (no token is empty)
# Trie key: may this phrase be read off a word with clitics (بكابل)? Not for
# names that only geonames vouches for: كبيرا must not become ك + Beira.
CLITIC_OK = "\x01"
# Kinds in order of preference when one phrase names several things. Roles
# (الرئيس) and nationality adjectives (الأفغانية) share the trie so that one
# scan finds everything; they are not mentions themselves.
KIND_ORDER = ("actor", "actor_ctx", "outlet", "place", "role", "nisba", "none")
MAX_CACHED_WORDS = 500_000


@lru_cache(maxsize=100_000)
def readings(token: str) -> tuple[str, ...]:
    """Clitic readings of a token that keep its article, cached (a corpus
    repeats its words). Names are listed with their article where they have
    one (العراق), so والعراق → العراق is wanted, but السورية → سورية would
    turn the adjective 'Syrian' into the country."""
    out = []
    for r in stems(token):
        removed = token[:len(token) - len(r)] if token.endswith(r) else ""
        if not removed.endswith("ال"):
            out.append(r)
    return tuple(out)


@dataclass
class Match:
    """A phrase found at tokens [i, j), with what it may name."""

    i: int
    j: int
    kind: str
    payload: Any  # actor name, outlet name, or list of candidate places


@dataclass
class TokenText:
    """A text normalised and cut into tokens, with offsets in both texts."""

    nz: Normalized
    starts: list[int]
    ends: list[int]
    words: list[str]

    @classmethod
    def of(cls, text: "str | TextLayer") -> "TokenText":
        tk = TextLayer.of(text).tokens
        return cls(tk.normalized, tk.starts, tk.ends, tk.words)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Input-text span of tokens [i, j)."""
        return self.nz.span(self.starts[i], self.ends[j - 1])

    def gap(self, j: int) -> str:
        """The normalised characters between token j-1 and token j."""
        return self.nz.text[self.ends[j - 1]:self.starts[j]]


class Trie:
    def __init__(self) -> None:
        self.root: dict[str, Any] = {}
        # word -> its readings that begin some phrase, with their rank (0:
        # the whole word); most words begin none, and a corpus repeats words.
        self._starts: dict[str, tuple[tuple[int, str], ...]] = {}

    def add(self, toks: tuple[str, ...], kind: str, payload: Any, clitic_ok: bool = True) -> None:
        node = self.root
        for t in toks:
            node = node.setdefault(t, {})
        node.setdefault(END, []).append((kind, payload))
        node[CLITIC_OK] = node.get(CLITIC_OK, False) or clitic_ok
        self._starts.clear()

    def scan(self, tt: TokenText) -> list[Match]:
        """Leftmost-longest, non-overlapping matches."""
        words, n, root, starts = tt.words, len(tt.words), self.root, self._starts
        firsts = list(map(starts.get, words))  # most words begin no phrase: ()
        if None in firsts:
            if len(starts) > MAX_CACHED_WORDS:
                starts.clear()
            firsts = [self._first(w) if f is None else f for f, w in zip(firsts, words)]
        out: list[Match] = []
        after = 0  # the token after the last match (matches do not overlap)
        for i in compress(range(n), firsts):
            if i < after:
                continue
            best_j, best = 0, None
            for nth, r in firsts[i]:  # nth 0: the whole word
                node = root.get(r)
                j = i + 1
                while node is not None:
                    if END in node and j > best_j and (nth == 0 or node[CLITIC_OK]):
                        best_j, best = j, node[END]
                    if j >= n:
                        break
                    node = node.get(words[j])
                    j += 1
            if best is None:
                continue
            kind, payload = _prefer(best)
            out.append(Match(i, best_j, kind, payload))
            after = best_j
        return out

    def _first(self, word: str) -> tuple[tuple[int, str], ...]:
        """(rank, reading) of the word's readings that begin some phrase (rank 0: the whole word)."""
        found = self._starts[word] = tuple((k, r) for k, r in enumerate(readings(word)) if r in self.root)
        return found


def _prefer(entries: list[tuple[str, Any]]) -> tuple[str, Any]:
    """One kind per phrase: actor, then outlet, then place (places of one
    phrase are merged into one candidate list)."""
    for kind in KIND_ORDER:
        found = [p for k, p in entries if k == kind]
        if found:
            if kind == "place":
                return kind, [pl for group in found for pl in group]
            return kind, found[0]
    return entries[0]


_TRIES: dict[int, tuple[KnowledgeBase, Trie]] = {}


def trie_for(kb: KnowledgeBase) -> Trie:
    """The phrase trie of a knowledge base, built once."""
    hit = _TRIES.get(id(kb))
    if hit is not None and hit[0] is kb:
        return hit[1]
    names = Trie()
    for toks, canon in kb.actors.text_phrases.items():
        names.add(toks, "actor", canon)
    for toks, choices in kb.actors.context_phrases.items():
        names.add(toks, "actor_ctx", choices)
    for toks, outlet in kb.outlets.text_phrases.items():
        names.add(toks, "outlet", outlet)
    for toks, places in kb.places.names.items():
        names.add(toks, "place", places, clitic_ok=any(p.curated for p in places))
    for toks in kb.places.non_places:  # longer than the place they contain, so they win
        names.add(toks, "none", None)
    for toks, role in kb.roles.items():
        names.add(toks, "role", role)
    for form, code in kb.country_by_nisba().items():
        names.add((form,), "nisba", code)
    _TRIES[id(kb)] = (kb, names)
    return names
