"""The conlleval-style entity scorer and the CoNLL reader, on hand-made cases."""
from __future__ import annotations

import pytest

from marsad.ner.conll import ConllError, read_conll
from marsad.ner.scoring import chunks, score


def test_chunks_bio():
    tags = ["B-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-LOC", "O", "B-ORG"]
    assert chunks(tags) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 6, "LOC"), (7, 8, "ORG")]


def test_chunks_iob1_and_stray_inside_tags():
    # IOB1 / stray I-: an I- after O or after another type starts a chunk (conlleval).
    assert chunks(["I-PERS", "I-PERS", "O", "I-LOC"]) == [(0, 2, "PERS"), (3, 4, "LOC")]
    assert chunks(["B-PERS", "I-LOC", "I-LOC"]) == [(0, 1, "PERS"), (1, 3, "LOC")]
    # IOBES tags are read too.
    assert chunks(["S-LOC", "B-ORG", "E-ORG", "S-ORG"]) == [(0, 1, "LOC"), (1, 3, "ORG"), (3, 4, "ORG")]


def test_exact_span_rule():
    gold = [["B-PERS", "I-PERS", "I-PERS", "O"]]
    partial = [["B-PERS", "I-PERS", "O", "O"]]  # two of three tokens: not a match
    s = score(gold, partial)
    assert (s.gold["PERS"], s.pred["PERS"], s.correct["PERS"]) == (1, 1, 0)
    assert s.prf() == (0.0, 0.0, 0.0)
    longer = [["B-PERS", "I-PERS", "I-PERS", "I-PERS"]]
    assert score(gold, longer).correct["PERS"] == 0
    assert score(gold, gold).prf() == (1.0, 1.0, 1.0)


def test_type_mismatch_counts_as_both_a_miss_and_a_false_alarm():
    gold = [["B-LOC", "O", "B-ORG", "I-ORG"]]
    pred = [["B-ORG", "O", "B-ORG", "I-ORG"]]
    s = score(gold, pred)
    assert s.prf("LOC") == (0.0, 0.0, 0.0)
    p, r, f = s.prf("ORG")
    assert (p, r) == (0.5, 1.0)
    p, r, f = s.prf()
    assert (p, r) == (0.5, 0.5)
    assert f == pytest.approx(0.5)


def test_iob1_gold_equals_bio_prediction_of_same_spans():
    gold = [["I-PERS", "I-PERS", "O", "I-LOC"]]
    pred = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    assert score(gold, pred).prf()[2] == 1.0


def test_table_last_line_and_per_type_rows():
    s = score([["B-PERS", "O", "B-MISC"]], [["B-PERS", "O", "O"]])
    lines = s.table().splitlines()
    assert lines[-1] == "F1 0.6667"
    assert [l.split()[0] for l in lines[1:-1]] == ["PERS", "MISC", "ALL"]


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError, match="length"):
        score([["O", "O"]], [["O"]])


def test_read_conll(tmp_path):
    f = tmp_path / "a.conll"
    f.write_text("زار B-PERS\nسمير I-PERS\n\nفي O\nحلب B-LOC\n\n\n", encoding="utf-8")
    sents = read_conll(f)
    assert [s.tokens for s in sents] == [["زار", "سمير"], ["في", "حلب"]]
    assert sents[1].tags == ["O", "B-LOC"]


@pytest.mark.parametrize("body, problem", [
    ("كلمة\n", "expected 'token TAG'"),
    ("كلمة X-LOC\n", "bad tag"),
    ("\n\n", "no sentences"),
])
def test_read_conll_errors_name_file_and_line(tmp_path, body, problem):
    f = tmp_path / "bad.conll"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(ConllError, match=problem) as e:
        read_conll(f)
    assert "bad.conll" in str(e.value)
