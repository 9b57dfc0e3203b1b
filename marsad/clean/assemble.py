"""Building the clean text from the lines that stay, by deletion only.

Kept lines are joined by newlines taken from the original (one newline between
adjacent lines, two where a paragraph break or a removed line was), so every
character of the clean text is a character of the original and the offset map
is a plain list of kept runs.
"""
from __future__ import annotations

from marsad.clean.lines import Line
from marsad.model import Block, OffsetMap, Segment


def kept_runs(original: str, lines: list[Line], marks: dict[int, str]) -> list[tuple[int, int]]:
    """Original (start, end) runs that make the clean text, in order, merged."""
    runs: list[tuple[int, int]] = []
    previous: Line | None = None
    for line in lines:
        if line.blank or line.index in marks:
            continue
        if previous is not None:
            first_nl = original.find("\n", previous.end)
            runs.append((first_nl, first_nl + 1))
            if line.index - previous.index > 1:
                last_nl = original.rfind("\n", 0, line.start)
                runs.append((last_nl, last_nl + 1))
        runs.append((line.start, line.end))
        previous = line
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def build(original: str, runs: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    segments: list[Segment] = []
    parts: list[str] = []
    clean_pos = 0
    for start, end in runs:
        segments.append(Segment(clean_pos, start, end - start))
        parts.append(original[start:end])
        clean_pos += end - start
    return "".join(parts), OffsetMap(segments)


def removed_blocks(original: str, lines: list[Line], marks: dict[int, str]) -> list[Block]:
    """One Block per run of removed lines of one kind (blank lines between
    them do not split a run)."""
    blocks: list[Block] = []
    current: tuple[str, int, int] | None = None
    for line in lines:
        if line.blank:
            continue
        kind = marks.get(line.index)
        if current is not None and kind == current[0]:
            current = (kind, current[1], line.end)
            continue
        if current is not None:
            blocks.append(Block(current[0], current[1], current[2], original[current[1]:current[2]]))
        current = (kind, line.start, line.end) if kind else None
    if current is not None:
        blocks.append(Block(current[0], current[1], current[2], original[current[1]:current[2]]))
    return blocks
