"""Mentions of actors, places, outlets and people in Arabic text.

`document_mentions(doc)` is the mentions stage of the pipeline: names,
figures and dates, read from the document's text layer.

`find_mentions(text)` matches every name the knowledge base knows on the
normalised text (clitics handled, longest phrase first, no overlaps), picks
among same-named places from the document's own context, finds role + name
phrases, and returns `Mention`s whose spans are offsets in `text`.
"""
from __future__ import annotations

from typing import Any

from marsad.kb import KnowledgeBase, load
from marsad.mentions.matcher import Match, TokenText, trie_for
from marsad.mentions.persons import find_persons
from marsad.mentions.places import actor_by_context, country_evidence, resolve
from marsad.mentions.unlisted import find_unlisted
from marsad.arabic.dates import find_dates
from marsad.arabic.numbers import find_numbers
from marsad.model import Document, Mention, iso_day
from marsad.text import TextLayer, layer_of

__all__ = ["document_mentions", "find_mentions"]


def document_mentions(doc: Document) -> list[Mention]:
    """Names, figures and dates of the document's clean text: what events
    and statements are built from."""
    layer = layer_of(doc)
    nz, dates = layer.normalized, layer.dates
    return (find_mentions(layer) + find_numbers(doc.text, nz, dates)
            + find_dates(doc.text, iso_day(doc.published), nz, dates))


def find_mentions(text: str | TextLayer, kb: KnowledgeBase | None = None) -> list[Mention]:
    """Actor, place, outlet and person mentions of `text` (a clean text or
    its layer), in text order.

    Values: actor {"name", "type", "country"}; place {"name", "kind",
    "country_code", "admin1", "lat", "lon", "geonameid"?}; outlet {"name",
    "kind"}; person {"name", "role", "affiliation", "title"?}. Actor, place
    and outlet mentions never overlap; a person mention may contain the
    place or actor it is affiliated with (found_by "rule", others "kb"; a
    town read by its consonants after a place noun, `unlisted`:
    "transliteration")."""
    kb = kb or load()
    tt = TokenText.of(text)
    text = text.text if isinstance(text, TextLayer) else text
    found = trie_for(kb).scan(tt)
    ev = country_evidence(tt, found, kb)
    matches = []
    for m in found:
        if m.kind == "actor_ctx":
            canon = actor_by_context(m, tt, ev)
            if canon is not None:
                matches.append(Match(m.i, m.j, "actor", canon))
        elif m.kind in ("actor", "outlet", "place"):
            matches.append(m)
    roles = [m for m in found if m.kind == "role"]
    out: list[Mention] = []
    labels: dict[int, tuple[str, Any]] = {}
    kept: list[Match] = []
    for m in matches:
        end = m.j
        if m.kind == "place":
            place, end = resolve(m, tt, kb, ev)
            if place is None:
                continue
            value = place.value()
        elif m.kind == "actor":
            actor = kb.actor(m.payload)
            value = {"name": m.payload, "type": actor.type if actor else None,
                     "country": actor.country if actor else None}
        else:
            outlet = kb.outlets.outlets[m.payload]
            value = {"name": m.payload, "kind": outlet.kind}
        s, e = tt.span(m.i, end)
        out.append(Mention(m.kind, s, e, text[s:e], value))
        labels[m.i] = (m.kind, value["name"])
        kept.append(Match(m.i, end, m.kind, m.payload))
    for i, j, place in find_unlisted(tt, kept, ev, kb):
        s, e = tt.span(i, j)
        value = place.value()
        out.append(Mention("place", s, e, text[s:e], value, found_by="transliteration"))
        labels[i] = ("place", value["name"])
        kept.append(Match(i, j, "place", [place]))
    for i, j, value in find_persons(tt, text, roles, kept, kb, labels):
        s, e = tt.span(i, j)
        out.append(Mention("person", s, e, text[s:e], value, found_by="rule"))
    out.sort(key=lambda m: m.start)
    return out
