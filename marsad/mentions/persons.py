"""People named with a role: وزير الدفاع الروسي سيرغي شويغو، الجنرال مارك
ميلي، الملا «ندا محمد» حاكم ولاية ننغرهار.

A role noun from `person_roles.tsv`, then optionally the affiliation (a
nationality adjective, or an actor, outlet or place already found), then the
name: the words inside «» or quotes, else up to three following words that
are not in `name_stopwords.tsv`, not part of another mention, and not cut
off by punctuation. A bare single word after a role is not taken as a name
(الرئيس السابق is not a person), so unquoted names need two words.
"""
from __future__ import annotations

from typing import Any

from marsad.kb import KnowledgeBase
from marsad.mentions.matcher import Match, TokenText
from marsad.mentions.places import _nisba, _punct

MAX_NAME_WORDS = 3
_OPEN_QUOTES = "«\"“"
_CLOSE_QUOTES = "»\"”"


def find_persons(tt: TokenText, text: str, role_matches: list[Match], taken: list[Match],
                 kb: KnowledgeBase, labels: dict[int, tuple[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """(first token, end token, value) of each role + name phrase.

    `taken` are the name matches (a name never runs into one); `labels`
    maps a match's first token to its kind and resolved value."""
    covered = [False] * len(tt.words)
    starts_at = {m.i: m for m in taken}
    for m in taken:
        for k in range(m.i, m.j):
            covered[k] = True
    nisba = _nisba(kb)
    out = []
    role_at = {m.i: m for m in role_matches}
    for rm in role_matches:
        if any(covered[rm.i:rm.j]):
            continue
        k, affiliation = rm.j, None
        if k < len(tt.words) and not _punct(tt.gap(k)):
            if tt.words[k] in nisba:
                affiliation = kb.countries[nisba[tt.words[k]]].name_en
                k += 1
            elif k in starts_at and k in labels:
                affiliation = labels[k][1]
                k = starts_at[k].j
        name_end = _name(tt, k, covered, kb)
        if name_end is None:
            continue
        value = {"name": _written(tt, k, name_end, text), "role": rm.payload,
                 "affiliation": affiliation}
        end = name_end
        trail = role_at.get(name_end)
        if trail is not None:  # «ندا محمد» حاكم ولاية ننغرهار: the office after the name
            value["title"], value["role"] = rm.payload, trail.payload
            end = trail.j
            if end in starts_at and end in labels:
                value["affiliation"] = labels[end][1]
                end = starts_at[end].j
        out.append((rm.i, end, value))
        for x in range(rm.i, end):
            covered[x] = True
    return out


def _name(tt: TokenText, k: int, covered: list[bool], kb: KnowledgeBase) -> int | None:
    """End token of the name starting at token k, or None."""
    n = len(tt.words)
    if k >= n or covered[k]:
        return None
    gap = tt.gap(k) if k > 0 else ""
    if gap.strip() and gap.strip()[-1] in _OPEN_QUOTES:
        text = tt.nz.text
        close = min((i for i in (text.find(q, tt.starts[k], tt.starts[k] + 60) for q in _CLOSE_QUOTES)
                     if i >= 0), default=-1)
        if close < 0:
            return None
        j = k
        while j < n and tt.ends[j] <= close:
            j += 1
        return j if j > k and j - k <= MAX_NAME_WORDS + 1 else None
    if gap and _punct(gap):
        return None
    j = k
    while j < n and j - k < MAX_NAME_WORDS and not covered[j] and tt.words[j] not in kb.name_stopwords \
            and not tt.words[j].isdigit() and (j == k or not _punct(tt.gap(j))):
        j += 1
    return j if j - k >= 2 else None


def _written(tt: TokenText, i: int, j: int, text: str) -> str:
    """Tokens [i, j) as written in the input, without surrounding quotes."""
    s, e = tt.span(i, j)
    return text[s:e].strip(_OPEN_QUOTES + _CLOSE_QUOTES + " ")
