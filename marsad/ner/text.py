"""Raw text to sentences of words and back to Mentions, for any tagger.

The taggers were trained on sentences of words split as ANERcorp splits them;
`text_mentions` cuts a document the same way, asks the model for tags and the
probability of each, keeps names consistent across the document
(`consistency`), and turns entities into Mentions with spans in the input.
"""
from __future__ import annotations

import re
from typing import Protocol

from marsad.arabic.normalize import normalize
from marsad.model import Mention

from .consistency import propagate_windowed
from .scoring import chunks

KINDS = {"PERS": "person", "LOC": "place", "ORG": "org", "MISC": "misc"}
# A token: a run of letters/digits (as ANERcorp splits words), or one other
# visible character (punctuation is its own token there too).
_TOKEN = re.compile(r"[0-9A-Za-z\u0621-\u064A\u0660-\u0669\u0671-\u06D3\u06F0-\u06F9]+|[^\s]")
_SENT_END = frozenset(".!?")
_MAX_SENT = 120  # tokens; longer runs without a full stop are cut


class Tagger(Protocol):
    """What `text_mentions` needs of a model."""

    reads_normalised: bool  # words as `norm()`-normalised (CRF features) or as written (encoder)

    def tag_confident(self, sents: list[list[str]]) -> list[tuple[list[str], list[float]]]: ...


def text_mentions(model: Tagger, text: str) -> list[Mention]:
    """Entities in raw `text` (one document), as Mentions with spans in
    `text` offsets, for any model with `tag_confident` (CRF or neural).

    `value` carries the CoNLL type and a confidence: the mean probability of
    the entity's tags, or null for a name tagged only because the model found
    it elsewhere in the text (`consistency`)."""
    normed = normalize(text)
    sents = split_sentences(normed.text)
    spans = [[normed.span(s, e) for s, e, _ in sent] for sent in sents]
    if model.reads_normalised:
        words = [[w for _, _, w in sent] for sent in sents]
    else:  # a pretrained encoder reads the text as written
        words = [[text[s:e] for s, e in sp] for sp in spans]
    tagged = model.tag_confident(words)
    final = propagate_windowed(words, [t for t, _ in tagged], None)
    out: list[Mention] = []
    for sp, (tags0, probs), tags in zip(spans, tagged, final):
        for s, e, typ in chunks(tags):
            conf = round(sum(probs[s:e]) / (e - s), 3) if tags0[s:e] == tags[s:e] else None
            start, end = sp[s][0], sp[e - 1][1]
            out.append(Mention(
                kind=KINDS.get(typ, typ.lower()), start=start, end=end, text=text[start:end],
                value={"type": typ, "confidence": conf}, found_by="model",
            ))
    return out


def split_sentences(norm_text: str) -> list[list[tuple[int, int, str]]]:
    """Tokens of normalised text grouped into sentences (at . ! ? and line
    breaks), because the model was trained on sentences, not whole articles."""
    out: list[list[tuple[int, int, str]]] = []
    for line_start, line in _lines(norm_text):
        cur: list[tuple[int, int, str]] = []
        for m in _TOKEN.finditer(line):
            cur.append((line_start + m.start(), line_start + m.end(), m.group()))
            if m.group() in _SENT_END or len(cur) >= _MAX_SENT:
                out.append(cur)
                cur = []
        if cur:
            out.append(cur)
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out
