"""The web pages without a browser (marsad.web.ui): every page is the same
fixed file whatever id is asked for (no data is ever written into HTML on the
server), the page scripts never parse data as HTML, everything a page loads is
served locally (no CDN, no tile server), and the vendored files are what
`build_assets.py` describes. The browser half is tests/browser/."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from marsad.web import build_assets, ui

STATIC = Path(ui.__file__).resolve().parent / "static"
OWN_FILES = sorted(p for p in STATIC.rglob("*") if p.is_file() and "vendor" not in p.parts)
HOSTILE_ID = '<script>alert("id")</script><img src=x onerror=alert(1)>'
PAGES = {"/": "index.html", "/events/": "event.html", "/docs/": "doc.html", "/actors/": "actor.html"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.include_router(ui.router)
    return TestClient(app)


@pytest.mark.parametrize("prefix,name", PAGES.items())
def test_a_page_is_its_file_whatever_the_id(client, prefix, name):
    expected = (STATIC / name).read_bytes()
    # ids may hold "/" (corpus doc ids are urls); the page shows the API's answer for it
    ids = [""] if prefix == "/" else ["ev_1", quote(HOSTILE_ID, safe=""), "http%3A%2F%2Fexample.org%2Fa%2Fb", "a/b/c"]
    for i in ids:
        r = client.get(prefix + i)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert r.content == expected, prefix + i
        assert b"alert(" not in r.content


def test_page_scripts_never_parse_data_as_html():
    # the sinks through which text becomes markup or code
    sinks = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new Function|"
                       r"setAttribute\(\s*[\"']on|\.srcdoc|createContextualFragment|DOMParser")
    scripts = [p for p in OWN_FILES if p.suffix in (".js", ".html")]
    assert len([p for p in scripts if p.suffix == ".js"]) >= 6
    for path in scripts:
        text = path.read_text(encoding="utf-8")
        assert not sinks.findall(text), (path.name, sinks.findall(text))
    html = [p for p in OWN_FILES if p.suffix == ".html"]
    for path in html:  # no inline script or handler: all code is in the reviewed files
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path.name
        assert not re.search(r"\son[a-z]+\s*=", text), path.name


def test_pages_load_only_local_files_that_exist(client):
    referenced = set()
    for path in OWN_FILES:
        text = path.read_text(encoding="utf-8")
        # no address outside this server: the UI must work with no internet
        assert not re.search(r"(src|href)\s*=\s*[\"'](https?:)?//", text), path.name
        assert not re.search(r"(fetch|url)\(\s*[\"']https?://", text), path.name
        if path.suffix == ".html":
            referenced.update(re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", text))
    referenced.add(build_assets_outline_url())
    assert len(referenced) >= 8
    for url in sorted(referenced):
        assert client.get(url).status_code == 200, url
    assert client.get("/static/../ui.py").status_code == 404
    assert client.get("/static/%2e%2e/ui.py").status_code == 404


def build_assets_outline_url() -> str:
    charts = (STATIC / "js" / "charts.js").read_text(encoding="utf-8")
    return re.search(r"OUTLINES = \"([^\"]+)\"", charts).group(1)


def test_country_outlines_are_natural_earth_geojson():
    path = STATIC / build_assets_outline_url().removeprefix("/static/")
    geo = json.loads(path.read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) > 200
    names = {f["properties"]["name"] for f in geo["features"]}
    assert {"Iraq", "Syria", "Yemen", "Afghanistan", "Iran"} <= names
    iraq = next(f for f in geo["features"] if f["properties"]["name"] == "Iraq")
    lons = [pt[0] for ring in iraq["geometry"]["coordinates"] for pt in ring] \
        if iraq["geometry"]["type"] == "Polygon" else \
        [pt[0] for poly in iraq["geometry"]["coordinates"] for ring in poly for pt in ring]
    assert 38 < min(lons) < 40 and 48 < max(lons) < 49  # Iraq spans about 38.8E to 48.6E


def test_vendored_files_are_those_build_assets_lists():
    vendor = build_assets.VENDOR
    for name, (version, files) in build_assets.PACKAGES.items():
        for out in files.values():
            assert (vendor / out).is_file(), out
    readme = (vendor / "README.md").read_text(encoding="utf-8")
    for name, (version, _) in build_assets.PACKAGES.items():
        assert f"{name}@{version}" in readme, name
    assert "leaflet.js" in (STATIC / "index.html").read_text(encoding="utf-8")
    leaflet = (vendor / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    assert 'version="1.9.4"' in leaflet


def test_compact_rounds_coordinates_and_keeps_only_names():
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": "368", "properties": {"name": "Iraq", "extra": 1},
         "geometry": {"type": "Polygon", "coordinates": [[[38.79456, 33.37134], [48.5678, 29.9999], [38.79456, 33.37134]]]}},
        {"type": "Feature", "id": "-99", "properties": {"name": "nowhere"}, "geometry": None},
    ]}
    out = build_assets.compact(collection)
    assert out["features"] == [{"type": "Feature", "id": "368", "properties": {"name": "Iraq"}, "geometry": {
        "type": "Polygon", "coordinates": [[[38.79, 33.37], [48.57, 30.0], [38.79, 33.37]]]}}]
