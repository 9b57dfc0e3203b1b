"""Shared test fixtures.

Tests that read the licensed material in `../shared/` (seeds, gold, corpus) use
these fixtures, which skip with a reason on a fresh clone where it is absent.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(__import__("os").environ.get("MARSAD_SHARED", ROOT.parent / "shared"))


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the project's shared material), absent here")
    return path


@contextlib.contextmanager
def _rules() -> Iterator[None]:
    before = os.environ.get("MARSAD_DECISIONS")
    os.environ["MARSAD_DECISIONS"] = "rules"
    try:
        yield
    finally:
        if before is None:
            del os.environ["MARSAD_DECISIONS"]
        else:
            os.environ["MARSAD_DECISIONS"] = before


@pytest.fixture(scope="session")
def read_by_rules() -> Callable[[], contextlib.AbstractContextManager[None]]:
    """A context in which analysis uses the rules' own decisions, for
    session stores of the seeds that tests of the store, the API and the
    UI read (see `rules_decisions`)."""
    return _rules


@pytest.fixture(scope="module")
def rules_decisions() -> Iterator[None]:
    """`MARSAD_DECISIONS=rules` for a module: for tests of fusion and the
    store written against the rules' reading of the seeds (three incidents
    told by two seeds), which the learned decisions read differently (issue
    #18, tests/test_decide.py). Used as `pytestmark =
    pytest.mark.usefixtures("rules_decisions")`, so it is set before the
    module's stores are built."""
    with _rules():
        yield


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


@pytest.fixture(scope="session")
def seeds_store(seeds_dir: Path, tmp_path_factory, read_by_rules) -> Path:
    """A SQLite store of the five seeds, ingested once per test run, for
    tests that only read it (the profile and the web API); a test that
    writes needs a store of its own. The seeds are read by the rules' own
    decisions (see `rules_decisions`): these tests check what is done with
    a store, and test_extraction_gold checks how well the models read."""
    from marsad.pipeline import analyse
    from marsad.sources import read_paths
    from marsad.store import Store

    path = tmp_path_factory.mktemp("seeds_store") / "seeds.db"
    with read_by_rules(), Store.open(path) as store:
        for doc in read_paths([seeds_dir / "seeds.jsonl"]):
            store.add(analyse(doc))
    return path


# --- store backends ----------------------------------------------------------
# Store tests run on SQLite and on PostgreSQL. The PostgreSQL case needs a
# database the tests may create schemas in, named by MARSAD_TEST_PG (a
# postgresql:// URL; .ci/run starts a local server and sets it); without it,
# or when that server cannot be reached, the case skips with the reason.
PG_URL = os.environ.get("MARSAD_TEST_PG", "")


@functools.lru_cache(maxsize=1)
def _pg_unavailable() -> str | None:
    """Why the PostgreSQL cases cannot run, or None if they can."""
    if not PG_URL:
        return "set MARSAD_TEST_PG=postgresql://... to run the PostgreSQL cases"
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    try:
        psycopg.connect(PG_URL, connect_timeout=5).close()
    except psycopg.Error as e:
        return f"MARSAD_TEST_PG server unreachable: {str(e).strip().splitlines()[0]}"
    return None


@pytest.fixture(params=["sqlite", "postgres"])
def store_db(request, tmp_path) -> Iterator[Callable[[str], str]]:
    """A factory of empty store locations on one backend: `store_db("name")`
    is an SQLite file in tmp_path, or a `postgresql://` URL of a fresh schema
    (`search_path` set in the URL) dropped after the test. The same name
    gives the same store."""
    if request.param == "sqlite":
        yield lambda name: str(tmp_path / f"{name}.db")
        return
    reason = _pg_unavailable()
    if reason:
        pytest.skip(reason)
    import psycopg

    prefix = f"t{uuid.uuid4().hex[:10]}_"
    made: dict[str, str] = {}
    sep = "&" if "?" in PG_URL else "?"

    def new(name: str) -> str:
        if name not in made:
            schema = prefix + re.sub(r"\W", "_", name).lower()
            with psycopg.connect(PG_URL, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')
            made[name] = schema
        return f"{PG_URL}{sep}options=-csearch_path%3D{made[name]}"

    yield new
    if made:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            for schema in made.values():
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
