"""Text a page shows twice: the headline again (whole, or a fragment of it
closed with '..' as an image caption), and captions printed twice in a row
(the image's alt text and its caption).

The first copy of the headline stays: it is where the story starts. Later
copies are removed, so that a fact is not found twice in one article.
"""
from __future__ import annotations

from marsad.clean.lines import Line, key

_REPEAT_MAX_WORDS = 40
_FRAGMENT_MIN_WORDS = 2
_FRAGMENT_ENDS = ("..", "…", "...")
_CAPTION_MAX_WORDS = 8


def mark_repeated_title(lines: list[Line], title: str | None, marks: dict[int, str]) -> None:
    """Mark every copy of the headline (or of a '..' fragment of it) after its first."""
    if not title:
        return
    title_key = key(title)
    if not title_key:
        return
    longest = 2 * len(title) + 10  # a copy is about as long as the title
    seen_whole = False
    for line in lines:
        if (line.blank or line.index in marks or line.n_words > _REPEAT_MAX_WORDS
                or len(line.text) > longest):
            continue
        k = line.key
        if k == title_key:
            if seen_whole:
                marks[line.index] = "repeated_title"
            seen_whole = True
        elif (line.text.endswith(_FRAGMENT_ENDS) and len(k.split()) >= _FRAGMENT_MIN_WORDS
              and title_key.startswith(k + " ")):
            marks[line.index] = "repeated_title"


def mark_double_captions(lines: list[Line], marks: dict[int, str]) -> None:
    """Mark both copies of a short line printed twice in a row."""
    previous: Line | None = None
    for line in lines:
        if line.blank:
            continue
        if line.index in marks:
            previous = None
            continue
        if (previous is not None and line.n_words <= _CAPTION_MAX_WORDS
                and previous.n_words <= _CAPTION_MAX_WORDS
                and line.key and line.key == previous.key):
            marks[previous.index] = marks[line.index] = "caption"
        previous = line
