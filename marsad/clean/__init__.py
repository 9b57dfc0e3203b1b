"""Cleaning: the article's own text, out of what a news page carries around it.

`clean(original, title)` only deletes runs of the original (whole lines of
masthead, ads, print buttons, bylines, the dateline, repeated headlines,
newsletter calls, keyword lists, the credited-source line, related-article
blocks), so `Cleaned.offsets` maps every clean offset back exactly. What it
deletes is kept as `Block`s, so nothing is silently lost. The phrases it looks
for are in `boilerplate.tsv`; the layout rules (header, repeats, blocks) are in
the modules beside this one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.clean.assemble import build, kept_runs, removed_blocks
from marsad.clean.header import body_start, find_dateline, guess_title, mark_bylines
from marsad.clean.lines import split_lines
from marsad.clean.markers import mark_rules
from marsad.clean.repeats import mark_double_captions, mark_repeated_title
from marsad.clean.rules import default_rules
from marsad.model import Block, OffsetMap

__all__ = ["Cleaned", "clean"]


@dataclass
class Cleaned:
    """The clean text and how it was made.

    `title` is the title given, else the headline found at the top of the text.
    `header_date` is the date of the dateline removed from the top (YYYY-MM-DD).
    `credited_source` is the agency or outlet named on a removed "المصدر:" line.
    """

    text: str
    offsets: OffsetMap
    removed: list[Block] = field(default_factory=list)
    header_date: str | None = None
    title: str | None = None
    credited_source: str | None = None


def clean(original: str, title: str | None = None) -> Cleaned:
    """Delete the boilerplate of a news page's text; see the module docstring."""
    lines = split_lines(original)
    head_end = body_start(lines)
    marks: dict[int, str] = {}
    values = mark_rules(lines, head_end, default_rules(), marks)
    header_date = find_dateline(lines, head_end, marks)
    # The headline is found before the bylines so that a short one right above
    # the dateline is not taken for an author's name.
    headline = guess_title(lines, head_end, marks, title)
    mark_bylines(lines, head_end, marks, headline.index if headline else None)
    if title is None and headline is not None:
        title = headline.text
    mark_repeated_title(lines, title, marks)
    mark_double_captions(lines, marks)
    text, offsets = build(original, kept_runs(original, lines, marks))
    return Cleaned(text, offsets, removed_blocks(original, lines, marks), header_date,
                   title, values.get("credited_source"))
