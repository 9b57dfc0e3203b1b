"""Who is speaking: the speaker phrase next to a verb of saying.

Arabic news names a speaker with an apposition set off by commas, in either
order (illustrative: قال العميد سامي الراشد، قائد شرطة المدينة، إن ... /
قال الخبير في الشؤون الأمنية، «هاني سالم»، إن ... / هاني سالم، الباحث في
مركز الدراسات، قال ...). So the phrase is cut at commas and each part is
read as a name (in quotes, a whole part of name-like words, or the name-like
words that end a role phrase), a role (it opens with a role noun or a definite
noun), a date or an addressee. Once a person has been introduced, the text
refers back by surname (وأضاف سالم), by role (وأشار الخبير) or by a noun
(الصحيفة، الكاتب، المسؤولون): the `Registry` and the `Memory` of the
document resolve those.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from marsad.arabic.normalize import norm
from marsad.kb import KnowledgeBase
from marsad.mentions.matcher import readings
from marsad.model import Mention
from marsad.statements.lexicon import Lexicon, role_at
from marsad.statements.records import Speaker
from marsad.statements.view import CLOSE_QUOTES, OPEN_QUOTES, View

MAX_NAME = 4          # tokens of a name in quotes or standing alone
_GLUED = ("بال", "لل", "كال", "وال", "فال", "ال")
_RELATIVE = frozenset({"الذي", "التي", "الذين"})
_MAX_ROLE_AND_NAME = 12  # tokens of a role phrase ending in an unquoted name
_PRONOUN_SUFFIXES = ("ته", "ها", "هم", "نا")  # تأشيرته، تنفيذها: a noun with a pronoun, no name
_OUTLET_SIMILARITY = 88  # rapidfuzz ratio: نيويوك تايمز for نيويورك تايمز, not two different names


@dataclass
class Guess:
    """A speaker found in a phrase, and where the phrase ends."""

    speaker: Speaker
    end: int        # token after the speaker phrase (with its role apposition)
    segment: int    # index of the last segment the phrase uses


@dataclass
class Registry:
    """The people a document has introduced, to resolve later references."""

    people: list[Speaker] = field(default_factory=list)
    # surface -> the latest person it names in full or by last name; rebuilt after `add`
    _by_surface: dict[str, Speaker] | None = field(default=None, repr=False)

    def add(self, sp: Speaker) -> Speaker:
        """Record `sp` (merging with a known person of the same name, whose
        richer role wins) and return the merged entry."""
        key = norm(sp.name)
        for i, known in enumerate(self.people):
            k = norm(known.name)
            if k == key or k.endswith(" " + key) or key.endswith(" " + k):
                merged = replace(known, name=max(known.name, sp.name, key=len),
                                 role=known.role if _richer(known, sp) else sp.role,
                                 role_text=known.role_text if _richer(known, sp) else sp.role_text,
                                 title=known.title or sp.title,
                                 affiliation=known.affiliation if _richer(known, sp) else sp.affiliation)
                self.people[i] = merged
                self._by_surface = None
                return merged
        self.people.append(sp)
        self._by_surface = None
        return sp

    def by_surname(self, surface: str) -> Speaker | None:
        """A person whose last name is written `surface` (as written: the
        surname بان must not catch the particle بأن). Asked of every word
        near a verb of saying, so the answers are kept until the next `add`."""
        if self._by_surface is None:
            index: dict[str, Speaker] = {}
            for p in self.people:  # later people win, as a search from the end finds them first
                parts = p.name.split()
                if len(parts) > 1:
                    index[parts[-1]] = p
                index[p.name] = p
            self._by_surface = index
        return self._by_surface.get(surface)

    def by_name(self, name: str) -> Speaker | None:
        key = norm(name)
        for p in reversed(self.people):
            k = norm(p.name)
            if k == key or k.endswith(" " + key):
                return p
        return None

    def by_role(self, words: list[str]) -> Speaker | None:
        """A person introduced with a role phrase that starts with `words`
        (وأشار الخبير الأمريكي → the American expert named before)."""
        if not words:
            return None
        probe = " ".join(words)
        for p in reversed(self.people):
            if p.role_text and norm(p.role_text).startswith(probe):
                return p
        return None


def _richer(a: Speaker, b: Speaker) -> bool:
    """Is a's role description at least as informative as b's?"""
    return len(a.role_text or "") >= len(b.role_text or "")


@dataclass
class Memory:
    """What the text has named before a point, for anaphors."""

    mentions: list[Mention]  # in text order
    last_writer: Speaker | None = None
    last_unnamed: tuple[Speaker, list[dict[str, str]]] | None = None
    last_speaker: Speaker | None = None
    _starts: list[int] = field(default_factory=list, repr=False)

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end), in text order: a bisect,
        so that a long document's statements do not each read every mention."""
        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        return self.mentions[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]

    def last_mention(self, kind: str, before: int, types: tuple[str, ...] = (), key: str = "type") -> Mention | None:
        for m in reversed(self.starting_in(0, before)):
            if m.kind == kind and m.end <= before and (not types or m.value.get(key) in types):
                return m
        return None

    def focus_group(self, before: int) -> Mention | None:
        """The group named most so far (التنظيم، الحركة stand for it), the
        latest of its mentions."""
        counts: dict[str, int] = {}
        last: dict[str, Mention] = {}
        for m in self.mentions:
            if m.kind == "actor" and m.end <= before and m.value.get("type") == "group":
                counts[m.value["name"]] = counts.get(m.value["name"], 0) + 1
                last[m.value["name"]] = m
        return last[max(counts, key=lambda n: (counts[n], last[n].start))] if counts else None

    def add_outlet(self, m: Mention) -> None:
        """An outlet found by the speaker rules (a misspelt name in quotes),
        so that الصحيفة can point back to it."""
        self.mentions.append(m)
        self.mentions.sort(key=lambda x: x.start)
        self._starts = []


class SpeakerFinder:
    """Reads the speaker phrase of one verb of saying: a person mention of
    the person finder, a new name with its role, a person named before, an
    actor, an outlet, or a noun for an unnamed or earlier source, in that
    order; new people go into the registry."""

    def __init__(self, view: View, kb: KnowledgeBase, lex: Lexicon, registry: Registry, memory: Memory,
                 nisba: dict[str, str]):
        self.v, self.kb, self.lex, self.reg, self.mem, self.nisba = view, kb, lex, registry, memory, nisba
        self._outlets: dict[str, tuple[str, ...]] | None = None

    # -- reading a phrase ------------------------------------------------------

    def find(self, segs: list[tuple[int, int]], anywhere: bool = False) -> Guess | None:
        """The speaker named in `segs` (the parts of a phrase), or None.
        `anywhere`: the name may stand anywhere in a part (a phrase before
        the verb, where the subject is often not first)."""
        for si, (i, j) in enumerate(segs[:3]):
            g = self._person_mention(segs, si) or self._named(segs, si) or self._known(segs, si, anywhere) \
                or self._organisation(segs, si, anywhere)
            if g is not None:
                return g
        return None

    def _person_mention(self, segs: list[tuple[int, int]], si: int) -> Guess | None:
        i, j = segs[si]
        for k in range(i, j):
            m = self.v.at[k].get("person")
            if m is None:
                continue
            val = m.value
            name = self._trimmed(val["name"], m)
            if name is None:
                return None
            sp = Speaker("person", name, role=val.get("role"), title=val.get("title"),
                         affiliation=val.get("affiliation"), start=m.start, end=m.end,
                         role_text=self._role_text_of_mention(m))
            end = self.v.token_at(m.end - 1) + 1
            last = si
            while last + 1 < len(segs) and segs[last + 1][0] < end:
                last += 1
            if k > i and self.roleish(i):  # قائد القيادة المركزية الجنرال فلان: the office before the title
                self._set_role(sp, i, k)
            elif last + 1 < len(segs) and self.roleish(segs[last + 1][0]):  # فلان، رئيس أركان الجيش،
                last += 1
                self._set_role(sp, *segs[last])
            return Guess(self.reg.add(sp), max(end, segs[last][1] if last > si else end), last)
        return None

    def _trimmed(self, name: str, m: Mention) -> str | None:
        """The person finder's name without the words that cannot be part of
        one (الرئيس أوباما بحسب → أوباما); None if its first word cannot."""
        at = m.start + m.text.find(name) if name in m.text else m.start
        first, last = self.v.tokens_in(at, at + len(name))
        if first >= last or self.v.words[first] in self.lex.name_words:
            return None  # الله عز وجل is no speaker's name
        keep = first
        while keep < last and self._plain(keep) and self.v.words[keep] not in self.lex.verbs \
                and not self.v.words[keep].isdigit() \
                and not any(r in self.nisba for r in readings(self.v.words[keep])):
            keep += 1
        if keep == first:
            return None
        return name if keep == last else self.v.phrase(first, keep)

    def _role_text_of_mention(self, m: Mention) -> str | None:
        """The role as written: before the name, or after it when the
        mention ends with an office (الملا فلان حاكم ولاية ...)."""
        name_at = m.text.find(m.value["name"])
        if name_at < 0:
            return None
        role = m.text[name_at + len(m.value["name"]):] if m.value.get("title") else m.text[:name_at]
        return role.strip(OPEN_QUOTES + CLOSE_QUOTES + "، ,") or None

    def _named(self, segs: list[tuple[int, int]], si: int) -> Guess | None:
        """A new name in part si: quoted, a whole part, or ending a role phrase."""
        i, j = segs[si]
        q = self._quoted(i, j)
        if q is not None:
            qi, qj = q
            name = self.v.phrase(qi, qj)
            outlet = self._outlet_like(qi, qj)
            if outlet is not None:
                m = Mention("outlet", self.v.spans[qi][0], self.v.spans[qj - 1][1], name,
                            {"name": outlet, "kind": self.kb.outlets.outlets[outlet].kind}, found_by="rule")
                self.mem.add_outlet(m)
                return self._mention_speaker("outlet", m, si)
            known = self.reg.by_name(name)
            if (qj - qi == 1 and known is None) or not self._quoted_name(qi, qj):
                return None
            sp = Speaker("person", name, start=self.v.spans[qi][0], end=self.v.spans[qj - 1][1])
            last = self._attach_role(sp, segs, si, before=(i, qi), after=(qj, j))
            if known is not None:
                return Guess(self._enriched(known, sp), segs[last][1], last)
            return Guess(self.reg.add(sp), segs[last][1], last) if sp.role else None
        if 2 <= j - i <= MAX_NAME and self._name_like(i, j, loose_last=si + 1 < len(segs)
                                                       and self.roleish(segs[si + 1][0])):
            # a bare name counts only next to a role noun (هاني سالم، الباحث في ...)
            sp = Speaker("person", self.v.phrase(i, j), start=self.v.spans[i][0], end=self.v.spans[j - 1][1])
            last = self._attach_role(sp, segs, si, before=None, after=None)
            return Guess(self.reg.add(sp), segs[last][1], last) if sp.role else None
        if role_at(self.v.words, i, self.lex) and j - i <= _MAX_ROLE_AND_NAME and \
                not any(c in OPEN_QUOTES for k in range(i + 1, j) for c in self.v.gap(k)):
            n = 0
            while n < 3 and j - n - 1 > i and self._name_word(j - n - 1, strict=True):
                n += 1
            while n and self.v.words[j - n] in self.lex.name_words:
                n -= 1  # a name does not start with الله (الله عز وجل)
            if n >= 2:
                sp = Speaker("person", self.v.phrase(j - n, j), start=self.v.spans[j - n][0],
                             end=self.v.spans[j - 1][1])
                self._set_role(sp, i, j - n)
                return Guess(self.reg.add(sp), j, si)
        return None

    def _outlet_like(self, i: int, j: int) -> str | None:
        """An outlet whose name the quoted words misspell by a letter or two
        (a name in quotes after قالت is as often an outlet as a person)."""
        if j - i < 2:
            return None
        probe = " ".join(self.v.words[i:j])
        names = self._outlet_names()
        best = process.extractOne(probe, list(names), scorer=fuzz.ratio, score_cutoff=_OUTLET_SIMILARITY)
        return self.kb.outlets.text_phrases[names[best[0]]] if best else None

    def _outlet_names(self) -> dict[str, tuple[str, ...]]:
        if self._outlets is None:
            self._outlets = {" ".join(t): t for t in self.kb.outlets.text_phrases if len(t) >= 2}
        return self._outlets

    def _enriched(self, known: Speaker, new: Speaker) -> Speaker:
        return self.reg.add(new) if new.role_text else known

    def _known(self, segs: list[tuple[int, int]], si: int, anywhere: bool) -> Guess | None:
        """A person named before: by surname or by the start of their role."""
        i, j = segs[si]
        for k in range(i, j if anywhere else min(j, i + 2)):
            if "actor" in self.v.at[k] or "outlet" in self.v.at[k]:
                continue
            p = self.reg.by_surname(self.v.surface(k).strip(OPEN_QUOTES + CLOSE_QUOTES))
            if p is not None:
                return Guess(replace(p, resolved_by="surname"), k + 1, si)
        words = self.v.words[i:j]
        if words and words[0].startswith("و"):
            words = [words[0][1:], *words[1:]]
        p = self.reg.by_role(words[:2]) if len(words) >= 2 and words[0].startswith("ال") else None
        if p is not None:
            return Guess(replace(p, resolved_by="role"), min(j, i + 2), si)
        return None

    def _organisation(self, segs: list[tuple[int, int]], si: int, anywhere: bool) -> Guess | None:
        """An actor, an outlet, or a noun for an unnamed or earlier source."""
        i, j = segs[si]
        reach = j if anywhere else min(j, i + 3)
        for k in range(i, reach):
            noun = self._speaker_noun(k)
            at = self.v.at[k]
            if noun is not None and (k == i or (k == i + 1 and self.v.words[i] not in self.lex.openers
                                                and self.v.words[i] != "في")):
                return self._by_noun(noun, segs, si, k)
            if "outlet" in at:
                return self._mention_speaker("outlet", at["outlet"], si)
            if "actor" in at and (anywhere or k == i):
                return self._mention_speaker("actor", at["actor"], si)
        return None

    def _mention_speaker(self, kind: str, m: Mention, si: int) -> Guess:
        return Guess(Speaker(kind, m.value["name"], start=m.start, end=m.end), self.v.token_at(m.end - 1) + 1, si)

    def _speaker_noun(self, k: int) -> tuple[str, str] | None:
        for r in readings(self.v.words[k]):
            hit = self.lex.speaker_nouns.get(r)
            if hit:
                return hit
        return None

    def _by_noun(self, noun: tuple[str, str], segs: list[tuple[int, int]], si: int, k: int) -> Guess | None:
        refers, outlet_kind = noun
        j = segs[si][1]
        at = self.v.spans[k][0]
        if refers in ("unnamed", "report"):
            for x in range(k + 1, j):  # تقرير لشبكة سي إن إن / بيانات لتنظيم داعش: the author
                if "outlet" in self.v.at[x]:
                    return self._mention_speaker("outlet", self.v.at[x]["outlet"], si)
                if refers == "report" and "actor" in self.v.at[x]:
                    return self._mention_speaker("actor", self.v.at[x]["actor"], si)
            end = self.label_end(k, j)
            clitic = next((len(self.v.words[k]) - len(r) for r in readings(self.v.words[k])
                           if r in self.lex.speaker_nouns), 0)  # لوسائل إعلام → وسائل إعلام
            sp = Speaker("unnamed", self.v.phrase(k, end)[clitic:], start=at + clitic, end=self.v.spans[end - 1][1],
                         affiliation=self.affiliation(k, end))
            return Guess(sp, end, si)
        found: Speaker | None = None
        if refers == "previous_outlet":
            m = self.mem.last_mention("outlet", at, (outlet_kind,), key="kind") or self.mem.last_mention("outlet", at)
            found = Speaker("outlet", m.value["name"], start=m.start, end=m.end) if m else None
        elif refers == "previous_group":
            m = self.mem.focus_group(at)
            found = Speaker("actor", m.value["name"], start=m.start, end=m.end) if m else None
        elif refers == "previous_body":
            m = self.mem.last_mention("actor", at, ("international", "government"))
            found = Speaker("actor", m.value["name"], start=m.start, end=m.end) if m else None
        elif refers == "previous_writer":
            found = self.mem.last_writer or self.mem.last_speaker
        elif refers == "previous_unnamed":
            found = self.mem.last_unnamed[0] if self.mem.last_unnamed else None
        elif refers == "previous_speaker":
            found = self.mem.last_speaker
        if found is None:
            return None
        return Guess(replace(found, resolved_by="anaphor"), k + 1, si)

    def label_end(self, i: int, j: int) -> int:
        """Where the description of an unnamed source ends: before a date,
        an outlet it speaks to (للصحيفة) or a verb, at most six words."""
        for k in range(i + 1, min(j, i + 6)):
            w = self.v.words[k]
            if "date" in self.v.at[k] or self.v.words[k] in self.lex.verbs or \
                    (w.startswith("ل") and ("outlet" in self.v.at[k] or self._speaker_noun(k))):
                return k
        return min(j, i + 6)

    # -- roles -----------------------------------------------------------------

    def _attach_role(self, sp: Speaker, segs: list[tuple[int, int]], si: int,
                     before: tuple[int, int] | None, after: tuple[int, int] | None) -> int:
        """Give `sp` the role written next to its name: in the same part
        (after, then before the quotes), else the next part, else the
        previous one. Only a phrase that opens with a role noun (person_roles.tsv,
        role_heads.tsv) counts: a new name needs one to be taken for a person.
        Returns the last part used."""
        def has_role(i: int) -> bool:
            return role_at(self.v.words, i, self.lex) is not None or \
                (self.v.words[i].startswith("و") and role_at([self.v.words[i][1:]], 0, self.lex) is not None)

        for span in (after, before):
            if span and span[1] > span[0] and has_role(span[0]):
                self._set_role(sp, *span)
                return si
        if si + 1 < len(segs) and has_role(segs[si + 1][0]):
            self._set_role(sp, *segs[si + 1])
            return si + 1
        if si > 0 and has_role(segs[si - 1][0]):
            self._set_role(sp, *segs[si - 1])
        return si

    def _set_role(self, sp: Speaker, i: int, j: int) -> None:
        j = next((k for k in range(i, j) if self.v.words[k] in _RELATIVE), j)  # الذي غادر البلاد: not the role
        hit = role_at(self.v.words, i, self.lex)
        if sp.role and hit and sp.title is None:
            sp.title = sp.role  # الجنرال فلان، رئيس أركان ...: the rank becomes the title
        sp.role_text = self.v.phrase(i, j)
        sp.role = hit[1] if hit else sp.role
        sp.affiliation = self.affiliation(i, j) or sp.affiliation

    def affiliation(self, i: int, j: int) -> str | None:
        """The actor, country, outlet or place a role phrase names; a group
        anaphor (للتنظيم) is the group named before."""
        found: dict[str, str] = {}
        for k in range(i, j):
            at = self.v.at[k]
            for kind in ("actor", "outlet", "place"):
                if kind in at:
                    found.setdefault(kind, at[kind].value["name"])
            for r in readings(self.v.words[k]):
                if r in self.nisba:
                    found.setdefault("nisba", self.kb.countries[self.nisba[r]].name_en)
                noun = self.lex.speaker_nouns.get(r)
                if noun and noun[0] == "previous_group" and "group" not in found:
                    m = self.mem.last_mention("actor", self.v.spans[k][0], ("group",))
                    if m:
                        found["group"] = m.value["name"]
        for kind in ("actor", "group", "nisba", "outlet", "place"):
            if kind in found:
                return found[kind]
        return None

    def roleish(self, i: int) -> bool:
        """Does a role phrase start at token i (a role noun, or a definite
        noun that is no date and no name)?"""
        if i >= len(self.v) or "date" in self.v.at[i] or "outlet" in self.v.at[i]:
            return False
        w = self.v.words[i]
        if role_at(self.v.words, i, self.lex):
            return True
        return w.startswith(("ال", "وال")) and "actor" not in self.v.at[i] and "place" not in self.v.at[i]

    # -- names -----------------------------------------------------------------

    def _quoted(self, i: int, j: int) -> tuple[int, int] | None:
        """Tokens [a, b) inside quotes that open at or after token i (a
        quote left open up to the comma counts: writers drop the closing
        one)."""
        for k in range(i, min(j, i + 3)):
            g = self.v.gap(k).rstrip()
            if g and g[-1] in OPEN_QUOTES:
                end = k + 1
                while end < j and not any(c in CLOSE_QUOTES for c in self.v.gap(end)):
                    end += 1
                if end - k > MAX_NAME or any(kind in self.v.at[x] for x in range(k, end)
                                             for kind in ("actor", "outlet", "place")):
                    return None
                return k, end
        return None

    def _name_like(self, i: int, j: int, loose_last: bool) -> bool:
        """A whole part standing as a name (هاني سالم، الباحث ...): every word
        passes the strict test, but the last only the loose one when a role
        follows (a surname such as بان reads as ب + أن)."""
        return all(self._name_word(k, strict=not (loose_last and k == j - 1)) for k in range(i, j))

    def _name_word(self, k: int, strict: bool) -> bool:
        w = self.v.words[k]
        at = self.v.at[k]
        if w in self.lex.name_words:
            return True
        if len(w) < 2 or w.isdigit() or any(kind in at for kind in ("actor", "outlet", "place", "date", "number")):
            return False
        if w.startswith(_GLUED) or role_at(self.v.words, k, self.lex) or not self._plain(k):
            return False
        if not strict:
            return w not in self.lex.verbs and w not in self.lex.speaker_nouns and w not in self.nisba
        if len(w) > 4 and w.endswith(_PRONOUN_SUFFIXES):
            return False
        return not any(r in self.lex.verbs or r in self.lex.speaker_nouns or r in self.lex.openers
                       or r in self.nisba or r in self.kb.name_stopwords or r in self.kb.place_prefixes
                       for r in readings(w))

    def _plain(self, k: int) -> bool:
        """Could token k be part of a name at all? Not a word name_words.tsv
        excludes (particles, prepositions, cues), with or without a clitic."""
        w = self.v.words[k]
        return w in self.lex.name_words or not any(r in self.lex.not_names for r in readings(w))

    def _quoted_name(self, i: int, j: int) -> bool:
        """Words in quotes are a name if none is a particle, a stop word or a
        verb of saying (a quoted phrase is often a quotation)."""
        return all(self._plain(k) and (self.v.words[k] in self.lex.name_words or
                                       (self.v.words[k] not in self.kb.name_stopwords
                                        and self.v.words[k] not in self.lex.verbs))
                   for k in range(i, j))
