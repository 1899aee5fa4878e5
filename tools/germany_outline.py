"""Extract Germany's outline from Natural Earth (via the npm package ``world-atlas``) into
the small JSON file the office map draws: ``src/zwk/municipalities/germany_outline.json``.

Provenance and licence
    world-atlas 2.0.2 (npm, ISC licence, © Michael Bostock) redistributes Natural Earth's
    Admin 0 country boundaries 1:10m, version 4.1.0, as TopoJSON. Natural Earth data is in
    the public domain (https://www.naturalearthdata.com/about/terms-of-use/). The outline
    is simplified here (Douglas–Peucker) and rounded to 0.001° – a few kilobytes.

Run once when the outline should change (no network at run time; the map only reads the
JSON)::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/germany_outline.py /tmp/package/countries-10m.json

Pure standard library: TopoJSON arcs are delta-encoded and quantised; a polygon ring is a
list of arc indices, a negative index ``~i`` meaning arc ``i`` reversed.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "zwk" / "municipalities"
GERMANY_ISO_NUMERIC = "276"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indices:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(points if not out else points[1:])  # arcs share their end points
    return out


def _distance(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, iterative (rings have thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > tolerance and index > 0:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-10m.json")
    parser.add_argument("--tolerance", type=float, default=0.02, help="degrees (default 0.02)")
    parser.add_argument("--min-area", type=float, default=0.004, help="drop smaller islands")
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    germany = next(
        g
        for g in topology["objects"]["countries"]["geometries"]
        if g.get("id") == GERMANY_ISO_NUMERIC
    )
    polygons = germany["arcs"] if germany["type"] == "MultiPolygon" else [germany["arcs"]]
    rings = []
    for polygon in polygons:
        outer = ring(arcs, polygon[0])  # Germany has no holes worth drawing
        area = 0.5 * abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(outer, outer[1:] + outer[:1], strict=True)
            )
        )
        if area < args.min_area:
            continue
        simple = simplify(outer, args.tolerance)
        rings.append([[round(x, 3), round(y, 3)] for x, y in simple])
    rings.sort(key=len, reverse=True)
    OUT.mkdir(parents=True, exist_ok=True)
    data = {
        "source": "Natural Earth 1:10m Admin 0 countries v4.1.0 via npm world-atlas 2.0.2",
        "licence": "Natural Earth: public domain; world-atlas: ISC",
        "simplified": f"Douglas-Peucker {args.tolerance} degrees, islands >= {args.min_area} sq deg",
        "rings": rings,
    }
    target = OUT / "germany_outline.json"
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{target}: {len(rings)} rings, {sum(map(len, rings))} points")


if __name__ == "__main__":
    main()
