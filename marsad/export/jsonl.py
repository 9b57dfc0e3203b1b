"""JSON Lines: one fused event per line, every report and its evidence kept."""
from __future__ import annotations

import json
from typing import Iterable, TextIO

from marsad.fusion import FusedEvent


def write_jsonl(events: Iterable[FusedEvent], out: TextIO) -> int:
    """Write the events; return how many."""
    n = 0
    for ev in events:
        out.write(json.dumps(ev.to_dict(with_text=True), ensure_ascii=False) + "\n")
        n += 1
    return n
