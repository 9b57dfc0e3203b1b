"""parse_header_date: datelines at the top of an article (own examples + seeds)."""
from __future__ import annotations

import json

import pytest

from marsad.arabic.dates import parse_header_date


@pytest.mark.parametrize("text, expected", [
    ("الأحد 07/نوفمبر/2021 - 02:51 م\nعنوان الخبر", "2021-11-07"),
    ("الإثنين 25 مارس 2024 / 11:52", "2024-03-25"),
    ("2015-07-21", "2015-07-21"),
    ("21/07/2015 10:00", "2015-07-21"),
    ("نشر بتاريخ 3 كانون الثاني 2020", "2020-01-03"),
    ("الخميس 5 أيلول/سبتمبر 2019", "2019-09-05"),
    ("السبت 1 جويلية 2017", "2017-07-01"),
    ("الثلاثاء ١٤ يوليه ٢٠١٥", "2015-07-14"),
    ("4 أغسطس (آب) 2015", "2015-08-04"),
])
def test_datelines(text: str, expected: str) -> None:
    assert parse_header_date(text) == expected


@pytest.mark.parametrize("text", [
    "قال المتحدث إن الهجوم وقع في 12 مارس",  # no year: not a dateline
    "31/02/2015",  # no such day
    "الثلاثاء 5 شوال 1436",  # Hijri only: not a Gregorian dateline
    "رقم الهاتف 0123456789",
    "",
])
def test_no_dateline(text: str) -> None:
    assert parse_header_date(text) is None


def test_first_dateline_wins() -> None:
    assert parse_header_date("الأحد 2 مايو 2021\nوكان الحادث في 1 مايو 2020") == "2021-05-02"


def test_only_the_top_is_read() -> None:
    assert parse_header_date("كلام " * 300 + "7 مايو 2021") is None


def test_seed_datelines_match_publication(seeds_dir) -> None:
    """Seeds that print a dateline give their publication date."""
    meta = {json.loads(l)["file"]: json.loads(l)["published"]
            for l in (seeds_dir / "META.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()}
    found = {f: parse_header_date((seeds_dir / f).read_text(encoding="utf-8")) for f in meta}
    dated = {f: d for f, d in found.items() if d}
    assert len(dated) >= 2
    assert all(meta[f] == d for f, d in dated.items())
