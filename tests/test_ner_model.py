"""The shipped NER models, the `marsad ner` commands, and a tiny smoke training
of the CRF (the encoder's: tests/test_ner_neural.py).

Sentences here are written for the tests (fictional). The training file and the
test split are read in place from ../shared and never copied.
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.model import Mention
from marsad.ner import load_model, tag_text
from marsad.ner.conll import read_conll
from marsad.ner.tagger import CRF_MODEL

# Measured on the test split with the shipped models (docs/ner.md); the test
# allows 0.01 below each.
MEASURED_TEST_F1 = {"default": 0.7467, "crf": 0.7179}

TEXT = "وقال الوزير خالد العمري إن الوفد وصل إلى بغداد صباح الأحد قادما من عمّان."


def test_shipped_model_loads_once():
    assert load_model() is load_model()


def test_tag_text_finds_person_and_place_with_exact_spans():
    found = tag_text(TEXT)
    assert all(isinstance(m, Mention) and m.found_by == "model" for m in found)
    for m in found:
        assert TEXT[m.start:m.end] == m.text
        assert m.kind in {"person", "place", "org", "misc"}
        assert m.value["confidence"] is None or 0.0 < m.value["confidence"] <= 1.0
    by_kind = {(m.kind, m.text) for m in found}
    assert ("person", "خالد العمري") in by_kind
    assert ("place", "بغداد") in by_kind


def test_spans_point_into_unnormalised_text():
    # Diacritics and tatweel are dropped for matching but spans still index the input.
    text = "التقى الرئيسُ بالسفيرِ في القاهـرة أمس."
    places = [m for m in tag_text(text) if m.kind == "place"]
    assert places, "expected القاهرة to be found as a place"
    assert text[places[0].start:places[0].end] == "القاهـرة"


def test_empty_and_non_arabic_text():
    assert tag_text("") == []
    assert tag_text("   \n\n ") == []
    assert isinstance(tag_text("12345 ... !!!"), list)


def test_cli_tag_reads_stdin_and_prints_json_lines():
    res = CliRunner().invoke(main, ["ner", "tag"], input=TEXT)
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.output.splitlines()]
    assert recs and all(r["source"] == "-" for r in recs)
    assert any(r["kind"] == "place" and TEXT[r["start"]:r["end"]] == "بغداد" for r in recs)


def test_cli_tag_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(main, ["ner", "tag", str(f)])
    assert res.exit_code == 0, res.output
    assert all(json.loads(line)["source"] == str(f) for line in res.output.splitlines())


def test_cli_eval_bad_file_is_one_line_error(tmp_path):
    f = tmp_path / "bad.conll"
    f.write_text("كلمة\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["ner", "eval", str(f)])
    assert res.exit_code != 0
    assert "bad.conll:1" in res.output and "Traceback" not in res.output


def test_cli_missing_model_dir_is_one_line_error(tmp_path):
    res = CliRunner().invoke(main, ["ner", "tag", "--model", str(tmp_path)], input=TEXT)
    assert res.exit_code != 0
    assert "not a NER model directory" in res.output


@pytest.mark.parametrize("model", sorted(MEASURED_TEST_F1))
def test_cli_eval_on_test_split(shared, model):
    test = shared / "data" / "ner" / "anercorp_camel_test.conll"
    if not test.exists():
        pytest.skip(f"{test} absent")
    res = CliRunner().invoke(main, ["ner", "eval", str(test), "--model", model])
    assert res.exit_code == 0, res.output
    last = res.output.strip().splitlines()[-1]
    m = re.fullmatch(r"F1 (\d\.\d+)", last)
    assert m, last
    assert float(m.group(1)) >= MEASURED_TEST_F1[model] - 0.01
    for typ in ("PERS", "LOC", "ORG", "MISC", "ALL"):
        assert re.search(rf"^{typ}\s", res.output, re.MULTILINE), typ


def test_smoke_training_is_reproducible(shared, tmp_path):
    """Train twice on a few hundred training sentences (seeded) and get the
    same model; the small model must tag its own training data sensibly."""
    train = shared / "data" / "ner" / "anercorp_train.conll"
    if not train.exists():
        pytest.skip(f"{train} absent")
    from marsad.ner.train import train_model

    sents = read_conll(train)[:300]
    small = tmp_path / "small.conll"
    small.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in zip(s.tokens, s.tags)) for s in sents) + "\n",
                     encoding="utf-8")
    clusters = CRF_MODEL / "clusters.tsv.gz"
    grid = ((0.05, 0.05), (1.0, 0.01))
    meta_a = train_model(small, tmp_path / "a", clusters_path=clusters, seed=5, max_iter=30,
                         tune=True, grid=grid, silver=False, log=lambda m: None)
    assert [(g["c1"], g["c2"]) for g in meta_a["tuning"]] == list(grid)
    assert (meta_a["c1"], meta_a["c2"]) in grid
    # The same data and the tuned weights, without tuning, give the same model bytes.
    train_model(small, tmp_path / "b", clusters_path=clusters, seed=5, max_iter=30,
                c1=meta_a["c1"], c2=meta_a["c2"], silver=False, log=lambda m: None)
    assert (tmp_path / "a" / "model.crfsuite").read_bytes() == (tmp_path / "b" / "model.crfsuite").read_bytes()

    from marsad.ner.scoring import score
    from marsad.ner.tagger import NerModel

    model = NerModel.load(tmp_path / "a")
    f1 = score([s.tags for s in sents[:50]], [model.tag_tokens(s.tokens) for s in sents[:50]]).prf()[2]
    assert f1 > 0.5


def test_smoke_training_with_silver_counts(shared, tmp_path):
    """`silver=True`: a first-stage model tags the news (here a tiny made-up
    zip), its counts are saved beside the model and feed the final features."""
    import zipfile

    from marsad.ner.silver import load_silver
    from marsad.ner.tagger import NerModel
    from marsad.ner.train import train_model

    train = shared / "data" / "ner" / "anercorp_train.conll"
    if not train.exists():
        pytest.skip(f"{train} absent")
    sents = read_conll(train)[:300]
    small = tmp_path / "small.conll"
    small.write_text("\n\n".join("\n".join(f"{w} {t}" for w, t in zip(s.tokens, s.tags)) for s in sents) + "\n",
                     encoding="utf-8")
    # Illustrative articles, written for this test.
    body = "وصل وزير الخارجية إلى بغداد أمس. وقال مسؤول في بغداد إن المحادثات في بغداد ستستمر."
    news = tmp_path / "news"
    news.mkdir()
    with zipfile.ZipFile(news / "2020-01-01.zip", "w") as z:
        z.writestr("a.json", json.dumps([{"title": "زيارة", "content": body}] * 3, ensure_ascii=False))
    with pytest.raises(ValueError, match="news_dir"):
        train_model(small, tmp_path / "x", clusters_path=CRF_MODEL / "clusters.tsv.gz")
    meta = train_model(small, tmp_path / "m", news_dir=news, clusters_path=CRF_MODEL / "clusters.tsv.gz",
                       seed=5, max_iter=30, silver=True, log=lambda m: None)
    counts = load_silver(tmp_path / "m" / "silver.tsv.gz")
    assert meta["silver_words"] == len(counts) > 0
    # Every third article is read: the first of the three, which names بغداد three times.
    assert counts["بغداد"][0] == 3 and counts["بغداد"][2] > 0  # and tags it LOC
    model = NerModel.load(tmp_path / "m")
    assert model.resources.silver == counts
    assert any(m.text == "بغداد" for m in model.tag_text(body))
