"""Clitic-aware full-text search over normalised Arabic.

Arabic writes conjunctions, prepositions and the article onto the word, so a
plain index of `بكابل` does not answer a query for `كابل`. The indexed column
therefore holds, for every token of the normalised text, all its clitic
readings (`marsad.arabic.tokens.stems`): `بكابل` is indexed as `بكابل كابل`,
`والقاعدة` as `والقاعده القاعده قاعده`. A query is normalised the same way and
each of its tokens must match one reading. Readings of one token occupy
several positions, so phrase queries are not supported: query tokens are
ANDed.

Users never see the normalised text: snippets are cut from the clean text,
located through `marsad.arabic.normalize.normalize`'s offset index.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from marsad.arabic.normalize import normalize, norm
from marsad.arabic.tokens import stems, tokens, words

SNIPPET_BEFORE = 60
SNIPPET_AFTER = 100


class _Readings(dict):
    """token -> its readings, space-joined, computed on first sight: news
    vocabulary repeats, and this is the indexer's inner loop. A dict rather
    than `lru_cache`, so that a known token costs one C-level lookup in
    `map`; emptied when full to bound memory."""

    LIMIT = 200_000

    def __missing__(self, tok: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        r = self[tok] = " ".join(stems(tok))
        return r


_readings = _Readings()


def readings(norm_text: str) -> str:
    """The indexed form of already normalised text: every token's clitic
    readings, space-joined."""
    return readings_of_words(words(norm_text))


def readings_of_words(words: list[str]) -> str:
    """`readings` of a text already cut into tokens."""
    return " ".join(map(_readings.__getitem__, words))


def query_terms(query: str) -> list[str]:
    """The normalised tokens of a user query, in order, without repeats."""
    seen: dict[str, None] = {}
    for _, _, tok in tokens(norm(query)):
        seen.setdefault(tok, None)
    return list(seen)


def match_expression(terms: list[str]) -> str:
    """An FTS5 MATCH expression requiring every term. Terms are tokens
    (letters and digits only), so quoting them cannot be escaped out of."""
    return " AND ".join(f'"{t}"' for t in terms)


@dataclass(frozen=True)
class Snippet:
    """A window of the clean text; `highlights` are (start, end) offsets of
    matched words within `text`."""

    text: str
    highlights: list[tuple[int, int]]


def matches(text: str, terms: list[str], key: Callable[[str], str] | None = None) -> list[tuple[int, int]]:
    """Clean-text spans of the words of `text` that a query of `terms` matches:
    a word matches when one of its readings equals a term, or has the same
    `key` (the stem PostgreSQL's search compared, `marsad.store.backend`)."""
    key = key or str
    wanted = {key(t) for t in terms}
    n = normalize(text)
    return [n.span(s, e) for s, e, tok in tokens(n.text) if wanted.intersection(map(key, stems(tok)))]


def snippet(text: str, terms: list[str], key: Callable[[str], str] | None = None) -> Snippet:
    """A short window of `text` around its first matching word (the start of
    the text when only the title matched), with the matches in it marked
    (`matches`)."""
    spans = matches(text, terms, key)
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_BEFORE)
    end = min(len(text), first + SNIPPET_AFTER)
    # widen to word boundaries so no word is cut in half
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    window = text[start:end].replace("\n", " ")
    shift = len(prefix) - start
    marks = [(s + shift, e + shift) for s, e in spans if s >= start and e <= end]
    return Snippet(prefix + window + suffix, marks)


def mark(snip: Snippet, left: str = "[", right: str = "]") -> str:
    """The snippet text with each highlight wrapped in `left`/`right`."""
    out, pos = [], 0
    for s, e in snip.highlights:
        out += [snip.text[pos:s], left, snip.text[s:e], right]
        pos = e
    out.append(snip.text[pos:])
    return "".join(out)
