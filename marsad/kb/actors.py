"""Actors: named groups from `actors.tsv` and state forces composed from
`force_heads.tsv` × the nationality adjectives of `countries.tsv`.

Two kinds of alias: `aliases_ar` are safe to match in running text;
`lookup_ar` are names that only mean the actor when someone already knows a
name is meant (الشباب is "the youth" in most sentences, al-Shabaab only in a
name field), so they serve `canonical` but never the mention finder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from marsad.arabic.tokens import stems
from marsad.kb.countries import Country
from marsad.kb.keys import name_key, name_tokens
from marsad.kb.tables import DATA_DIR, KbDataError, read_tsv, split_list

ACTOR_TYPES = frozenset({
    "group", "state_military", "state_police", "government", "coalition",
    "civilians", "protesters", "rioters", "international",
})


@dataclass(frozen=True)
class Actor:
    name: str
    type: str
    country: str | None
    aliases_ar: tuple[str, ...]
    lookup_ar: tuple[str, ...]
    aliases_en: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Branch:
    """`actor` is a branch of `parent`. In `countries`, a report that names
    the parent for an incident is read as the branch when the text names the
    branch anywhere (EVENTS.md: the Islamic State in Afghanistan or Pakistan
    is the Khorasan Province); with no countries the relation only makes the
    two names compatible (fusion, merging)."""

    actor: str
    parent: str
    countries: frozenset[str]
    source: str


@dataclass(frozen=True)
class ForceKind:
    kind: str
    type: str
    template: str  # e.g. "Military Forces of {country}"
    heads_en: tuple[str, ...]


class ActorTable:
    """All actors, the phrases that name them in text, and alias lookup.

    `context_phrases` are names whose actor depends on the country the
    document is about (التحالف is the Saudi-led coalition in Yemen, the
    US-led one in Iraq): tokens -> [(ISO2, canonical name)], from
    `actor_context.tsv`."""

    def __init__(self, actors: dict[str, Actor], text_phrases: dict[tuple[str, ...], str],
                 lookup: dict[str, str], kinds: dict[str, ForceKind],
                 countries: dict[str, Country],
                 context_phrases: dict[tuple[str, ...], list[tuple[str, str]]],
                 branches: tuple[Branch, ...] = ()):
        self.actors = actors
        self.branches = branches  # actor_branches.tsv
        self._parent = {b.actor: b.parent for b in branches}
        self.text_phrases = text_phrases  # normalised tokens -> canonical name
        self.context_phrases = context_phrases
        self._lookup = lookup             # name_key -> canonical name
        self._kinds = kinds
        self._country_by_en = {name_key(n): c for c in countries.values() for n in (c.name_en, c.name_in_actors) if n}
        self._patterns = [
            (re.compile("^" + re.escape(k.template).replace(r"\{country\}", r"(.+?)")
                        + r"(\s*\(.+\))?$", re.IGNORECASE), k)
            for k in kinds.values()
        ]

    def canonical(self, name: str) -> str | None:
        """The canonical English name for any alias (Arabic or English, with or
        without clitics and punctuation), or None when the name is unknown."""
        if not name or not name.strip():
            return None
        key = name_key(name)
        if key in self._lookup:
            return self._lookup[key]
        composed = self._compose_en(name.strip())
        if composed:
            return composed
        toks = key.split(" ")
        for reading in stems(toks[0])[1:]:
            hit = self._lookup.get(" ".join([reading, *toks[1:]]))
            if hit:
                return hit
        return None

    def branches_of(self, parent: str | None, code: str | None) -> list[str]:
        """The branches of `parent` that act for it in country `code`
        (actor_branches.tsv), in table order."""
        return [b.actor for b in self.branches if b.parent == parent and code in b.countries]

    def parent(self, actor: str) -> str | None:
        """The actor `actor` is a branch of (actor_branches.tsv), or None."""
        return self._parent.get(actor)

    def info(self, name: str) -> Actor | None:
        """The table entry of a canonical or alias name (composed state
        actors are returned as synthetic entries)."""
        canon = self.canonical(name)
        if canon is None:
            return None
        if canon in self.actors:
            return self.actors[canon]
        for pattern, kind in self._patterns:
            m = pattern.match(canon)
            if m and (c := self._country_by_en.get(name_key(m.group(1)))):
                return Actor(canon, kind.type, c.code, (), (), (), "composed: " + kind.template)
        return None

    def _compose_en(self, name: str) -> str | None:
        """ACLED-form names of state actors and civilians ('Military Forces
        of Turkey (Pro-X)', 'Civilians (Iraq)'), checked against the country
        table so that a typo is not silently accepted."""
        for pattern, kind in self._patterns:
            m = pattern.match(name)
            if not m:
                continue
            inner = m.group(1).strip()
            faction = (m.group(2) or "").strip()
            country = self._country_by_en.get(name_key(inner))
            if country is None and inner.lower() == "international":
                return kind.template.format(country="International") + (" " + faction if faction else "")
            if country is not None:
                return country.compose(kind.template) + (" " + faction if faction else "")
        return None


def _load_kinds(data_dir: Path) -> dict[str, ForceKind]:
    kinds: dict[str, ForceKind] = {}
    for row in read_tsv("force_kinds.tsv", ("kind", "type", "template"), data_dir):
        if "{country}" not in row["template"]:
            raise KbDataError(f"{row['_where']}: template lacks '{{country}}'")
        if row["type"] not in ACTOR_TYPES:
            raise KbDataError(f"{row['_where']}: unknown actor type {row['type']!r}")
        kinds[row["kind"]] = ForceKind(row["kind"], row["type"], row["template"],
                                       tuple(split_list(row.get("heads_en", ""))))
    return kinds


def load_actors(countries: dict[str, Country], data_dir: Path = DATA_DIR) -> ActorTable:
    """Read the actor tables; named aliases win over composed ones, and one
    alias naming two actors is an error."""
    actors: dict[str, Actor] = {}
    text_phrases: dict[tuple[str, ...], str] = {}
    lookup: dict[str, str] = {}
    where: dict[str, str] = {}

    def add(alias: str, canon: str, loc: str, in_text: bool) -> None:
        toks = name_tokens(alias)
        if not toks:
            raise KbDataError(f"{loc}: alias {alias!r} has no letters")
        key = " ".join(toks)
        if lookup.get(key, canon) != canon:
            raise KbDataError(f"{loc}: alias {alias!r} already names {lookup[key]!r} ({where[key]})")
        lookup[key] = canon
        where.setdefault(key, loc)
        if in_text:
            text_phrases[toks] = canon

    for row in read_tsv("actors.tsv", ("name_en", "type"), data_dir):
        name, loc = row["name_en"], row["_where"]
        if row["type"] not in ACTOR_TYPES:
            raise KbDataError(f"{loc}: unknown actor type {row['type']!r}")
        if name in actors:
            raise KbDataError(f"{loc}: actor {name!r} listed twice")
        country = row.get("country", "").upper() or None
        if country and country not in countries:
            raise KbDataError(f"{loc}: country {country!r} not in countries.tsv")
        actor = Actor(name, row["type"], country, tuple(split_list(row["aliases_ar"])),
                      tuple(split_list(row.get("lookup_ar", ""))),
                      tuple(split_list(row.get("aliases_en", ""))), row["source"])
        actors[name] = actor
        add(name, name, loc, in_text=False)
        for a in actor.aliases_en:
            add(a, name, loc, in_text=False)
        for a in actor.aliases_ar:
            add(a, name, loc, in_text=True)
        for a in actor.lookup_ar:
            add(a, name, loc, in_text=False)

    kinds = _load_kinds(data_dir)
    for row in read_tsv("force_heads.tsv", ("head_ar", "kind"), data_dir):
        kind = kinds.get(row["kind"])
        if kind is None:
            raise KbDataError(f"{row['_where']}: kind {row['kind']!r} not in force_kinds.tsv")
        head = name_tokens(row["head_ar"])
        has_article = head[-1].startswith("ال")  # construct: قوات الأمن → definite
        for c in countries.values():
            canon = c.compose(kind.template)
            for form in c.nisba_forms():
                toks = (*head, ("ال" + form) if has_article else form)
                key = " ".join(toks)
                if key not in lookup:  # a named alias wins over composition
                    lookup[key] = canon
                    text_phrases[toks] = canon
    for kind in kinds.values():
        for c in countries.values():
            canon = c.compose(kind.template)
            for dem in c.demonyms_en:
                for head in kind.heads_en:
                    lookup.setdefault(name_key(f"{dem} {head}"), canon)
    context: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for row in read_tsv("actor_context.tsv", ("alias_ar", "country", "name_en"), data_dir):
        canon = row["name_en"]
        if canon not in actors and lookup.get(name_key(canon)) != canon:
            raise KbDataError(f"{row['_where']}: {canon!r} is not an actor name")
        if row["country"].upper() not in countries:
            raise KbDataError(f"{row['_where']}: country {row['country']!r} not in countries.tsv")
        context.setdefault(name_tokens(row["alias_ar"]), []).append((row["country"].upper(), canon))
    return ActorTable(actors, text_phrases, lookup, kinds, countries, context,
                      _load_branches(actors, countries, data_dir))


def _load_branches(actors: dict[str, Actor], countries: dict[str, Country], data_dir: Path) -> tuple[Branch, ...]:
    out: list[Branch] = []
    for row in read_tsv("actor_branches.tsv", ("actor", "parent"), data_dir):
        for name in (row["actor"], row["parent"]):
            if name not in actors:
                raise KbDataError(f"{row['_where']}: {name!r} is not in actors.tsv")
        codes = frozenset(c.upper() for c in split_list(row.get("countries", "")))
        unknown = sorted(codes - countries.keys())
        if unknown:
            raise KbDataError(f"{row['_where']}: country {unknown[0]!r} not in countries.tsv")
        if any(b.actor == row["actor"] for b in out):
            raise KbDataError(f"{row['_where']}: {row['actor']!r} is listed twice (one parent per actor)")
        out.append(Branch(row["actor"], row["parent"], codes, row["source"]))
    return tuple(out)
