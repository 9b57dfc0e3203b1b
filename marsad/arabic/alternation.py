"""Regex alternations of word lists, written as tries.

Date, number and qualifier patterns are tried at every word of a text, and
Python's `re` tries the forms of a flat alternation (يناير|يونيو|يوليو|...)
one by one at each place. Written as a trie (ي(?:ناير|و(?:نيو|ليو))) the
pattern fails on the first letter that no form continues with, which makes
scanning a news article several times cheaper for long word lists.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(forms: Iterable[str]) -> str:
    """A non-capturing regex for any of `forms` (a space matches any run of
    blanks), the longer tried first where one form begins another.

    It matches exactly what the flat longest-first alternation matches: two
    forms can both match at one place only if one begins the other, and the
    trie tries the longer first, falling back to the shorter on backtracking."""
    root: dict[str, dict] = {}
    for form in sorted(set(forms)):  # sorted: the same regex in every process
        node = root
        for ch in form:
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[""] = {}
    return "(?:" + _trie_regex(root) + ")"


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [unit + _trie_regex(child) for unit, child in node.items() if unit]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:  # no form ends here
        return body
    return f"(?:{body})?"
