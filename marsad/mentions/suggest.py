"""Names the news keeps using that the knowledge base does not know yet.

The knowledge base grows by hand: an analyst reads a candidate and adds it to
`marsad/kb/data/` with a source. `suggest` finds the candidates: it runs the
NER model over documents, drops every name the knowledge base already
matches (as an actor, place or outlet), and ranks what is left by how often
it occurs, with a few contexts so the analyst can judge it without opening
the articles. A name the model finds once is usually noise; a commander
named in fifty articles is a missing entry.

This module sits beside `marsad.mentions` (it compares the model's names
with the knowledge base's matches) and is not imported by `marsad.kb`.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.arabic.dates import find_dates
from marsad.arabic.tokens import stems
from marsad.kb import KnowledgeBase, load, name_key
from marsad.mentions import find_mentions
from marsad.model import Document, Mention

# Kinds of knowledge-base match that make a name "known". Persons are found by
# a role rule, not the knowledge base, so a person name is still a candidate.
KB_KINDS = frozenset({"actor", "place", "outlet"})
EXAMPLES = 3
WINDOW = 40  # characters of context either side of an example mention

Tagger = Callable[[str], list[Mention]]


def without_overlap(found: Iterable[Mention], known: Iterable[Mention]) -> list[Mention]:
    """The mentions of `found` that share no character with any of `known`
    (the knowledge base wins where it and the model disagree on a span)."""
    spans = [(k.start, k.end) for k in known]
    return [m for m in found if not any(m.start < e and s < m.end for s, e in spans)]


@dataclass
class Suggestion:
    """One unknown name, grouped over its spellings (normalised form, with or
    without proclitics and the article, with or without spaces)."""

    key: str                                      # normalised name (`marsad.kb.name_key`)
    count: int = 0                                # mentions
    types: Counter = field(default_factory=Counter)      # PERS/LOC/ORG/MISC -> mentions
    spellings: Counter = field(default_factory=Counter)  # surface form -> mentions
    examples: dict[int, str] = field(default_factory=dict)  # document index -> one context
    docs: set[int] = field(default_factory=set)  # indexes (in input order) of documents it occurs in

    @property
    def documents(self) -> int:
        return len(self.docs)

    @property
    def type(self) -> str:
        """The type the model gave it most often."""
        return self.types.most_common(1)[0][0]

    @property
    def name(self) -> str:
        """The most frequent spelling, as an analyst would write it."""
        return self.spellings.most_common(1)[0][0]

    def add(self, doc: int, m: Mention, text: str) -> None:
        self.count += 1
        self.types[m.value.get("type") or m.kind.upper()] += 1
        self.spellings[m.text] += 1
        self.docs.add(doc)
        if len(self.examples) < EXAMPLES and doc not in self.examples:
            self.examples[doc] = context(text, m)

    def absorb(self, other: Suggestion) -> None:
        """Take in the counts of another spelling of the same name."""
        self.count += other.count
        self.types += other.types
        self.spellings += other.spellings
        self.docs |= other.docs
        for doc, ctx in sorted(other.examples.items()):
            if len(self.examples) < EXAMPLES and doc not in self.examples:
                self.examples[doc] = ctx

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "key": self.key, "type": self.type, "count": self.count,
                "documents": self.documents, "types": dict(self.types.most_common()),
                "spellings": dict(self.spellings.most_common()), "examples": self.contexts()}

    def contexts(self) -> list[str]:
        """The example contexts, in input order."""
        return [ctx for _, ctx in sorted(self.examples.items())]


def context(text: str, m: Mention, window: int = WINDOW) -> str:
    """A one-line window of `text` around `m`, cut at word boundaries, with
    the mention marked by brackets."""
    left = text[max(0, m.start - window):m.start]
    right = text[m.end:m.end + window]
    if m.start > window and " " in left:
        left = "…" + left.split(" ", 1)[1]
    if m.end + window < len(text) and " " in right:
        right = right.rsplit(" ", 1)[0] + "…"
    return " ".join(f"{left}[{m.text}]{right}".split())


class _Known:
    """Whether a name, on its own, is something the knowledge base matches
    (cached per normalised form: the same names recur in every article)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.cache: dict[str, bool] = {}

    def __call__(self, key: str, text: str) -> bool:
        if key not in self.cache:
            self.cache[key] = self._lookup(text)
        return self.cache[key]

    def _lookup(self, text: str) -> bool:
        if self.kb.canonical_actor(text) or self.kb.canonical_outlet(text) or self.kb.find_places(text):
            return True
        stripped = text.strip()
        return any(m.kind in KB_KINDS and m.start == 0 and m.end == len(stripped)
                   for m in find_mentions(stripped, self.kb))


def suggest(docs: Iterable[Document], tag: Tagger | None = None, kb: KnowledgeBase | None = None,
            min_count: int = 3, top: int | None = 50) -> list[Suggestion]:
    """Names the NER model finds in `docs` that the knowledge base does not
    know (and that are not part of a date), in the most documents first
    (ties: more mentions, then the name), at least `min_count` mentions
    each, at most `top` of them (None: all).

    Documents rank before mentions because the model tags every repeat of a
    name it found once in a text (name consistency), so one article that
    misreads a common word can add hundreds of mentions but only one document.

    `tag` is the tagger (default: the shipped NER model), so tests and other
    models can plug in."""
    if tag is None:
        from marsad.ner import tag_text as tag
    kb = kb or load()
    known = _Known(kb)
    found: dict[str, Suggestion] = {}
    for i, doc in enumerate(docs):
        # Dates too: the model tags month names (نيسان) as names.
        taken = [m for m in find_mentions(doc.text, kb) if m.kind in KB_KINDS] + find_dates(doc.text, doc.published)
        for m in without_overlap(tag(doc.text), taken):
            key = name_key(m.text)
            if key and not known(key, m.text):
                found.setdefault(key, Suggestion(key)).add(i, m, doc.text)
    found = _merge_spellings(found)
    ranked = sorted((s for s in found.values() if s.count >= min_count),
                    key=lambda s: (-s.documents, -s.count, s.key))
    return ranked if top is None else ranked[:top]


def _merge_spellings(found: dict[str, Suggestion]) -> dict[str, Suggestion]:
    """Fold each name into another spelling of it that was also found: the
    same name after a proclitic or the article (`والاتحاد الأوروبي`,
    `اليورو` → `يورو`) or written without its spaces (`عبد العزيز`,
    `عبدالعزيز`). Longer keys go first so chains end at the shortest form."""
    squashed: dict[str, str] = {}
    for key in sorted(found, key=lambda k: (len(k), k)):
        squashed.setdefault(key.replace(" ", ""), key)
    for key in sorted(found, key=lambda k: (-len(k), k)):
        first, *rest = key.split(" ")
        readings = [" ".join([r, *rest]) for r in stems(first)[1:]]
        target = next((r for r in readings if r in found), squashed[key.replace(" ", "")])
        if target != key:
            found[target].absorb(found.pop(key))
    return found
