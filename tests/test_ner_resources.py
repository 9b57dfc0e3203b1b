"""Word statistics and name lists behind the NER features, on small made-up inputs."""
from __future__ import annotations

from marsad.arabic.normalize import norm
from marsad.ner.clusters import load_counts, load_titles, save_counts, title_counts
from marsad.ner.features import shape
from marsad.ner.gazetteer import Gazetteer


def test_titles_are_normalised_and_counted_one_or_two_words_after():
    titles = load_titles()
    assert norm("الرئيس") in titles and norm("اللواء") in titles
    seqs = [["قال", "الرييس", "سمير", "الخطيب", "ان"], ["زار", "الخطيب", "المدينه"]]
    counts = title_counts(seqs, titles, ["سمير", "الخطيب", "ان", "المدينه"])
    assert counts == {"سمير": 1, "الخطيب": 1}


def test_counts_round_trip_and_absent_file_is_empty(tmp_path):
    save_counts({"سمير": 3, "حلب": 1}, tmp_path / "t.tsv.gz")
    assert load_counts(tmp_path / "t.tsv.gz") == {"سمير": 3, "حلب": 1}
    assert load_counts(tmp_path / "missing.tsv.gz") == {}


def test_gazetteer_matches_longest_entry_and_clitics():
    gaz = Gazetteer([("راس الخيمه", "LOC", "test"), ("راس", "LOC", "test"), ("حلب", "LOC", "test")])
    words = ["وصل", "الى", "راس", "الخيمه", "ثم", "لحلب"]
    hits = gaz.match(words)
    assert hits[2] == ["LOC:B"] and hits[3] == ["LOC:I"]
    assert hits[5] == ["LOC:U"]  # لحلب: the ل is a clitic
    assert hits[0] == hits[1] == hits[4] == []


def test_shape():
    assert shape("بغداد") == "A"
    assert shape("F16") == "LD"
    assert shape("2015م") == "DA"
    assert shape("-") == "P"
