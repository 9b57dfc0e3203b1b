"""The name-consistency pass, on hand-written sentences (fictional names)."""
from __future__ import annotations

from marsad.ner.consistency import propagate_windowed

SENTS = [
    ["قال", "سمير", "الخطيب", "إن", "الوفد", "وصل", "إلى", "حلب"],
    ["وأضاف", "الخطيب", "أن", "الوفد", "سيزور", "لحلب", "غدا"],
    ["وكان", "الخطيب", "قد", "زار", "دمشق"],
]
TAGS = [
    ["O", "B-PERS", "I-PERS", "O", "O", "O", "O", "B-LOC"],
    ["O", "O", "O", "O", "O", "O", "O"],
    ["O", "O", "O", "O", "B-ORG"],
]


def test_surname_and_place_propagate_within_the_document():
    out = propagate_windowed(SENTS, TAGS, None)
    assert out[0] == TAGS[0]
    assert out[1] == ["O", "B-PERS", "O", "O", "O", "B-LOC", "O"]  # لحلب: clitic ل allowed
    assert out[2][1] == "B-PERS"
    assert out[2][4] == "B-ORG"  # the model's own tags are never overwritten


def test_window_limits_the_memory():
    assert propagate_windowed(SENTS, TAGS, 0) == TAGS
    out = propagate_windowed(SENTS, TAGS, 1)
    assert out[1][1] == "B-PERS"      # sentence 0 is within one sentence of 1
    assert out[2][1] == "O"           # but not of sentence 2
    assert TAGS[1] == ["O"] * 7       # input left untouched


def test_short_keys_are_not_propagated():
    sents = [["التقى", "سمير", "طه", "أمس"], ["قال", "طه", "إن", "سمير", "طه", "وصل"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O"] * 6]
    out = propagate_windowed(sents, tags, None)
    # The two-letter surname alone is too risky to remember; the full name is not.
    assert out[1] == ["O", "O", "O", "B-PERS", "I-PERS", "O"]
