"""Reproduce the web UI's vendored files from npm (a developer tool, never run
by the server).

The UI must work with no internet (no CDN, no tile server), so the libraries it
uses and the country outlines it draws are committed under
`marsad/web/static/vendor/`. This script is how a reviewer regenerates them and
checks that they are exactly the published packages: it installs the pinned
versions with npm into a scratch directory, copies the built files and the
licences, and converts Natural Earth's TopoJSON (package `world-atlas`) to the
GeoJSON Leaflet draws, with `topojson-client`'s `topo2geo`. Coordinates are
rounded to 0.01 degree (about a kilometre, finer than the 1:50m outlines
themselves) to keep the file small.

Run: `python -m marsad.web.build_assets` (needs node and npm on PATH).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

VENDOR = Path(__file__).resolve().parent / "static" / "vendor"

# package -> (version, {file in the package: path under vendor/})
PACKAGES: dict[str, tuple[str, dict[str, str]]] = {
    "leaflet": ("1.9.4", {
        "dist/leaflet.js": "leaflet/leaflet.js",
        "dist/leaflet.css": "leaflet/leaflet.css",
        "dist/images/layers.png": "leaflet/images/layers.png",
        "dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
        "dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
        "dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
        "dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
        "LICENSE": "leaflet/LICENSE",
    }),
    "uplot": ("1.6.32", {
        "dist/uPlot.iife.min.js": "uplot/uPlot.iife.min.js",
        "dist/uPlot.min.css": "uplot/uPlot.min.css",
        "LICENSE": "uplot/LICENSE",
    }),
    "world-atlas": ("2.0.2", {"LICENSE": "world-atlas/LICENSE"}),
    "topojson-client": ("3.1.0", {"LICENSE": "topojson-client/LICENSE"}),
}
TOPOLOGY = "countries-50m.json"  # world-atlas file converted to vendor/world-atlas/countries-50m.geojson
DECIMALS = 2


def _round(coords: Any) -> Any:
    if isinstance(coords[0], (int, float)):
        return [round(c, DECIMALS) for c in coords]
    return [_round(c) for c in coords]


def compact(collection: dict[str, Any]) -> dict[str, Any]:
    """The GeoJSON with rounded coordinates and only the country name kept."""
    features = []
    for f in collection["features"]:
        if f.get("geometry") is None:
            continue
        geometry = {"type": f["geometry"]["type"], "coordinates": _round(f["geometry"]["coordinates"])}
        features.append({"type": "Feature", "id": f.get("id"),
                         "properties": {"name": f.get("properties", {}).get("name")}, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def build(dest: Path = VENDOR) -> None:
    with tempfile.TemporaryDirectory(prefix="marsad-web-assets-") as tmp:
        work = Path(tmp)
        specs = [f"{name}@{version}" for name, (version, _) in PACKAGES.items()]
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix", str(work), *specs],
                       check=True)
        modules = work / "node_modules"
        for name, (_, files) in PACKAGES.items():
            for src, out in files.items():
                target = dest / out
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(modules / name / src, target)
        geo = subprocess.run(
            [str(modules / ".bin" / "topo2geo"), "-i", str(modules / "world-atlas" / TOPOLOGY), "countries=-"],
            check=True, capture_output=True, text=True,
        ).stdout
        out = dest / "world-atlas" / TOPOLOGY.replace(".json", ".geojson")
        out.write_text(json.dumps(compact(json.loads(geo)), separators=(",", ":")), encoding="utf-8")
    print(f"vendored files written under {dest}", file=sys.stderr)


if __name__ == "__main__":
    build()
