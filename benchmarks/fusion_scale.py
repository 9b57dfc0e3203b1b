"""How fusion's cost grows with the number of reports (synthetic data).

Generates incidents in 40 countries over two months, each told by one to
several reports with realistic noise (a day off, month-only or missing dates,
town/province/country-level places, figures that differ or rise, unnamed
perpetrators), fuses them and prints time (adding, then settling the large
link components, then deriving the events), reports/s, candidate pairs per
report, the largest link component, and pairwise precision/recall against
the incidents the reports were generated from.

    .venv/bin/python benchmarks/fusion_scale.py [N ...]   (default 1000 10000 100000)
    .venv/bin/python benchmarks/fusion_scale.py --constant-density [N ...]

By default every size spans the same two months, so more reports also means
denser days; --constant-density stretches the period with N instead (61 days
per 10,000 reports), which isolates the growth of the cost with N itself.
"""
from __future__ import annotations

import random
import sys
import time
from collections import Counter
from datetime import date, timedelta

from marsad import kb
from marsad.fusion import Fuser, knowledge, reports_from_records
from marsad.fusion.blocking import BlockIndex

COUNTRIES = ["IQ", "SY", "YE", "AF", "PK", "NG", "SO", "LY", "EG", "TR", "SA", "LB", "PS", "ML", "SD",
             "KE", "CD", "CF", "SS", "ET", "IN", "MM", "PH", "MX", "CO", "UA", "IR", "BH", "TN", "DZ",
             "MA", "JO", "BF", "NE", "TD", "CM", "MZ", "BD", "TH", "VE"]
KINDS = [("Battles", "Armed clash", 30), ("Explosions/Remote violence", "Air/drone strike", 12),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", 12),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED", 10),
         ("Explosions/Remote violence", "Suicide bomb", 3), ("Violence against civilians", "Attack", 20),
         ("Strategic developments", "Arrests", 8), ("Protests", "Peaceful protest", 5)]
START = date(2015, 7, 1)
TOWNS = 1000


def world(rng: random.Random) -> dict[str, dict]:
    """Per country: a centre, 1000 towns in 10 provinces, and 5 armed actors
    (ACLED records thousands of distinct locations in its busiest countries)."""
    out = {}
    for i, cc in enumerate(COUNTRIES):
        lat0, lon0 = rng.uniform(-30, 50), rng.uniform(-80, 120)
        provinces = [(lat0 + rng.uniform(-3, 3), lon0 + rng.uniform(-3, 3)) for _ in range(10)]
        towns = []
        for t in range(TOWNS):
            p = rng.randrange(10)
            towns.append((f"Town {cc}-{t}", f"Province {cc}-{p}",
                          provinces[p][0] + rng.uniform(-0.7, 0.7), provinces[p][1] + rng.uniform(-0.7, 0.7), p))
        out[cc] = {"weight": 1 / (i + 1), "centre": (lat0, lon0), "provinces": provinces, "towns": towns,
                   "actors": [f"Group {cc}-{k}" for k in range(5)]}
    return out


def incidents(n_reports: int, rng: random.Random, span_days: int = 61) -> list[dict]:
    """Reports (as extract records, one document each) with their true incident."""
    w = world(rng)
    ccs = list(w)
    weights = [w[c]["weight"] for c in ccs]
    records = []
    k = 0
    while len(records) < n_reports:
        cc = rng.choices(ccs, weights)[0]
        c = w[cc]
        et, st = rng.choices([(e, s) for e, s, _ in KINDS], [x for *_, x in KINDS])[0]
        day = START + timedelta(days=rng.randrange(span_days))
        town, prov, lat, lon, p = rng.choice(c["towns"])
        actor = rng.choice(c["actors"])
        toll = int(rng.lognormvariate(1.0, 1.2)) if rng.random() < 0.8 else None
        copies = 1 + min(int(rng.expovariate(1 / 1.5)), 8)
        for j in range(copies):
            published = day + timedelta(days=rng.choice([0, 1, 1, 1, 2, 3]))
            ev = {"event_type": et, "sub_event_type": st, "actor1": actor if rng.random() < 0.7 else "Unidentified Armed Group",
                  "actor2": f"Civilians ({cc})", "responsibility": "unknown", "country_code": cc,
                  "evidence": [{"start": 0, "end": 0, "text": ""}]}
            r = rng.random()
            if r < 0.75:
                ev.update(event_date=day.isoformat(), time_precision=1)
            elif r < 0.85:
                ev.update(event_date=(day + timedelta(days=rng.choice([-1, 1]))).isoformat(), time_precision=1)
            elif r < 0.92:
                ev.update(event_date=day.replace(day=1).isoformat(), time_precision=3)
            else:
                ev.update(event_date=None, time_precision=None)
            r = rng.random()
            if r < 0.7:
                ev.update(location=town, admin1=prov, latitude=round(lat + rng.uniform(-0.02, 0.02), 3),
                          longitude=round(lon + rng.uniform(-0.02, 0.02), 3), geo_precision=rng.choice([1, 1, 2]))
            elif r < 0.9:
                plat, plon = c["provinces"][p]
                ev.update(location=prov, admin1=prov, latitude=plat, longitude=plon, geo_precision=3)
            else:
                ev.update(location=cc, admin1=None, latitude=None, longitude=None, geo_precision=4)
            if toll is not None and rng.random() < 0.75:
                f = toll if j == 0 else max(0, round(toll * rng.uniform(0.85, 1.25 + 0.2 * j)))
                ev.update(fatalities=f, fatalities_high=f)
            records.append({"doc_id": f"doc{len(records)}", "outlet": f"outlet{rng.randrange(30)}",
                            "published": published.isoformat(), "events": [ev], "truth": k})
        k += 1
    return records[:n_reports]


def pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


class CountingIndex(BlockIndex):
    """The real index, counting how many candidates it hands out."""

    handed = 0

    def candidates(self, rep, reports):
        found = super().candidates(rep, reports)
        CountingIndex.handed += len(found)
        return found


def run(n: int, span_days: int = 61) -> None:
    rng = random.Random(n)
    records = incidents(n, rng, span_days)
    truth = {f"{r['doc_id']}#0": r["truth"] for r in records}
    reports = list(reports_from_records(records, "synthetic"))
    fuser = Fuser()
    CountingIndex.handed = 0
    fuser._index = CountingIndex(fuser.cfg)
    t0 = time.perf_counter()
    fuser.add_all(reports)
    ts = time.perf_counter()
    settled = fuser.settle()
    t1 = time.perf_counter()
    events = fuser.events()
    t2 = time.perf_counter()
    clusters = fuser.clusters()
    pred = Counter()
    both = Counter()
    for eid, members in clusters.items():
        pred[eid] = len(members)
        for m in members:
            both[(eid, truth[m])] += 1
    true_sizes = Counter(truth.values())
    tp, pp, tq = pairs(both), pairs(pred), pairs(true_sizes)
    biggest = max(len(m) for m in fuser._members.values())
    print(f"{n:>7} reports {span_days:>4} days  add {ts - t0:7.2f} s  settle {t1 - ts:6.2f} s "
          f"({settled} components)  derive {t2 - t1:6.2f} s  "
          f"{n / (t2 - t0):8.0f} reports/s  {CountingIndex.handed / n:6.1f} candidates/report  "
          f"events {len(events):>6} (true {len(true_sizes):>6})  largest component {biggest:>3}  "
          f"pair precision {tp / max(pp, 1):.3f} recall {tp / max(tq, 1):.3f}", flush=True)


if __name__ == "__main__":
    kb.load(), knowledge.load()  # one-time table loading is not fusion's cost
    constant = "--constant-density" in sys.argv
    for size in [int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 10000, 100000]:
        run(size, max(1, round(61 * size / 10000)) if constant else 61)
