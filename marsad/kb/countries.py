"""Countries: Arabic names, nisba adjectives and ISO codes.

State actors are written compositionally in Arabic news (الجيش + التركي,
مدنيين + عراقيين), so the nationality adjective of each country is data, and
its inflected forms (feminine, sound plurals, the article) are generated here
rather than listed by hand for every head noun.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.kb.tables import DATA_DIR, KbDataError, read_tsv, split_list, to_float


@dataclass(frozen=True)
class Country:
    code: str
    name_en: str
    names_ar: tuple[str, ...]
    nisba_ar: tuple[str, ...]   # masculine singular, without the article
    plural_ar: tuple[str, ...]  # broken plurals (أتراك), without the article
    demonyms_en: tuple[str, ...]
    lat: float | None
    lon: float | None
    source: str
    name_in_actors: str = ""  # ACLED's form inside actor names ("Military Forces of the United States")

    def compose(self, template: str) -> str:
        """An ACLED actor name from a force template: "of {country}" takes
        `name_in_actors` (the United States), "Civilians ({country})" the
        plain name."""
        if self.name_in_actors and "of {country}" in template:
            return template.format(country=self.name_in_actors)
        return template.format(country=self.name_en)

    def nisba_forms(self) -> list[str]:
        """Normalised nisba forms without the article: تركي، تركيه، تركيين،
        تركيون، تركيات and the broken plurals."""
        out: list[str] = []
        for base in self.nisba_ar:
            b = norm(base)
            out += [b, b + "ه", b + "ين", b + "ون", b + "ات"]
        out += [norm(p) for p in self.plural_ar]
        return list(dict.fromkeys(out))


def load_countries(data_dir: Path = DATA_DIR) -> dict[str, Country]:
    """Countries by ISO2 code, from `countries.tsv`."""
    out: dict[str, Country] = {}
    for row in read_tsv("countries.tsv", ("iso2", "name_en", "names_ar"), data_dir):
        code = row["iso2"].upper()
        if len(code) != 2 or not code.isalpha():
            raise KbDataError(f"{row['_where']}: iso2 must be two letters, got {row['iso2']!r}")
        if code in out:
            raise KbDataError(f"{row['_where']}: country {code} listed twice")
        out[code] = Country(
            code=code,
            name_en=row["name_en"],
            names_ar=tuple(split_list(row["names_ar"])),
            nisba_ar=tuple(split_list(row.get("nisba_ar", ""))),
            plural_ar=tuple(split_list(row.get("plural_ar", ""))),
            demonyms_en=tuple(split_list(row.get("demonym_en", ""))),
            lat=to_float(row, "lat"),
            lon=to_float(row, "lon"),
            source=row["source"],
            name_in_actors=row.get("name_in_actors", ""),
        )
    return out
