"""`analyse(doc, ner=True)` and `marsad extract --ner`: the NER model's names
join the knowledge base's, never over them, and never change the events.

Texts here are written for the tests (fictional); seeds are read in place."""
from __future__ import annotations

import json

from click.testing import CliRunner

from marsad.cli import main
from marsad.mentions.suggest import without_overlap
from marsad.model import Document, Mention
from marsad.ner import load_model, tag_text
from marsad.pipeline import analyse
from marsad.sources import read_paths

TEXT = ("قال القائد الميداني زرغون خان إن مقاتلي حركة طالبان هاجموا حاجزا للشرطة قرب كابل أمس، "
        "وأضاف زرغون خان أن ثلاثة من عناصر الشرطة قتلوا في الهجوم.")


def _doc(text: str = TEXT) -> Document:
    return Document(doc_id="t1", source="test", text=text, published="2021-06-10")


def test_without_overlap_keeps_only_names_touching_no_known_span():
    known = [Mention("actor", 10, 20, "x" * 10)]
    found = [Mention("org", 5, 11, "y" * 6, found_by="model"),   # overlaps the start
             Mention("org", 19, 25, "y" * 6, found_by="model"),  # overlaps the end
             Mention("person", 0, 10, "z" * 10, found_by="model"),  # touches, no shared character
             Mention("place", 20, 24, "w" * 4, found_by="model")]
    assert [(m.start, m.end) for m in without_overlap(found, known)] == [(0, 10), (20, 24)]


def test_ner_adds_model_names_and_the_knowledge_base_and_rules_win_on_overlap():
    plain = analyse(_doc())
    tagged = analyse(_doc(), ner=True)
    model = [m for m in tagged.mentions if m.found_by == "model"]
    others = [m for m in tagged.mentions if m.found_by != "model"]
    assert {m.text for m in model} >= {"زرغون خان"}
    assert all(m.kind in {"person", "place", "org", "misc"} for m in model)
    # The model on its own also tags Kabul; with the knowledge base it is the kb's place only.
    assert any(m.text == "كابل" for m in tag_text(TEXT))
    assert [m.found_by for m in tagged.mentions if m.text == "كابل"] == ["kb"]
    assert not any(m.start < k.end and k.start < m.end for m in model for k in others)
    # Nothing the pipeline found without the model is lost, and events are the same.
    assert [m for m in tagged.mentions if m.found_by != "model"] == sorted(
        plain.mentions, key=lambda m: (m.start, m.end))
    assert [e.to_dict() for e in tagged.events] == [e.to_dict() for e in plain.events]
    assert plain.events  # the text does report an attack: the comparison is not vacuous
    assert not any(m.found_by == "model" for m in plain.mentions)


def test_month_name_the_model_takes_for_a_name_stays_a_date():
    # The CRF misreads the month as a name (the default encoder model does not),
    # so the rule that dates win is tested with it.
    text = "وقال المتحدث إن الهجوم وقع في 22 أبريل (نيسان) الماضي قرب الحدود."
    assert any(m.text == "نيسان" for m in load_model("crf").tag_text(text))  # the model alone misreads it
    mentions = analyse(_doc(text), ner="crf").mentions
    assert not any(m.found_by == "model" and "نيسان" in m.text for m in mentions)
    assert any(m.kind == "date" and "نيسان" in m.text for m in mentions)


def test_events_are_identical_with_and_without_ner_on_seeds(seeds_dir):
    docs = [d for d in read_paths(sorted(seeds_dir.glob("*.txt"))[:2]) if isinstance(d, Document)]
    assert len(docs) == 2
    for doc in docs:
        without = [e.to_dict() for e in analyse(doc).events]
        assert [e.to_dict() for e in analyse(doc, ner=True).events] == without
        assert any(m.found_by == "model" for m in doc.mentions)


def test_extract_ner_adds_a_mentions_key_and_keeps_the_contract_fields(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    plain = json.loads(runner.invoke(main, ["extract", "-q", str(path)]).output)
    result = runner.invoke(main, ["extract", "-q", "--ner", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert "mentions" not in plain
    assert {k: v for k, v in record.items() if k != "mentions"} == plain
    by_source = {(m["text"], m["found_by"]) for m in record["mentions"]}
    assert ("زرغون خان", "model") in by_source and ("كابل", "kb") in by_source
    for m in record["mentions"]:
        assert record["text"][m["start"]:m["end"]] == m["text"]


def test_with_ner_the_learned_choice_names_a_speaker_the_rules_miss():
    """A name with no role after the verb: the rules find no speaker (they
    know persons by their roles); with the NER model its name is a candidate
    and the speaker model (marsad.statements.choice) picks it. Without NER the
    rules' speakers stay."""
    text = ("وقال عبد الرحيم زرغون إن مقاتلي حركة طالبان هاجموا حاجزا للشرطة قرب كابل أمس. "
            "وأكد مسؤول محلي أن الهجوم أوقع ثلاثة قتلى.")
    plain = analyse(_doc(text)).said.statements
    tagged = analyse(_doc(text), ner="crf").said.statements
    assert [s.speaker for s in plain][0] is None
    assert (tagged[0].speaker.kind, tagged[0].speaker.name) == ("person", "عبد الرحيم زرغون")
    assert [s.speaker for s in tagged[1:]] == [s.speaker for s in plain[1:]]  # the unnamed official stays


def test_ingest_with_ner_stores_the_learned_speakers(tmp_path):
    """`marsad ingest --ner --ner-model crf` analyses as `extract --ner` does:
    the stored statement names the speaker the rules alone miss."""
    import sqlite3

    src = tmp_path / "a.txt"
    src.write_text("وقال عبد الرحيم زرغون إن مقاتلي حركة طالبان هاجموا حاجزا للشرطة قرب كابل أمس.\n",
                   encoding="utf-8")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--ner", "--ner-model", "crf", "-q"])
    assert result.exit_code == 0, result.output
    names = [r[0] for r in sqlite3.connect(db).execute("SELECT speaker_name FROM statements")]
    assert names == ["عبد الرحيم زرغون"]
    bad = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--ner", "--ner-model", "nosuch"])
    assert bad.exit_code == 1 and "nosuch" in bad.output and "Traceback" not in bad.output
