"""Statements scored against hand-coded gold (`../shared/gold/snn_train.statements.jsonl`).

A gold statement gives its content as an exact substring of the article and
its speaker as the exact words that name the source (or null). A predicted
statement (`marsad extract --format jsonl`: `statements`) gives a content
span and a speaker whose span names it in the text. The score:

- content: gold and predicted statements are paired one to one by the
  overlap of their content spans (largest first; any overlap counts); P/R/F1
  over the pairs;
- speaker accuracy on the pairs: right when both name no source, or when the
  words the prediction took as the speaker and the gold's share a word (with
  clitics taken off), or name the same knowledge-base actor or outlet;
- fully right: a pair with the speaker right; P/R/F1.

Two coding conventions differ between the gold's coders (issue #24), so
they are scored leniently: statements with the same content (a source and the
outlet relaying it) are one gold statement that either speaker answers, and
speech acts without spoken content (kind `other`) and "Speaker: ..."
headlines (verb `:`) count when found but are no miss when not.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.arabic.normalize import norm
from marsad.arabic.tokens import stems, words
from marsad.eval.io import EvalInputError
from marsad.eval.score import PRF
from marsad.kb import load as load_kb

_OPTIONAL_KINDS = frozenset({"other"})
_HEADLINE_VERB = ":"


@dataclass
class GoldStatement:
    start: int
    end: int
    speakers: list[str | None]  # the words of each coded speaker of this content (null: no source named)
    kinds: list[str]            # speaker_kind of each
    optional: bool


@dataclass
class Predicted:
    start: int
    end: int
    speaker: str | None         # the words the prediction took as the speaker
    name: str | None            # its canonical name (actor, outlet) or the name as written


@dataclass
class StatementScore:
    """Counts over all scored articles, and each article's misses and extras."""

    content: PRF = field(default_factory=PRF)
    full: PRF = field(default_factory=PRF)
    speaker_right: int = 0
    speaker_lenient: int = 0    # right when one speaker phrase is inside the other
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # speaker_kind -> [right, matched]
    articles: int = 0
    not_found: list[str] = field(default_factory=list)  # gold contents that are no substring of the text

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.content.hits if self.content.hits else 0.0

    @property
    def lenient_accuracy(self) -> float:
        return self.speaker_lenient / self.content.hits if self.content.hits else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "content": self.content.to_dict(),
                "speaker_accuracy": self.speaker_accuracy, "speaker_right": self.speaker_right,
                "speaker_accuracy_lenient": self.lenient_accuracy,
                "fully_right": self.full.to_dict(),
                "speaker_accuracy_by_kind": {k: {"right": r, "matched": m, "accuracy": r / m if m else 0.0}
                                             for k, (r, m) in sorted(self.by_kind.items())},
                "gold_content_not_in_text": self.not_found}


def score_statements(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> StatementScore:
    """Score the predicted records' `statements` against the gold records
    (matched by `doc_id`; a gold article without a prediction is an error,
    predictions for other articles are ignored)."""
    by_id = {p.get("doc_id"): p for p in pred}
    out = StatementScore()
    for g in gold:
        doc_id = g.get("doc_id")
        p = by_id.get(doc_id)
        if p is None:
            raise EvalInputError(f"no prediction for gold article {doc_id!r}")
        text = p.get("text")
        if not isinstance(text, str):
            raise EvalInputError(f"prediction for {doc_id!r} has no 'text' (use `marsad extract --format jsonl`)")
        out.articles += 1
        golds = gold_statements(g.get("statements") or [], text, doc_id, out.not_found)
        preds = [_pred_statement(s, text) for s in p.get("statements") or []]
        _score_article(golds, preds, out)
    return out


def gold_statements(statements: list[dict[str, Any]], text: str, doc_id: str,
                    not_found: list[str]) -> list[GoldStatement]:
    """An article's gold statements located in its `text` (statements with one
    content merged; a content not in the text is listed in `not_found`)."""
    by_content: dict[tuple[int, int], GoldStatement] = {}
    for s in statements:
        content = s.get("content") or ""
        at = text.find(content) if content else -1
        if at < 0:
            not_found.append(f"{doc_id}: {content[:60]}")
            continue
        optional = s.get("kind") in _OPTIONAL_KINDS or s.get("verb") == _HEADLINE_VERB
        key = (at, at + len(content))
        g = by_content.get(key)
        if g is None:
            by_content[key] = GoldStatement(at, at + len(content), [s.get("speaker")], [s.get("speaker_kind") or "none"],
                                    optional)
        else:  # a source and the outlet relaying it: one statement, either speaker
            g.speakers.append(s.get("speaker"))
            g.kinds.append(s.get("speaker_kind") or "none")
            g.optional = g.optional and optional
    return list(by_content.values())


def _pred_statement(s: dict[str, Any], text: str) -> Predicted:
    content = s.get("content") or {}
    sp = s.get("speaker")
    words_ = None
    if sp and 0 <= sp.get("start", -1) < sp.get("end", -1):
        words_ = text[sp["start"]:sp["end"]]
    return Predicted(int(content.get("start", 0)), int(content.get("end", 0)), words_ or (sp or {}).get("name"),
                 (sp or {}).get("name"))


def pair(golds: list[GoldStatement], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(gold index, prediction index) pairs, one to one, by the overlap of
    the content spans, largest overlap first."""
    ranked = sorted(((min(g.end, e) - max(g.start, s), gi, pi)
                     for gi, g in enumerate(golds) for pi, (s, e) in enumerate(spans)), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for overlap, gi, pi in ranked:
        if overlap <= 0:
            break
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _score_article(golds: list[GoldStatement], preds: list[Predicted], out: StatementScore) -> None:
    pairs = pair(golds, [(p.start, p.end) for p in preds])
    used_g = {gi for gi, _pi in pairs}
    matched = [(golds[gi], preds[pi]) for gi, pi in pairs]
    required = sum(1 for i, g in enumerate(golds) if not g.optional or i in used_g)
    out.content.hits += len(matched)
    out.content.predicted += len(preds)
    out.content.gold += required
    out.full.predicted += len(preds)
    out.full.gold += required
    for g, p in matched:
        out.speaker_lenient += any(same_speaker(words_, p, lenient=True) for words_ in g.speakers)
        right_at = next((i for i, words_ in enumerate(g.speakers) if same_speaker(words_, p)), None)
        kind = g.kinds[0 if right_at is None else right_at]
        tally = out.by_kind.setdefault(kind, [0, 0])
        tally[1] += 1
        if right_at is not None:
            tally[0] += 1
            out.speaker_right += 1
            out.full.hits += 1


def same_speaker(gold_words: str | None, pred: Predicted, lenient: bool = False) -> bool:
    """Do the gold's speaker words and the prediction's speaker name the same
    source? `lenient`: one phrase's words inside the other's is enough."""
    if not gold_words or not pred.speaker:
        return not gold_words and not pred.speaker
    a, b = _keys(gold_words), _keys(pred.speaker)
    if a and b and (len(a & b) * 2 >= len(a | b) or (lenient and (a <= b or b <= a))):
        return True
    kb = load_kb()
    canon = kb.canonical_actor(gold_words) or kb.canonical_outlet(gold_words)
    return canon is not None and canon == pred.name


def _keys(phrase: str) -> set[str]:
    """The content words of a phrase, each in its shortest clitic reading."""
    return {stems(w)[-1] for w in words(norm(phrase)) if len(w) > 2}
