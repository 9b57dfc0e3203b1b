"""Load test of the workbench API: N concurrent clients for T seconds, the way
the dashboard uses it, against localhost.

Each client loops over "views". A first load asks, at once as a browser
does, for the dashboard's data without filters (/api/stats, /api/events,
/api/map, /api/timeline, /api/facets) and the page itself (/ when the UI is
installed); a filter change asks for events, map, timeline and facets with
one or two random filters (a country, an event type, an actor, a month, a
word for q, a region's bbox, drawn from what the store holds). One view in
ten is an event's page (/api/events/{id}).

It reports, per endpoint, the server time (the app's X-Process-Time header:
time in the application until the answer's headers, without network and
client) and the wall time the client saw, as p50/p95/p99, and requests per
second. Client and server share the machine, so wall times include the
client's own CPU use.

    python benchmarks/web_load.py --db /tmp/web_corpus.db             # starts a server (answer cache on)
    python benchmarks/web_load.py --db /tmp/web_corpus.db --no-cache  # every answer computed
    python benchmarks/web_load.py --url http://127.0.0.1:8000         # a running `marsad serve`
    python benchmarks/web_load.py --db /tmp/web_corpus.db --ingest ARTICLES  # while an ingest writes

Run it under `flock /tmp/helpers/heavy.lock` on a shared machine.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict

import httpx2 as httpx

Q_WORDS = ["بغداد", "صنعاء", "حلب", "الموصل", "عدن", "كابل", "دمشق", "تعز", "الرمادي", "سيناء"]
BOXES = ["42,12,54,19", "35,32,42,37.5", "38,29,49,37.5", "60,29,75,38"]  # Yemen, Syria, Iraq, Af-Pak
MONTHS = [f"2015-{m:02d}" for m in range(1, 9)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, cache: bool, workers: int) -> tuple[subprocess.Popen, str]:
    """`create_app(db)` under uvicorn in a child process; its URL."""
    port = _free_port()
    code = (
        "import sys, uvicorn; from marsad.web.app import create_app; "
        f"uvicorn.run(create_app({db!r}, cache_bytes={64 * 2**20 if cache else 0}), host='127.0.0.1', "
        f"port={port}, log_level='warning')"
    )
    if workers > 1:
        env = {**os.environ, "MARSAD_SERVE_DB": db}
        proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "marsad.web.app:from_environment", "--factory",
                                 "--port", str(port), "--workers", str(workers), "--log-level", "warning"], env=env)
    else:
        proc = subprocess.Popen([sys.executable, "-c", code])
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if httpx.get(f"{url}/api/stats", timeout=5).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start within 120 s")


async def filter_values(client: httpx.AsyncClient) -> dict[str, list[str]]:
    """What the filters can be set to, from the store itself."""
    facets = (await client.get("/api/facets")).json()
    actors = (await client.get("/api/actors")).json()["actors"]
    events = (await client.get("/api/events", params={"limit": 500})).json()["events"]
    return {
        "country": [c["value"] for c in facets["countries"][:15]],
        "type": [t["value"] for t in facets["types"]] + [t["value"] for t in facets["sub_types"][:8]],
        "actor": [a["name"] for a in actors if a["events"]][:12],
        "month": MONTHS, "q": Q_WORDS, "bbox": BOXES,
        "event": [e["event_id"] for e in events],
    }


def random_filters(values: dict[str, list[str]], rnd: random.Random) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in rnd.sample(["country", "type", "actor", "month", "q", "bbox"], rnd.choice([1, 1, 2])):
        value = rnd.choice(values[name])
        if name == "month":
            out["from"], out["to"] = f"{value}-01", f"{value}-28"
        else:
            out[name] = value
    return out


class Tally:
    def __init__(self) -> None:
        self.server: dict[str, list[float]] = defaultdict(list)
        self.wall: dict[str, list[float]] = defaultdict(list)
        self.views: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.requests = 0


async def fetch(client: httpx.AsyncClient, tally: Tally, label: str, url: str, params: dict | None = None) -> None:
    start = time.perf_counter()
    try:
        r = await client.get(url, params=params)
        await r.aread()
    except httpx.HTTPError as e:  # counted, not fatal: the report says how many
        tally.errors[f"{label} {type(e).__name__}"] += 1
        return
    tally.wall[label].append((time.perf_counter() - start) * 1000)
    tally.requests += 1
    if r.status_code != 200:
        tally.errors[f"{label} {r.status_code}"] += 1
        return
    tally.server[label].append(float(r.headers.get("x-process-time", "nan")))


async def client_loop(n: int, url: str, values: dict, page: bool, deadline: float, tally: Tally) -> None:
    rnd = random.Random(n)
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        while time.perf_counter() < deadline:
            roll = rnd.random()
            start = time.perf_counter()
            if roll < 0.2:
                kind = "first load"
                jobs = [fetch(client, tally, "stats", "/api/stats"),
                        fetch(client, tally, "events", "/api/events", {"limit": 50})]
                jobs += [fetch(client, tally, name, f"/api/{name}") for name in ("map", "timeline", "facets")]
                if page:
                    jobs.append(fetch(client, tally, "page /", "/"))
            elif roll < 0.3:
                kind = "event page"
                jobs = [fetch(client, tally, "event", f"/api/events/{rnd.choice(values['event'])}")]
            else:
                kind = "filter change"
                params = random_filters(values, rnd)
                jobs = [fetch(client, tally, "events", "/api/events", {**params, "limit": 50})]
                jobs += [fetch(client, tally, name, f"/api/{name}", params) for name in ("map", "timeline", "facets")]
            await asyncio.gather(*jobs)
            tally.views[kind].append((time.perf_counter() - start) * 1000)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def report(tally: Tally, seconds: float) -> None:
    print(f"{tally.requests} requests in {seconds:.1f} s: {tally.requests / seconds:.1f} requests/s")
    print("| endpoint | requests | server p50 | server p95 | server p99 | wall p50 | wall p95 | wall p99 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    every: list[float] = []
    for label in sorted(tally.wall):
        s, w = tally.server[label], tally.wall[label]
        every += s
        print(f"| {label} | {len(w)} | {pct(s, 50):.1f} | {pct(s, 95):.1f} | {pct(s, 99):.1f} | "
              f"{pct(w, 50):.1f} | {pct(w, 95):.1f} | {pct(w, 99):.1f} |")
    print(f"| all | {len(every)} | {pct(every, 50):.1f} | {pct(every, 95):.1f} | {pct(every, 99):.1f} | | | |")
    print("\n| view (all its requests at once) | views | wall p50 | wall p95 | wall p99 |")
    print("|---|---:|---:|---:|---:|")
    for kind, w in sorted(tally.views.items()):
        print(f"| {kind} | {len(w)} | {pct(w, 50):.1f} | {pct(w, 95):.1f} | {pct(w, 99):.1f} |")
    if tally.errors:
        print("errors:", dict(tally.errors))
    print("(milliseconds)")


async def run(url: str, clients: int, duration: float) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        values = await filter_values(client)
        page = (await client.get("/")).status_code == 200
    tally = Tally()
    start = time.perf_counter()
    await asyncio.gather(*(client_loop(n, url, values, page, start + duration, tally) for n in range(clients)))
    report(tally, time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", help="start a server on this store")
    where.add_argument("--url", help="use a running server")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds")
    ap.add_argument("--no-cache", action="store_true", help="(with --db) answer cache off: every answer computed")
    ap.add_argument("--workers", type=int, default=1, help="(with --db) server processes (cache always on)")
    ap.add_argument("--ingest", nargs="+", metavar="PATH",
                    help="(with --db) run `marsad ingest PATH... --db DB` into the same store during the load")
    args = ap.parse_args()
    if args.ingest and not args.db:
        ap.error("--ingest needs --db (the store the server reads)")
    proc = None
    url = args.url
    if args.db:
        proc, url = start_server(args.db, cache=not args.no_cache, workers=args.workers)
        print(f"server: {url}, store {args.db}, cache {'off' if args.no_cache else 'on'}, "
              f"{args.workers} worker(s)")
    print(f"{args.clients} clients for {args.duration:.0f} s, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at start")
    writer = None
    if args.ingest:  # a writer beside the readers: the store's WAL lets both go on
        writer = subprocess.Popen([sys.executable, "-c", "from marsad.cli import main; main()", "ingest",
                                   *args.ingest, "--db", args.db, "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        print(f"ingest: {' '.join(args.ingest)} into {args.db}, started with the load")
    started = time.monotonic()
    ended: list[float] = []
    if writer is not None:
        threading.Thread(target=lambda: (writer.wait(), ended.append(time.monotonic() - started)), daemon=True).start()
    try:
        asyncio.run(run(url.rstrip("/"), args.clients, args.duration))
    finally:
        if writer is not None:
            running = writer.poll() is None
            print(f"ingest: still running after {time.monotonic() - started:.0f} s of load" if running else
                  f"ingest: done (exit {writer.returncode}) {ended[0] if ended else 0:.0f} s into the load")
            if running:
                writer.terminate()
            out, err = writer.communicate(timeout=60)
            errors = [line for line in (err or "").splitlines() if line.startswith("error:")]
            print("ingest: " + " ".join((out or "").split()) + f"; {len(errors)} input error lines on stderr")
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
