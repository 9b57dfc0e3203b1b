"""The statement tables of `marsad/statements/data/`, read once.

speech_verbs.tsv (verbs of saying and attribution cues, with their kind),
speaker_nouns.tsv (unnamed sources and the anaphors that point back to a
speaker), role_heads.tsv (role nouns beyond the knowledge base's
person_roles.tsv, for appositions such as "the expert at ...") and
content_openers.tsv (the words after which the reported content begins),
name_words.tsv (words that are never, or always, part of a person's name).
Keys are normalised (`marsad.arabic.normalize.norm`), as the tokens are.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.kb import load as load_kb
from marsad.tsv import read_table

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Verb:
    written: str
    meaning: str
    kind: str
    form: str  # verb | participle (continues the previous speaker) | noun | cue (وفق، بحسب)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Verb]                  # normalised form -> verb
    speaker_nouns: dict[str, tuple[str, str]]  # normalised noun -> (refers_to, outlet kind or '')
    roles: dict[tuple[str, ...], str]       # normalised role tokens -> English role
    openers: dict[str, str]                 # normalised word -> complementizer | preposition
    not_names: frozenset[str]               # normalised words that are never part of a name
    name_words: frozenset[str]              # normalised words that are, whatever other tables say
    max_role_words: int


@lru_cache(maxsize=1)
def load() -> Lexicon:
    verbs = {norm(r["verb"]): Verb(r["verb"], r["meaning"], r["kind"], r["form"])
             for r in read_table(DATA / "speech_verbs.tsv", ("verb", "meaning", "kind", "form"))}
    nouns = {norm(r["noun"]): (r["refers_to"], r["outlet_kind"])
             for r in read_table(DATA / "speaker_nouns.tsv", ("noun", "refers_to", "label"))}
    roles = dict(load_kb().roles)
    for r in read_table(DATA / "role_heads.tsv", ("head", "role_en")):
        roles.setdefault(tuple(norm(r["head"]).split()), r["role_en"])
    openers = {norm(r["word"]): r["role"] for r in read_table(DATA / "content_openers.tsv", ("word", "role"))}
    words = read_table(DATA / "name_words.tsv", ("word", "is_name"))
    return Lexicon(verbs, nouns, roles, openers,
                   frozenset(norm(r["word"]) for r in words if r["is_name"] == "no"),
                   frozenset(norm(r["word"]) for r in words if r["is_name"] == "yes"), max(map(len, roles)))


_DAMMA = "\u064f"  # written on the first letters of a passive verb (زُعم، يُعتقد)


def passive(surface: str) -> bool:
    """Is the verb as written passive ("يُعتقد", "زُعم")? Then it has no speaker."""
    return _DAMMA in surface[:3]


def verb_of(surface: str, lex: Lexicon) -> Verb | None:
    """The verb of saying a word is, with a conjunction (و، ف) taken off."""
    word = norm(surface)
    hit = lex.verbs.get(word)
    if hit is None and word[:1] in ("و", "ف") and len(word) > 3:
        hit = lex.verbs.get(word[1:])
    return hit


def role_at(words: list[str], k: int, lex: Lexicon) -> tuple[int, str] | None:
    """(number of tokens, English role) of the longest role phrase starting at
    token k (with a conjunction و allowed on its first word), else None."""
    for n in range(min(lex.max_role_words, len(words) - k), 0, -1):
        toks = tuple(words[k:k + n])
        hit = lex.roles.get(toks) or (lex.roles.get((toks[0][1:], *toks[1:])) if toks[0].startswith("و") else None)
        if hit:
            return n, hit
    return None
