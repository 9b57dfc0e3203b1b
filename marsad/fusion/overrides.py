"""An analyst's corrections to fusion, kept as plain JSON that later runs respect.

    {"must_link":   [{"a": "doc1#0", "b": "ev_1a2b3c4d5e6f", "reason": "..."}],
     "cannot_link": [{"a": "doc2#1", "b": "doc3#0", "reason": "..."}],
     "split":       [{"report": "doc4#2", "reason": "..."}]}

`a`, `b` and `report` name a report (`doc_id#index`) or an event (`ev_...`);
an event stands for the report its id is derived from, so a correction stays
attached to the same reports when the event later grows and changes id.
must_link joins the events of its two reports, even what the rules keep
apart (it is applied last and wins); cannot_link keeps two reports apart
whatever links them; split stands a report alone (unless a must_link says
otherwise).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("must_link", "cannot_link", "split")


class OverrideError(ValueError):
    """An overrides file that cannot be used; the message is one line."""


@dataclass
class Overrides:
    must_link: list[dict[str, str]] = field(default_factory=list)
    cannot_link: list[dict[str, str]] = field(default_factory=list)
    split: list[dict[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.must_link or self.cannot_link or self.split)

    @classmethod
    def from_dict(cls, data: Any, where: str = "<overrides>") -> "Overrides":
        if not isinstance(data, dict):
            raise OverrideError(f"{where}: expected a JSON object with {', '.join(KINDS)}")
        unknown = set(data) - set(KINDS)
        if unknown:
            raise OverrideError(f"{where}: unknown key(s) {sorted(unknown)}; expected {', '.join(KINDS)}")
        out = cls()
        for kind in KINDS:
            entries = data.get(kind) or []
            if not isinstance(entries, list):
                raise OverrideError(f"{where}: '{kind}' is not a list")
            keys = ("report",) if kind == "split" else ("a", "b")
            for i, e in enumerate(entries):
                if isinstance(e, list) and len(e) == len(keys):  # short form ["x", "y"]
                    e = dict(zip(keys, e))
                if not isinstance(e, dict) or not all(isinstance(e.get(k), str) and e[k] for k in keys):
                    raise OverrideError(f"{where}: {kind}[{i}] needs {' and '.join(keys)} (report or event ids)")
                getattr(out, kind).append({**{k: e[k] for k in keys}, "reason": str(e.get("reason", ""))})
        conflict = out.pairs("must_link") & out.pairs("cannot_link")
        if conflict:
            a, b = sorted(next(iter(conflict)))
            raise OverrideError(f"{where}: {a} and {b} are both must_link and cannot_link")
        return out

    def pairs(self, kind: str) -> set[frozenset[str]]:
        return {frozenset((e["a"], e["b"])) for e in getattr(self, kind)}

    def to_dict(self) -> dict[str, list[dict[str, str]]]:
        return {k: getattr(self, k) for k in KINDS}

    @classmethod
    def load(cls, path: str | Path) -> "Overrides":
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise OverrideError(f"{p}: no such file") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise OverrideError(f"{p}: not valid JSON ({e})") from None
        return cls.from_dict(data, str(p))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n",
                              encoding="utf-8")
