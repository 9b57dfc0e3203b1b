"""Training and cross-validating the speaker choice (`choice.py`) on the
statements gold (`../shared/gold/snn_train.statements.jsonl` and its articles
in `snn_train.input.jsonl`).

Each article is read once: mentions, events, the rules' statements and, with
`ner`, the NER model's names. A statement the rules found that pairs with a
gold statement (by content overlap, as `marsad eval-statements` pairs them)
is one training group: its candidates, and as right those that name the
gold's speaker (`marsad.eval.statements.same_speaker`). Statements with no
gold pair teach nothing about speakers and are left out.
"""
from __future__ import annotations

import copy
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.decide.linear import Group, Ranker, fit
from marsad.decide.train import folds
from marsad.eval.statements import Predicted, gold_statements, pair, same_speaker, score_statements, StatementScore
from marsad.model import Document, InputError, Mention
from marsad.statements.choice import Candidate, candidates_of, choose, features
from marsad.statements.records import Statement

L2 = 0.3  # chosen by 5-fold cross-validation over 0.3, 1, 3 (docs/evaluation.md)


@dataclass
class Article:
    doc_id: str
    text: str
    mentions: list[Mention]
    names: list[Mention]          # the NER model's, when read with it
    statements: list[Statement]   # the rules' own
    gold: dict[str, Any]


def read(gold_path: str | Path, input_path: str | Path, ner: bool = True) -> list[Article]:
    """The gold's articles, analysed once (the rules' statements, not a model's choice)."""
    from marsad.events import extract_events
    from marsad.mentions import document_mentions
    from marsad.sources import read_paths
    from marsad.statements import find_statements

    gold = {}
    for line in Path(gold_path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            gold[record["doc_id"]] = record
    tagger = None
    if ner:
        from marsad.ner import load_model
        tagger = load_model("crf")
    out = []
    for item in read_paths([input_path]):
        if isinstance(item, InputError):
            raise ValueError(f"{item.source}: {item.reason}")
        if item.doc_id not in gold:
            continue
        doc: Document = item
        doc.mentions = document_mentions(doc)
        doc.events = extract_events(doc)
        statements = find_statements(doc.text, doc.mentions, doc.outlet, doc.published, doc.events, speakers=False)
        out.append(Article(doc.doc_id, doc.text, doc.mentions, tagger.tag_text(doc.text) if tagger else [],
                           statements, gold[doc.doc_id]))
    return out


def _words(c: Candidate, text: str) -> str | None:
    if c.speaker is None:
        return None
    return text[c.start:c.end] if 0 <= c.start < c.end else c.speaker.name


def groups(article: Article) -> list[Group]:
    """The article's training groups (see the module docstring)."""
    statements = copy.deepcopy(article.statements)
    golds = gold_statements(article.gold.get("statements") or [], article.text, article.doc_id, [])
    matched = dict((pi, gi) for gi, pi in pair(golds, [(s.content.start, s.content.end) for s in statements]))
    out = []
    for i, (st, cands) in enumerate(zip(statements, candidates_of(statements, article.text, article.mentions,
                                                                  article.names))):
        if i not in matched:
            continue
        speakers = golds[matched[i]].speakers
        right = set()
        for j, c in enumerate(cands):
            words = _words(c, article.text)
            if words is None:
                ok = any(g is None for g in speakers)
            else:
                ok = any(g and same_speaker(g, Predicted(0, 0, words, c.speaker.name)) for g in speakers)
            if ok:
                right.add(j)
        out.append(Group([features(st, c, article.text) for c in cands], right))
    return out


def fit_model(articles: list[Article], l2: float = L2) -> Ranker:
    return fit([g for a in articles for g in groups(a)], l2=l2)


def predictions(articles: list[Article], model: Ranker | None) -> list[dict[str, Any]]:
    """`marsad extract`-like records of the articles' statements, with the
    speakers `model` chooses (the rules' own with None)."""
    out = []
    for a in articles:
        statements = copy.deepcopy(a.statements)
        if model is not None:
            choose(statements, a.text, a.mentions, a.names, model)
        out.append({"doc_id": a.doc_id, "text": a.text, "statements": [s.to_dict() for s in statements]})
    return out


def cross_validate(articles: list[Article], k: int = 5, seed: int = 1, l2: float = L2,
                   rules: bool = False) -> StatementScore:
    """K-fold cross-validation by article: each fold's speakers are chosen by
    a model fitted on the other folds (`rules`: the rules' own speakers)."""
    by_id = {a.doc_id: a for a in articles}
    preds: list[dict[str, Any]] = []
    for held in folds(list(by_id), k, seed):
        test = [by_id[i] for i in held]
        model = None if rules else fit_model([a for a in articles if a.doc_id not in set(held)], l2)
        preds += predictions(test, model)
    return score_statements([a.gold for a in articles], preds)


def train(gold_path: str | Path, input_path: str | Path, out: Path) -> dict[str, Any]:
    """Fit the speaker model (with the CRF NER model's names as candidates)
    on all of the gold and write it to the file `out`."""
    t0 = time.perf_counter()
    articles = read(gold_path, input_path)
    model = fit_model(articles)
    model.meta.update({"trained_on": Path(gold_path).name, "articles": len(articles), "names": "crf"})
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    return {"articles": len(articles), "seconds": round(time.perf_counter() - t0, 1), "model": model.meta}
