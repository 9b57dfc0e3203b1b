"""find_dates against the hand-coded gold (seeds, SNN dev set) and over corpus
articles. The licensed text is read in place through the conftest fixtures."""
from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

from marsad.arabic.dates import find_dates


def gold_evidence(path: Path):
    """(published, event, evidence text) for every gold event with a date to score."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        for event in doc["events"]:
            if event.get("event_date") is None or event.get("score_date") is False:
                continue
            evidence = event["evidence"] if isinstance(event["evidence"], list) else [event["evidence"]]
            for ev in evidence:
                yield doc["published"], event, ev["text"] if isinstance(ev, dict) else ev


def agreement(path: Path) -> tuple[int, list]:
    """Evidence quotes that hold a date expression: how many resolve to the
    gold date and precision, and the ones that do not."""
    agree, disagree = 0, []
    for published, event, text in gold_evidence(path):
        found = [(m.value["date"], m.value["precision"]) for m in find_dates(text, published)]
        if not found:
            continue
        if (event["event_date"], event["time_precision"]) in found:
            agree += 1
        else:
            disagree.append((published, event["event_date"], found))
    return agree, disagree


def test_every_date_in_seed_evidence_resolves_to_gold(gold_dir: Path) -> None:
    agree, disagree = agreement(gold_dir / "seeds.gold.jsonl")
    assert disagree == []
    assert agree >= 10  # the seeds' evidence quotes carry at least ten dates


def test_snn_dev_dates_mostly_agree_with_gold(gold_dir: Path) -> None:
    """Known disagreements: gold resolves a few relative words against a date
    the article reports (sources speaking the day before publication), not
    against the publication date."""
    agree, disagree = agreement(gold_dir / "snn_dev.gold.jsonl")
    assert agree >= 18, disagree
    assert agree / (agree + len(disagree)) >= 0.8, disagree


def corpus_articles(news_dir: Path, n: int):
    with zipfile.ZipFile(sorted(news_dir.glob("*.zip"))[3]) as zf:
        articles = json.loads(zf.read(zf.namelist()[0]))
    return [(a["content"] or "", a["date_extracted"][:10]) for a in articles[:n]]


def test_corpus_dates_are_sane(news_dir: Path) -> None:
    count = 0
    for text, published in corpus_articles(news_dir, 250):
        pub = date.fromisoformat(published)
        mentions = find_dates(text, published)
        for a, b in zip(mentions, mentions[1:]):
            assert a.end <= b.start
        for m in mentions:
            assert text[m.start:m.end] == m.text and m.text.strip()
            d = date.fromisoformat(m.value["date"])
            assert m.value["precision"] in (1, 2, 3, 4)
            if m.value["relative"]:  # relative words stay near publication
                limit = 366 * (12 if m.text.startswith(("منذ", "قبل")) else 2)  # منذ أربع سنوات
                assert abs((d - pub).days) <= limit, (m.text, m.value)
            assert m.value["future"] == (d > pub), (m.text, m.value)
            count += 1
    assert count >= 250  # news text is full of dates
