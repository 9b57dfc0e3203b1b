"""From a document to its events: drafts per segment, merge, then events.

The defaults follow ACLED and the contract: an unnamed perpetrator is
"Unidentified Armed Group" (responsibility unknown); a named one without any
cue is "attributed" (the report attributes it); victims named only by a noun
become `Civilians (<country>)` or the country's police or military.
"""
from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING

from marsad.events import actors, drafting, lexicon
from marsad.events.actors import Actor
from marsad.events.casualties import figures
from marsad.events.context import Context
from marsad.events.draft import Count, Draft, conservative
from marsad.events.merge import absorb, compatible, dates_ok, merge, places_ok
from marsad.events.triggers import segments
from marsad.kb import load as load_kb
from marsad.mentions import document_mentions, find_mentions
from marsad.model import Document, Event, date_period, iso_day
from marsad.text import TextLayer, layer_of

if TYPE_CHECKING:
    from marsad.decide import Decider

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_UNIDENTIFIED = "Unidentified Armed Group"
_HISTORY_DAYS = 3 * 366
_STALE_DAYS = 30  # a month: older untolled incidents are background (see _news)
_TWIN_TOLL = 2  # one incident told twice in an article: a shared toll of at least this (see _same_toll)
_TWIN_TOLL_ANYWHERE = 10  # ... and of at least this even at places that do not match
_VICTIM_FORCES = {"civilians": "Civilians ({country})", "police": "Police Forces of {country}",
                  "military": "Military Forces of {country}"}


def extract_events(doc: Document, decider: "Decider | None" = None) -> list[Event]:
    """Events the document reports (uses `doc.mentions` when already found).

    The rules find and merge the mentions of incidents and propose each
    field; `decider` makes the choices (`marsad.decide`: by default the
    shipped models, `RulesDecider()` for the rules' own)."""
    if not doc.text.strip():
        return []
    if decider is None:
        from marsad.decide import shipped  # the decisions sit on top of the rules' candidates
        decider = shipped()
    mentions = doc.mentions or document_mentions(doc)
    ctx = Context.build(layer_of(doc), published_date(doc), mentions)
    drafts: list[Draft] = []
    for sentence in ctx.sentences:
        segs = segments(ctx, sentence)
        for i, seg in enumerate(segs):
            d = drafting.draft(ctx, seg, drafting.free_ranges(sentence, segs, seg), drafts)
            if i and d.actor1 is None and drafting.coordinated(ctx, seg):
                # "نسب الجيش إلى الجماعة هجوما على ...، وتفجير جسر ...": one verb, two objects
                d.actor1, d.responsibility = drafts[-1].actor1, drafts[-1].responsibility
            drafts.append(d)
        if not segs and drafts:
            _more_figures(ctx, sentence, drafts[-1])
    placed = merge([d for d in drafts if d.place is not None])
    for d in drafts:
        if d.place is None:
            _attach_placeless(placed, d)
    title = functools.cache(lambda: _title_roles(doc))

    def to_event(d: Draft) -> Event:
        needs_title = bool(doc.title) and d.actor1 is None and d.event_type in _VIOLENT
        return _event(ctx, d, title() if needs_title else None)  # the title is read only when needed

    flags = [{"keep": _keep(d), "news": _news(d, ctx.published), "not_illustration": not _illustration(ctx, d)}
             for d in placed]
    events = _without_echoes(ctx, decider.detect(ctx, placed, flags, to_event))
    _attach_claims(ctx, events)
    return [decider.fields(ctx, d, to_event(d)) for d in events]


def published_date(doc: Document) -> date | None:
    """The publication date relative dates resolve against (None if absent or malformed)."""
    return iso_day(doc.published)


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
        last.evidence.append(drafting.evidence(ctx, sentence.start, sentence.end, figs[0].start))
        last.sentences.add(sentence.index)


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


def _news(d: Draft, published: date | None) -> bool:
    """Is this incident news rather than background (FORMAT.md: undated
    background history is not core)?
    - no date, no toll, no named armed doer and not the lead (a news lead
      without a date word tells today's news): a passing mention ("حيث خطف
      عدد كبير من الغربيين"، "باتت ساحة معارك"), an analysis or a condemnation
      retold without the incident's when (7 of 8 undated events of a
      random SaudiNewsNet sample were not incidents);
    - dated more than `_HISTORY_DAYS` before publication: history (the
      1967 and 1973 wars in an article on the canal cities), not news. The
      oldest core gold event is 2.2 years older than its article (an
      earlier bombing retold with its year), hence 3 years;
    - dated more than `_STALE_DAYS` before publication without a toll,
      outside the lead (a lead's wrongly inherited date stays news):
      background (a town taken "in April 2014", "a church burnt last June",
      a Molotov attack "eight months ago"), unless a named armed doer
      carried out a bombing or an attack: the seeds' group profiles retell
      such attacks as the group's record ("a suicide bombing at a mosque in
      Peshawar in 2022", core gold), while retold battles and territory are
      the campaigns an analysis sums up (SaudiNewsNet tuning sample, seed
      606)."""
    if d.date is None:
        return d.has_figure or _armed_doer(d) or 0 in d.sentences
    if published is None:
        return True
    age = (published - date.fromisoformat(d.date[0])).days
    if _stale(d, published) and 0 not in d.sentences and not d.has_figure \
            and not (_armed_doer(d) and d.event_type != "Battles"):
        return False
    return age <= _HISTORY_DAYS


def _stale(d: Draft, published: date) -> bool:
    """Did the whole period of the date ("end of July": up to the 31st) end
    more than `_STALE_DAYS` before publication?"""
    return (published - date_period(date.fromisoformat(d.date[0]), d.date[1])[1]).days > _STALE_DAYS


def _illustration(ctx: Context, d: Draft) -> bool:
    """An untolled incident without a date of its own, outside the lead, told
    in an analysis's or a testimony's narrative voice ("يقول"، "ويضيف:",
    present tense) illustrates an argument; it is not reported as news
    (SaudiNewsNet tuning sample, seed 707: a defector's account of battles)."""
    return not d.has_figure and not d.date_in_sentence and 0 not in d.sentences and _cued(ctx, d, "feature")


def _without_echoes(ctx: Context, events: list[Draft]) -> list[Draft]:
    """Incidents told again, dropped or folded into the first telling:
    - a later reaction that only refers back ("X condemned the bombing": a
      reaction cue, a definite trigger noun, no toll, no date of its own,
      outside the lead) adds nothing but a place the merge could not
      reconcile (a condolence's city, a province read from a title); when the
      article already has an incident of that event type in that country, it
      is that incident (SaudiNewsNet tuning sample, seed 606: the Abha
      bombing placed again in Al Bahah, a Turkish strike again as shelling in
      the Kurdistan Region);
    - two incidents of one type read from the same sentences at the same
      place (or the second only at the country) and date, at most one with
      a toll, are one (two clauses telling one barrage);
    - two violent incidents in one country with the same precise death toll
      (see `_same_toll`) are one, told twice with two kinds or places;
    - two incidents of one sub-type at one place on one day are one event,
      as ACLED codes them (`_same_day_site`), even when the text tells two
      shells or two raids;
    - a footer that repeats the headline ("رابط الخبر") is not an incident of
      its own when the article tells others;
    - an incident told only in the pluperfect ("وكان ... قد", `Draft.retold`)
      outside the lead is the background of the article's news when the
      article tells some incident as news (issue #4, tuning samples seeds
      909 and 1010: the day before's truck bomb retold in a story of a new
      blast); alone, it is the article's incident and stays."""
    out: list[Draft] = []
    for d in events:
        echo = d.definite and d.noun and not d.has_figure and not d.date_in_sentence and 0 not in d.sentences
        if echo and _cued(ctx, d, "reaction") and any(p.event_type == d.event_type and p.country == d.country
                                                       for p in out):
            continue
        twin = next((p for p in out if d.sentences <= p.sentences and p.event_type == d.event_type
                     and p.date == d.date and not (p.has_figure and d.has_figure) and _within(d, p)), None) \
            or next((p for p in out if _same_toll(p, d) or _same_day_site(p, d) or _same_day_country(p, d)), None)
        if twin is not None:  # one incident told twice ("قصفت ... بينما تعرضت ... لقصف"; one toll; one site and day)
            absorb(twin, d)
            continue
        out.append(d)
    if len(out) > 1:  # the footer repeats the headline of an incident the article tells
        out = [d for d in out if not _cued(ctx, d, "footer")] or out[:1]
    if any(not d.retold for d in out):  # the pluperfect tells the background of the news
        out = [d for d in out if not d.retold or 0 in d.sentences]
    return out


def _same_toll(p: Draft, d: Draft) -> bool:
    """Do `p` and `d` give one incident's toll twice? Both violent, in one
    country, on overlapping dates, with a precise death figure in common of
    at least `_TWIN_TOLL`, and at compatible places unless the figure is
    `_TWIN_TOLL_ANYWHERE` or more (issue #4, tuning sample seed 909: 43 dead
    told as an air strike on Aden, then as shelling of Dar Saad, one of its
    districts). Small tolls repeat across incidents of one article (one
    policeman here, one soldier there), so they are not enough."""
    if p.event_type not in _VIOLENT or d.event_type not in _VIOLENT or p.country != d.country:
        return False
    shared = {c.value for c in p.deaths if not c.vague} & {c.value for c in d.deaths if not c.vague}
    top = max(shared, default=0)
    return top >= _TWIN_TOLL and dates_ok(p, d) and (top >= _TWIN_TOLL_ANYWHERE or places_ok(p, d))


def _same_day_site(p: Draft, d: Draft) -> bool:
    """Same sub-event type, same named place, same day: ACLED's unit of an
    event is the type, place and day, so the raids of one front on one
    evening are one event (issue #4, tuning sample seed 909: a tank
    destroyed by "one of the raids" in Marib, read apart from the raids on
    Marib that evening; one of five shells told apart from the barrage).
    Not for a place given as "near X": it stands for unnamed villages, which
    are sites of their own (snn_dev gold: two villages near Mosul)."""
    return p.sub_event_type == d.sub_event_type and p.date is not None and p.date == d.date \
        and p.date[1] == 1 and p.place.mention.value.get("name") == d.place.mention.value.get("name") \
        and not (p.place.near or d.place.near)


def _same_day_country(p: Draft, d: Draft) -> bool:
    """One violent incident placed only at the country and another in that
    country on the same day, at most one with a toll, are one incident told
    twice: the headline's "an attack in eastern Turkey" and the body's
    storming of a post in Agri (issue #4, seed 808)."""
    if p.event_type not in _VIOLENT or d.event_type not in _VIOLENT or p.country != d.country:
        return False
    if (p.place.geo_precision >= 4) == (d.place.geo_precision >= 4) or (p.has_figure and d.has_figure):
        return False
    return p.date is not None and p.date == d.date and p.date[1] == 1


def _within(d: Draft, p: Draft) -> bool:
    """Is `d` placed where `p` is, or only in `p`'s country?"""
    dv, pv = d.place.mention.value, p.place.mention.value
    return dv.get("name") == pv.get("name") or (d.place.geo_precision >= 4 and d.country == p.country)


def _cued(ctx: Context, d: Draft, kind: str) -> bool:
    """Is every sentence of the mention one with a cue of `kind` (a reaction:
    condemned, deplored, condolences; a footer)?"""
    return all(any(cue.row["kind"] == kind for _s, _e, cue in
                   ctx.find(lexicon.nonevent_cues(), ctx.sentences[i].start, ctx.sentences[i].end))
               for i in d.sentences)


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
    title = TextLayer.of(doc.title or "")
    ctx = Context.build(title, None, find_mentions(title))
    r = actors.roles(ctx, 0, len(title.text), 0, len(title.text), [])
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
        actor2 = Actor(country.compose(_VICTIM_FORCES[d.victim_class]), None, 0, 0)
    name1 = actor1.name if actor1 else _default_actor1(d, country)
    if name1 == _UNIDENTIFIED or actor1 is None:
        responsibility = "unknown" if actor1 is None else responsibility
    elif responsibility is None:
        responsibility = "attributed"
    name1 = actors.branch(ctx, name1, code)
    name2 = actors.branch(ctx, actor2.name, code) if actor2 else None
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
        return country.compose("Police Forces of {country}")
    if d.event_type == "Protests" and country:
        return f"Protesters ({country.name_en})"
    return None
