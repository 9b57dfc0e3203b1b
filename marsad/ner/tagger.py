"""The CRF tagger: feature-based, fast (about 18k tokens/s on one core).

Its directory holds the CRF weights (`model.crfsuite`), the word clusters
and name lists it was trained with (`clusters.tsv.gz`, `gazetteer.tsv.gz`) and
`meta.json` (training settings and scores), `titles.tsv.gz` (how often
each word follows a person title in the news corpus) and `silver.tsv.gz` (how
often a first-stage model tagged each word as each type there). The shipped CRF lives in
`marsad/ner/models/crf/` (`marsad.ner.loading` opens either kind of model).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from marsad.model import Mention

from .clusters import load_clusters, load_counts
from .consistency import WINDOW, propagate_windowed
from .features import Resources, sentence_features
from .gazetteer import Gazetteer
from .silver import load_silver
from .text import text_mentions

CRF_MODEL = Path(__file__).resolve().parent / "models" / "crf"
MODEL_FILES = ("model.crfsuite", "clusters.tsv.gz", "gazetteer.tsv.gz", "meta.json")


@dataclass
class NerModel:
    path: Path
    tagger: pycrfsuite.Tagger
    resources: Resources
    meta: dict

    @classmethod
    def load(cls, path: str | Path = CRF_MODEL) -> NerModel:
        """The CRF in `path` (its files checked by `marsad.ner.loading.open_model`)."""
        path = Path(path)
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

    reads_normalised = True  # features are built on `norm()`-normalised words

    def tag_confident(self, sents: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        """Tags and each tag's marginal probability, per sentence."""
        out: list[tuple[list[str], list[float]]] = []
        for words in sents:
            if not words:
                out.append(([], []))
                continue
            self.tagger.set(sentence_features(words, self.resources))
            tags = self.tagger.tag()
            out.append((tags, [self.tagger.marginal(t, i) for i, t in enumerate(tags)]))
        return out

    def tag_text(self, text: str) -> list[Mention]:
        """Entities in raw `text` (one document): see `marsad.ner.text.text_mentions`."""
        return text_mentions(self, text)
