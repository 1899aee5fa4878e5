"""The office's map of Germany: projection of WGS 84 points and the SVG, as plain functions.

Projection and outline: :mod:`zwk.municipalities.mapgeo` (shared with the Kreis map of the
Kommunalprofil); the view box is Germany's bounding box from :mod:`zwk.municipalities.geo`.

Every Kommune is a link (``<a href>``, keyboard-focusable) with a ``<title>`` naming it and
its step; the step is shown by colour *and* by the marker's shape, so colour is never the
only carrier. The SVG is built as one string – a template loop over 11,000
points would take seconds, string joining takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from zwk.municipalities.geo import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN
from zwk.municipalities.mapgeo import (  # noqa: F401  (shared geometry, re-exported)
    HEIGHT,
    KX,
    OUTLINE_FILE,
    PHI0,
    UNIT,
    WIDTH,
    outline_path,
    outline_rings,
    project,
    unproject,
)

# One marker per state, centred on (0, 0), about 9 units across. 1–5: the step a Kommune
# is in; 6: all five steps done; 0: not started / unknown.
MARKERS: dict[int, str] = {
    0: "M-3.5,-3.5L3.5,3.5M-3.5,3.5L3.5,-3.5",  # cross
    1: "M-4.5,0a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0Z",  # circle
    2: "M-4,-4H4V4H-4Z",  # square
    3: "M0,-5L4.8,3.6H-4.8Z",  # triangle
    4: "M0,-5.2L5.2,0L0,5.2L-5.2,0Z",  # diamond
    5: "M0,-5L4.8,-1.5L2.9,4.1H-2.9L-4.8,-1.5Z",  # pentagon
    6: (  # star
        "M0,-5.5L1.5,-1.8L5.3,-1.7L2.3,0.7L3.3,4.4L0,2.3L-3.3,4.4L-2.3,0.7L-5.3,-1.7L-1.5,-1.8Z"
    ),
}
MARKER_ID = "zwk-map-m{}"
# A dashed ring around a marker: the Kommune is stalled (no activity for weeks).
STALLED_RING = "M-8.5,0a8.5,8.5 0 1,0 17,0a8.5,8.5 0 1,0 -17,0Z"
STALLED_ID = "zwk-map-stalled"
# Radius of the invisible target around each marker, in map units – the page's script keeps
# it at 12 CSS pixels whatever the map's size (a 24 × 24 px target, WCAG 2.2 SC 2.5.8); this
# is the value without the script (about 25 px across at the map's height on a laptop).
HIT_RADIUS = 17


@dataclass(frozen=True, slots=True)
class MapPoint:
    lon: float
    lat: float
    title: str  # what a screen reader and the tooltip say, e.g. "Musterstadt – Schritt 2 …"
    href: str
    state: int  # key of MARKERS
    stalled: bool = False


def marker_defs() -> str:
    """``<defs>`` with one path per marker shape (referenced by ``<use>``)."""
    paths = "".join(
        f'<path id="{MARKER_ID.format(k)}" d="{d}"/>' for k, d in sorted(MARKERS.items())
    )
    return f'<defs>{paths}<path id="{STALLED_ID}" d="{STALLED_RING}"/></defs>'


def legend_icon(state: int) -> str:
    """A small stand-alone SVG with the marker of ``state`` (for the legend, decorative)."""
    return (
        f'<svg class="map-legend-icon map-state-{state}" viewBox="-6 -6 12 12" '
        f'width="16" height="16" aria-hidden="true" focusable="false">'
        f'<path d="{MARKERS[state]}"/></svg>'
    )


def stalled_icon() -> str:
    """The stalled ring as a small stand-alone SVG (for the legend, decorative)."""
    return (
        '<svg class="map-legend-icon map-legend-stalled" viewBox="-10 -10 20 20" '
        'width="20" height="20" aria-hidden="true" focusable="false">'
        f'<path d="{STALLED_RING}"/></svg>'
    )


def _point(p: MapPoint) -> str:
    x, y = project(p.lon, p.lat)
    ring = (
        f'<use class="map-stalled-ring" href="#{STALLED_ID}" x="{x:.1f}" y="{y:.1f}"/>'
        if p.stalled
        else ""
    )
    stalled = " map-stalled" if p.stalled else ""
    return (
        f'<a href="{escape(p.href)}" class="map-point map-state-{p.state}{stalled}">'
        f"<title>{escape(p.title, quote=False)}</title>"
        f'<circle class="map-hit" cx="{x:.1f}" cy="{y:.1f}" r="{HIT_RADIUS}"/>{ring}'
        f'<use href="#{MARKER_ID.format(p.state)}" x="{x:.1f}" y="{y:.1f}"/></a>'
    )


def render_svg(
    points: Sequence[MapPoint] | Iterable[MapPoint],
    *,
    title: str,
    description: str = "",
    svg_id: str = "zwk-map",
) -> str:
    """The whole map as an SVG element (a string of safe markup: every text is escaped).

    Points outside Germany's bounding box are left out (the caller lists them elsewhere).
    """
    body = "".join(
        _point(p) for p in points if LON_MIN <= p.lon <= LON_MAX and LAT_MIN <= p.lat <= LAT_MAX
    )
    desc = f'<desc id="{svg_id}-desc">{escape(description, quote=False)}</desc>'
    return (
        f'<svg id="{svg_id}" class="office-map" viewBox="0 0 {WIDTH:.1f} {HEIGHT:.1f}" '
        f'role="group" aria-labelledby="{svg_id}-title" aria-describedby="{svg_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{svg_id}-title">{escape(title, quote=False)}</title>{desc}'
        f"{marker_defs()}"
        f'<path class="map-land" d="{outline_path()}"/>'
        f'<g class="map-points">{body}</g></svg>'
    )


@dataclass(frozen=True, slots=True)
class MapArea:
    """A Land or Kreis drawn as one bubble with the number of its Kommunen (low zoom)."""

    lon: float
    lat: float
    title: str
    href: str  # drill down: the same map for this Land or Kreis
    count: int


def render_area_svg(
    areas: Sequence[MapArea],
    *,
    title: str,
    description: str = "",
    svg_id: str = "zwk-map",
) -> str:
    """The map with one bubble per area (area ∝ number of Kommunen), each a link."""
    largest = max((a.count for a in areas), default=1) or 1
    body = []
    for a in areas:
        if not (LON_MIN <= a.lon <= LON_MAX and LAT_MIN <= a.lat <= LAT_MAX):
            continue
        x, y = project(a.lon, a.lat)
        r = max(HIT_RADIUS, 42 * (a.count / largest) ** 0.5)
        body.append(
            f'<a href="{escape(a.href)}" class="map-area">'
            f"<title>{escape(a.title, quote=False)}</title>"
            f'<circle class="map-area-bubble" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            f'<text class="map-area-count" x="{x:.1f}" y="{y:.1f}" aria-hidden="true">'
            f"{a.count}</text></a>"
        )
    desc = f'<desc id="{svg_id}-desc">{escape(description, quote=False)}</desc>'
    return (
        f'<svg id="{svg_id}" class="office-map" viewBox="0 0 {WIDTH:.1f} {HEIGHT:.1f}" '
        f'role="group" aria-labelledby="{svg_id}-title" aria-describedby="{svg_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{svg_id}-title">{escape(title, quote=False)}</title>{desc}'
        f'<path class="map-land" d="{outline_path()}"/>'
        f'<g class="map-areas">{"".join(body)}</g></svg>'
    )
