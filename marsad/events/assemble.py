"""From a document to its events: drafts per segment, merge, then events.

The defaults follow ACLED and the contract: an unnamed perpetrator is
"Unidentified Armed Group" (responsibility unknown); a named one without any
cue is "attributed" (the report attributes it); victims named only by a noun
become `Civilians (<country>)` or the country's police or military.
"""
from __future__ import annotations

import re
from datetime import date

from marsad.arabic.dates import find_dates
from marsad.arabic.numbers import find_numbers
from marsad.events import actors, lexicon, places
from marsad.events.actors import Actor
from marsad.events.casualties import Figure, figures
from marsad.events.context import Context
from marsad.events.draft import Count, Draft, conservative
from marsad.events.merge import absorb, compatible, merge
from marsad.events.triggers import Segment, segments
from marsad.kb import load as load_kb
from marsad.mentions import find_mentions
from marsad.model import Document, Event, Mention, Span

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_UNIDENTIFIED = "Unidentified Armed Group"
_KHORASAN = "Islamic State Khorasan Province"
_KHORASAN_COUNTRIES = frozenset({"AF", "PK"})
_CONTRAST = re.compile(r"^\W*(?:و?(?:بينما|فيما|في حين|كما))\b")
_VICTIM_FORCES = {"civilians": "Civilians ({})", "police": "Police Forces of {}",
                  "military": "Military Forces of {}"}
_EVIDENCE_MAX = 400


def document_mentions(doc: Document) -> list[Mention]:
    """Names, figures and dates of the clean text: what events are built from."""
    published = _published(doc)
    return find_mentions(doc.text) + find_numbers(doc.text) + find_dates(doc.text, published)


def extract_events(doc: Document) -> list[Event]:
    """Events the document reports (uses `doc.mentions` when already found)."""
    if not doc.text.strip():
        return []
    mentions = doc.mentions or document_mentions(doc)
    ctx = Context.build(doc.text, _published(doc), mentions)
    drafts: list[Draft] = []
    for sentence in ctx.sentences:
        segs = segments(ctx, sentence)
        for i, seg in enumerate(segs):
            d = _draft(ctx, seg, _free(sentence, segs, seg), drafts)
            if i and d.actor1 is None and _coordinated(ctx, seg):
                # "اتهم التنظيم بالوقوف وراء تفجيرات ...، وتفجير مسجد ...": one verb, two objects
                d.actor1, d.responsibility = drafts[-1].actor1, drafts[-1].responsibility
            drafts.append(d)
        if not segs and drafts:
            _more_figures(ctx, sentence, drafts[-1])
    placed = merge([d for d in drafts if d.place is not None])
    for d in drafts:
        if d.place is None:
            _attach_placeless(placed, d)
    events = [d for d in placed if _keep(d)]
    _attach_claims(ctx, events)
    needs_title = doc.title and any(d.actor1 is None and d.event_type in _VIOLENT for d in events)
    title_roles = _title_roles(doc) if needs_title else None
    return [_event(ctx, d, title_roles) for d in events]


def _published(doc: Document) -> date | None:
    try:
        return date.fromisoformat(doc.published[:10]) if doc.published else None
    except ValueError:
        return None


def _free(sentence, segs: list[Segment], seg: Segment) -> list[tuple[int, int]]:
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


def _draft(ctx: Context, seg: Segment, free: list[tuple[int, int]], before: list[Draft]) -> Draft:
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
    d.place = places.place(ctx, (seg.start, seg.end), main.start, free, (s.start, seg.limit or s.end),
                              s.index, s.paragraph)
    anaphor = places.date_anaphor(ctx, seg.start, seg.end)
    prev = next((p for p in reversed(before) if p.date), None)
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
    d.evidence = [_evidence(ctx, s.start, s.end, main.start)]
    return d


def _coordinated(ctx: Context, seg: Segment) -> bool:
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
    return any(t.norm in ("اخر", "اخري", "ثان", "ثاني", "ثانيا") for t in ctx.tokens[i:i + 2])


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


def _more_figures(ctx: Context, sentence, last: Draft) -> None:
    """"لكن الجيش أعلن مقتل جنديين وإصابة 4": a sentence with a toll and no
    trigger, right after an incident in the same paragraph, reports that
    incident's toll again (another source, another figure)."""
    if ctx.sentences[sentence.index - 1].index not in last.sentences or \
            ctx.sentences[sentence.index - 1].paragraph != sentence.paragraph:
        return
    if any(row.row["kind"] in ("statistic", "campaign", "aggregate")
           for _s, _e, row in ctx.find(lexicon.nonevent_cues(), sentence.start, sentence.end)):
        return
    figs = figures(ctx, sentence.start, sentence.end)
    for f in figs:
        (last.deaths if f.kind == "death" else last.injuries).append(Count(f.low, f.qualifier, f.vague))
    if figs:
        last.evidence.append(_evidence(ctx, sentence.start, sentence.end, figs[0].start))
        last.sentences.add(sentence.index)


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
        if t.norm in actors.TARGET_CUES or t.norm.startswith(("استهدف", "واستهدف")):
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


def _evidence(ctx: Context, start: int, end: int, anchor: int) -> Span:
    if end - start > _EVIDENCE_MAX:  # a run-on sentence: keep the part around the trigger
        start = max(start, min(anchor - _EVIDENCE_MAX // 2, end - _EVIDENCE_MAX))
        end = min(end, start + _EVIDENCE_MAX)
    return Span(start, end, ctx.text[start:end])


def _attach_placeless(placed: list[Draft], d: Draft) -> None:
    """A definite mention with no place of its own ("the attack killed ...")
    adds its evidence and figures to the one compatible placed incident."""
    if not d.definite:
        return
    matches = [p for p in placed if compatible(p, d) and p.sub_event_type == d.sub_event_type]
    if len(matches) == 1:
        absorb(matches[0], d)


def _keep(d: Draft) -> bool:
    """Keep an incident with a place that is specific enough to be coded:
    - a country-only place needs a date or a toll (else it is talk about
      violence in general: "التكفير والتفجير"، "المواجهات على الحدود");
    - a weak trigger (هجوم، مقتل، سيطرة) needs a toll, or a date with a named
      armed doer or a victim ("هاجم الرئيس منتقديه أمس" and "سيطر الدفاع
      المدني على الحريق" are not violence);
    - a plural (غارات، هجمات) with neither is a generic mention;
    - arrests need a place below the country or an armed group arrested
      and a political-violence context in the sentence (ACLED codes arrests
      tied to political violence, not every arrest: events_security_context.tsv)."""
    if d.place is None:
        return False
    country_only = d.place.geo_precision >= 4
    if country_only and d.date is None and not d.has_figure:
        return False
    if d.plural and not d.has_figure and not d.date_in_segment:
        return False
    if not d.strong and not d.has_figure and not (d.date_in_sentence and (_armed_doer(d) or d.victim_class)):
        return False
    if d.event_type == "Battles" and "territory" in d.sub_event_type and country_only:
        return False  # taking or losing ground names the ground ("احتلت الصفحات الأولى" does not)
    if d.sub_event_type == "Arrests" and (country_only or not d.security):
        return d.actor2 is not None and d.actor2.type == "group"
    return True


def _armed_doer(d: Draft) -> bool:
    return d.actor1 is not None and actors.is_armed(d.actor1)


def _attach_claims(ctx: Context, events: list[Draft]) -> None:
    """"تبنى تنظيم داعش هذه العملية" in a sentence of its own claims the
    incident the article reports (its first unclaimed violent event)."""
    orphans = [d for d in events if d.event_type in _VIOLENT and d.actor1 is None]
    if not orphans:
        return
    for s in ctx.sentences:
        for _cs, _ce, cue in ctx.find(lexicon.responsibility_cues(), s.start, s.end):
            if cue.row["class"] != "claimed" or cue.row["actor_side"] == "speaker":
                continue
            r = actors.roles(ctx, s.start, s.end, s.start, s.end, [])
            if r.actor1 and r.responsibility == "claimed" and r.actor1.type == "group":
                orphans[0].actor1, orphans[0].responsibility = r.actor1, "claimed"
                return


def _title_roles(doc: Document) -> actors.Roles | None:
    title = doc.title or ""
    ctx = Context.build(title, None, find_mentions(title))
    r = actors.roles(ctx, 0, len(title), 0, len(title), [])
    return r if r.actor1 and r.responsibility else None


def _event(ctx: Context, d: Draft, title_roles) -> Event:
    kb = load_kb()
    pv = d.place.mention.value
    code = str(pv.get("country_code") or "").upper() or None
    country = kb.countries.get(code) if code else None
    actor1, responsibility = d.actor1, d.responsibility
    if actor1 is None and title_roles and d.event_type in _VIOLENT:
        actor1, responsibility = title_roles.actor1, title_roles.responsibility
    actor2 = d.actor2 if d.actor2_targeted or not d.victim_class else None
    if actor2 is None and d.victim_class in _VICTIM_FORCES and country and d.event_type in _VIOLENT:
        actor2 = Actor(_VICTIM_FORCES[d.victim_class].format(country.name_en), None, 0, 0)
    name1 = actor1.name if actor1 else _default_actor1(d, country)
    if name1 == _UNIDENTIFIED or actor1 is None:
        responsibility = "unknown" if actor1 is None else responsibility
    elif responsibility is None:
        responsibility = "attributed"
    name1 = _branch(ctx, name1, code)
    name2 = _branch(ctx, actor2.name, code) if actor2 else None
    fatalities, high = conservative(d.deaths)
    injuries, _ = conservative(d.injuries)
    if fatalities is None and d.fatalities_default is not None:
        fatalities = high = d.fatalities_default
    level = _admin_level(pv)
    return Event(
        event_type=d.event_type, sub_event_type=d.sub_event_type,
        event_date=d.date[0] if d.date else None, time_precision=d.date[1] if d.date else None,
        actor1=name1, actor2=name2 if name2 != name1 else None,
        responsibility=responsibility or "unknown",
        country_code=code, admin1=pv.get("admin1") or (pv.get("name") if level == 3 else None),
        location=pv.get("capital") or pv.get("name"), latitude=pv.get("lat"), longitude=pv.get("lon"),
        geo_precision=d.place.geo_precision,
        fatalities=fatalities, fatalities_high=high, injuries=injuries,
        evidence=sorted(d.evidence, key=lambda s: s.start),
    )


def _admin_level(pv: dict) -> int:
    return {"country": 4, "admin1": 3}.get(str(pv.get("kind", "")).lower(), 1)


def _default_actor1(d: Draft, country) -> str | None:
    if d.event_type in _VIOLENT:
        return _UNIDENTIFIED
    if d.sub_event_type == "Arrests" and country:
        return f"Police Forces of {country.name_en}"
    if d.event_type == "Protests" and country:
        return f"Protesters ({country.name_en})"
    return None


def _branch(ctx: Context, name: str | None, code: str | None) -> str | None:
    """EVENTS.md: Islamic State in Afghanistan or Pakistan is the Khorasan
    Province when the text ties it to that branch (names it anywhere)."""
    if name != "Islamic State" or code not in _KHORASAN_COUNTRIES:
        return name
    for m in ctx.mentions.get("actor", ()):
        a = actors.actor_of(m)
        if a and a.name == _KHORASAN:
            return _KHORASAN
    return name
