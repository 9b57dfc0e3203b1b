"""Fixtures for the browser tests: the real server (uvicorn in a thread) over a
store built from the seeds plus articles of our own (two illustrative reports
of one incident, one hostile article), and Debian's headless Chromium driven
by Playwright.

Skips with a reason when Playwright or Chromium is absent, and the tests
over the seeds when ../shared is. Chromium comes from Debian (`apt-get install chromium`, see .ci/run);
`playwright install` is never used (it downloads a browser). Screenshots go to
test-artifacts/browser/ (git-ignored)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.pipeline import analyse
from marsad.sources import read_paths
from marsad.store import Store

from web_ui_documents import hostile_document, illustrative_reports
from web_ui_server import CHROMIUM, launch, serving

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    pytest.importorskip("playwright.sync_api", reason="needs playwright (the dev extra)")
    if not CHROMIUM.exists():
        pytest.skip(f"needs Chromium at {CHROMIUM} (Debian package chromium), absent here")
    return CHROMIUM


@pytest.fixture(scope="session")
def ui_store(tmp_path_factory, request, read_by_rules) -> Path:
    """The two illustrative reports of one incident, the hostile article and,
    when ../shared is there, the seeds (tests that need them ask for
    `seeds_dir` too, so the others run on a fresh clone), read by the rules'
    own decisions (tests/conftest.py)."""
    try:
        seeds = list(read_paths([request.getfixturevalue("seeds_dir") / "seeds.jsonl"]))
    except pytest.skip.Exception:
        seeds = []
    db = tmp_path_factory.mktemp("web_ui") / "ui.db"
    with read_by_rules(), Store.open(db) as store:
        for doc in [*seeds, *illustrative_reports()]:
            store.add(analyse(doc))
        store.add(hostile_document())
    return db


@pytest.fixture(scope="session")
def server_url(ui_store) -> Iterator[str]:
    with serving(ui_store) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class Watched:
    """A page plus what must never happen on it: a dialog (alert, confirm...),
    a script error, a content-security-policy violation (an inline script or
    style the policy blocks), a request to any other host (the UI works
    offline)."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text else None)
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def watched(browser, server_url) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    context.set_default_timeout(20_000)
    w = Watched(context.new_page(), server_url)
    yield w
    context.close()
    assert w.dialogs == [], f"a dialog fired: {w.dialogs}"
    assert w.errors == [], f"script errors: {w.errors}"
    assert w.outside == [], f"requests outside the server: {w.outside}"
