"""Encoder (e5) word-type features for the NER tagger, on small made-up inputs.

Words and sentences are written for these tests (illustrative, fictional)."""
from __future__ import annotations

import gzip

import numpy as np
import pytest

from marsad.ner import embeddings as e5
from marsad.ner.clusters import WordStats
from marsad.ner.features import Resources, sentence_features
from marsad.ner.gazetteer import Gazetteer


@pytest.fixture(autouse=True)
def _few_iterations(monkeypatch):
    """The toy problems converge well before the production iteration cap."""
    monkeypatch.setattr(e5, "MAX_ITER", 40)


def test_vocabulary_is_training_words_then_frequent_news_words():
    vocab = e5.vocabulary(["سمير", "في", "حلب", "في"], {"في": 90, "دمشق": 50, "قال": 70, "نادر": 1}, news_words=2)
    assert vocab == ["حلب", "سمير", "في", "قال", "دمشق"]


def test_type_targets_count_classes_per_normalised_word():
    sents = [(["قال", "سمير", "العمري"], ["O", "B-PERS", "I-PERS"]), (["زار", "سمير"], ["O", "B-LOC"])]
    t = e5.type_targets(sents)
    assert t["سمير"].tolist() == [0, 1, 1, 0, 0]  # O, PERS, LOC, ORG, MISC
    assert t["قال"].tolist() == [1, 0, 0, 0, 0]


def _toy(seed=0, n=300, d=8):
    """Vectors whose first two dimensions say whether a word is a place or a
    person; the labelled rows are the first 200."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d))
    kind = rng.integers(0, 3, n)  # 0 other, 1 person, 2 place
    x[kind == 1, 0] += 3
    x[kind == 2, 1] += 3
    y = np.zeros((n, 5))
    y[np.arange(n), np.array([0, 1, 2])[kind]] = 5
    return x, kind, y


def test_crossfit_learns_the_signal_out_of_fold():
    x, kind, y = _toy()
    lab = np.arange(200)
    p = e5.crossfit(x, lab, y[lab], seed=1)
    assert np.allclose(p.sum(axis=1), 1)
    pred = p.argmax(axis=1)
    assert (pred[200:] == np.array([0, 1, 2])[kind[200:]]).mean() > 0.85  # unlabelled rows
    assert (pred[:200] == np.array([0, 1, 2])[kind[:200]]).mean() > 0.85  # out-of-fold rows


def test_crossfit_does_not_memorise_labels():
    # Noise vectors with random labels: out-of-fold predictions cannot be right
    # much more often than chance, while the in-sample fit could memorise them.
    rng = np.random.default_rng(3)
    x = rng.standard_normal((200, 60))
    y = np.zeros((200, 5))
    y[np.arange(200), rng.integers(1, 3, 200)] = 1
    p = e5.crossfit(x, np.arange(200), y, seed=2)
    assert (p.argmax(axis=1) == y.argmax(axis=1)).mean() < 0.7


def test_build_table_is_deterministic_and_round_trips(tmp_path):
    x, _kind, y = _toy(n=120)
    words = [f"w{i}" for i in range(120)]
    targets = {words[i]: y[i] for i in range(80)}
    a, proj_a = e5.build_table(words, x.astype(np.float32), targets, seed=7, sizes=(4, 8))
    b, proj_b = e5.build_table(words, x.astype(np.float32), targets, seed=7, sizes=(4, 8))
    assert a == b and len(a["w0"].clusters) == 2 and len(a["w0"].probs) == 4
    e5.save_table(a, tmp_path / "a.tsv.gz")
    e5.save_table(b, tmp_path / "b.tsv.gz")
    assert (tmp_path / "a.tsv.gz").read_bytes() == (tmp_path / "b.tsv.gz").read_bytes()
    assert e5.load_table(tmp_path / "a.tsv.gz") == a
    assert e5.load_table(tmp_path / "missing.tsv.gz") == {}
    e5.save_projector(proj_a, tmp_path / "pa.tsv.gz")
    e5.save_projector(proj_b, tmp_path / "pb.tsv.gz")
    assert (tmp_path / "pa.tsv.gz").read_bytes() == (tmp_path / "pb.tsv.gz").read_bytes()
    assert e5.load_projector(tmp_path / "missing.tsv.gz") is None
    with gzip.open(tmp_path / "bad.tsv.gz", "wt", encoding="utf-8") as f:
        f.write("سمير\t3\t0.5\n")
    with pytest.raises(ValueError, match="bad.tsv.gz:1"):
        e5.load_table(tmp_path / "bad.tsv.gz")


def test_features_use_the_table_through_clitic_readings():
    info = e5.TypeInfo(("3", "17"), (0.01, 0.9, 0.05, 0.0))  # PERS, LOC, ORG, MISC
    res = Resources({"حلب": WordStats(10, ("1", "2", "3", "4", "5"))}, Gazetteer([]), e5={"حلب": info})
    f = sentence_features(["وصل", "الى", "وحلب"], res)
    assert "e5c0=3" in f[2] and "e5c1=17" in f[2]
    assert "e5LOC=e" in f[2] and "e5T=LOCe" in f[2]
    assert "+1:e5T=LOCe" in f[1] and "e5=OOV" in f[1]
    # Without a table there are no encoder features at all.
    plain = sentence_features(["وصل", "الى", "وحلب"], Resources(res.words, res.gazetteer))
    assert not any(x.startswith(("e5", "+1:e5", "-1:e5")) for x in plain[2])


def test_embed_gives_unit_vectors_for_words():
    v = e5.embed(["بغداد", "قال"])
    assert v.shape == (2, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)
    assert not np.allclose(v[0], v[1])


def test_projector_places_words_like_the_table():
    """A word placed on the fly gets (nearly always) the clusters its vector
    got in the table, and, for a word not in the labelled set, the same
    probabilities; saved and loaded, the projector agrees with itself."""
    x, _kind, y = _toy(n=200)
    words = [f"w{i}" for i in range(200)]
    targets = {words[i]: y[i] for i in range(100)}
    table, proj = e5.build_table(words, x.astype(np.float32), targets, seed=3, sizes=(3, 6))
    infos = proj.infos(x.astype(np.float32))
    same = np.mean([infos[i].clusters == table[w].clusters for i, w in enumerate(words)])
    assert same > 0.9
    assert all(np.allclose(infos[i].probs, table[words[i]].probs, atol=2e-3) for i in range(100, 200))


def test_projector_file_round_trip_and_bad_file(tmp_path):
    x, _kind, y = _toy(n=60)
    words = [f"w{i}" for i in range(60)]
    _, proj = e5.build_table(words, x.astype(np.float32), {w: y[i] for i, w in enumerate(words[:40])}, seed=1,
                             sizes=(2, 5))
    e5.save_projector(proj, tmp_path / "p.tsv.gz")
    back = e5.load_projector(tmp_path / "p.tsv.gz")
    assert [c.shape for c in back.centres] == [(2, 8), (5, 8)] and back.weights.shape == (9, 5)
    assert [i.clusters for i in back.infos(x[:5])] == [i.clusters for i in proj.infos(x[:5])]
    with gzip.open(tmp_path / "bad.tsv.gz", "wt", encoding="utf-8") as f:
        f.write("mean\t0.1\tx\n")
    with pytest.raises(ValueError, match="bad.tsv.gz:1"):
        e5.load_projector(tmp_path / "bad.tsv.gz")


def test_encoder_fills_missing_words_once():
    x, _kind, y = _toy(n=40, d=384)
    words = [f"w{i}" for i in range(40)]
    table, proj = e5.build_table(words, x.astype(np.float32), {w: y[i] for i, w in enumerate(words[:30])},
                                 seed=1, sizes=(2, 4))
    enc = e5.Encoder(table, proj)
    enc.fill(["w1", "بغداد", "بغداد", "...", "2015"])
    assert "بغداد" in table and "..." not in table and "2015" not in table
    first = table["بغداد"]
    enc.fill(["بغداد"])
    assert table["بغداد"] is first and len(table) == 41
