"""Map geometry of Germany shared by every map of the platform (office map, Kreis map).

Projection: equirectangular with the longitude scaled by cos 51.15° (Germany's middle
latitude), so that distances in the east–west and north–south direction match to within a
few percent across the country – for a country of Germany's extent this is visually
indistinguishable from a conic projection and can be checked by hand::

    x = (lon − 5.8) · 100 · cos 51.15°        y = (55.1 − lat) · 100

(map units; the full map is Germany's bounding box from :mod:`zwk.municipalities.geo`).
A map of a smaller area (a Kreis, a Land) projects the same way and scales the result into
its own drawing area.

The outline is Natural Earth's (public domain), extracted once by
``tools/germany_outline.py`` into ``germany_outline.json`` next to this module. It lives in
the platform tier so that the office (edges) and the Kommunalprofil (programme steps) both
draw it.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from zwk.municipalities.geo import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN

PHI0 = 51.15  # standard parallel (degrees)
UNIT = 100.0  # map units per degree of latitude
KX = UNIT * math.cos(math.radians(PHI0))  # map units per degree of longitude
WIDTH = (LON_MAX - LON_MIN) * KX
HEIGHT = (LAT_MAX - LAT_MIN) * UNIT
OUTLINE_FILE = Path(__file__).with_name("germany_outline.json")


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates of a WGS 84 point (degrees)."""
    return (lon - LON_MIN) * KX, (LAT_MAX - lat) * UNIT


def unproject(x: float, y: float) -> tuple[float, float]:
    """WGS 84 point (degrees) of map coordinates – the inverse of :func:`project`."""
    return LON_MIN + x / KX, LAT_MAX - y / UNIT


@cache
def outline_rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Germany's outline as rings of (lon, lat), largest first."""
    data = json.loads(OUTLINE_FILE.read_text(encoding="utf-8"))
    return tuple(tuple((float(x), float(y)) for x, y in r) for r in data["rings"])


@cache
def outline_path() -> str:
    """The outline as SVG path data in map coordinates."""
    parts = []
    for ring in outline_rings():
        coords = (project(lon, lat) for lon, lat in ring)
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in coords) + "Z")
    return "".join(parts)
