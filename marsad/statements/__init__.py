"""Quotations and reported speech, and statistics kept as sourced figures.

`find_statements(text, mentions, outlet, published, events)` reads who said
what, through whom and when (`Statement`, `Speaker`); `find_figures(...)`
keeps figures that are not events ('64% of civilian casualties') with their
scope and source (`Figure`). Both work on a document's clean text and its
mentions, after the events stage, and are stored per document by
`marsad.store.statements`.
"""
from __future__ import annotations

from marsad.statements.extract import find_statements
from marsad.statements.figures import find_figures
from marsad.statements.records import Figure, Speaker, Statement

__all__ = ["Figure", "Speaker", "Statement", "find_figures", "find_statements"]
