"""Shared test fixtures.

Tests that read the licensed material in `../shared/` (seeds, gold, corpus) use
these fixtures, which skip with a reason on a fresh clone where it is absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the project's shared material), absent here")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return _need(SHARED)


@pytest.fixture(scope="session")
def seeds_dir(shared: Path) -> Path:
    return _need(shared / "seeds")


@pytest.fixture(scope="session")
def gold_dir(shared: Path) -> Path:
    return _need(shared / "gold")


@pytest.fixture(scope="session")
def news_dir(shared: Path) -> Path:
    return _need(shared / "data" / "news")
