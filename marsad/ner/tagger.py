"""The trained tagger: load a model directory, tag tokens or raw text.

A model directory holds the CRF weights (`model.crfsuite`), the word clusters
and name lists it was trained with (`clusters.tsv.gz`, `gazetteer.tsv.gz`) and
`meta.json` (training settings and scores), `titles.tsv.gz` (how often
each word follows a person title in the news corpus) and `silver.tsv.gz` (how
often a first-stage model tagged each word as each type there). The shipped model lives in
`marsad/ner/models/default/`.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from marsad.arabic.normalize import normalize
from marsad.model import Mention

from .clusters import load_clusters, load_counts
from .consistency import propagate_windowed
from .features import Resources, sentence_features
from .gazetteer import Gazetteer
from .scoring import chunks
from .silver import load_silver

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "default"
MODEL_FILES = ("model.crfsuite", "clusters.tsv.gz", "gazetteer.tsv.gz", "meta.json")
KINDS = {"PERS": "person", "LOC": "place", "ORG": "org", "MISC": "misc"}

# A token: a run of letters/digits (as ANERcorp splits words), or one other
# visible character (punctuation is its own token there too).
_TOKEN = re.compile(r"[0-9A-Za-z\u0621-\u064A\u0660-\u0669\u0671-\u06D3\u06F0-\u06F9]+|[^\s]")
_SENT_END = frozenset(".!?")
_MAX_SENT = 120  # tokens; longer runs without a full stop are cut
# Sentences either side that count as "the same document" when a file has no
# document boundaries (picked on held-out training data: docs/ner.md).
WINDOW = 10


class ModelError(RuntimeError):
    """A model directory that is missing or incomplete."""


@dataclass
class NerModel:
    path: Path
    tagger: pycrfsuite.Tagger
    resources: Resources
    meta: dict

    @classmethod
    def load(cls, path: str | Path = DEFAULT_MODEL) -> NerModel:
        path = Path(path)
        missing = [f for f in MODEL_FILES if not (path / f).exists()]
        if missing:
            raise ModelError(f"{path}: not a NER model directory (missing {', '.join(missing)})")
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path / "model.crfsuite"))
        res = Resources(load_clusters(path / "clusters.tsv.gz"), Gazetteer.load(path / "gazetteer.tsv.gz"),
                        load_counts(path / "titles.tsv.gz"), load_silver(path / "silver.tsv.gz"))
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        return cls(path, tagger, res, meta)

    def tag_tokens(self, words: list[str]) -> list[str]:
        """BIO tags for one sentence of tokens."""
        if not words:
            return []
        return self.tagger.tag(sentence_features(words, self.resources))

    def tag_sentences(self, sents: list[list[str]], window: int | None = WINDOW) -> list[list[str]]:
        """BIO tags for sentences of one text, with names kept consistent
        across the `window` sentences either side (None: the whole text)."""
        return propagate_windowed(sents, [self.tag_tokens(s) for s in sents], window)

    def tag_text(self, text: str) -> list[Mention]:
        """Entities in raw `text` (one document), as Mentions with spans in
        `text` offsets.

        `value` carries the CoNLL type and a confidence: the mean marginal
        probability of the entity's tags, or null for a name tagged only
        because the model found it elsewhere in the text."""
        normed = normalize(text)
        sents = split_sentences(normed.text)
        words = [[w for _, _, w in sent] for sent in sents]
        feats = [sentence_features(ws, self.resources) for ws in words]
        first = [self.tagger.tag(f) for f in feats]
        final = propagate_windowed(words, first, None)
        out: list[Mention] = []
        for sent, f, tags0, tags in zip(sents, feats, first, final):
            found = chunks(tags)
            if found:
                self.tagger.set(f)
            for s, e, typ in found:
                conf = None
                if tags0[s:e] == tags[s:e]:
                    conf = round(sum(self.tagger.marginal(tags[i], i) for i in range(s, e)) / (e - s), 3)
                start, end = normed.span(sent[s][0], sent[e - 1][1])
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


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> NerModel:
    """The model at `path` (default: the shipped one), loaded once per process."""
    return NerModel.load(Path(path) if path else DEFAULT_MODEL)


def tag_text(text: str) -> list[Mention]:
    """Entities found by the shipped model in `text` (spans in `text` offsets)."""
    return load_model().tag_text(text)
