"""Towns no table lists under the spelling the text uses, read by their consonants.

Arabic news spells an Afghan district seat or a Syrian village the way its
reporter hears it (بولي علم، سرمدا), and geonames' Arabic-script names for
such places are mostly Persian, Pashto or Urdu ones, or none. So a word that
follows a place noun (مديرية، بلدة، منطقة: `place_prefixes.tsv`) and that
no table names is reduced to its consonant classes (`translit.tsv`: the
vowels, glides and ayn dropped, ج/ك/ق/غ/خ one class, ...) and compared with
the same reduction of the Latin names of the towns (`towns_latin.tsv`) of
the country the document points at nearest to the word (within `REACH`). Only an
exact match of at least four consonant classes counts (three match common
words after a place noun: منطقة حظر طيران, a no-fly zone, is not Hazro); among towns of one country with the same
consonants, the most populous is taken. The mention is marked
`found_by="transliteration"` so that a reader can tell it from a table
match.
"""
from __future__ import annotations

import bisect
import functools
import re

from marsad.arabic.normalize import norm
from marsad.kb import KnowledgeBase, Place
from marsad.kb.places import ascii_fold
from marsad.kb.tables import read_tsv, split_list, to_float
from marsad.mentions.matcher import Match, TokenText
from marsad.mentions.places import punct

MIN_CLASSES = 4      # fewer consonants match common words (حظر، جبلية، الخليج: Hazro, Qabula, Galugah)
REACH = 1500         # normalised characters within which the document must point at the town's country
MAX_WORDS = 2        # "بولي علم": a name of at most two words
_PROCLITICS = ("و", "ب", "ل", "ف", "ك")
_ARTICLE = "ال"
_LATIN_ARTICLE = re.compile(r"^(?:a[dlnrstz]|ash|el)[\s-]+(?=\w)")


@functools.cache
def _classes() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Arabic letter -> class, and Latin sequences (longest first) -> class."""
    arabic: dict[str, str] = {}
    latin: list[tuple[str, str]] = []
    for row in read_tsv("translit.tsv", ("script", "letters", "class")):
        cls = "" if row["class"] == "-" else row["class"]
        for letter in split_list(row["letters"]):
            if row["script"] == "arabic":
                arabic[letter] = cls
            else:
                latin.append((letter, cls))
    latin.sort(key=lambda x: -len(x[0]))
    return arabic, latin


def _collapse(classes: list[str]) -> str:
    """Doubled consonants once (Mukalla = مكلا); a final h dropped (ة is
    not written in Latin names)."""
    out: list[str] = []
    for c in "".join(classes):
        if not out or out[-1] != c:
            out.append(c)
    if out and out[-1] == "H":
        out.pop()
    return "".join(out)


def arabic_skeleton(words: list[str]) -> str:
    """The consonant classes of normalised Arabic words, without the article."""
    arabic, _ = _classes()
    out: list[str] = []
    for w in words:
        if w.startswith(_ARTICLE) and len(w) > 4:
            w = w[2:]
        out += [arabic.get(ch, "?") for ch in w]
    return "" if "?" in out else _collapse(out)


def latin_skeleton(name: str) -> str:
    """The consonant classes of a Latin place name, without "al-"."""
    _, latin = _classes()
    text = _LATIN_ARTICLE.sub("", ascii_fold(name).lower(), count=1)  # "Al Mayadin", "as-Sukhnah"
    text = "".join(text.split())
    out: list[str] = []
    i = 0
    while i < len(text):
        for seq, cls in latin:
            if text.startswith(seq, i):
                out.append(cls)
                i += len(seq)
                break
        else:
            return ""  # a letter the table does not know: no reading
    return _collapse(out)


@functools.cache
def towns() -> dict[tuple[str, str], list[Place]]:
    """(country, consonant classes) -> towns, most populous first."""
    out: dict[tuple[str, str], list[Place]] = {}
    for row in read_tsv("towns_latin.tsv", ("geonameid", "name", "country", "lat", "lon")):
        key = latin_skeleton(row["name"])
        if len(key) < MIN_CLASSES:
            continue
        place = Place(ascii_fold(row["name"]), "town", row["country"], row.get("admin1") or None,
                      to_float(row, "lat"), to_float(row, "lon"), int(row.get("population") or 0),
                      int(row["geonameid"]), curated=False)
        out.setdefault((row["country"], key), []).append(place)
    for places in out.values():
        places.sort(key=lambda p: -(p.population or 0))
    return out


@functools.cache
def _ordinary(stopwords: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Words that are not a town's name: the knowledge base's place stop
    words (also without their article), and the direction words that follow
    one ("البعاج غرب الموصل")."""
    stop = stopwords | {w[2:] for w in stopwords if w.startswith(_ARTICLE)}
    directions = tuple(norm(r["phrase"].rstrip("*")) for r in read_tsv("events_place_cues.tsv", ("phrase", "role"))
                       if r["phrase"].endswith("*") and " " not in r["phrase"])
    return stop, directions


def _name_like(words: list[str], kb: KnowledgeBase) -> bool:
    """Could these words be a town's name? Not an imperfect verb (يسيطر،
    يختارونها: towns that begin with ي are in the tables under their Arabic
    names), not a stop or direction word, and no second word of fewer than
    three letters ("كورام أن")."""
    stop, directions = _ordinary(kb.places.stopwords)
    if words[0].startswith("ي") or (len(words) > 1 and len(words[-1]) < 3):
        return False
    return not any(w in stop or w.startswith(directions) for w in words)


def _distance(offsets: list[int], pos: int) -> int:
    """Distance from `pos` to the nearest of `offsets` (in text order)."""
    i = bisect.bisect_left(offsets, pos)
    return min(abs(offsets[j] - pos) for j in (i - 1, i) if 0 <= j < len(offsets))


def _prefix(word: str, kb: KnowledgeBase) -> bool:
    return word in kb.place_prefixes or (len(word) > 3 and word[0] in _PROCLITICS and word[1:] in kb.place_prefixes)


def find_unlisted(tt: TokenText, kept: list[Match], ev: dict[str, list[int]],
                  kb: KnowledgeBase) -> list[tuple[int, int, Place]]:
    """(first token, end token, town) for each unlisted town named right
    after a place noun, in the country the document points at nearest to
    it (`ev`: ISO2 -> offsets of its evidence), within `REACH`."""
    if not ev:
        return []
    taken = {k for m in kept for k in range(m.i, m.j)}
    table = towns()
    out: list[tuple[int, int, Place]] = []
    words = tt.words
    for k, w in enumerate(words[:-1]):
        if not _prefix(w, kb) or k + 1 in taken or punct(tt.gap(k + 1)):
            continue
        distance, nearest = min((_distance(offsets, tt.starts[k]), code) for code, offsets in ev.items())
        if distance > REACH:
            continue
        for n in range(MAX_WORDS, 0, -1):
            span = range(k + 1, min(k + 1 + n, len(words)))
            if len(span) < n or any(t in taken for t in span) or any(punct(tt.gap(t)) for t in span[1:]):
                continue
            if not _name_like([words[t] for t in span], kb):
                continue
            key = arabic_skeleton([words[t] for t in span])
            if len(key) < MIN_CLASSES:
                continue
            if (nearest, key) in table:
                out.append((k + 1, k + 1 + n, table[(nearest, key)][0]))
                taken.update(span)
                break
    return out


__all__ = ["arabic_skeleton", "find_unlisted", "latin_skeleton", "towns"]
