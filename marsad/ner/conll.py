"""Reading CoNLL-style NER files: one `token TAG` per line, a blank line
between sentences, the tag in the last column (ANERcorp as published).

Bad files raise `ConllError` with the file and line, so the CLI can print one
line instead of a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ConllError(ValueError):
    """A CoNLL file that cannot be read; the message names file and line."""


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]


def read_conll(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL file. Tags must be `O` or `B-`/`I-`/`E-`/`S-` + type."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ConllError(f"{path}: cannot read ({e.__class__.__name__}: {e})") from None
    out: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    for n, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            if toks:
                out.append(Sentence(toks, tags))
                toks, tags = [], []
            continue
        if len(parts) < 2:
            raise ConllError(f"{path}:{n}: expected 'token TAG', got {line.strip()!r}")
        tag = parts[-1]
        if tag != "O" and not (len(tag) > 2 and tag[1] == "-" and tag[0] in "BIES"):
            raise ConllError(f"{path}:{n}: bad tag {tag!r} (want O, B-TYPE or I-TYPE)")
        toks.append(parts[0])
        tags.append(tag)
    if toks:
        out.append(Sentence(toks, tags))
    if not out:
        raise ConllError(f"{path}: no sentences")
    return out


def describe(path: str | Path, sents: list[Sentence]) -> dict:
    """What a model's meta.json records of its training file."""
    return {"train_file": Path(path).name, "sentences": len(sents), "tokens": sum(len(s.tokens) for s in sents)}
