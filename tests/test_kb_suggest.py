"""`marsad.mentions.suggest` and `marsad kb suggest`: names the model keeps finding
that the knowledge base does not know, ranked, with contexts.

Texts here are written for the tests (fictional)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from marsad.cli import main
from marsad.mentions.suggest import context, suggest
from marsad.model import Document, Mention

TEXTS = [
    "قال القائد الميداني زرغون خان إن مقاتلي حركة طالبان سيطروا على حاجز قرب كابل.",
    "وأكد زرغون خان في بيان أن قواته انسحبت من الطريق المؤدي إلى كابل بعد اشتباك مع الجيش.",
    "ونفت حركة طالبان أن يكون زرغون خان قد أصيب في الغارة الجوية على مقر قيادته.",
]


def _docs(texts: list[str] = TEXTS) -> list[Document]:
    return [Document(doc_id=f"d{i}", source=f"t{i}", text=t, published="2021-06-10") for i, t in enumerate(texts)]


def test_repeated_unknown_commander_is_suggested_and_known_names_are_not():
    found = suggest(_docs(), min_count=2)
    by_key = {s.key: s for s in found}
    top = found[0]
    assert top.name == "زرغون خان" and top.type == "PERS"
    assert (top.count, top.documents) == (3, 3)
    assert len(top.contexts()) == 3 and all("[زرغون خان]" in e for e in top.contexts())
    assert not {"طالبان", "حركه طالبان", "كابل"} & set(by_key)


def test_month_names_inside_dates_are_not_suggested():
    texts = [f"وقال المتحدث إن الهجوم وقع في {d} أبريل (نيسان) الماضي قرب الحدود." for d in (3, 12, 22)]
    assert "نيسان" not in {s.key for s in suggest(_docs(texts), min_count=1)}


def test_fake_tagger_counts_group_spellings_and_filter_known_names():
    """With a tagger that returns fixed names: grouping by normalised form,
    min_count, top, and the knowledge base check on the name alone."""
    texts = ["أحمد الزرغوني وطالبان", "احمد الزرغوني وطالبان", "أحمد الزرغوني وطالبان وكابل"]

    def tag(text: str) -> list[Mention]:
        out = []
        for word, typ in (("أحمد الزرغوني", "PERS"), ("احمد الزرغوني", "PERS"), ("طالبان", "ORG"), ("كابل", "LOC")):
            i = text.find(word)
            if i >= 0:
                out.append(Mention(typ.lower(), i, i + len(word), word, {"type": typ}, "model"))
        return out

    found = suggest(_docs(texts), tag=tag, min_count=1)
    assert [(s.key, s.count, s.documents, s.type) for s in found] == [("احمد الزرغوني", 3, 3, "PERS")]
    assert dict(found[0].spellings) == {"أحمد الزرغوني": 2, "احمد الزرغوني": 1}
    assert found[0].name == "أحمد الزرغوني"  # the most frequent spelling
    assert suggest(_docs(texts), tag=tag, min_count=4) == []


def test_spellings_with_clitics_article_or_spaces_are_one_name():
    names = ("عبد الرحمن الزرغوني", "عبدالرحمن الزرغوني", "وعبد الرحمن الزرغوني", "اليوروني", "يوروني")
    texts = ["عبد الرحمن الزرغوني ثم وعبد الرحمن الزرغوني", "عبدالرحمن الزرغوني واليوروني", "يوروني"]

    def tag(text: str) -> list[Mention]:
        out = []
        for name in names:
            i = text.find(name)
            if i >= 0 and not any(m.start <= i < m.end for m in out):
                out.append(Mention("misc", i, i + len(name), name, {"type": "MISC"}, "model"))
        return out

    found = {s.key: s for s in suggest(_docs(texts), tag=tag, min_count=1)}
    assert set(found) == {"عبدالرحمن الزرغوني", "يوروني"}
    abd = found["عبدالرحمن الزرغوني"]
    assert (abd.count, abd.documents, len(abd.contexts())) == (3, 2, 2)  # two spellings in one document: one
    assert (found["يوروني"].count, found["يوروني"].documents) == (2, 2)


def test_context_is_one_line_cut_at_words_with_the_name_marked():
    text = "كلمة " * 20 + "زرغون خان\nقال " + "كلمة " * 20
    start = text.index("زرغون")
    ctx = context(text, Mention("person", start, start + 9, "زرغون خان"), window=20)
    assert "[زرغون خان] قال" in ctx and "\n" not in ctx
    assert ctx.startswith("…كلمة") and ctx.endswith("كلمة…")


def test_cli_text_and_jsonl(tmp_path):
    for i, t in enumerate(TEXTS):
        (tmp_path / f"a{i}.txt").write_text(t, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["kb", "suggest", "-q", "--min-count", "2", "--format", "jsonl", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows[0]["name"] == "زرغون خان" and rows[0]["count"] == 3 and rows[0]["type"] == "PERS"
    text = runner.invoke(main, ["kb", "suggest", "-q", "--min-count", "2", "--limit", "1", str(tmp_path)])
    assert text.exit_code == 0 and text.output == ""  # one document: no name reaches 2
    text = runner.invoke(main, ["kb", "suggest", "-q", "--top", "1", str(tmp_path)])
    assert text.output.splitlines()[0].split("\t")[:3] == ["1", "زرغون خان", "PERS"]


def test_cli_reports_unreadable_input_and_exits_1(tmp_path):
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    result = CliRunner().invoke(main, ["kb", "suggest", "-q", str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "missing.txt" in result.output
