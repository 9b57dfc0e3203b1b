"""Token features for the CRF tagger.

Arabic has no capital letters, so the cues for a name are the word itself,
its clitic-free stem (وبغداد → بغداد), its affixes (nisba ـي/ـية, article
ال), its neighbours (قال الرئيس X, في مدينة X), which name lists it is on, and
which distributional cluster it falls into (the main way an unseen name is
recognised as a name). Everything is computed on normalised text
(`marsad.arabic.normalize.norm`), so spelling variants share weights.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from marsad.arabic.normalize import norm
from marsad.arabic.tokens import stems, strip_article

from .clusters import WordStats
from .gazetteer import Gazetteer
from .silver import TYPES

_ARABIC_LO, _ARABIC_HI = "\u0621", "\u064a"
SILVER_TYPES = ("LOC", "MISC")  # the silver-count columns the tagger uses


@dataclass
class Resources:
    """Everything features need beside the words: word clusters and lists."""

    words: dict[str, WordStats]
    gazetteer: Gazetteer
    titles: dict[str, int] = field(default_factory=dict)  # word -> count after a person title
    silver: dict[str, tuple[int, ...]] = field(default_factory=dict)  # word -> first-stage tag counts


def shape(word: str) -> str:
    """Coarse character classes: A Arabic, L Latin, D digit, P other."""
    out = []
    for ch in word:
        if _ARABIC_LO <= ch <= _ARABIC_HI:
            c = "A"
        elif ch.isdigit():
            c = "D"
        elif ch.isascii() and ch.isalpha():
            c = "L"
        else:
            c = "P"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _cluster(word: str, res: Resources) -> tuple[str, ...] | None:
    """Clusters of the word, else of the first of its clitic readings (in
    `stems` order) that the news corpus knows."""
    for s in stems(word):
        st = res.words.get(s)
        if st is not None:
            return st.clusters
    return None


def _count(word: str, res: Resources) -> int:
    st = res.words.get(word)
    return st.count if st else 0


def _article_share(bare: str, res: Resources) -> str:
    """How often the news corpus writes the word with the article ال: names
    (سمير, كابل) almost never take it, common nouns often do."""
    with_al, without = _count("ال" + bare, res), _count(bare, res)
    if with_al + without == 0:
        return "none"
    share = with_al / (with_al + without)
    return "0" if share == 0 else "lo" if share < 0.1 else "mid" if share < 0.5 else "hi"


def _base(readings: list[str], res: Resources) -> str:
    """The clitic reading the news corpus uses most (وبغداد → بغداد, not غداد),
    without its article."""
    return strip_article(max(readings, key=lambda s: _count(s, res)))


def _title_share(readings: list[str], res: Resources) -> str:
    """How often the news corpus has the word right after a person title
    (الرئيس، الشيخ ...), in bands; `rare` when the corpus barely knows it."""
    best = max(readings, key=lambda s: _count(s, res))
    n = _count(best, res)
    if n < 3:
        return "rare"
    share = res.titles.get(best, 0) / n
    return "0" if share == 0 else "a" if share < 0.02 else "b" if share < 0.1 else "c" if share < 0.3 else "d"


def _band(share: float) -> str:
    return "0" if share == 0 else "a" if share < 0.05 else "b" if share < 0.2 else "c" if share < 0.5 \
        else "d" if share < 0.8 else "e"


def _silver(readings: list[str], res: Resources) -> tuple[list[str], str]:
    """How often the first-stage model tagged the word (its most frequent
    clitic reading) as a place or a MISC name in the news corpus, in bands,
    and the larger of the two with its band (also given to the neighbours).
    Only those two types: with person and organisation shares as well, the
    model trusted the counts too much and lost more on PERS and ORG than it
    gained (docs/ner.md)."""
    best = max(readings, key=lambda s: _count(s, res))
    n = _count(best, res)
    row = res.silver.get(best)
    if n < 3:
        return ["sv=rare"], "rare"
    if row is None:
        return ["sv=none"], "none"
    total, *by_type, _ = row
    shares = {t: k / total for t, k in zip(TYPES, by_type) if t in SILVER_TYPES}
    top = max(SILVER_TYPES, key=lambda t: shares[t])
    dom = top + _band(shares[top])
    return [f"sv{t}={_band(v)}" for t, v in shares.items()] + ["svT=" + dom], dom


def _word_features(w: str, res: Resources) -> tuple[list[str], list[str]]:
    """Features of one normalised token that do not depend on its position,
    and its clitic readings (reused by the caller)."""
    readings = stems(w)
    bare = _base(readings, res)
    f = [
        "w=" + w,
        "fq=" + str(_count(w, res).bit_length()),
        "al=" + _article_share(bare, res),
        "shape=" + shape(w),
        "len=" + str(min(len(w), 10)),
        "bare=" + bare,
        "p2=" + w[:2], "p3=" + w[:3],
        "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:],
        "bs2=" + bare[-2:], "bs3=" + bare[-3:],
    ]
    f.extend("stem=" + s for s in readings[1:])
    ids = _cluster(w, res)
    if ids is None:
        f.append("c=OOV")
    else:
        f.extend(f"c{k}={c}" for k, c in enumerate(ids))
    return f, readings


def sentence_features(words: Sequence[str], res: Resources) -> list[list[str]]:
    """crfsuite feature lists for a sentence of raw tokens."""
    ws = [norm(t) for t in words]
    own, readings = zip(*(_word_features(w, res) for w in ws)) if ws else ((), ())
    gaz = res.gazetteer.match(ws)
    clus = [_cluster(w, res) for w in ws]
    bases = [_base(r, res) for r in readings]
    n = len(ws)
    titled = [_title_share(r, res) for r in readings] if res.titles else None
    silver = [_silver(r, res) for r in readings] if res.silver else None
    out: list[list[str]] = []
    for i in range(n):
        f = ["bias"] + own[i] + ["g=" + g for g in gaz[i]]
        if titled:
            f.append("tt=" + titled[i])
            if i > 0:
                f.append("-1:tt=" + titled[i - 1])
            if i < n - 1:
                f.append("+1:tt=" + titled[i + 1])
        if silver:
            f.extend(silver[i][0])
            if i > 0:
                f.append("-1:svT=" + silver[i - 1][1])
            if i < n - 1:
                f.append("+1:svT=" + silver[i + 1][1])
        if i == 0:
            f.append("BOS")
        if i == n - 1:
            f.append("EOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"{d}:w={ws[j]}")
                f.append(f"{d}:bare={bases[j]}")
                c = clus[j]
                f.append(f"{d}:c1={c[1]}" if c else f"{d}:c=OOV")
                if abs(d) == 1:
                    f.append(f"{d}:shape={shape(ws[j])}")
                    f.extend(f"{d}:g={g}" for g in gaz[j])
                    if c:
                        f.append(f"{d}:c2={c[2]}")
            else:
                f.append(f"{d}:PAD")
        if i > 0:
            f.append(f"w-1w={ws[i - 1]}|{ws[i]}")
        if i < n - 1:
            f.append(f"ww+1={ws[i]}|{ws[i + 1]}")
        out.append(f)
    return out
