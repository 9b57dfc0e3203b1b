"""The knowledge base: actors, places, outlets and person roles as versioned
data files in `marsad/kb/data/`, each entry with its source.

`load()` reads the tables once per process (the mention finder and the
evaluation call it freely); `KnowledgeBase.canonical_actor` maps any alias,
Arabic or English, to the canonical English (ACLED-style) actor name.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.kb.actors import Actor, ActorTable, load_actors
from marsad.kb.countries import Country, load_countries
from marsad.kb.event_types import EventTypes, load_event_types
from marsad.kb.keys import name_key, name_tokens
from marsad.kb.outlets import Outlet, OutletTable, load_outlets
from marsad.kb.places import Place, PlaceTable, km, load_places
from marsad.kb.tables import DATA_DIR, KbDataError, read_tsv

__all__ = ["Actor", "Country", "DATA_DIR", "KbDataError", "KnowledgeBase", "Outlet", "Place", "build",
           "km", "load", "name_key", "name_tokens", "read_tsv"]


@dataclass
class KnowledgeBase:
    countries: dict[str, Country]
    actors: ActorTable
    places: PlaceTable
    outlets: OutletTable
    roles: dict[tuple[str, ...], str]  # normalised role tokens -> English role
    place_prefixes: dict[str, str]     # normalised prefix noun -> kind it prefers
    name_stopwords: frozenset[str]     # normalised words that end a person name
    name_parts: dict[str, str]         # normalised word -> connector | honorific
    event_types: EventTypes            # ACLED's types, sub-event types and disorder types

    def canonical_actor(self, name: str) -> str | None:
        """Canonical English actor name for an English or Arabic alias
        ('ISIS-K', 'داعش خراسان', 'لطالبان', 'Arab Coalition'), else None."""
        return self.actors.canonical(name)

    def actor(self, name: str) -> Actor | None:
        """The entry (type, country, aliases, source) of any actor name."""
        return self.actors.info(name)

    def canonical_outlet(self, name: str) -> str | None:
        """Canonical English outlet name for an alias or SaudiNewsNet id."""
        return self.outlets.canonical(name)

    def find_places(self, name: str) -> list[Place]:
        """Every place one of whose names is `name` (all candidates; the
        mention finder chooses among them by context)."""
        return self.places.lookup(name)

    def country_by_nisba(self) -> dict[str, str]:
        """Normalised nisba form (with and without the article) -> ISO2."""
        out: dict[str, str] = {}
        for c in self.countries.values():
            for form in c.nisba_forms():
                out.setdefault(form, c.code)
                out.setdefault("ال" + form, c.code)
        return out


def build(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """A knowledge base read from `data_dir` (tests pass their own tables)."""
    countries = load_countries(data_dir)
    roles = {name_tokens(r["role_ar"]): r["role_en"]
             for r in read_tsv("person_roles.tsv", ("role_ar", "role_en"), data_dir)}
    prefixes = {name_key(r["prefix_ar"]): r["prefers"]
                for r in read_tsv("place_prefixes.tsv", ("prefix_ar", "prefers"), data_dir)}
    stop = frozenset(name_key(r["word"]) for r in read_tsv("name_stopwords.tsv", ("word",), data_dir))
    return KnowledgeBase(countries=countries, actors=load_actors(countries, data_dir),
                         places=load_places(countries, data_dir), outlets=load_outlets(data_dir),
                         roles=roles, place_prefixes=prefixes, name_stopwords=stop,
                         name_parts={name_key(r["word"]): r["part"]
                                     for r in read_tsv("name_parts.tsv", ("word", "part"), data_dir)},
                         event_types=load_event_types(data_dir))


@lru_cache(maxsize=1)
def load() -> KnowledgeBase:
    """The project's knowledge base, read once per process."""
    return build()
