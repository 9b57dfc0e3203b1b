"""The shared text layer: a document's clean text read once.

Every stage after cleaning (names, figures, dates, events, statements,
claims) reads the same normalised text, tokens and sentences. `TextLayer`
builds them once per document and each stage takes them from it, instead of
each normalising, tokenising and splitting the text again (`layer.py`;
sentences and clauses: `sentences.py`).
"""
from marsad.text.layer import TextLayer, layer_of
from marsad.text.sentences import Clause, Sentence

__all__ = ["Clause", "Sentence", "TextLayer", "layer_of"]
