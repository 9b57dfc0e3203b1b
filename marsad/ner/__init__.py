"""Arabic named-entity recognition: a CRF tagger trained here on ANERcorp,
with word clusters and silver name counts learned from unlabeled news,
shipped in `models/default/`.

    from marsad.ner import tag_text
    for m in tag_text(text):      # Mentions, found_by="model"
        print(m.kind, m.start, m.end, m.text)

Kinds: person, place, org, misc (ANERcorp's PERS, LOC, ORG, MISC).
"""
from .scoring import Scores, chunks, score
from .tagger import DEFAULT_MODEL, ModelError, NerModel, load_model, tag_text

__all__ = ["DEFAULT_MODEL", "ModelError", "NerModel", "Scores", "chunks", "load_model", "score", "tag_text"]
