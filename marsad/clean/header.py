"""The top of an article: where the body starts, the dateline, the byline and
the headline.

Pages copied as text start with a header (masthead, headline, dateline,
outlet and author lines, a print button) before the first paragraph of the
story. These rules only run there, so the same short line further down (a
subheading, a quoted name) is never taken.
"""
from __future__ import annotations

import re

from marsad.arabic.dates import parse_header_date
from marsad.clean.lines import Line, is_headline_like, key

_HEAD_MAX_LINES = 20
_BODY_WORDS = 15  # a line this long is a paragraph of the story
_BODY_SENTENCE_WORDS = 8  # ... or this long and closed with a full stop
_DATELINE_MAX_WORDS = 10
_TIME = re.compile(r"\d{1,2}:\d{2}")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_NAME_MAX_WORDS = 4
_NAME_PUNCT = re.compile(r"[.:؟?!،,؛;\d٠-٩]")
_TITLE_MIN_WORDS = 2


def body_start(lines: list[Line]) -> int:
    """Index of the first line that reads as a paragraph of the story (the
    header is everything before it, at most 20 lines)."""
    for line in lines[:_HEAD_MAX_LINES]:
        if line.n_words >= _BODY_WORDS or (
                line.n_words >= _BODY_SENTENCE_WORDS and line.text.endswith(".")
                and not line.text.endswith("..")):
            return line.index
    return min(len(lines), _HEAD_MAX_LINES)


def find_dateline(lines: list[Line], head_end: int, marks: dict[int, str]) -> str | None:
    """Mark the header's dateline and return its date (YYYY-MM-DD).

    A headline may contain a date too ("تفجير كابل 26 أغسطس 2021"), so a line
    counts as a dateline only if it carries a time of day, or has at most two
    words besides numbers (weekday, month), or a table rule marked it as one.
    """
    for line in lines[:head_end]:
        if line.blank or line.n_words > _DATELINE_MAX_WORDS:
            continue
        kind = marks.get(line.index)
        if kind not in (None, "dateline") or not any(c.isdigit() for c in line.text):
            continue
        if kind is None and not (_TIME.search(line.text)
                                 or len(_LETTER_WORD.findall(line.text)) <= 2):
            continue
        found = parse_header_date(line.text)
        if found:
            marks[line.index] = "dateline"
            return found
    return None


def mark_bylines(lines: list[Line], head_end: int, marks: dict[int, str],
                 keep: int | None = None) -> None:
    """Outlet and author names sit right next to the dateline or the print
    button, with no blank line between: mark short name-like lines there
    (never line `keep`, the headline)."""
    anchors = [i for i, k in marks.items() if i < head_end and k in ("dateline", "print", "byline")]
    for i in sorted(anchors):
        for step in (-1, 1):
            j = i + step
            while 0 <= j < head_end and not lines[j].blank and j != keep:
                if j not in marks:
                    if not _name_like(lines[j]):
                        break
                    marks[j] = "byline"
                j += step


def _name_like(line: Line) -> bool:
    return line.n_words <= _NAME_MAX_WORDS and not _NAME_PUNCT.search(line.text)


def guess_title(lines: list[Line], head_end: int, marks: dict[int, str],
                title: str | None = None) -> Line | None:
    """The header line that is the headline: the one equal to `title` if it is
    given, else the first unmarked line that reads as a headline."""
    if title is not None:
        title_key = key(title)
        return next((ln for ln in lines[:head_end] if ln.key == title_key and not ln.blank), None)
    for line in lines[:head_end]:
        if (line.index not in marks and not line.blank and line.n_words >= _TITLE_MIN_WORDS
                and is_headline_like(line) and not line.text.endswith(":")):
            return line
    return None
