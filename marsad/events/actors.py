"""Who did it to whom, and who says so.

The side named as the doer (right after the trigger, the subject before it,
"by X", "X claimed") is actor1; a side named after a casualty figure, as the
object of an attack or as an owner ("مقتل 11 من عناصر داعش"، "على معسكرات حزب
العمال"، "مواقع لداعش") is actor2. Anaphors such as التنظيم and الجماعة stand for
the group the text has named most. Responsibility cues (responsibility.tsv)
give the class and may name actor1 themselves.
"""
from __future__ import annotations

from dataclasses import dataclass

from marsad.events import lexicon
from marsad.events.casualties import figures
from marsad.events.context import Context
from marsad.events.places import prefixed
from marsad.kb import load as load_kb
from marsad.model import Mention

_CUE_WINDOW = 20  # tokens after "نسبت السلطات الهجوم الذي ... إلى" where the named side may come
_STATE_TYPES = frozenset({"state_military", "state_police", "government"})
_ARMED_TYPES = frozenset({"group", "state_military", "state_police", "coalition"})
_NON_ACTING = frozenset({"government", "international", "civilians", "protesters"})


@dataclass
class Actor:
    name: str
    type: str | None
    start: int
    end: int


def actor_of(m: Mention) -> Actor | None:
    v = m.value
    name = v.get("name") or v.get("canonical") or v.get("actor")
    if not name:
        return None
    typ = v.get("type")
    if typ is None:
        info = load_kb().actor(name)
        typ = info.type if info else None
    return Actor(name, typ, m.start, m.end)


def is_state(a: Actor | None) -> bool:
    return bool(a) and (a.type in _STATE_TYPES or a.name.startswith(("Military Forces", "Police Forces",
                                                                          "Government of")))


def is_armed(a: Actor | None) -> bool:
    return bool(a) and (a.type in _ARMED_TYPES or is_state(a)) and not a.name.startswith("Government")


@dataclass
class Roles:
    actor1: Actor | None = None
    actor2: Actor | None = None
    responsibility: str | None = None  # set only by a cue
    speaker: Actor | None = None
    actor2_named_as_target: bool = False  # after a toll, "على/ضد", or "مع/بين"


def roles(ctx: Context, seg_start: int, seg_end: int, sentence_start: int, sentence_end: int,
          figure_ends: list[tuple[int, int]], scope: list[tuple[int, int]] | None = None) -> Roles:
    """actor1/actor2 of a segment. `figure_ends` are the (start, end) spans of
    its casualty figures: a side named right after one is a victim. `scope`
    is the segment then the parts of the sentence no other event claims: a
    doer named before the segment and the claims are looked for there only."""
    scope = scope or [(seg_start, seg_end), (sentence_start, seg_start), (seg_end, sentence_end)]
    r = Roles()
    seg_actors = _candidates(ctx, seg_start, seg_end)
    victims = [a for a in seg_actors if _victim(ctx, a, figure_ends)]
    partners = [a for a in seg_actors if a not in victims and _partner(ctx, a)]
    for prev, a in zip(seg_actors, seg_actors[1:]):  # "بين X وY": Y is the other side
        if prev in partners and a not in partners and _joined(ctx, prev, a):
            partners.append(a)
    doers = [a for a in seg_actors if a not in victims and a not in partners and _can_act(a)]
    # "قصف قوات التحالف ..."، "قصفت تركيا": the side right after the trigger does it
    doers.sort(key=lambda a: not _right_after_trigger(ctx, a, seg_start, seg_end))
    if not doers:  # the doer named earlier in the sentence, not a victim of any toll in it
        all_figures = [(f.start, f.end) for f in figures(ctx, sentence_start, sentence_end)]
        earlier = [a for start, end in scope[1:] if end <= seg_start for a in _candidates(ctx, start, end)]
        doers = [a for a in earlier
                 if not _victim(ctx, a, all_figures) and not _partner(ctx, a) and _can_act(a)][-1:]
    if not doers:  # "بين قوات الأمن و..." / "جندي قتل في صدام مع متطرفي داعش"
        doers = partners[:1]
    if not doers and len({v.name for v in victims}) >= 2:
        # both sides named only by their losses: reports lead with the enemy's
        doers = victims[-1:]
    r.actor1 = doers[0] if doers else _country_agent(ctx, seg_start, seg_end)
    rest = [a for a in victims + partners + doers[1:] if not r.actor1 or a.name != r.actor1.name]
    r.actor2 = rest[0] if rest else None
    r.actor2_named_as_target = bool(rest) and rest[0] in victims + partners
    for start, end in scope:
        _responsibility(ctx, r, start, end)
    return r


def _right_after_trigger(ctx: Context, a: Actor, start: int, end: int) -> bool:
    return any(te <= a.start and not ctx.tokens_in(te, a.start)
               for _ts, te, _r in ctx.find(lexicon.triggers(), start, end))


def _can_act(a: Actor) -> bool:
    """Governments, international bodies and civilians condemn, announce and
    suffer; they are not the doers of violence in ACLED's coding."""
    return a.type not in _NON_ACTING


def _actors(ctx: Context, start: int, end: int) -> list[Actor]:
    out = []
    for m in ctx.in_span("actor", start, end):
        a = actor_of(m)
        if a and not a.name.startswith(("Civilians", "Protesters")):
            out.append(a)
    return out


def _candidates(ctx: Context, start: int, end: int) -> list[Actor]:
    """Actors named in the span and anaphors (التنظيم) standing for one, in
    text order."""
    out = _actors(ctx, start, end)
    for t in ctx.tokens_in(start, end):
        if any(a.start <= t.start < a.end for a in out):
            continue
        anaphors = lexicon.words().anaphors
        kind = next((anaphors[s] for s in (t.norm, t.norm[1:], t.norm[2:]) if s in anaphors), None)
        if kind:
            g = salient_group(ctx, t.start, kind)
            if g:
                out.append(Actor(g.name, g.type, t.start, t.end))
    return sorted(out, key=lambda a: a.start)


def _victim(ctx: Context, a: Actor, figure_ends: list[tuple[int, int]]) -> bool:
    """Named right after a toll ("مقتل 11 من عناصر داعش"), around it ("جنديا
    تركيا قتل"), as the object of an attack ("على معسكرات حزب العمال"), or
    as an owner (لداعش، لتنظيم: "مواقع لداعش" are its positions)."""
    for fs, fe in figure_ends:
        if a.start < fe and fs < a.end:
            return True
        if fe <= a.start and len(ctx.tokens_in(fe, a.start)) <= 3:
            return True
    i = ctx.token_index(a.start)
    words = ctx.words
    if i < len(words) and words[i].startswith("ل") and not words[i].startswith(("لدي", "لواء")) \
            and not (i and words[i - 1] in lexicon.words().belonging):  # "قوة تابعة لقوات البيشمركة"
        return True
    return any(t in lexicon.words().target_heads for t in _prev_tokens(ctx, a.start, 3))


def _partner(ctx: Context, a: Actor) -> bool:
    return any(t in lexicon.words().partner_heads for t in _prev_tokens(ctx, a.start, 2))


def _joined(ctx: Context, a: Actor, b: Actor) -> bool:
    """Is `b` written right after `a` as "... و b"?"""
    gap = ctx.tokens_in(a.end, b.start)
    i = ctx.token_index(b.start)
    return not gap and i < len(ctx.words) and ctx.words[i].startswith("و")


def _prev_tokens(ctx: Context, offset: int, n: int) -> list[str]:
    i = ctx.token_index(offset)
    return ctx.words[max(0, i - n):i]


def salient_group(ctx: Context, before: int, kind: str = "group") -> Actor | None:
    """The actor of type `kind` named most often before `before` (ties: latest)."""
    counts: dict[str, list] = {}
    for m in ctx.mentions.get("actor", ()):
        if m.start >= before:
            break
        a = actor_of(m)
        if a and a.type == kind:
            c = counts.setdefault(a.name, [0, 0, a])
            c[0] += 1
            c[1] = m.start
    if not counts:
        return None
    return max(counts.values(), key=lambda c: (c[0], c[1]))[2]


def _country_agent(ctx: Context, start: int, end: int) -> Actor | None:
    """"قصفت تركيا ...": a country named right after the attack verb, with no
    preposition, is the doer and stands for its military."""
    kb = load_kb()
    triggers = list(ctx.find(lexicon.triggers(), start, end))
    for m in ctx.in_span("place", start, end):
        if str(m.value.get("kind", "")).lower() != "country" or prefixed(ctx, m):
            continue
        if not any(te <= m.start and len(ctx.tokens_in(te, m.start)) == 0 for _ts, te, _r in triggers):
            continue
        country = kb.countries.get(str(m.value.get("country_code") or "").upper())
        if country:
            return Actor(country.compose("Military Forces of {country}"), "state_military", m.start, m.end)
    return None


_CLASS_RANK = {"claimed": 4, "denied": 3, "suspected": 2, "attributed": 1}


def _responsibility(ctx: Context, r: Roles, start: int, end: int) -> None:
    """The strongest cue in the sentence gives the class (claimed > denied >
    suspected > attributed); the strongest cue that names a side gives actor1
    ("يعتقد أنه يقف خلف": suspected, and the side is the one يقف خلف names)."""
    best_class: tuple[int, str] | None = None
    best_actor: tuple[int, Actor] | None = None
    for cs, ce, cue in ctx.find(lexicon.responsibility_cues(), start, end):
        cls, side = cue.row["class"], cue.row["actor_side"]
        if side == "speaker":
            after = [a for a in _actors(ctx, ce, end) if len(ctx.tokens_in(ce, a.start)) <= 3]
            if after:
                r.speaker = after[0]
            continue
        rank = _CLASS_RANK[cls]
        if cls == "denied":  # "نفت الحركة مسؤوليتها": the denial outranks the claim word it negates
            rank = _CLASS_RANK["claimed"] + 1
        if best_class is None or rank > best_class[0]:
            best_class = (rank, cls)
        actor = _cue_actor(ctx, cs, ce, side, start, end)
        if actor and (best_actor is None or rank > best_actor[0]):
            best_actor = (rank, actor)
    if best_class:
        r.responsibility = best_class[1]
    if best_actor:
        actor = best_actor[1]
        if r.actor2 and r.actor2.name == actor.name:
            r.actor2 = r.actor1 if r.actor1 and r.actor1.name != actor.name else None
        r.actor1 = actor


def _cue_actor(ctx: Context, cs: int, ce: int, side: str, start: int, end: int) -> Actor | None:
    if side == "after":
        window = ctx.tokens_in(ce, end)[:_CUE_WINDOW]
        limit = window[-1].end if window else ce
        found = [a for a in _candidates(ctx, ce, limit) if _can_act(a)]
        return found[0] if found else None
    found = [a for a in _candidates(ctx, start, cs) if _can_act(a)]
    return found[-1] if found else None


def branch(ctx: Context, name: str | None, code: str | None) -> str | None:
    """The branch a parent's name stands for in country `code` when the text
    names that branch anywhere (actor_branches.tsv; EVENTS.md: the Islamic
    State in Afghanistan or Pakistan is the Khorasan Province)."""
    candidates = load_kb().actors.branches_of(name, code)
    if not candidates:
        return name
    named = ctx.once("actor_names", lambda: {a.name for a in map(actor_of, ctx.mentions.get("actor", ())) if a})
    return next((b for b in candidates if b in named), name)
