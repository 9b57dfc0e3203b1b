"""The normaliser maps spellings together and never loses the way back."""
from __future__ import annotations

import json
import zipfile

from marsad.arabic.normalize import norm, normalize, normalize_char
from marsad.arabic.tokens import stems


def _reference(text: str) -> tuple[str, list[int]]:
    """Character-by-character definition of `normalize`."""
    out, index = [], []
    for i, ch in enumerate(text):
        n = normalize_char(ch)
        out.append(n)
        index.extend([i] * len(n))
    return "".join(out), index + [len(text)]


def test_spelling_variants_meet():
    assert norm("أفغانستان") == norm("افغانستان")
    assert norm("إيران") == norm("ايران")
    assert norm("مدرسة") == norm("مدرسه")
    assert norm("مقتلى") == norm("مقتلي")
    assert norm("کابل") == norm("كابل")  # Persian kaf inside Arabic
    assert norm("نیویورک") == norm("نيويورك")  # Persian yeh
    assert norm("كابـــل") == "كابل"  # tatweel
    assert norm("قُتِلَ") == "قتل"  # diacritics
    assert norm("١٢٣ ۴۵") == "123 45"
    assert norm("#الولايات_المتحدة") == "الولايات المتحده"


def test_offsets_point_back_to_the_input():
    text = "أعلنَ #الولايات_المتحدة في کابل ٣ قتلى"
    nz = normalize(text)
    start = nz.text.index("كابل")
    s, e = nz.span(start, start + 4)
    assert text[s:e] == "کابل"
    s, e = nz.span(0, 4)
    assert text[s:e] == "أعلن"  # a trailing diacritic is not part of the match


def test_characters_that_expand_keep_every_index():
    text = "İİ في كابل"
    nz = normalize(text)
    assert (nz.text, nz.index) == _reference(text)
    start = nz.text.index("كابل")
    assert text[slice(*nz.span(start, start + 4))] == "كابل"


def test_fast_path_equals_definition_on_corpus(news_dir):
    zpath = sorted(news_dir.glob("*.zip"))[0]
    with zipfile.ZipFile(zpath) as z:
        records = json.loads(z.read(z.namelist()[0]))[:200]
    for r in records:
        text = (r.get("title") or "") + "\n" + (r.get("content") or "")
        nz = normalize(text)
        assert (nz.text, nz.index) == _reference(text)


def test_clitic_readings():
    assert "كابل" in stems("بكابل")
    assert "القاعده" in stems("والقاعده")
    assert "طالبان" in stems("لطالبان")
    assert "التنظيم" in stems("للتنظيم")
    assert stems("باكستان")[0] == "باكستان"  # the whole word is always the first reading
