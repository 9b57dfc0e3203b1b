"""Marking boilerplate lines from the table, with what each marker takes along.

A keyword list or a related-articles heading is followed by the list it heads,
so a `block` rule takes the headline-like lines after it. Once the article has
ended (a credited-source line or a keyword list seen in the body), a
related-articles marker takes everything to the end: pages append whole
unrelated articles there, and no sentence after it belongs to this one.
Newsletter calls do not end an article: sites also put them mid-story.
"""
from __future__ import annotations

from marsad.clean.lines import Line, is_bullet, is_headline_like
from marsad.clean.rules import Rule, RuleSet

# Kinds that close an article: what follows them is page furniture.
END_KINDS = frozenset({"credited_source", "keywords"})
_NAME_MAX_WORDS = 4


def mark_rules(lines: list[Line], head_end: int, rules: RuleSet,
               marks: dict[int, str]) -> dict[str, str]:
    """Mark the lines the table's rules take (in `marks`: line index -> kind).
    Returns values the rules read from their lines (`credited_source`)."""
    found = [(line, rules.match(line, line.index < head_end)) for line in lines]
    values: dict[str, str] = {}
    ended = False
    for line, rule in found:
        if rule is None or line.index in marks:
            continue
        marks[line.index] = rule.kind
        if rule.kind == "credited_source":
            value = rule.value(line)
            if value and "credited_source" not in values:
                values["credited_source"] = value
        if rule.scope == "next" and line.key == rule.phrase_key:
            _mark_name_after(lines, line.index, rule.kind, marks)
        elif rule.scope == "block":
            if rule.kind == "related" and ended:
                for later in lines[line.index + 1:]:
                    if not later.blank and later.index not in marks:
                        marks[later.index] = "related"
                break
            _mark_list_after(lines, found, line.index, rule.kind, marks)
        if rule.kind in END_KINDS and line.index >= head_end:
            ended = True
    return values


def _mark_name_after(lines: list[Line], i: int, kind: str, marks: dict[int, str]) -> None:
    """A label alone on its line ("رئيس التحرير") is followed by the name."""
    for later in lines[i + 1:]:
        if later.blank:
            continue
        if later.n_words <= _NAME_MAX_WORDS and later.index not in marks:
            marks[later.index] = kind
        return


def _mark_list_after(lines: list[Line], found: list[tuple[Line, Rule | None]], i: int, kind: str,
                     marks: dict[int, str]) -> None:
    """The headline-like lines (or bullets) after a block marker, up to the
    first sentence-like paragraph or the next marker."""
    for later in lines[i + 1:]:
        if later.blank:
            continue
        if found[later.index][1] is not None or later.index in marks:
            return
        if not (is_headline_like(later) or (is_bullet(later) and later.n_words <= 40)):
            return
        marks[later.index] = kind
