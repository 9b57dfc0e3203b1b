"""Facts about actors as sourced claims: founding, strength, areas, rivals ...

A fact is read from one sentence: a cue word (fact_cues.tsv) and what the
kind of fact needs next to it: a year for a founding date, a number followed
by a member noun for a strength figure, places for areas of operation,
another actor for a rival or an ally, an establishing noun for a goal. The
actor it is about is the one named next to the cue, else the group the
document is about (التنظيم، الفرع stand for it); the Islamic State in a
sentence about Afghanistan is its Khorasan Province when the document names
that branch (the knowledge base's actor_branches.tsv). Leaders come from the speakers and people the
statement stage found with a leading role in an actor.

Nothing is overwritten: every fact is a `Claim` with its document, speaker
(the statement it stands in, else the outlet), date and evidence; profiles
put claims that disagree side by side.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.claims.records import Claim
from marsad.kb import load as load_kb
from marsad.mentions.matcher import readings
from marsad.model import Mention, Span
from marsad.statements.records import Speaker, Statement
from marsad.statements.view import View
from marsad.tsv import read_table
from marsad.text import Sentence, TextLayer
from marsad.text.memo import WordMemo

_DATA = Path(__file__).resolve().parent / "data"
_YEAR_REACH = 6      # tokens between a founding cue and its year
_NUMBER_REACH = 4    # tokens between a strength cue's number and its member noun
_NEAR = 3            # tokens around a cue where the actor it is about is named
_PLACE_GAP = 3       # tokens between the places of one list of areas
_BEFORE = 8          # tokens before a cue where the actor of a founding date or a relation is named
_LEADER_ROLES = frozenset({"Leader", "Senior leader", "Commander", "Emir"})


@dataclass(frozen=True)
class _Tables:
    cues: dict[str, str]                 # normalised word -> kind
    words: dict[str, tuple[str, str]]    # normalised word -> (use, value)
    branches: list[tuple[str, str, frozenset[str]]]


def _cue(word: str) -> str | None:
    """The kind of fact a word cues (fact_cues.tsv), in any clitic reading."""
    cues = _tables().cues
    return next((cues[r] for r in readings(word) if r in cues), None)


_CUES = WordMemo(_cue)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    cues = {norm(r["phrase"]): r["kind"] for r in read_table(_DATA / "fact_cues.tsv", ("phrase", "kind"))}
    words = {norm(r["word"]): (r["use"], r["value"])
             for r in read_table(_DATA / "fact_words.tsv", ("word", "use", "value"))}
    branches = [(b.actor, b.parent, b.countries) for b in load_kb().actors.branches]
    return _Tables(cues, words, branches)


def find_claims(text: str | TextLayer, mentions: list[Mention], statements: list[Statement],
                outlet: str | None = None, published: str | None = None, view: View | None = None) -> list[Claim]:
    """The actor facts of a document's clean `text` (or its layer; see the
    module docstring). `view`: `View.of(text, mentions)`, when already built."""
    return _Reader(view or View.of(text, mentions), mentions, statements, outlet, published).read()


class _Reader:
    def __init__(self, view: View, mentions: list[Mention], statements: list[Statement], outlet: str | None,
                 published: str | None):
        self.text, self.outlet, self.published = view.text, outlet, published
        self.view = view
        self.statements = statements
        self.t = _tables()
        self.named = {m.value["name"] for m in mentions if m.kind == "actor"}
        counts: dict[str, int] = {}
        for m in mentions:
            if m.kind == "actor" and m.value.get("type") == "group":
                counts[m.value["name"]] = counts.get(m.value["name"], 0) + 1
        self.focus = max(counts, key=counts.__getitem__) if counts else None
        self.out: list[Claim] = []

    def read(self) -> list[Claim]:
        v = self.view
        cues = _CUES.found(v.words)
        at = list(cues)
        for sentence in v.sentences:
            first, last = v.tokens_in(sentence.start, sentence.end)
            seen: set[str] = set()
            for k in at[bisect.bisect_left(at, first):bisect.bisect_left(at, last)]:
                kind = cues[k]
                if kind in seen:
                    continue
                value = getattr(self, "_" + kind)(k, first, last)
                if value is None:
                    continue
                about, value = value
                if about:
                    seen.add(kind)
                    self._add(about, kind, value, k, sentence)
        self._leaders()
        return self.out

    # -- the kinds -------------------------------------------------------------

    def _founded(self, k: int, first: int, last: int):
        """A founding cue with a year next to it, about an actor named next
        to the cue (not the document's group by default: أسس المركز عام ...
        is about some other body)."""
        v = self.view
        if not (self._actor_near(k + 1, min(last, k + 1 + _NEAR)) or self._actor_before(k, max(first, k - _BEFORE))):
            return None
        for x in range(k + 1, min(last, k + 1 + _YEAR_REACH)):
            m = v.at[x].get("date")
            if m is not None and m.value.get("precision") in (1, 3, 4) and not m.value.get("relative"):
                year = int(m.value["date"][:4])
                return self._about(k, first, last, x), {"year": year, "date": m.value["date"],
                                                        "text": str(year), "cue": v.surface(k)}
        return None

    def _strength(self, k: int, first: int, last: int):
        v = self.view
        for x in range(first, last):
            m = v.at[x].get("number")
            if m is None or m.value.get("unit") == "percent" or (x > first and v.at[x - 1].get("number") is m):
                continue
            end = v.token_at(m.end - 1) + 1
            for y in range(end, min(last, end + _NUMBER_REACH)):
                hit = self._word(y, "member_noun")
                if hit is None:
                    continue
                low, high = m.value.get("low"), m.value.get("high")
                text = f"{low}" + (f"-{high}" if high else "") + f" {hit}"
                if m.value.get("qualifier") == "more_than":
                    text = "more than " + text
                about = self._actor_near(y + 1, min(last, y + 1 + _NEAR)) or self._about(k, first, last, y)
                return about, {"low": low, "high": high, "qualifier": m.value.get("qualifier"),
                               "vague": m.value.get("vague"), "counts": hit,
                               "counts_text": v.phrase(end, y + 1), "text": text}
        return None

    def _areas(self, k: int, first: int, last: int):
        """Places listed right after the cue (توزعوا في ولايات (أ، ب، ج)):
        the first within a few tokens, each next one close to the last."""
        v = self.view
        places, seen = [], set()
        reach = k + 1 + _PLACE_GAP
        for x in range(k + 1, last):
            if x > reach:
                break
            m = v.at[x].get("place")
            if m is None:
                continue
            reach = x + _PLACE_GAP
            if m.value["name"] not in seen:
                seen.add(m.value["name"])
                places.append({f: m.value.get(f) for f in ("name", "kind", "country_code", "admin1", "lat", "lon")})
        if not places:
            return None
        return self._about(k, first, last, k, places), {"places": places,
                                                        "text": ", ".join(p["name"] for p in places)}

    def _rival(self, k: int, first: int, last: int):
        return self._relation(k, first, last)

    def _ally(self, k: int, first: int, last: int):
        return self._relation(k, first, last)

    def _relation(self, k: int, first: int, last: int):
        other = self._actor_near(k + 1, min(last, k + 1 + _NEAR))
        if other is None:
            return None
        about = self._actor_before(k, max(first, k - _BEFORE))
        if about is None or about == other:
            return None
        return about, {"actor": other, "text": other}

    def _goal(self, k: int, first: int, last: int):
        v = self.view
        for x in range(k + 1, min(last, k + 1 + _NEAR + 2)):
            if self._word(x, "goal_object"):
                end = _clause_end(v, x, last)
                text = v.phrase(x, end)
                return self._about(k, first, last, x), {"text": text}
        return None

    def _designation(self, k: int, first: int, last: int):
        v = self.view
        other = self._actor_near(k + 1, min(last, k + 1 + _NEAR))
        end = _clause_end(v, k, last)
        if other is None or not any(self._word(x, "designation_word") for x in range(k + 1, end)):
            return None  # صنف also means 'classified': only a designation as terrorist counts
        by = next((v.at[x][kd].value["name"] for x in range(k - 1, max(first - 1, k - 6), -1)
                   for kd in ("actor", "place") if kd in v.at[x]), None)
        return other, {"by": by, "text": v.phrase(k, end)}

    def _leaders(self) -> None:
        """People the statements name with a leading role in an actor."""
        seen = set()
        for st in self.statements:
            sp = st.speaker
            if sp is None or sp.kind != "person" or sp.role not in _LEADER_ROLES or sp.resolved_by:
                continue
            if sp.affiliation not in self.named or (sp.name, sp.affiliation) in seen:
                continue
            seen.add((sp.name, sp.affiliation))
            self.out.append(Claim(len(self.out), sp.affiliation, "leader",
                                  {"name": sp.name, "role": sp.role, "role_text": sp.role_text},
                                  f"{sp.name} ({sp.role_text or sp.role})", self._outlet_speaker(),
                                  st.chain[:1], st.index, st.date or self.published, self._sentence_of(sp.start)))

    def _sentence_of(self, at: int) -> Span:
        s = next((s for s in self.view.sentences if s.start <= at < s.end), None)
        return Span(s.start, s.end, self.text[s.start:s.end]) if s else Span(at, at, "")

    def _outlet_speaker(self) -> Speaker | None:
        return Speaker("outlet", self.outlet) if self.outlet else None

    # -- about whom -------------------------------------------------------------

    def _about(self, k: int, first: int, last: int, value_at: int, places: list[dict] | None = None) -> str | None:
        """The actor a fact is about: named right after the cue (وظهر تنظيم
        داعش)، else before it in the sentence, else the document's group;
        then the branch the sentence's places point to."""
        v = self.view
        named = self._actor_near(k + 1, min(last, k + 1 + _NEAR)) or self._actor_before(k, first)
        whole = named is None or named == self.focus or any(
            b == self.focus and p == named for b, p, _ in self.t.branches)  # هذا الفرع من تنظيم داعش
        lo, hi = (first, last) if whole else _clause(v, k, first, last)
        codes = {p.get("country_code") for p in places or []}
        for x in range(lo, hi):  # an actor named here is placed by its clause, the document's by the sentence
            m = v.at[x].get("place")
            if m is not None:
                codes.add(m.value.get("country_code"))
        return self._branch(named or self.focus, codes)

    def _branch(self, actor: str | None, codes: set) -> str | None:
        for branch, parent, countries in self.t.branches:
            if actor == parent and branch in self.named and codes & countries:
                return branch
        return actor

    def _actor_near(self, i: int, j: int) -> str | None:
        v = self.view
        for x in range(i, j):
            if "actor" in v.at[x]:
                return v.at[x]["actor"].value["name"]
            if self._word(x, "anaphor"):
                return self.focus
        return None

    def _actor_before(self, k: int, first: int) -> str | None:
        v = self.view
        for x in range(k - 1, first - 1, -1):
            if "actor" in v.at[x]:
                return v.at[x]["actor"].value["name"]
            if self._word(x, "anaphor"):
                return self.focus
        return None

    def _word(self, k: int, use: str) -> str | None:
        for r in readings(self.view.words[k]):
            hit = self.t.words.get(r)
            if hit and hit[0] == use:
                return hit[1]
        return None

    # -- the record -------------------------------------------------------------

    def _add(self, about: str, kind: str, value: dict, k: int, sentence: Sentence) -> None:
        at = self.view.spans[k][0]
        st = next((s for s in self.statements if s.content.start <= at < s.content.end), None)
        speaker = st.speaker if st else None
        chain = st.chain if st else ([{"name": self.outlet, "kind": "outlet"}] if self.outlet else [])
        self.out.append(Claim(len(self.out), about, kind, value, value.get("text", ""),
                              speaker if speaker else self._outlet_speaker(),
                              chain, st.index if st else None, st.date if st else self.published,
                              Span(sentence.start, sentence.end, self.text[sentence.start:sentence.end])))


def _clause(v: View, k: int, first: int, last: int) -> tuple[int, int]:
    """The tokens of the comma-delimited clause around token k."""
    lo = next((y for y in range(k, first, -1) if v.comma_before(y)), first)
    return lo, _clause_end(v, k, last)


def _clause_end(v: View, x: int, last: int) -> int:
    for y in range(x + 1, last):
        if v.comma_before(y):
            return y
    return last
