"""The fast paths of extraction find exactly what the plain forms they replace
find: trie alternations, the candidate starts of the date scan, the number-word
pre-filter, the rewritten sentence and clock regexes, the phrase-table
pre-filter and the shared tokenisation (benchmarks/extract_speed.py measures
the speed; these tests guard the output)."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from marsad.arabic import cardinals, dates, numbers
from marsad.arabic.alternation import alternation
from marsad.arabic.normalize import normalize
from marsad.arabic.tokens import _PREFIXES, _MIN_STEM, stems, tokenize, tokens
from marsad.events import lexicon
from marsad.text import TextLayer, sentences

# Own sentences (fictional), with the edge cases the fast paths must keep.
OWN = [
    "وفي الخامس من شهر أيار الماضي، قُتل 3 أشخاص وأصيب بضعة عشر آخرون في 12/05/2016.",
    "قال المتحدث أمسِ الأربعاء إن الهجوم وقع صباح يوم الثلاثاء 2015-07-21 الساعة 10:30.",
    "بعد غد تنتهي المهلة؛ ومنذ ثلاثة أيام تتواصل الاشتباكات، فيما قُتل نحو 2.500 شخص.",
    "وبالأمس، وفي هذا الشهر ذاته (1436هـ) سقط العشرات بين 10 و15 قتيلا... في حين نجا آخرون!",
    "(2.) 1. ؟ . .. \n\n سطر جديد\nوالخميس الماضي، ليلة أمس ٢٠١٥ و٣٠ مايو",
]


@pytest.fixture(scope="module")
def texts(news_dir: Path, seeds_dir: Path) -> list[str]:
    out = list(OWN) + [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    first = sorted(news_dir.glob("*.zip"))[0]
    with zipfile.ZipFile(first) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".json"))
        out += [a.get("content") or "" for a in json.loads(zf.read(name))[:300]]
    return out


def _flat(forms) -> str:
    ordered = sorted(set(forms), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered) + ")"


def test_trie_alternation_matches_like_the_flat_list():
    forms = ["اب", "ابريل", "اذار", "كانون الثاني", "كانون", "a.b", "ا"]
    text = "ابريل اب كانون  الثاني كانونx اذار a.b axb ا"
    for tail in ("", r"(?![\w])", r"\s+الثاني"):
        trie, flat = re.compile(alternation(forms) + tail), re.compile(_flat(forms) + tail)
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
    assert re.fullmatch(alternation(forms), "كانون الثاني")
    assert not re.fullmatch(alternation(forms), "ابري")


def _plain_scan(nt: str) -> list:
    return [(kind, m.span(), m.groupdict()) for kind, pattern, _h in dates._patterns()
            for m in pattern.finditer(nt)]


def _fast_scan(nt: str) -> list:
    starts = [m.start() for m in dates._starts().finditer(nt)]
    return [(kind, m.span(), m.groupdict()) for kind, pattern, heads in dates._patterns()
            for m in (pattern.finditer(nt) if heads is None else dates._finditer(pattern, nt, starts))]


def test_date_scan_tries_every_place_a_date_can_start(texts):
    """A pattern edited without its heads would lose dates here."""
    found = 0
    for t in texts:
        nt = normalize(t).text
        plain = _plain_scan(nt)
        assert _fast_scan(nt) == plain
        found += len(plain)
    assert found > 300


def test_number_word_prefilter_keeps_every_number_word(texts):
    words = cardinals._words()
    letters = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
    for t in texts:
        nt = normalize(t).text
        wanted = [m.span() for m in letters.finditer(nt)
                  if any(m.group()[k:] in words for k in range(min(4, len(m.group()))))]
        assert [m.span() for m in cardinals._number_words().finditer(nt)] == wanted


def test_digit_and_clock_regexes_match_their_lookbehind_forms(texts):
    plain = {
        cardinals._DIGITS: r"(?<![0-9.,\u066b\u066c])[0-9]+(?:[.,\u066b\u066c][0-9]+)*(?![0-9])",
        numbers._CLOCK: r"(?<![0-9])[0-9]{1,2}:[0-9]{2}(?![0-9])",
        numbers._CLOCK_LIKE: r"(?<![0-9])[0-9]{1,2}[.,][0-9]{2}(?![0-9])",
        sentences._SENTENCE_END: r"(?<![\d.(])[.!?؟](?![\d.)])|(?<![.(])\.(?=\s)|\n+",
        sentences._CLAUSE_END: r"[،,;؛:](?!\d)|\s(?=(?:فيما|بينما|في حين|وفيما|وبينما|ردا|رداً|انتقاما|انتقاماً)\s)",
    }
    extra = ["1", ".1", "1.", "12:300", "112:30", "a1,50", "2015. x", "(.)", "..", "؟!"]
    for fast, slow in plain.items():
        slow_re = re.compile(slow)
        for t in texts + extra:
            for s in (t, normalize(t).text):
                assert [m.span() for m in fast.finditer(s)] == [m.span() for m in slow_re.finditer(s)], slow


def test_stems_by_first_letter_equal_trying_every_chain(texts):
    def every_chain(token: str) -> list[str]:
        out = [token]
        for p in _PREFIXES:
            if token.startswith(p) and len(token) - len(p) >= _MIN_STEM:
                rest = token[len(p):]
                if p.endswith("لل"):
                    out.append("ال" + rest)
                out.append(rest)
                if not p.endswith("ال") and rest.startswith("ال") and len(rest) - 2 >= _MIN_STEM:
                    out.append(rest[2:])
        return list(dict.fromkeys(out))

    vocab = {w for t in texts[:100] for w in tokenize(t).words} | {"و", "لل", "للا", "وبالا", "ال"}
    assert all(stems(w) == every_chain(w) for w in vocab)


def test_phrase_prefilter_never_hides_a_candidate(texts):
    vocab = {w for t in texts[:150] for w in tokenize(t).words}
    for table in (lexicon.triggers(), lexicon.nonevent_cues(), lexicon.casualty_words(),
                  lexicon.responsibility_cues(), lexicon.air_cues(), lexicon.security_context(),
                  lexicon.date_anaphora()):
        for w in vocab:
            full = [k for rest in lexicon._rests(w) for k in
                    [*table._exact.get(rest, ()),
                     *(k for n in table._open_lengths if n <= len(rest) for k in table._open.get(rest[:n], ()))]]
            assert bool(full) <= bool(table._may_start.match(w)), w
    assert lexicon.triggers()._may_start.match("والهجوم")


def test_shared_tokenisation_is_normalize_then_tokens():
    for t in OWN:
        tk = tokenize(t)
        assert tk.normalized == normalize(t)
        assert tk.spans == list(tokens(tk.normalized.text))
        assert (tk.starts, tk.ends, tk.words) == tuple(map(list, zip(*tk.spans)))


def test_text_layer_keeps_clean_offsets_and_every_date_expression():
    for t in OWN:
        layer = TextLayer.of(t)
        assert TextLayer.of(layer) is layer
        assert [(s, e) for s, e in zip(layer.starts, layer.ends)] == \
            [layer.normalized.span(s, e) for s, e, _w in layer.tokens.spans]
        # each token's clean span normalises to the token itself
        assert all(normalize(t[s:e]).text == w for s, e, w in zip(layer.starts, layer.ends, layer.words))
        assert layer.sentences == sentences.split(t)
        assert layer.dates == dates.scan(layer.normalized.text)
