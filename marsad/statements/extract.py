"""Statements of a document: verb of saying, speaker, content, date, chain.

Per sentence, every verb of saying (speech_verbs.tsv) opens a statement. The
speaker is looked for first after the verb (Arabic puts the subject there:
قال فلان إن ...), up to the word that opens the content (أن، إن، من، عن ...),
then before it (فلان، الخبير في ...، قال إن ...). A participle (مضيفا،
مشيرا) continues the previous speaker. An attribution cue (وفق، بحسب،
نقلا عن) names a source for the clause it stands in; نقلا عن after a
statement extends that statement's chain to its origin.

The chain runs from the publishing outlet to the origin, with what the text
says between them: the outlet a person spoke to or wrote in (لصحيفة ...،
في مجلة ...) and the source a report relays (نقل تقرير لشبكة ... عن
مسؤولين ...). Announcements of responsibility are statements of kind
`claim`, denials of kind `deny`; both are linked to the document's events
whose evidence they share a sentence with.
"""
from __future__ import annotations

import bisect
from dataclasses import replace

from marsad.kb import load as load_kb
from marsad.mentions.matcher import readings
from marsad.mentions.places import nisba_table
from marsad.model import Event, Mention, Span
from marsad.statements.lexicon import Verb, passive, verb_of
from marsad.statements.lexicon import load as load_lexicon
from marsad.statements.records import Speaker, Statement
from marsad.statements.speakers import Guess, Memory, Registry, SpeakerFinder
from marsad.statements.view import OPEN_QUOTES, View
from marsad.text import Sentence, TextLayer
from marsad.text.memo import WordMemo
from marsad.decide.linear import Ranker
from marsad.statements.choice import choose

WINDOW = 25              # tokens after a verb in which its speaker phrase may stand
QUOTE_REACH = 800        # characters a quotation may run past its sentence
_CLAIM_WORDS = ("مسؤوليته", "مسؤوليتها", "مسؤوليتهم")
_RELATIVE = frozenset({"الذي", "التي", "الذين"})
_NO_SOURCE = frozenset({"ما"})
_PRONOUN_REACH = 300     # characters after a statement where a verb without subject continues its speaker


def find_statements(text: str | TextLayer, mentions: list[Mention], outlet: str | None = None,
                    published: str | None = None, events: list[Event] | None = None,
                    view: View | None = None, names: list[Mention] | None = None,
                    speakers: Ranker | bool = True) -> list[Statement]:
    """The statements of a document's clean `text` (or its layer), given its
    mentions (names, dates: `marsad.mentions.document_mentions`), its outlet
    and publication date, and its events (for claims and denials). `view`:
    `View.of(text, mentions)`, when already built (`marsad.said.said_in`
    shares one with the claims). Speakers are the learned choice
    (`choice.py`; `names`: the NER model's, as more candidates); `speakers`
    False keeps the rules' own, a `Ranker` chooses instead of the shipped
    model."""
    reader = _Reader(view or View.of(text, mentions), mentions, outlet, published)
    return reader.read(events or [], names, speakers)


class _Reader:
    def __init__(self, view: View, mentions: list[Mention], outlet: str | None, published: str | None):
        kb, self.lex = load_kb(), load_lexicon()
        self.text, self.outlet, self.published = view.text, outlet, published
        self.view = view
        self.registry = Registry()
        self.memory = Memory(sorted(mentions, key=lambda m: m.start))
        self.finder = SpeakerFinder(self.view, kb, self.lex, self.registry, self.memory, nisba_table(kb))
        self.out: list[Statement] = []
        self._content_ends: list[int] = []  # the content ends of `out`, sorted
        # The verbs of saying by token. نفى and the noun نفي (denial) are one
        # word once ى is normalised: the written letter decides.
        self.verbs = {k: verb for k, verb in _VERBS.found(view.words).items()
                      if not (verb.written.endswith("ى") and view.surface(k).endswith("ي"))}
        self._verb_tokens = list(self.verbs)

    def read(self, events: list[Event], names: list[Mention] | None = None,
             speakers: Ranker | bool = True) -> list[Statement]:
        v = self.view
        for sentence in v.sentences:
            first, last = v.tokens_in(sentence.start, sentence.end)
            in_sentence: list[Statement] = []
            at = self._verb_tokens
            for k in at[bisect.bisect_left(at, first):bisect.bisect_left(at, last)]:
                verb = self.verbs[k]
                if (verb.form == "cue" and k + 1 < len(v) and v.words[k + 1] in _NO_SOURCE):
                    continue
                st = self._statement(k, verb, sentence, first, last)
                if st is not None:
                    if in_sentence:
                        cut = in_sentence[-1]
                        self._content_ends.remove(cut.content.end)
                        _cut(cut, v.spans[k][0], self.text)
                        bisect.insort(self._content_ends, cut.content.end)
                    self._remember(st)
                    self.out.append(st)
                    bisect.insort(self._content_ends, st.content.end)
                    in_sentence.append(st)
        if speakers is not False:
            choose(self.out, self.text, self.memory.mentions, names, None if speakers is True else speakers)
        for st in self.out:
            if st.kind in ("claim", "deny"):
                st.event_indexes = _events_of(st, events)
                _specific_claimant(st, events)
        return self.out

    # -- one statement ---------------------------------------------------------

    def _statement(self, k: int, verb: Verb, sentence: Sentence, first: int, last: int) -> Statement | None:
        v = self.view
        stop, opener = self._window_end(k, last)
        segs = v.segments(k + 1, stop)
        guess: Guess | None = None
        resolved = None
        before = False
        origin: Speaker | None = None
        if verb.form == "participle":
            prev = self.out[-1] if self.out and self.out[-1].evidence.end >= sentence.start - 400 else None
            if prev is None or prev.speaker is None:
                return None
            guess, resolved = Guess(replace(prev.speaker, resolved_by="continuation"), k + 1, -1), prev
        elif verb.form == "cue":
            if not segs and opener == "عن":  # نقلا عن ...: the source follows the preposition
                stop, opener = self._window_end(k + 1, last)
                segs = v.segments(k + 2, stop)
            guess = self.finder.find(segs, anywhere=True) or self._label(segs)
            if guess is None:
                return None
            if verb.written == "نقلا" and self.out and self.out[-1].evidence.start >= sentence.start:
                self.out[-1].chain.append(_link(guess.speaker))  # ...، نقلا عن بعثة ...: the origin of the last one
                return None
            last_speaker = self.memory.last_speaker
            if guess.speaker.resolved_by == "anaphor" and last_speaker is not None and \
                    guess.speaker.name == last_speaker.name:
                return None  # حسب قولها: the statement before, said again
        else:
            guess = self.finder.find(segs) if segs else None
            if guess is not None and verb.kind == "accuse" and guess.end < len(v) and \
                    v.words[guess.end].startswith("ب"):
                guess = None  # اتُّهم التنظيم بالوقوف وراء ...: passive, the accused is no speaker
            elif guess is None:
                guess = self._before(k, first, verb)
                before = guess is not None
            if guess is None and segs and verb.form == "verb" and v.words[k + 1].startswith("ال"):
                guess = self._label(segs[:1])
            if guess is None and verb.form == "verb" and not passive(v.surface(k)):
                prev = self.out[-1] if self.out else None  # قال الوزير ... وأكد أن ...: the same subject
                if prev is not None and prev.speaker is not None and \
                        0 <= v.spans[k][0] - prev.content.end <= _PRONOUN_REACH:
                    guess, resolved = Guess(replace(prev.speaker, resolved_by="continuation"), k + 1, -1), prev
            if verb.kind == "relay" and opener == "عن":
                origin_end, _ = self._window_end(stop, last)
                found = self.finder.find(v.segments(stop + 1, origin_end), anywhere=True) or \
                    self._label(v.segments(stop + 1, origin_end))
                origin = found.speaker if found else None
                stop, opener = origin_end, v.words[origin_end] if origin_end < len(v) else None
        content = self._content(k, verb, guess, before, segs, stop, opener, sentence, first)
        if content is None:
            return None
        kind = "claim" if verb.kind == "claim" or (verb.kind == "announce" and self._claims(k, content)) \
            else verb.kind
        if verb.form == "noun" and kind != "claim":
            return None  # إعلان فوز ...: a noun of saying is kept only for a claim of responsibility
        speaker = guess.speaker if guess else None
        if speaker is not None and speaker.kind == "person" and speaker.resolved_by is None:
            speaker = self.registry.add(speaker)
        recipient = self._recipient(k, stop, guess)
        chain = self._chain(speaker, recipient, origin, resolved)
        if origin is not None and origin.kind == "unnamed":
            self.memory.last_unnamed = (origin, chain)  # ... عن مسؤولين ...، وأشار المسؤولون: the same ones
        when = self._date(sentence.start, min(content.start, v.spans[k][1]) if before else content.start)
        actors = list(dict.fromkeys(m.value["name"] for m in self.memory.starting_in(content.start, content.end)
                                    if m.kind == "actor"))
        return Statement(len(self.out), v.surface(k), verb.meaning, kind, speaker, content,
                         Span(sentence.start, sentence.end, self.text[sentence.start:sentence.end]),
                         date=when[0], date_precision=when[1], date_from=when[2], chain=chain,
                         recipient=recipient, actors=actors)

    def _window_end(self, k: int, last: int) -> tuple[int, str | None]:
        """The token where the phrase after the verb at k ends (the content's
        opening word, a colon, another verb, the sentence end) and that word."""
        v = self.view
        end = min(last, k + 1 + WINDOW)
        for x in range(k + 1, end):
            if ":" in v.gap(x):
                return x, ":"
            w = v.words[x]
            role = None if "outlet" in v.at[x] or "actor" in v.at[x] or self.registry.by_surname(v.surface(x)) \
                else self.lex.openers.get(w)
            if role == "complementizer" or (role == "preposition" and self._opens(k, x)):
                return x, w
            if x > k + 1 and x in self.verbs and self.verbs[x].form in ("verb", "participle"):
                return x, None
        return end, None

    def _opens(self, k: int, x: int) -> bool:
        """Does the preposition at x open the content (حذر من، أعرب ... عن)
        rather than belong to the speaker phrase (الخبير في معهد ...)? Yes
        right after the verb, after a comma, after a name or a date, or
        before أن."""
        v = self.view
        return x == k + 1 or v.comma_before(x) or any(kind in v.at[x - 1] for kind in ("person", "actor", "outlet", "date")) \
            or (x + 1 < len(v) and self.lex.openers.get(v.words[x + 1]) == "complementizer")

    def _before(self, k: int, first: int, verb: Verb) -> Guess | None:
        """The speaker named before the verb, within its clause."""
        v = self.view
        if k > first and v.words[k - 1] in _RELATIVE:
            if verb.kind in ("believe", "fear"):
                return None  # الذي يُعتقد أنه ...: passive
            for x in range(k - 2, max(first - 1, k - 10), -1):
                for kind in ("person", "actor", "outlet"):
                    if kind in v.at[x]:
                        m = v.at[x][kind]
                        return Guess(Speaker(kind, m.value["name"], start=m.start, end=m.end), k, 0)
            return None
        start = first
        ends = self._content_ends  # not back into a statement earlier in the sentence: after the last one's content
        i = bisect.bisect_right(ends, v.spans[k][0]) - 1
        if i >= 0 and ends[i] >= v.spans[first][0]:
            start = max(start, v.token_at(ends[i] - 1) + 1)
        segs = v.segments(start, k)
        while segs and self._aside(*segs[-1]) and "date" in v.at[segs[-1][0]]:
            segs.pop()  # وكان تقرير ...، في أبريل الماضي، وصف: the date is no speaker
        if not segs:
            return None
        if len(segs) >= 2 and self.finder.roleish(segs[-1][0]):  # فلان، الباحث في ...، قال
            found = self.finder.find(segs[-2:], anywhere=True)
            if found is not None:
                return found
        return self.finder.find(segs[-1:], anywhere=True)

    def _label(self, segs: list[tuple[int, int]]) -> Guess | None:
        """An unnamed source described by the phrase itself (الجيش الحكومي،
        وسائل إعلام عالمية)."""
        if not segs:
            return None
        i, j = segs[0]
        j = self.finder.label_end(i, j)
        if j <= i:
            return None
        v = self.view
        return Guess(Speaker("unnamed", v.phrase(i, j), start=v.spans[i][0], end=v.spans[j - 1][1],
                             affiliation=self.finder.affiliation(i, j)), j, 0)

    def _content(self, k: int, verb: Verb, guess: Guess | None, before: bool, segs: list[tuple[int, int]],
                 stop: int, opener: str | None, sentence: Sentence, first: int) -> Span | None:
        """The span of what was said: after the opening word (أن، إن، a
        colon), else after the speaker phrase and its asides (date,
        addressee); for a cue at the end of its clause, the clause before."""
        v = self.view
        if verb.form == "cue" and k - first > 3 and self.lex.openers.get(opener or "") != "complementizer":
            start, end = sentence.start, v.spans[k][0]  # ...، وفق نيويورك تايمز.
        else:
            if verb.form == "participle" or before or guess is None:
                at = k + 1
            elif opener is not None and self.lex.openers.get(opener) == "complementizer" or opener == ":":
                at = stop
            else:
                rest = [s for s in segs[guess.segment + 1:] if not self._aside(*s)] if guess.segment >= 0 else []
                inside = any(i < guess.end < j for i, j in segs)  # وثقت المنظمة في البلاد ...: content goes on
                at = guess.end if inside else rest[0][0] if rest else stop
            while at < len(v) and at < stop + 2 and self.lex.openers.get(v.words[at]) and \
                    not ("outlet" in v.at[at] or "actor" in v.at[at]):
                at += 1  # the opening word itself is not content
            if at >= len(v) or v.spans[at][0] >= sentence.end + QUOTE_REACH:
                return None
            start, end = v.spans[at][0], sentence.end
            while start > 0 and self.text[start - 1] in OPEN_QUOTES:
                start -= 1
            if start < v.spans[k][1]:
                return None
        start, end = _trim(self.text, start, end)
        if end <= start:
            return None
        if self.text[start] in OPEN_QUOTES:
            end = max(end, _closing(self.text, start, sentence.end))
        return Span(start, end, self.text[start:end])

    def _aside(self, i: int, j: int) -> bool:
        """A part of the phrase that is not the content: a date, or an
        addressee (لـ الحل نت، للصحيفة، في تصريح له)."""
        v = self.view
        w = v.words[i]
        return "date" in v.at[i] or w.startswith("ل") or w in ("في", "خلال")

    def _recipient(self, k: int, stop: int, guess: Guess | None) -> str | None:
        """The outlet the speaker spoke to or wrote in (a medium in the chain)."""
        v = self.view
        for x in range(k + 1, stop):
            if guess and guess.speaker.start <= v.spans[x][0] < guess.speaker.end:
                continue
            if "outlet" in v.at[x]:
                return v.at[x]["outlet"].value["name"]
            for r in readings(v.words[x]):
                noun = self.lex.speaker_nouns.get(r)
                if noun and noun[0] == "previous_outlet" and v.words[x].startswith("ل"):
                    m = self.memory.last_mention("outlet", v.spans[x][0], (noun[1],), key="kind") or \
                        self.memory.last_mention("outlet", v.spans[x][0])
                    return m.value["name"] if m else None
        return None

    def _chain(self, speaker: Speaker | None, recipient: str | None, origin: Speaker | None,
               continued: Statement | None) -> list[dict[str, str]]:
        if continued is not None:
            return [dict(x) for x in continued.chain]
        if speaker is not None and speaker.resolved_by == "anaphor" and speaker.kind == "unnamed" \
                and self.memory.last_unnamed and self.memory.last_unnamed[0].name == speaker.name:
            return [dict(x) for x in self.memory.last_unnamed[1]]
        chain = [{"name": self.outlet, "kind": "outlet"}] if self.outlet else []
        if recipient:
            chain.append({"name": recipient, "kind": "outlet"})
        for sp in (speaker, origin):
            if sp is not None:
                chain.append(_link(sp))
        out: list[dict[str, str]] = []
        for link in chain:
            if not out or out[-1]["name"] != link["name"]:
                out.append(link)
        return out

    def _date(self, sentence_start: int, content_start: int) -> tuple[str | None, int | None, str]:
        """The date written before the content (والأحد، ذكر ...؛ حذر فلان،
        الأربعاء، من ...), else the publication date."""
        best = None
        for m in self.memory.starting_in(sentence_start, content_start):
            if m.kind == "date" and not m.value.get("future"):
                best = m
        if best is not None:
            return best.value["date"], best.value.get("precision"), "text"
        return self.published, 1 if self.published else None, "published"

    def _claims(self, k: int, content: Span) -> bool:
        v = self.view
        last = v.token_at(content.start) + 4
        return any(w.endswith(_CLAIM_WORDS) for w in (v.surface(x) for x in range(k, min(last, len(v)))))

    def _remember(self, st: Statement) -> None:
        sp = st.speaker
        if sp is None:
            return
        self.memory.last_speaker = sp
        if st.kind == "write" and sp.kind == "person":
            self.memory.last_writer = sp
        if sp.kind == "unnamed" and sp.resolved_by is None:
            self.memory.last_unnamed = (sp, st.chain)


_VERBS = WordMemo(lambda word: verb_of(word, load_lexicon()))


def _cut(st: Statement, at: int, text: str) -> None:
    """End `st`'s content before the next statement of its sentence (at the
    last comma before that statement's verb), unless it is a quotation."""
    c = st.content
    if not (c.start < at < c.end) or text[c.start] in OPEN_QUOTES:
        return
    comma = max(text.rfind("،", c.start, at), text.rfind(",", c.start, at))
    end = _trim(text, c.start, comma if comma > c.start else at)[1]
    if end > c.start:
        st.content = Span(c.start, end, text[c.start:end])


def _specific_claimant(st: Statement, events: list[Event]) -> None:
    """A claim by 'the organisation' whose event names a branch of it
    (Islamic State → its Khorasan Province) is the branch's claim."""
    sp = st.speaker
    if sp is None or sp.kind != "actor":
        return
    for i in st.event_indexes:
        a = events[i].actor1 or ""
        if a != sp.name and a.startswith(sp.name):
            st.speaker = replace(sp, name=a)
            st.chain = [{"name": a, "kind": "actor"} if link["name"] == sp.name else link for link in st.chain]
            return


def _link(sp: Speaker) -> dict[str, str]:
    return {"name": sp.name, "kind": sp.kind}


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "،,:؛;.-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "،,:؛;-"):
        end -= 1
    return start, end


def _closing(text: str, start: int, sentence_end: int) -> int:
    """End of the quotation opened at `start` (past its sentence if need be)."""
    close = {"«": "»", "“": "”", "\"": "\""}[text[start]]
    at = text.find(close, start + 1, start + 1 + QUOTE_REACH)
    return at + 1 if at >= 0 else sentence_end


def _events_of(st: Statement, events: list[Event]) -> list[int]:
    """Events whose evidence shares the statement's sentence."""
    out = []
    for i, ev in enumerate(events):
        if any(s.start < st.evidence.end and st.evidence.start < s.end for s in ev.evidence):
            out.append(i)
    return out

