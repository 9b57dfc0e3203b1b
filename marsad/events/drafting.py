"""One draft event from one segment: its type, place, date, actors,
figures and evidence, before the mentions of one incident are merged.

Type refinements follow ACLED: a generic attack on armed forces is a battle
(Armed clash), on civilians an Attack; shelling from the air is an air
strike; a state force taking ground regains territory.
"""
from __future__ import annotations

import re

from marsad.events import actors, lexicon, places
from marsad.events.casualties import Figure, figures
from marsad.events.context import Context
from marsad.events.draft import Count, Draft
from marsad.events.merge import compatible
from marsad.text.sentences import Sentence
from marsad.events.triggers import Segment
from marsad.model import Span

_CONTRAST = re.compile(r"^\W*(?:و?(?:بينما|فيما|في حين|كما))\b")
_EVIDENCE_MAX = 400
_ALREADY_GAP = 3   # "قد" to the trigger, in words ("قد شنت هجوما")
_PAST_GAP = 8      # "كان" to "قد", in words ("وكانت قوات الأمن في المدينة قد")


def free_ranges(sentence: Sentence, segs: list[Segment], seg: Segment) -> list[tuple[int, int]]:
    """Parts of the sentence outside every other segment: arguments found
    there may belong to this event; those inside another segment do not."""
    out, pos = [], sentence.start
    end = seg.limit or sentence.end
    for other in sorted(segs, key=lambda o: o.start):
        if other is not seg and other.start > pos:
            out.append((pos, min(other.start, end)))
        if other is not seg:
            pos = max(pos, other.end)
    if pos < end:
        out.append((pos, end))
    return [r for r in out if not (r[0] >= seg.start and r[1] <= seg.end)]


def draft(ctx: Context, seg: Segment, free: list[tuple[int, int]], before: list[Draft]) -> Draft:
    """The draft event of one segment; `free` are the parts of its sentence no
    other segment claims, `before` the drafts of the document so far."""
    s = seg.sentence
    main = seg.main
    row = main.phrase.row
    figs = figures(ctx, seg.start, seg.end)
    d = Draft(row["event_type"], row["sub_event_type"], main.rank, main.strong,
              ctx.text[main.start:main.end].endswith(("ات", "ات»")), main.start)
    d.fatalities_default = int(row["fatalities_default"]) if row.get("fatalities_default") else None
    d.deaths, d.injuries = _tolls(ctx, seg, figs)
    d.sentences = {s.index}
    d.definite = _definite(ctx, main)
    d.noun = not main.phrase.phrase.startswith("~")
    d.another = _another(ctx, main)
    d.retold = any(_pluperfect(ctx, seg, t) for t in seg.triggers)
    d.place = places.place(ctx, (seg.start, seg.end), main.start, free, (s.start, seg.limit or s.end),
                              s.index, s.paragraph)
    anaphor = places.date_anaphor(ctx, seg.start, seg.end)
    prev = next((p for p in reversed(before) if p.date), None) if anaphor else None  # only then: not per draft
    if anaphor and prev:
        d.date = _truncate(prev.date[0], anaphor), anaphor
        d.date_in_sentence = True
    else:
        d.date, d.date_in_sentence = places.date(ctx, (seg.start, seg.end), main.start, free, s.index)
    d.date_in_segment = bool(ctx.in_span("date", seg.start, seg.end))
    r = actors.roles(ctx, seg.start, seg.end, s.start, s.end, [(f.start, f.end) for f in figs],
                        [(seg.start, seg.end), *free])
    if r.actor1 is None and d.definite:  # "الضربات"، "القصف": the strikes told before
        prev_same = next((p for p in reversed(before)
                          if p.event_type == d.event_type and p.actor1 and compatible(p, d)), None)
        if prev_same:
            r.actor1, r.responsibility = prev_same.actor1, r.responsibility or prev_same.responsibility
    d.actor1, d.actor2, d.responsibility = r.actor1, r.actor2, r.responsibility
    if d.responsibility is None and r.speaker and d.actor1 and r.speaker.name == d.actor1.name:
        d.responsibility = "claimed"  # "أعلنت قوات البيشمركة أنها قتلت ...": its own report
    d.actor2_targeted = r.actor2_named_as_target
    d.victim_class = next((f.victim_class for f in figs if f.victim_class), None) or _victim_noun(ctx, seg)
    _resolve_type(ctx, seg, d, row["variant"])
    d.security = any(True for _ in ctx.find(lexicon.security_context(), s.start, s.end)) or any(
        a.type == "group" for a in filter(None, (actors.actor_of(m) for m in ctx.in_span("actor", s.start, s.end))))
    if d.sub_event_type == "Arrests" and d.actor1 and not actors.is_state(d.actor1):
        d.actor1, d.actor2 = None, d.actor1  # the arrested side was read as the doer
    if row["variant"] == "surrender" and d.actor2 and (d.actor1 is None or actors.is_state(d.actor1)):
        d.actor1, d.actor2 = d.actor2, d.actor1  # the side that surrenders is the actor
    d.evidence = [evidence(ctx, s.start, s.end, main.start)]
    return d


def coordinated(ctx: Context, seg: Segment) -> bool:
    """Does the segment open with "و" + its trigger noun (وتفجير، وهجوما)?"""
    first = ctx.tokens_in(seg.start, seg.end)[:1]
    main = seg.main
    return bool(first) and first[0].start == main.start and first[0].norm.startswith("و") \
        and not main.phrase.phrase.startswith("~")


def _definite(ctx: Context, trig) -> bool:
    """"التفجير"، "وبالهجوم": a definite trigger refers back to an incident."""
    tok = ctx.normalized.text[slice(*ctx.norm_range(trig.start, trig.end))]
    return tok.startswith(("ال", "وال", "بال", "فال", "لل", "وبال"))


def _another(ctx: Context, trig) -> bool:
    """"وهجوما آخر": the text itself says this is another incident."""
    i = ctx.token_index(trig.end)
    return any(w in ("اخر", "اخري", "ثان", "ثاني", "ثانيا") for w in ctx.words[i:i + 2])


def _pluperfect(ctx: Context, seg: Segment, trig) -> bool:
    """"وكان انتحاري قد فجر نفسه": كان (a cue of kind `past`), then قد (kind
    `already`) at most `_ALREADY_GAP` words before a trigger of the segment
    and at most `_PAST_GAP` words after كان, in that trigger's clause: the
    Arabic pluperfect, which tells what had happened before the news."""
    clause = next((c for c in seg.sentence.clauses if c.start <= trig.start < c.end), None)
    if clause is None:
        return False
    t = ctx.token_index(trig.start)
    cues = [(ctx.token_index(s), cue.row["kind"])
            for s, _e, cue in ctx.find(lexicon.nonevent_cues(), clause.start, trig.start)]
    already = [i for i, kind in cues if kind == "already" and t - i <= _ALREADY_GAP]
    return bool(already) and any(kind == "past" and 0 < already[-1] - i <= _PAST_GAP for i, kind in cues)


def _tolls(ctx: Context, seg: Segment, figs: list[Figure]) -> tuple[list[Count], list[Count]]:
    """Deaths and injuries reported by one segment. Figures in a clause
    opened by "while/whereas/also" (بينما، فيما، كما) count other victims
    and add up; otherwise a second figure is another report of the same toll."""
    out: dict[str, list[Count]] = {"death": [], "injury": []}
    last_clause: dict[str, int] = {}
    for f in figs:
        clause = next((c for c in seg.sentence.clauses if c.start <= f.start < c.end), None)
        cstart = clause.start if clause else f.start
        counts = out[f.kind]
        adds = (counts and last_clause.get(f.kind) != cstart
                and _CONTRAST.match(ctx.normalized.text[slice(*ctx.norm_range(cstart, f.start))]))
        if adds:
            c = counts[-1]
            counts[-1] = Count(c.value + f.low, c.qualifier, c.vague or f.vague)
        else:
            counts.append(Count(f.low, f.qualifier, f.vague))
        last_clause[f.kind] = cstart
    return out["death"], out["injury"]


def _truncate(iso: str, precision: int) -> str:
    if precision == 3:
        return iso[:8] + "01"
    if precision == 4:
        return iso[:5] + "01-01"
    return iso


def _victim_noun(ctx: Context, seg: Segment) -> str | None:
    """Class of the victims named as the object of an attack with no toll
    ("استهدف مسجدا"، "هجوم على مصلين")."""
    toks = ctx.tokens_in(seg.start, seg.end)
    for i, t in enumerate(toks):
        if t.norm in lexicon.words().target_cues or t.norm.startswith(("استهدف", "واستهدف")):
            for nxt in toks[i + 1:i + 3]:
                v = lexicon.victim_of(nxt.norm)
                if v and v[1] != "-":
                    return v[1]
    return None


def _resolve_type(ctx: Context, seg: Segment, d: Draft, variant: str) -> None:
    if variant == "target":
        if d.victim_class:  # the victims' own noun says who was hit
            armed_target = d.victim_class in ("military", "police", "armed")
        else:
            armed_target = actors.is_armed(d.actor2)
        if armed_target:
            d.event_type, d.sub_event_type = "Battles", "Armed clash"
    elif variant == "air":
        airborne = any(True for _ in ctx.find(lexicon.air_cues(), seg.start, seg.end)) or \
            bool(d.actor1 and d.actor1.type == "coalition")
        if airborne:
            d.sub_event_type = "Air/drone strike"
    if d.sub_event_type == "Non-state actor overtakes territory" and actors.is_state(d.actor1):
        d.sub_event_type = "Government regains territory"
    elif d.sub_event_type == "Government regains territory" and d.actor1 and not actors.is_state(d.actor1):
        d.sub_event_type = "Non-state actor overtakes territory"


def evidence(ctx: Context, start: int, end: int, anchor: int) -> Span:
    if end - start > _EVIDENCE_MAX:  # a run-on sentence: keep the part around the trigger
        start = max(start, min(anchor - _EVIDENCE_MAX // 2, end - _EVIDENCE_MAX))
        end = min(end, start + _EVIDENCE_MAX)
    return Span(start, end, ctx.text[start:end])
