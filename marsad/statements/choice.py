"""Who said it, chosen by a learned ranker among the speakers the text offers.

The statement rules (`extract.py`) find each verb of saying, its content and
a speaker; on the statements gold they name the right source for a third of
the statements they find. Here the rules' speaker becomes one candidate among
the others the text offers, and a linear ranker (`marsad.decide.linear`,
the estimator of the learned event decisions) trained on the hand-coded
statements picks one:

- the rules' speaker (for a continuation, "وأضاف", the speaker the ranker
  chose for the statement it continues);
- no speaker;
- each actor, outlet and person mention in the statement's sentence and the
  300 characters before it;
- each name the NER model found there (`names`): the shipped model is
  trained with them and chooses only when the pipeline runs the NER model
  (`marsad extract/ingest --ner`); without them the rules' speakers stay;
- the words between the verb and the content ("قال <...> إن"), and their
  first one to four words.

Features are the candidate's source and kind, where it stands against the
verb and the content (after, before, inside; how many words away; a comma
between), the words around it and the verb. No cue word is added to any
table. `marsad train statements` fits the model, `marsad eval-statements
--folds K` cross-validates it by article (docs/evaluation.md).
"""
from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from marsad.arabic.normalize import norm
from marsad.arabic.tokens import words as tokens_of
from marsad.decide.linear import Ranker
from marsad.model import Mention
from marsad.statements.lexicon import load as load_lexicon
from marsad.statements.lexicon import passive, verb_of
from marsad.statements.records import Speaker, Statement

MODEL = Path(__file__).resolve().parent / "models" / "speaker.json"
_BEFORE = 300      # characters before the sentence where a speaker may be named
_PHRASE_MAX = 120  # characters between a verb and its content that may be the speaker phrase
_HEADS = 4        # the first 1 to 4 words of the words between verb and content are candidates too
_WORD = re.compile(r"\w+")
_OPENERS = ("إن", "ان", "أن", "بأن", "انه", "أنه", "إنه")
_KINDS = {"person": "person", "actor": "actor", "outlet": "outlet"}
_NER_KINDS = {"person": "person"}
# A speaker the rules found by referring back ("التنظيم" for the group named
# before, a surname, a role): no candidate here says whom it refers to, so
# it stays (cross-validated, keeping them costs nothing: docs/evaluation.md).
_KEPT = frozenset({"anaphor", "surname", "role"})  # a name the NER model calls a person; others are organisations


@dataclass
class Candidate:
    source: str              # rule | none | mention | ner | phrase
    speaker: Speaker | None
    kind: str                # person | actor | outlet | unnamed | organisation | phrase | none
    start: int = -1
    end: int = -1


def choose(statements: list[Statement], text: str, mentions: list[Mention], names: list[Mention] | None = None,
           model: Ranker | None = None) -> None:
    """Set each statement's speaker to the ranker's choice (in text order, so
    that a continuation follows the choice made for the statement before),
    but for a speaker the rules resolved by referring back. The shipped
    model chooses only where the NER model's names are given (`names`: the
    pipeline with `ner`); without them the rules' speakers stay, since
    without names the choice gains little (docs/evaluation.md). A `model`
    passed in chooses in any case."""
    if model is None:
        model = shipped() if names is not None else None
    if model is None or not model.weights:
        return
    for st, cands in zip(statements, candidates_of(statements, text, mentions, names)):
        if _kept(st):
            continue
        chosen = _resolved(cands[model.best([features(st, c, text) for c in cands])], cands)
        if not _same(chosen, st.speaker):
            st.speaker = chosen  # the same source as the rules' keeps the rules' reading of it (its role here)


def candidates_of(statements: list[Statement], text: str, mentions: list[Mention],
                  names: list[Mention] | None) -> Iterator[list[Candidate]]:
    """Each statement's candidates, one statement after the other: a
    continuation takes the speaker of the statement it continues when its
    turn comes, after that statement's speaker was chosen."""
    named = sorted((m for m in mentions if m.kind in _KINDS), key=lambda m: m.start)
    found = sorted(names or [], key=lambda m: m.start)
    previous: Statement | None = None
    for st in statements:
        if st.speaker is not None and st.speaker.resolved_by == "continuation" and previous is not None:
            st.speaker = replace(previous.speaker, resolved_by="continuation") if previous.speaker else None
        yield _candidates(st, st.speaker, text, named, found)
        previous = st


def _candidates(st: Statement, rule: Speaker | None, text: str, named: list[Mention],
                found: list[Mention]) -> list[Candidate]:
    cands = [Candidate("rule", rule, rule.kind if rule else "none", rule.start if rule else -1,
                       rule.end if rule else -1),
             Candidate("none", None, "none")]
    lo, hi = max(0, st.evidence.start - _BEFORE), st.evidence.end
    for m in named:
        if m.end > lo and m.start < hi:
            cands.append(Candidate("mention", _speaker_of(m), m.kind, m.start, m.end))
    for m in found:
        if m.end > lo and m.start < hi:
            kind = _NER_KINDS.get(m.kind, "organisation")
            cands.append(Candidate("ner", Speaker(kind, m.text, start=m.start, end=m.end), kind, m.start, m.end))
    phrase = _phrase(st, text)
    if phrase is not None:
        a, b = phrase
        cands.append(Candidate("phrase", Speaker("unnamed", text[a:b], start=a, end=b), "phrase", a, b))
        ends = [m.end() for m in _WORD.finditer(text, a, b)]
        for n in range(1, min(len(ends), _HEADS + 1)):  # its first words: "مصادر محلية" of "مصادر محلية لـ..."
            cands.append(Candidate("head", Speaker("unnamed", text[a:ends[n - 1]], start=a, end=ends[n - 1]),
                                   f"head{n}", a, ends[n - 1]))
    return cands


def _resolved(best: Candidate, cands: list[Candidate]) -> Speaker | None:
    """A phrase, its first words or an NER name over a name the rules or the knowledge base
    resolved ("موقع «سايت»" over SITE Intelligence Group, "شويغو" in "وزير
    الدفاع سيرغي شويغو") is that speaker: the same words, with the canonical
    name and the role."""
    if best.source not in ("phrase", "head", "ner"):
        return best.speaker
    over = [c for c in cands if c.source in ("rule", "mention") and c.speaker is not None
            and c.start >= 0 and c.start < best.end and best.start < c.end]
    return over[0].speaker if over else best.speaker


def _same(a: Speaker | None, b: Speaker | None) -> bool:
    """One source: the same kind and name, or words that are part of the
    rules' person's name ("شويغو" of "سيرغي شويغو")."""
    if a is None or b is None:
        return a is b
    if b.kind == "person" and a.kind in ("person", "unnamed"):  # "أبو البراء" read off the words is the rules' person
        return set(tokens_of(norm(a.name))) <= set(tokens_of(norm(b.name)))
    return (a.kind, a.name) == (b.kind, b.name)


def _kept(st: Statement) -> bool:
    """Does the rules' speaker stay? When they found it by referring back
    (`_KEPT`), when a participle continues the clause before ("مضيفا":
    grammar says whose words they are) and when a verb written passive has
    none ("يُعتقد")."""
    sp = st.speaker
    if sp is None:
        return passive(st.verb)
    if sp.resolved_by == "continuation":
        verb = verb_of(st.verb, load_lexicon())
        return verb is not None and verb.form == "participle"
    return sp.resolved_by in _KEPT


def _speaker_of(m: Mention) -> Speaker:
    if m.kind == "person":
        v = m.value
        return Speaker("person", v.get("name") or m.text, role=v.get("role"), title=v.get("title"),
                       affiliation=v.get("affiliation"), start=m.start, end=m.end)
    return Speaker(m.kind, m.value["name"], start=m.start, end=m.end)


def verb_span(st: Statement, text: str) -> tuple[int, int]:
    """Where the statement's verb is: its last occurrence in the sentence
    before the content (a statement keeps the verb as written, not its offset)."""
    ev, c = st.evidence, st.content
    at = text.rfind(st.verb, ev.start, max(c.start, ev.start + len(st.verb)))
    if at < 0:
        at = text.find(st.verb, ev.start, ev.end)
    if at < 0:
        at = c.start
    return at, at + len(st.verb)


def _phrase(st: Statement, text: str) -> tuple[int, int] | None:
    """"قال <الناطق باسم الشرطة> إن ...": the words between the verb and the content."""
    _vs, ve = verb_span(st, text)
    if not (ve < st.content.start <= ve + _PHRASE_MAX):
        return None
    a, b = ve, st.content.start
    while a < b and not text[a].isalnum():
        a += 1
    seg = text[a:b].rstrip()
    for op in _OPENERS:
        if seg == op or seg.endswith(" " + op):
            seg = seg[:-len(op)].rstrip()
    seg = seg.rstrip("،,: ")
    return (a, a + len(seg)) if seg else None


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-8" if n <= 8 else "9+"


def features(st: Statement, c: Candidate, text: str) -> list[str]:
    """What the ranker reads of one candidate of one statement."""
    f = [f"src={c.source}", f"kind={c.kind}", f"src_kind={c.source}|{c.kind}", f"verbkind={st.kind}|{c.kind}",
         f"verb={norm(st.verb)}"]
    if c.source == "rule":
        f += ["rule", f"res={c.speaker.resolved_by if c.speaker else None}"]
    if c.start < 0:
        return f
    vs, ve = verb_span(st, text)
    rule = st.speaker
    if st.content.start <= c.start < st.content.end:
        where = "in_content"
        f.append(f"in_content_pos={_bucket(len(tokens_of(norm(text[st.content.start:c.start]))))}")
    elif c.start >= ve:
        where = "after"
        gap = tokens_of(norm(text[ve:c.start]))
        f.append(f"after_gap={_bucket(len(gap))}|{c.kind}")
        if gap:
            f.append(f"after_first={gap[0]}")
        if "،" in text[ve:c.start] or "," in text[ve:c.start]:
            f.append("after_comma")
    else:
        where = "before"
        gap = tokens_of(norm(text[c.end:vs]))
        f.append(f"before_gap={_bucket(len(gap))}|{c.kind}")
        if c.start < st.evidence.start:
            f.append(f"prev_sentence|{c.kind}")
        if gap:
            f.append(f"before_last={gap[-1]}")
    f.append(f"where={where}|{c.kind}")
    pre = tokens_of(norm(text[max(0, c.start - 30):c.start]))
    if pre:
        f.append(f"w-1={pre[-1]}")
    post = tokens_of(norm(text[c.end:c.end + 30]))
    if post:
        f.append(f"w+1={post[0]}")
    if rule is not None and rule.start >= 0:
        if (c.start, c.end) == (rule.start, rule.end):
            f.append("same_as_rule")
        elif rule.start <= c.start and c.end <= rule.end:
            f.append("inside_rule")
    return f


@functools.cache
def shipped() -> Ranker | None:
    """The shipped speaker model (trained with the CRF NER model's names as
    candidates), or None when `MARSAD_SPEAKERS=rules` (the rules' own
    speakers) or no model is shipped."""
    if os.environ.get("MARSAD_SPEAKERS") == "rules" or not MODEL.exists():
        return None
    return Ranker.load(MODEL)
