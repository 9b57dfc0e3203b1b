"""Fatality and injury figures: the numbers that a death or injury word governs.

A figure counts only when a casualty word governs it ("أسفر عن مقتل 133",
"20 قتيلا", "19 من عناصر داعش قتلوا"); other numbers in the sentence are days,
ages, prices or tallies. Groups joined by "and" are one toll split by victim
("11 رجل أمن وأربعة مقيمين" = 15) unless introduced as a breakdown ("15 مصليا
من بينهم 12 ..." stays 15). A singular or dual victim noun is a count
("مقتل شرطي" = 1, "قتل مسلحان" = 2). A figure above the limit of its kind
(events_toll_limits.tsv) is a war or national total, not one incident's toll,
and is dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

from marsad.events import lexicon
from marsad.events.context import Context

_AFTER_WINDOW = 5    # tokens between a casualty word and the figure it governs
_BEFORE_WINDOW = 6   # "19 من عناصر تنظيم داعش قتلوا"
_SUM_WINDOW = 8      # tokens between two coordinated groups of one toll


@dataclass(frozen=True)
class Figure:
    kind: str          # death | injury
    low: int
    high: int | None
    qualifier: str | None
    vague: bool
    start: int
    end: int
    victim_class: str | None


def figures(ctx: Context, start: int, end: int) -> list[Figure]:
    """Every casualty figure governed inside the clean span [start, end)."""
    words = list(ctx.find(lexicon.casualty_words(), start, end))
    numbers = [m for m in ctx.in_span("number", start, end) if m.value.get("unit") != "percent"
               and m.value.get("low") is not None and not _is_age(ctx, m)]
    out: list[Figure] = []
    used: set[int] = set()
    for i, (ws, we, row) in enumerate(words):
        limit_after = words[i + 1][0] if i + 1 < len(words) else end
        limit_before = words[i - 1][1] if i > 0 else start
        kind, side = row.row["kind"], row.row["number_side"]
        fig = None
        if side in ("after", "both"):
            fig = _after(ctx, numbers, used, kind, we, limit_after)
        if fig is None and side in ("before", "both"):
            fig = _before(ctx, numbers, used, kind, ws, limit_before)
        if fig is not None and fig.low <= lexicon.toll_limits().get(fig.kind, fig.low):
            out.append(fig)
    return out


def _after(ctx: Context, numbers, used, kind: str, pos: int, limit: int) -> Figure | None:
    toks = [t for t in ctx.tokens_in(pos, limit)][:_AFTER_WINDOW]
    if not toks:
        return None
    window_end = toks[-1].end
    for n in numbers:
        if pos <= n.start < window_end and id(n) not in used:
            used.add(id(n))
            return _with_coordination(ctx, numbers, used, kind, n, pos, limit)
    for t in toks[:3]:
        if t.norm in lexicon.words().skip:
            continue
        v = lexicon.victim_of(t.norm)
        if v and v[0] > 0:
            return Figure(kind, v[0], None, None, False, t.start, t.end, _cls(v[1]))
        break
    return None


def _before(ctx: Context, numbers, used, kind: str, pos: int, limit: int) -> Figure | None:
    i = ctx.token_index(pos)
    toks = ctx.tokens[max(0, i - _BEFORE_WINDOW):i]
    toks = [t for t in toks if t.start >= limit]
    if not toks:
        return None
    for n in reversed(numbers):
        if toks[0].start <= n.start < pos and id(n) not in used:
            used.add(id(n))
            return _figure(ctx, kind, n, _noun_class(ctx, n.end, pos))
    for t in reversed(toks[-3:]):
        v = lexicon.victim_of(t.norm)
        if v and v[0] > 0:
            return Figure(kind, v[0], None, None, False, t.start, t.end, _cls(v[1]))
    return None


def _with_coordination(ctx: Context, numbers, used, kind: str, first, word_end: int,
                       limit: int) -> Figure:
    fig = _figure(ctx, kind, first, _noun_class(ctx, first.end, limit))
    total, end = fig.low, first.end
    toks = ctx.tokens_in(first.end, limit)[:_SUM_WINDOW]
    stop = next((t.start for t in toks if t.norm in lexicon.words().breakdown), None)
    for n in numbers:
        if n.start < first.end or id(n) in used or (stop is not None and n.start > stop):
            continue
        if toks and n.start > toks[-1].end:
            break
        if _joined_by_and(ctx, n.start):
            used.add(id(n))
            total += int(n.value["low"])
            end = n.end
    if total == fig.low and _joined_by_and(ctx, first.start) and _others_follow(ctx, first.end, limit) \
            and ctx.tokens_in(word_end, first.start):
        total += 1  # "قتل فلان و21 مسلحا آخرين": the named one plus 21 others
    return Figure(kind, total, fig.high if total == fig.low else None, fig.qualifier,
                  fig.vague, fig.start, end, fig.victim_class)


def _figure(ctx: Context, kind: str, n, victim_class: str | None) -> Figure:
    v = n.value
    return Figure(kind, int(v["low"]), v.get("high"), v.get("qualifier"), bool(v.get("vague")),
                  n.start, n.end, victim_class)


def _is_age(ctx: Context, n) -> bool:
    """"البالغ من العمر 11 عاما" (also glued: 11عاماً): an age, not a toll."""
    a, _ = ctx.norm_range(n.end, n.end)
    after = ctx.normalized.text[a:a + 8].lstrip()
    w = lexicon.words()
    return after.startswith(w.age_prefixes) or after.startswith(w.age_words)


def _joined_by_and(ctx: Context, offset: int) -> bool:
    """Is the figure at `offset` written as "و + figure" (وثلاثة، و 21)?"""
    before = ctx.text[max(0, offset - 2):offset]
    return before.endswith("و") or before.endswith("و ")


def _others_follow(ctx: Context, offset: int, limit: int) -> bool:
    return any(t.norm in lexicon.words().others for t in ctx.tokens_in(offset, limit)[:3])


def _noun_class(ctx: Context, offset: int, limit: int) -> str | None:
    for t in ctx.tokens_in(offset, limit)[:3]:
        if t.norm in lexicon.words().skip:
            continue
        v = lexicon.victim_of(t.norm)
        return _cls(v[1]) if v else None
    return None


def _cls(c: str) -> str | None:
    return None if c == "-" else c
