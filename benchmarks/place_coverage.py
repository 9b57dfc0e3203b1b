"""How many gold places the place finders can find at all (issue #19).

For every core gold event placed at a town or district (geo_precision 1-2)
in the gold sets, is some place mention of its article within 30 km of the
gold coordinates? Counted per country, with the town finder that reads
unlisted names by their consonants (`marsad.mentions.unlisted`) and without
it. The share is a ceiling for place accuracy: a place no finder sees
cannot be chosen.

Run: .venv/bin/python benchmarks/place_coverage.py [--gold G --input I]...
(default: snn_train, snn_dev and the seeds in ../shared/gold). Results in
docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path

import marsad.mentions as mentions
from marsad.model import InputError
from marsad.sources import read_paths

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SETS = [("snn_train", "gold/snn_train.gold.jsonl", "gold/snn_train.input.jsonl"),
        ("snn_dev", "gold/snn_dev.gold.jsonl", "gold/snn_dev.input.jsonl"),
        ("seeds", "gold/seeds.gold.jsonl", "seeds/seeds.jsonl")]
KM = 30.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _targets(gold_path: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        key = str(rec.get("doc_id") or rec.get("file"))
        out[key] = [e for e in rec.get("events") or [] if e.get("core", True) is not False
                    and e.get("geo_precision") in (1, 2) and e.get("latitude") is not None]
    return out


def coverage(gold_path: Path, input_path: Path) -> tuple[Counter, Counter]:
    """(covered, total) counts per country."""
    targets = _targets(gold_path)
    covered, total = Counter(), Counter()
    for doc in read_paths([input_path]):
        if isinstance(doc, InputError):
            raise SystemExit(f"{doc.source}: {doc.reason}")
        events = targets.get(doc.doc_id) or targets.get(Path(doc.source).name) or []
        if not events:
            continue
        places = [m.value for m in mentions.find_mentions(doc.text) if m.kind == "place"
                  and m.value.get("lat") is not None]
        for e in events:
            code = e.get("country_code") or "?"
            total[code] += 1
            covered[code] += any(_km(e["latitude"], e["longitude"], p["lat"], p["lon"]) <= KM for p in places)
    return covered, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (gold sets, seeds)")
    args = ap.parse_args()
    find_unlisted = mentions.find_unlisted
    for label, use in (("with the unlisted-town finder", True), ("without it", False)):
        mentions.find_unlisted = find_unlisted if use else (lambda *a, **k: [])
        cov, tot = Counter(), Counter()
        for _name, gold, inp in SETS:
            c, t = coverage(args.shared / gold, args.shared / inp)
            cov.update(c)
            tot.update(t)
        n, d = sum(cov.values()), sum(tot.values())
        print(f"{label}: {n}/{d} = {n / d:.3f} of core town/district gold places within {KM:.0f} km of a mention")
        for code, t in tot.most_common(12):
            print(f"  {code}: {cov[code]}/{t} = {cov[code] / t:.2f}")


if __name__ == "__main__":
    main()
