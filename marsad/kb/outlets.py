"""Outlets and cited sources (newspapers, agencies, television, monitors,
militant media) from `outlets.tsv`.

Names that are ordinary words on their own (الرياض the city, اليوم 'today',
العربية 'Arabic') are listed as `cue_names_ar`: they name the outlet only
after a cue noun from `outlet_cues.tsv` (صحيفة الرياض، قناة العربية), and the
cue + name phrases are generated here.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.kb.keys import name_key, name_tokens
from marsad.kb.tables import DATA_DIR, KbDataError, read_tsv, split_list

OUTLET_KINDS = frozenset({"newspaper", "agency", "tv", "website", "militant_media", "monitor"})


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str
    country: str | None
    code: str | None  # SaudiNewsNet source id, when it is one of those outlets
    source: str


class OutletTable:
    def __init__(self, outlets: dict[str, Outlet], text_phrases: dict[tuple[str, ...], str],
                 lookup: dict[str, str]):
        self.outlets = outlets
        self.text_phrases = text_phrases  # normalised tokens -> outlet name
        self._lookup = lookup

    def canonical(self, name: str) -> str | None:
        """Canonical English outlet name for an alias, a bare Arabic name
        or a SaudiNewsNet source id ('aawsat'), else None."""
        return self._lookup.get(name_key(name)) if name else None


def load_outlets(data_dir: Path = DATA_DIR) -> OutletTable:
    cues = [name_tokens(r["cue_ar"]) for r in read_tsv("outlet_cues.tsv", ("cue_ar",), data_dir)]
    outlets: dict[str, Outlet] = {}
    phrases: dict[tuple[str, ...], str] = {}
    lookup: dict[str, str] = {}
    rows = read_tsv("outlets.tsv", ("name_en", "kind"), data_dir)
    for row in rows:
        name, loc = row["name_en"], row["_where"]
        if row["kind"] not in OUTLET_KINDS:
            raise KbDataError(f"{loc}: unknown outlet kind {row['kind']!r}")
        if name in outlets:
            raise KbDataError(f"{loc}: outlet {name!r} listed twice")
        outlets[name] = Outlet(name, row["kind"], row.get("country") or None, row.get("code") or None,
                               row["source"])
        for alias in (name, *split_list(row.get("aliases_en", "")), row.get("code", "")):
            if alias:
                lookup.setdefault(name_key(alias), name)
        for alias in split_list(row.get("names_ar", "")):
            toks = name_tokens(alias)
            if phrases.get(toks, name) != name:
                raise KbDataError(f"{loc}: {alias!r} already names outlet {phrases[toks]!r}")
            phrases[toks] = name
            lookup.setdefault(" ".join(toks), name)
    for row in rows:  # cue phrases never override a name listed as such
        for alias in split_list(row.get("cue_names_ar", "")):
            toks = name_tokens(alias)
            lookup.setdefault(" ".join(toks), row["name_en"])
            for cue in cues:
                phrases.setdefault((*cue, *toks), row["name_en"])
    return OutletTable(outlets, phrases, lookup)
