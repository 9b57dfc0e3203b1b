"""Word statistics and name lists behind the NER features, on small made-up inputs."""
from __future__ import annotations

import gzip

import pytest

from marsad.arabic.normalize import norm
from marsad.ner.clusters import (
    WordStats,
    load_counts,
    load_titles,
    save_counts,
    title_counts,
)
from marsad.ner.features import Resources, sentence_features, shape
from marsad.ner.gazetteer import Gazetteer
from marsad.ner.silver import load_silver, save_silver, silver_counts


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


def _fake_tag(words):
    """Illustrative first-stage tagger: سمير starts a person, العمري continues it, حلب is a place."""
    tags = []
    for w in words:
        tags.append({"سمير": "B-PERS", "حلب": "B-LOC"}.get(w, "I-PERS" if w == "العمري" and tags
                                                             and tags[-1].endswith("PERS") else "O"))
    return tags


def test_silver_counts_types_first_names_and_min_count():
    sents = [["قال", "سمير", "العمري", "في", "حلب"], ["العمري", "وصل"], ["سمير", "العمري"], ["حلب"], []]
    counts = silver_counts(sents, _fake_tag, min_count=2)
    # (total, PERS, LOC, ORG, MISC, B-PERS)
    assert counts["سمير"] == (2, 2, 0, 0, 0, 2)
    assert counts["العمري"] == (3, 2, 0, 0, 0, 0)  # untagged once (sentence start)
    assert counts["حلب"] == (2, 0, 2, 0, 0, 0)
    assert "قال" not in counts and "وصل" not in counts  # never tagged / too rare


def test_silver_round_trip_absent_and_bad_file(tmp_path):
    rows = {"سمير": (40, 30, 1, 0, 0, 25), "حلب": (12, 0, 11, 0, 0, 0)}
    save_silver(rows, tmp_path / "s.tsv.gz")
    assert load_silver(tmp_path / "s.tsv.gz") == rows
    assert load_silver(tmp_path / "missing.tsv.gz") == {}
    with gzip.open(tmp_path / "bad.tsv.gz", "wt", encoding="utf-8") as f:
        f.write("word\ttotal\tPERS\tLOC\tORG\tMISC\tB-PERS\nسمير\t4\tx\n")
    with pytest.raises(ValueError, match="bad.tsv.gz:2"):
        load_silver(tmp_path / "bad.tsv.gz")


def test_silver_features_band_the_place_and_misc_shares_and_reach_neighbours():
    words = {"حلب": WordStats(40, ("1",) * 5), "قال": WordStats(500, ("2",) * 5), "نادر": WordStats(2, ("3",) * 5),
             "سمير": WordStats(40, ("4",) * 5)}
    silver = {"حلب": (40, 2, 36, 0, 1, 0), "سمير": (40, 36, 0, 0, 0, 30)}
    res = Resources(words, Gazetteer([]), silver=silver)
    f = sentence_features(["قال", "حلب", "نادر", "سمير"], res)
    assert "svLOC=e" in f[1] and "svMISC=a" in f[1] and "svT=LOCe" in f[1]
    assert not any(x.startswith(("svPERS", "svORG")) for x in f[1] + f[3])  # only LOC and MISC are used
    assert "svT=LOC0" in f[3]  # a person name: never a place
    assert "sv=none" in f[0] and "+1:svT=LOCe" in f[0]  # known word, never tagged
    assert "sv=rare" in f[2] and "-1:svT=LOCe" in f[2]
    plain = sentence_features(["قال", "حلب"], Resources(words, Gazetteer([])))
    assert not any(x.startswith(("sv", "-1:sv", "+1:sv")) for x in plain[0] + plain[1])
