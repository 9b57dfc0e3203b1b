"""How a document writes the names of its actors: the aliases an actor
profile lists as names seen, counted per document (read with the document's
statements and claims: `marsad.said`)."""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.kb import load as load_kb
from marsad.mentions.matcher import readings
from marsad.model import Mention
from marsad.statements.view import View
from marsad.text import TextLayer

_STRIP = "«»\"“”#()"
_CLITICS = ("و", "ب", "ل", "ف", "ك")


def aliases_of(text: str | TextLayer, mentions: list[Mention]) -> dict[tuple[str, str], int]:
    """(actor, name as written) -> how often: the actor mentions without
    quotes, hashtags and a proclitic that is not part of the name, and the
    English aliases the text writes in Latin letters (ISIS-K), in a clean
    `text` (or its layer)."""
    kb = load_kb()
    layer = TextLayer.of(text)
    text = layer.text
    out: dict[tuple[str, str], int] = {}
    for m in mentions:
        if m.kind != "actor":
            continue
        actor = m.value["name"]
        alias = " ".join(m.text.translate({ord(c): " " for c in _STRIP}).split())
        if alias[:1] in _CLITICS and kb.canonical_actor(alias[1:]) == actor:
            alias = alias[1:]
        out[(actor, alias)] = out.get((actor, alias), 0) + 1
    for (actor, alias), n in _hidden_aliases(layer, mentions, {a for a, _ in out}).items():
        out[(actor, alias)] = out.get((actor, alias), 0) + n
    for actor in {a for a, _ in out}:
        info = kb.actor(actor)
        for en in info.aliases_en if info else ():
            if en not in text:  # most are not written at all: a substring test spares the regex
                continue
            n = len(re.findall(rf"(?<![\w-]){re.escape(en)}(?![\w-])", text))
            if n:
                out[(actor, en)] = n
    return out


@lru_cache(maxsize=1)
def _phrases_by_actor() -> dict[str, list[tuple[str, ...]]]:
    """Each actor's names of more than one word, as normalised tokens."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for toks, actor in load_kb().actors.text_phrases.items():
        if len(toks) > 1:
            out.setdefault(actor, []).append(toks)
    return out


def _hidden_aliases(layer: TextLayer, mentions: list[Mention], actors: set[str]) -> dict[tuple[str, str], int]:
    """Arabic aliases of the document's actors written where the mention
    finder took a shorter or another name (تنظيم داعش خرسان read as تنظيم
    داعش): the alias as written, where no mention of that actor covers it."""
    phrases = _phrases_by_actor()
    first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for actor in actors:
        for toks in phrases.get(actor, ()):
            first.setdefault(toks[0], []).append((toks, actor))
    if not first:
        return {}
    words = layer.words
    opening = {w for w in set(words) if any(r in first for r in readings(w))}  # each distinct word once
    if not opening:
        return {}
    view = View.of(layer, [m for m in mentions if m.kind == "actor"])
    out: dict[tuple[str, str], int] = {}
    for k in (k for k, w in enumerate(words) if w in opening):
        w = words[k]
        for r in readings(w):
            for toks, actor in first.get(r, ()):
                j = k + len(toks)
                if tuple(view.words[k + 1:j]) != toks[1:]:
                    continue
                covered = [view.at[x].get("actor") for x in range(k, j)]
                if any(m is None or m.value["name"] != actor for m in covered):
                    alias = " ".join(view.phrase(k, j).translate({ord(c): " " for c in _STRIP}).split())
                    if r != w:
                        alias = alias[len(w) - len(r):]
                    out[(actor, alias)] = out.get((actor, alias), 0) + 1
    return out
