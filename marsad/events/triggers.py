"""Event mentions: trigger words grouped into segments, minus non-events.

A segment is a clause that holds a trigger together with the clauses after it
that hold none ("..., السبت، الذي أوقع 20 قتيلا"): one segment, one
candidate event. A clause whose only trigger is a bare killing word (مقتل،
قتل) continues the segment before it, because "bombing X, which led to the
killing of 12" is one incident. Threats, plans, warnings, questions,
statistics and campaigns are dropped here (EVENTS.md: not events).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.events import lexicon
from marsad.events.context import Context
from marsad.events.lexicon import Phrase
from marsad.text.sentences import Clause, Sentence

_KILLING_RANK = 1
# "1993 - ..." lines of a this-day-in-history column retell old events, not news
_ALMANAC = re.compile(r"\s*(?:1[0-9]|20)[0-9]{2}\s*[-–]\s")
_ASIDE = re.compile(r"\W*(?:و)?(?:ردا|انتقاما|ثارا)\s+(?:علي|ل)")
# Cue kinds that must govern the trigger from before it (Arabic puts the
# governing verb first: هدد باستهداف، حذر من هجمات، قد تشن هجمات).
# "opinion": a claim, a call or a judgement (زعم، اعتبر، دعا إلى، طالب بـ)
# is about violence, not a report of an incident.
_GOVERNING = frozenset({"threat", "warning", "plan", "modal", "condition", "opinion"})
# Tallies, campaigns and political "control" spoil the trigger's own clause.
_CLAUSE = frozenset({"aggregate", "political", "state", "future", "accident", "exercise", "criminal",
                     "noise"})
# "since early May ..., it began an offensive ..., during which it took ...":
# a span of time or a tally governs the whole sentence after it; so does a
# storm, an earthquake or fireworks ("the storm ..., and killed one person").
_SENTENCE = frozenset({"statistic", "campaign", "judicial", "not_violence"})
_PURPOSE_GAP = 2  # words from a purpose cue to the trigger it governs ("بهدف إشغال قوات" is too far)
# "بعد يومين على/من الهجوم": the preposition between a span of time and the
# incident it is counted from (normalised spelling)
_AFTER_PREPOSITIONS = frozenset({"علي", "من"})


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    phrase: Phrase

    @property
    def rank(self) -> int:
        return int(self.phrase.row["rank"])

    @property
    def strong(self) -> bool:
        return self.phrase.row["strength"] == "strong"

    @property
    def opens(self) -> bool:
        """Can this trigger start a new incident? Bare killing words and weak
        verbs (استهدف، هاجم) in a later clause go on telling the incident
        before them ("..., استهدف عناصر طالبان" is the bombing's target)."""
        verb = self.phrase.phrase.startswith("~")
        return self.rank > _KILLING_RANK and not (verb and not self.strong)


@dataclass
class Segment:
    sentence: Sentence
    start: int
    end: int
    triggers: list[Trigger] = field(default_factory=list)
    limit: int | None = None  # where the sentence turns to another incident (an aside)

    @property
    def main(self) -> Trigger:
        return max(self.triggers, key=lambda t: (t.rank, -t.start))


def segments(ctx: Context, sentence: Sentence) -> list[Segment]:
    """Candidate-event segments of one sentence (non-events removed). A
    trigger inside a non-event phrase ("وقف المعارك" stopping the battles,
    "السيطرة على الحريق" a fire brought under control) is no trigger: the
    phrase spoils that word only, not the incident its clause may tell."""
    if _question(ctx, sentence) or _ALMANAC.match(ctx.text, sentence.start):
        return []
    out: list[Segment] = []
    leading: int | None = None
    pending: list[Trigger] = []  # killing words met before the first real trigger
    for clause in sentence.clauses:
        if _ASIDE.match(ctx.normalized.text, *ctx.norm_range(clause.start, clause.end)):
            for seg in out:  # "ردا على مقتل ..." tells another incident, the cause of this one:
                seg.limit = clause.start  # nothing from here on belongs to these
            break
        trigs = [Trigger(s, e, row) for s, e, row in ctx.find(lexicon.triggers(), clause.start, clause.end)]
        if trigs:  # most clauses have no trigger: their cues are never read
            cues = list(ctx.find(lexicon.nonevent_cues(), clause.start, clause.end))
            trigs = [t for t in trigs if not any(cs <= t.start and t.end <= ce for cs, ce, _cue in cues)
                     and not _purposed(ctx, t.start, cues)]
        if any(t.opens for t in trigs) or (trigs and not out and any(t.rank > _KILLING_RANK for t in trigs)):
            start = leading if leading is not None and not out else clause.start
            out.append(Segment(sentence, start, clause.end, trigs + (pending if not out else [])))
        elif out:
            out[-1].end = clause.end
            out[-1].triggers.extend(trigs)
        else:
            leading = clause.start if leading is None else leading
            pending.extend(trigs)
    if not out and pending:
        out.append(Segment(sentence, leading, sentence.clauses[-1].end, pending))
    out = [part for seg in out for part in _split_by_place(ctx, seg)]
    for seg in out:
        seg.triggers = [t for t in seg.triggers if not _dated_from(ctx, seg, t)]
    return [s for s in out if s.triggers and not _non_event(ctx, s)]


def _purposed(ctx: Context, start: int, cues) -> bool:
    """"شنت هجوما بهدف السيطرة على المطار": a trigger at most `_PURPOSE_GAP`
    words after a cue of kind `purpose` (بهدف، من أجل، لشن) names what an
    action is for, not an incident; the action itself, told before the cue,
    stays."""
    i = ctx.token_index(start)
    return any(cue.row["kind"] == "purpose" and cs < start and 0 <= i - ctx.token_index(ce) < _PURPOSE_GAP
               for cs, ce, cue in cues)


def _split_by_place(ctx: Context, seg: Segment) -> list[Segment]:
    """"هجوم موسكو ... الهجوم الذي جرى في إيران": two triggers, each with a
    place of its own, are two incidents even inside one clause."""
    trigs = sorted((t for t in seg.triggers if t.opens), key=lambda t: t.start)
    cuts = [b.start for a, b in zip(trigs, trigs[1:])
            if b.start > a.end and ctx.in_span("place", a.end, b.start) and ctx.in_span("place", b.end, seg.end)]
    if not cuts:
        return [seg]
    bounds = [seg.start, *cuts, seg.end]
    return [Segment(seg.sentence, s, e, [t for t in seg.triggers if s <= t.start < e])
            for s, e in zip(bounds, bounds[1:]) if any(s <= t.start < e for t in seg.triggers)]


def _question(ctx: Context, sentence: Sentence) -> bool:
    return ctx.text[sentence.start:sentence.end].rstrip().endswith(("?", "؟"))


def _non_event(ctx: Context, seg: Segment) -> bool:
    main = seg.main
    clause = next(c for c in seg.sentence.clauses if c.start <= main.start < c.end)
    for s, _e, cue in ctx.find(lexicon.nonevent_cues(), seg.sentence.start, seg.end):
        kind = cue.row["kind"]
        in_clause = clause.start <= s < max(clause.end, main.end)
        if kind in ("question", "sports"):
            return True
        if kind in _GOVERNING and in_clause and s < main.start:
            return True
        if kind in _CLAUSE and in_clause:
            return True
        if kind in _SENTENCE and (in_clause or s < main.start):
            return True
        if kind == "duration_unit" and (in_clause or s < main.start) and _after_since(ctx, s):
            return True
    return _since_date(ctx, seg, clause, main) or _counted(ctx, main)


def _since_date(ctx: Context, seg: Segment, clause: Clause, main: Trigger) -> bool:
    """"منذ أغسطس 2014": a date that something has gone on since makes the
    trigger a campaign ("the coalition has struck since August 2014"), like
    a span of time after منذ."""
    for m in ctx.in_span("date", seg.sentence.start, seg.end):
        i = ctx.token_index(m.start)
        if i and ctx.words[i - 1] in ("منذ", "ومنذ") and (clause.start <= m.start < clause.end or m.start < main.start):
            return True  # the date right after منذ: "منذ هجوم أمس" is since an incident, not a span
    return False


def _after_since(ctx: Context, offset: int) -> bool:
    """"منذ ستة أيام"، "منذ حوالي أربعة أشهر": a span of time since which
    something goes on is a campaign, not one incident."""
    i = ctx.token_index(offset)
    return any(w in ("منذ", "ومنذ") for w in ctx.words[max(0, i - 3):i])


def _dated_from(ctx: Context, seg: Segment, trig: Trigger) -> bool:
    """"بعد يومين على الهجوم": an incident the news is dated from ("two days
    after the attack") is background the article refers back to, not
    an incident of its own (issue #4, tuning sample seed 909: the Suruc
    bombing retold in stories of the strikes and clashes after it). Only
    that trigger goes: "the air force struck ..., four days after a suicide
    attack" keeps the strikes."""
    return any(cue.row["kind"] == "duration_unit" and _after_span(ctx, s, e, trig)
               for s, e, cue in ctx.find(lexicon.nonevent_cues(), seg.sentence.start, trig.start))


def _after_span(ctx: Context, start: int, end: int, trig: Trigger) -> bool:
    """Is the span of time [start, end) anchored by a cue of kind `after`
    (بعد) in the three words before it, and followed by على or من right
    before `trig`?"""
    i, j = ctx.token_index(start), ctx.token_index(end)
    anchored = i > 0 and any(cue.row["kind"] == "after" for _cs, _ce, cue in
                             ctx.find(lexicon.nonevent_cues(), ctx.tokens[max(0, i - 3)].start, start))
    if not anchored or j >= len(ctx.words) or ctx.words[j] not in _AFTER_PREPOSITIONS:
        return False
    return ctx.token_index(trig.start) in (j + 1, j + 2)


def _counted(ctx: Context, trig: Trigger) -> bool:
    """"200 هجوم"، "عشرات الغارات": a count of incidents is a statistic
    ("10 قذائف هاون" counts shells of one barrage: only incident nouns count)."""
    if trig.phrase.row.get("incident_noun") != "yes":
        return False
    for n in ctx.in_span("number", max(0, trig.start - 40), trig.start):
        gap = ctx.tokens_in(n.end, trig.start)
        if all(t.norm == "من" for t in gap) and (n.value.get("vague") or (n.value.get("low") or 0) >= 3):
            return True
    return False
