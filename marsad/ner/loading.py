"""Opening a NER model directory, whichever kind it holds.

Two kinds ship: the fine-tuned encoder (`models/default/`, the accurate one,
`marsad.ner.neural`) and the CRF (`models/crf/`, about ten times faster,
`marsad.ner.tagger`). `meta.json` says which a directory holds (`"kind":
"neural"`; a directory without the key is a CRF, as all were before), and a
directory that lacks a file its kind needs is a one-line `ModelError`.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from marsad.model import Mention

from .neural import WEIGHTS_FILE, NeuralTagger
from .tagger import CRF_MODEL, MODEL_FILES, NerModel

DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "default"
NAMED = {"default": DEFAULT_MODEL, "crf": CRF_MODEL}  # `--model crf` picks the fast one


class ModelError(RuntimeError):
    """A model directory that is missing or incomplete."""


def resolve(path: str | Path | None) -> Path:
    """A model directory from a path or a shipped model's name (None: the default)."""
    if path is None:
        return DEFAULT_MODEL
    return NAMED.get(str(path), Path(path))


def open_model(path: str | Path | None = None) -> NerModel | NeuralTagger:
    """The model in `path` (a directory, or "default" / "crf")."""
    path = resolve(path)
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelError(f"{path}: not a NER model directory (meta.json: {e.__class__.__name__})") from None
    neural = meta.get("kind") == "neural"
    needed = (WEIGHTS_FILE,) if neural else MODEL_FILES
    missing = [f for f in needed if not (path / f).exists()]
    if missing:
        raise ModelError(f"{path}: not a NER model directory (missing {', '.join(missing)})")
    return NeuralTagger.load(path) if neural else NerModel.load(path)


@functools.lru_cache(maxsize=4)
def load_model(path: str | None = None) -> NerModel | NeuralTagger:
    """The model at `path` (default: the shipped one), loaded once per process."""
    return open_model(path)


def tag_text(text: str) -> list[Mention]:
    """Entities found by the shipped model in `text` (spans in `text` offsets)."""
    return load_model().tag_text(text)
