"""People named with a role (illustrative): وزير الخارجية التركي أحمد داود أوغلو،
العميد سامي الراشد، الشيخ «حامد سليمان» محافظ الأنبار.

A role noun from `person_roles.tsv`, then optionally the affiliation (a
nationality adjective, or an actor, outlet or place already found), then the
name: the words inside «» or quotes, else up to three following words that
are not in `name_stopwords.tsv`, not part of another mention, and not cut
off by punctuation. A bare single word after a role is not taken as a name
(الرئيس السابق is not a person), so unquoted names need two words. When an
office follows the name (حاكم ولاية ننغرهار) it becomes the role, the first
title is kept as `title`, and what follows the office is the affiliation; the
person's span then contains that place or actor mention too.
"""
from __future__ import annotations

from typing import Any

from marsad.kb import KnowledgeBase
from marsad.mentions.matcher import Match, TokenText, readings
from marsad.mentions.places import nisba_table, punct

MAX_NAME_WORDS = 3  # not counting connectors (بن، عبد، أبو)
_GLUED = ("بال", "لل", "كال", "وال", "فال")
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
    nisba = nisba_table(kb)
    out = []
    role_at = {m.i: m for m in role_matches}
    for rm in role_matches:
        if any(covered[rm.i:rm.j]):
            continue
        k, affiliation = rm.j, None
        if k < len(tt.words) and not punct(tt.gap(k)):
            if tt.words[k] in nisba:
                affiliation = kb.countries[nisba[tt.words[k]]].name_en
                k += 1
            elif k in starts_at and k in labels:
                affiliation = labels[k][1]
                k = starts_at[k].j
        found = _name(tt, k, covered, kb, role_at)
        if found is None:
            continue
        name_start, name_end = found
        value = {"name": _written(tt, name_start, name_end, text), "role": rm.payload,
                 "affiliation": affiliation}
        end = name_end
        trail = role_at.get(name_end)
        if trail is not None and not punct(tt.gap(name_end).strip(_CLOSE_QUOTES + " ")):  # «ندا محمد» حاكم ولاية ننغرهار: the office after the name
            value["title"], value["role"] = rm.payload, trail.payload
            end = trail.j
            if end in starts_at and end in labels:
                value["affiliation"] = labels[end][1]
                end = starts_at[end].j
        out.append((rm.i, end, value))
        for x in range(rm.i, end):
            covered[x] = True
    return out


def _name(tt: TokenText, k: int, covered: list[bool], kb: KnowledgeBase,
          role_at: dict[int, Match]) -> tuple[int, int] | None:
    """First and end token of the name at token k (after any title), or None."""
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
        return (k, j) if j > k and j - k <= MAX_NAME_WORDS + 1 else None
    if gap and punct(gap):
        return None
    while k < n and kb.name_parts.get(tt.words[k]) == "honorific" and not punct(tt.gap(k + 1) if k + 1 < n else ""):
        k += 1  # الدكتور خالد: the title is not part of the name
    j, words = k, 0
    while j < n and words < MAX_NAME_WORDS and j not in role_at \
            and _name_word(tt.words[j], j == k, covered[j], kb) and (j == k or not punct(tt.gap(j))):
        if kb.name_parts.get(tt.words[j]) != "connector":
            words += 1
        j += 1
    while j > k and kb.name_parts.get(tt.words[j - 1]) == "connector":
        j -= 1  # a name does not end on بن or عبد
    return (k, j) if words >= 2 and j - k >= 2 else None


def _name_word(word: str, first: bool, covered: bool, kb: KnowledgeBase) -> bool:
    """Can `word` be part of a person's name? Not a function word, not a
    number, not already another mention, no preposition + article glued on
    (بالتفكير، لرعاية are not names), and the first word has no article
    (وزير العدل: العدل is the ministry, not a name)."""
    if covered or word.isdigit() or kb.name_parts.get(word) == "honorific":
        return False
    if any(r in kb.name_stopwords or r in kb.place_prefixes for r in readings(word)):  # لمجلس، بولاية
        return False
    if word.startswith(_GLUED):
        return False
    return not (first and word.startswith("ال"))


def _written(tt: TokenText, i: int, j: int, text: str) -> str:
    """Tokens [i, j) as written in the input, without surrounding quotes."""
    s, e = tt.span(i, j)
    return text[s:e].strip(_OPEN_QUOTES + _CLOSE_QUOTES + " ")
