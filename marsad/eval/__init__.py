"""Evaluation: score predicted events against hand-coded gold events.

`score(gold, pred) -> Report` implements the rules of
../shared/gold/FORMAT.md ("How extraction is scored"); `read_jsonl` loads the
files with clear errors; `render_table` / `render_details` print a report.
"""
from marsad.eval.io import EvalInputError, read_jsonl
from marsad.eval.render import render_details, render_table
from marsad.eval.score import PRF, DocResult, Ratio, Report, score

__all__ = ["EvalInputError", "read_jsonl", "render_details", "render_table",
           "PRF", "DocResult", "Ratio", "Report", "score"]
