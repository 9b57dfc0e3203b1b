"""Take the README's screenshots of the web UI (not a test).

    .venv/bin/python tests/browser/readme_screenshots.py STORE.db [--out docs/img]

- `dashboard.png`: the dashboard over STORE.db (the README's is the store of
  the whole news corpus). It shows only derived fields (places, actors,
  figures, outlet names), no article text.
- `event.png`: the event page of the two illustrative reports in
  `web_ui_documents.py` (fictional, written for this project): the evidence
  sentences a screenshot shows must not be licensed corpus text.

STORE.db is opened by the server as is: give it a copy if it must stay unchanged
(the server may migrate an older store).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_ui_documents import illustrative_reports  # noqa: E402
from web_ui_server import launch, serving  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def shoot(browser, url: str, out: Path, ready: str, size: tuple[int, int], full_page: bool) -> None:
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(url)
    page.wait_for_selector(ready, timeout=60_000)
    page.wait_for_selector('[data-outlines="loaded"]', timeout=60_000)
    page.wait_for_timeout(500)  # let the map finish drawing
    page.screenshot(path=str(out), full_page=full_page)
    page.close()
    print(f"wrote {out}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="store for the dashboard screenshot")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    from marsad.pipeline import analyse
    from marsad.store import Store

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        example = Path(tmp) / "illustrative.db"
        with Store.open(example) as store:
            event_ids = {eid for d in illustrative_reports() for eid in store.add(analyse(d)).event_ids}
        browser = launch(p)
        with serving(args.store) as url:
            shoot(browser, url + "/", args.out / "dashboard.png", 'body[data-loading="0"]', (1400, 1000), False)
        with serving(example) as url:
            shoot(browser, url + "/events/" + sorted(event_ids)[0], args.out / "event.png", 'body[data-ready="1"]',
                  (1400, 900), True)
        browser.close()


if __name__ == "__main__":
    main()
