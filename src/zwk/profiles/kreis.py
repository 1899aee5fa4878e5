"""The Gemeinden of a Landkreis (or of a Land, for the office) side by side: reads and the map.

:func:`overview` loads the stored statistics of every Gemeinde of an area (8-digit AGS
starting with the Kreis or Land key) with a constant number of queries, asks the engine for
the age-structure indicators of all of them at once and projects them with the Kommunalprofil's
own projection: from the official history (:func:`zwk.profiles.history.projections` – the
same function, inputs and cache as the Gemeinde's profile page, one engine run over the Land
for all Gemeinden with the same history), else the Basis scenario, so a Gemeinde's projected
change is the one its own profile shows. The result is cached per data version (every import or
withdrawal changes it), so the page itself needs a handful of queries whatever the number of
Gemeinden.

Figures follow the rules of the profile: every population has its Stichtag and population
basis; the change is measured from the earliest year *of the same basis* (2008–2010 are on
the old register basis, a level break to 2011); age indicators of a year whose ages the
platform estimated (:mod:`zwk.profiles.estimates`) are marked "Schätzung".

:func:`render_map` draws the Gemeinden as circles (area ∝ inhabitants, colour = class of the
chosen indicator, dark outline for contrast) with the shared projection of
:mod:`zwk.municipalities.mapgeo`, fitted into a fixed drawing area; labels of the largest
Gemeinden are placed greedily so that none overlaps another label or leaves the drawing area.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

import numpy as np
from django.core.cache import cache
from django.utils.translation import gettext as _

from demography import indicators as ind
from demography.core import Population
from zwk.municipalities import mapgeo
from zwk.profiles import analysis, charts
from zwk.profiles.estimates import basis_key, basis_label
from zwk.profiles.models import PopulationStock, Region, StatisticsRelease

HORIZON = 10  # years of the projected change
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Indicator:
    slug: str  # in URLs (?sortierung=, ?karte=)
    label: str
    unit: str
    digits: int


def indicators() -> list[Indicator]:
    return [
        Indicator("einwohner", _("Einwohner"), "", 0),
        Indicator("veraenderung", _("Veränderung der Einwohnerzahl"), "%", 1),
        Indicator("medianalter", _("Medianalter"), _("Jahre"), 1),
        Indicator("unter18", _("Anteil unter 18"), "%", 1),
        Indicator("ab65", _("Anteil ab 65"), "%", 1),
        Indicator(
            "vorausberechnung",
            _("Vorausberechnete Veränderung in %(n)d Jahren") % {"n": HORIZON},
            "%",
            1,
        ),
    ]


SORT_SLUGS = ("name", "einwohner", "veraenderung", "medianalter", "unter18", "ab65")
SORT_SLUGS += ("vorausberechnung",)
MAP_DEFAULT = "ab65"


@dataclass
class GemeindeRow:
    code: str
    name: str
    lon: float | None = None
    lat: float | None = None
    year: int | None = None  # Stichtag 31.12. of the population
    basis: str = ""  # plain label of its population basis
    population: float | None = None
    change_since: int | None = None
    change_pct: float | None = None
    age_year: int | None = None
    estimate: bool = False  # the ages of age_year are the platform's estimate
    median_age: float | None = None
    share_under_18: float | None = None
    share_65_plus: float | None = None
    projection_base: int | None = None
    projected_pct: float | None = None
    projected_low_pct: float | None = None
    projected_high_pct: float | None = None

    def value(self, slug: str) -> float | None:
        return {
            "einwohner": self.population,
            "veraenderung": self.change_pct,
            "medianalter": self.median_age,
            "unter18": self.share_under_18,
            "ab65": self.share_65_plus,
            "vorausberechnung": self.projected_pct,
        }.get(slug)

    @property
    def anchor(self) -> str:
        return f"g-{self.code}"

    @property
    def located(self) -> bool:
        return self.lon is not None and self.lat is not None


@dataclass
class Overview:
    code: str  # Kreis (5) or Land (2) key
    rows: list[GemeindeRow] = field(default_factory=list)
    left_out: int = 0  # Gemeinden of earlier years without a value in the latest year

    @property
    def has_data(self) -> bool:
        return bool(self.rows)

    def common(self, attr: str):
        """The value of ``attr`` if every row has the same (else None)."""
        values = {getattr(r, attr) for r in self.rows}
        return values.pop() if len(values) == 1 else None

    @property
    def estimated(self) -> bool:
        return any(r.estimate for r in self.rows)


def has_gemeinden_page(municipality) -> bool:
    """A Landkreis with its Kreis key has the page of all its Gemeinden side by side."""
    return municipality.kind == "landkreis" and len(municipality.ags or "") >= 5


def _gemeinde_codes(prefix: str) -> list[str]:
    codes = Region.objects.filter(level=Region.Level.GEMEINDE, code__startswith=prefix).values_list(
        "code", flat=True
    )
    return sorted(c for c in codes if len(c) == 8 and c.isdigit())


def overview(prefix: str) -> Overview:
    """All Gemeinden whose AGS starts with ``prefix`` (cached per data version)."""
    version = analysis.data_version()
    key = f"profiles:kreis:{prefix}:{version}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    result = _compute(prefix, version)
    cache.set(key, result, CACHE_SECONDS)
    return result


def _bases(data: dict) -> None:
    """Population basis per year of every region's totals – two queries for all regions."""
    rows = PopulationStock.objects.filter(region__code__in=list(data), sex="total").values_list(
        "region__code", "year", "release_id"
    )
    release_of = {(code, year): release for code, year, release in rows}
    releases = StatisticsRelease.objects.in_bulk(set(release_of.values()))
    for code, rd in data.items():
        rd.bases = {y: basis_key(releases.get(release_of.get((code, y))), y) for y in rd.totals}


def _compute(prefix: str, version: str) -> Overview:
    data = analysis.load_regions(_gemeinde_codes(prefix))
    _bases(data)
    points = {
        code: (lon, lat)
        for code, lon, lat in Region.objects.filter(
            code__in=list(data), longitude__isnull=False, latitude__isnull=False
        ).values_list("code", "longitude", "latitude")
    }
    present = [rd for rd in data.values() if rd.has_data]
    if not present:
        return Overview(prefix)
    latest = max(rd.years[-1] for rd in present)
    current = [rd for rd in present if latest in rd.totals]
    rows = {rd.code: _row(rd, latest, points.get(rd.code)) for rd in current}
    _age_indicators([rd for rd in current if rd.ages], rows)
    _projection([rd for rd in current if rd.ages], rows, data, version)
    ordered = sorted(rows.values(), key=lambda r: r.name)
    return Overview(prefix, ordered, left_out=len(present) - len(current))


def _row(rd, year: int, point) -> GemeindeRow:
    basis = rd.bases.get(year, "")
    row = GemeindeRow(
        code=rd.code,
        name=rd.name or rd.code,
        lon=point[0] if point else None,
        lat=point[1] if point else None,
        year=year,
        basis=basis_label(basis),
        population=rd.totals[year],
    )
    same = [y for y in rd.years if y < year and rd.bases.get(y, "") == basis]
    if same:
        row.change_since = same[0]
        row.change_pct = _f(ind.change_percent(rd.totals[year], rd.totals[same[0]]))
    return row


def _f(value) -> float | None:
    v = float(np.asarray(value))
    return None if math.isnan(v) else v


def _age_indicators(regions, rows: dict[str, GemeindeRow]) -> None:
    """Median age and shares of the latest ages of every region – one engine call."""
    if not regions:
        return
    both = np.stack([rd.ages[rd.age_years[-1]].sum(axis=0) for rd in regions])
    values = ind.structure_indicators(both)
    for i, rd in enumerate(regions):
        row = rows[rd.code]
        row.age_year = rd.age_years[-1]
        row.estimate = row.age_year in rd.estimates
        row.median_age = _f(values["median_age"][i])
        row.share_under_18 = _f(values["share_under_18"][i])
        row.share_65_plus = _f(values["share_65_to_79"][i] + values["share_80_plus"][i])


def _projection(regions, rows: dict[str, GemeindeRow], data: dict, version: str) -> None:
    """Projected change over :data:`HORIZON` years with the empirical interval – the
    projection of the Gemeinde's own Kommunalprofil: from the official history
    (:func:`zwk.profiles.history.projections`, the same cache, one engine run for all
    Gemeinden with the same history); Gemeinden without such a history get what their
    profile shows then, the Basis scenario from their ages (one engine run per base year)."""
    from zwk.profiles import history

    found = history.projections(regions, version, loaded=data)
    for rd in regions:
        if found.get(rd.code) is not None:
            main = found[rd.code][0]
            _set_change(rows[rd.code], rd.age_years[-1], main.totals[:, 0], main, 0)
    _plain_projection([rd for rd in regions if found.get(rd.code) is None], rows)


def _set_change(row: GemeindeRow, year: int, totals, result, i: int) -> None:
    base, end = totals[0], totals[HORIZON]
    if not base or not math.isfinite(end):
        return
    row.projection_base = year
    row.projected_pct = _f(100.0 * (end / base - 1.0))
    if result.total_low is not None and result.total_high is not None:
        row.projected_low_pct = _f(100.0 * (result.total_low[HORIZON, i] / base - 1.0))
        row.projected_high_pct = _f(100.0 * (result.total_high[HORIZON, i] / base - 1.0))


def _plain_projection(regions, rows: dict[str, GemeindeRow]) -> None:
    """The Basis scenario from the newest ages: one engine projection per base year."""
    from demography.projection import project

    by_year: dict[int, list] = {}
    for rd in regions:
        by_year.setdefault(rd.age_years[-1], []).append(rd)
    for year, group in by_year.items():
        pop = Population(
            codes=tuple(rd.code for rd in group),
            names=tuple(rd.name for rd in group),
            year=year,
            counts=np.stack([rd.ages[year] for rd in group]),
        )
        result = project(pop, horizon=HORIZON, scenario="Basis", detail="groups")
        for i, rd in enumerate(group):
            _set_change(rows[rd.code], year, result.totals[:, i], result, i)


# --- sorting --------------------------------------------------------------------------


def parse_sort(value: str | None) -> tuple[str, bool]:
    """(slug, descending) from ``?sortierung=`` (``-`` first: descending); default: name."""
    value = (value or "").strip()
    descending = value.startswith("-")
    slug = value.lstrip("-")
    if slug not in SORT_SLUGS:
        return "name", False
    return slug, descending


def sort_rows(rows: Sequence[GemeindeRow], slug: str, descending: bool) -> list[GemeindeRow]:
    """Rows by ``slug``; Gemeinden without a value come last in both directions."""
    if slug == "name":
        return sorted(rows, key=lambda r: (r.name.casefold(), r.code), reverse=descending)
    known = [r for r in rows if r.value(slug) is not None]
    missing = [r for r in rows if r.value(slug) is None]
    known.sort(key=lambda r: (r.value(slug), r.name.casefold()), reverse=descending)
    return known + sorted(missing, key=lambda r: r.name.casefold())


# --- exports --------------------------------------------------------------------------


def export_headers() -> list[str]:
    return [
        _("AGS"),
        _("Gemeinde"),
        _("Stichtag"),
        _("Bevölkerungsbasis"),
        _("Einwohner"),
        _("Veränderung seit (31.12.)"),
        _("Veränderung der Einwohnerzahl (%)"),
        _("Altersaufbau Stichtag (31.12.)"),
        _("Altersaufbau"),
        _("Medianalter (Jahre)"),
        _("Anteil unter 18 (%)"),
        _("Anteil ab 65 (%)"),
        _("Vorausberechnung ab (31.12.)"),
        _("Vorausberechnete Veränderung in %(n)d Jahren (%%)") % {"n": HORIZON},
        _("Spanne von (%)"),
        _("Spanne bis (%)"),
        _("Breitengrad"),
        _("Längengrad"),
    ]


def _dec(value: float | None, digits: int) -> Decimal | None:
    return None if value is None else round(Decimal(str(value)), digits)


def export_rows(rows: Sequence[GemeindeRow]) -> list[list]:
    """One list per Gemeinde; numbers as rounded Decimals (German CSV: decimal comma)."""
    out = []
    for r in rows:
        out.append(
            [
                r.code,
                r.name,
                f"31.12.{r.year}" if r.year else "",
                r.basis,
                _dec(r.population, 0),
                r.change_since or "",
                _dec(r.change_pct, 1),
                r.age_year or "",
                (_("Schätzung") if r.estimate else _("amtlich")) if r.age_year else "",
                _dec(r.median_age, 1),
                _dec(r.share_under_18, 1),
                _dec(r.share_65_plus, 1),
                r.projection_base or "",
                _dec(r.projected_pct, 1),
                _dec(r.projected_low_pct, 1),
                _dec(r.projected_high_pct, 1),
                _dec(r.lat, 6),
                _dec(r.lon, 6),
            ]
        )
    return out


# --- map ------------------------------------------------------------------------------

WIDTH = 640.0
MAX_HEIGHT = 640.0
MIN_HEIGHT = 240.0
FONT = 12.0  # label font size (map units = CSS px at natural size)
CHAR_WIDTH = 0.62 * FONT  # generous mean advance of a sans-serif character
PALETTE = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")  # viridis, light → dark


@dataclass(frozen=True)
class MapClass:
    index: int
    low: float
    high: float
    label: str
    count: int


@dataclass
class MapPoint:
    row: GemeindeRow
    x: float
    y: float
    r: float
    klass: int | None  # index into PALETTE, None: no value


@dataclass(frozen=True)
class MapLabel:
    text: str
    x: float  # text anchor start
    y: float  # baseline
    box: tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass
class KreisMap:
    svg: str
    width: float
    height: float
    points: list[MapPoint]
    labels: list[MapLabel]
    classes: list[MapClass]
    sizes: list[tuple[float, float]]  # (inhabitants, radius) of the size legend
    legend_svg: list[str]
    indicator: Indicator
    unlocated: list[GemeindeRow]


def _classes(values: list[float], digits: int, unit: str) -> list[tuple[float, float]]:
    """Up to five classes with about equal numbers of Gemeinden (quantiles), rounded."""
    if not values:
        return []
    ordered = sorted(values)
    n = len(ordered)
    q = 10**digits
    cuts = sorted({math.floor(ordered[int(n * k / 5)] * q) / q for k in range(1, 5)})
    lo, hi = math.floor(ordered[0] * q) / q, math.ceil(ordered[-1] * q) / q
    cuts = [c for c in cuts if lo < c < hi]
    bounds = [lo, *cuts, hi]
    return list(itertools.pairwise(bounds)) or [(lo, hi)]


def _class_of(value: float | None, classes: list[tuple[float, float]]) -> int | None:
    if value is None or not classes:
        return None
    for i, (_lo, hi) in enumerate(classes):
        if value < hi:
            return i
    return len(classes) - 1


def _fmt(value: float | None, indicator: Indicator) -> str:
    if value is None:
        return _("keine Angabe")
    text = charts.fmt(value, indicator.digits)
    return f"{text} {indicator.unit}".strip()


def point_title(row: GemeindeRow, indicator: Indicator) -> str:
    parts = [row.name]
    if row.population is not None:
        parts.append(
            _("%(n)s Einwohner (31.12.%(year)s)")
            % {"n": charts.fmt(row.population, 0), "year": row.year}
        )
    if indicator.slug != "einwohner":
        text = f"{indicator.label}: {_fmt(row.value(indicator.slug), indicator)}"
        if indicator.slug in ("medianalter", "unter18", "ab65") and row.estimate:
            text += f" ({_('Schätzung')})"
        parts.append(text)
    return " – ".join(parts)


def _fit(rows: list[GemeindeRow], r_max: float):
    """Scale and offsets that fit the projected points into the drawing area."""
    xy = [mapgeo.project(r.lon, r.lat) for r in rows]
    xs, ys = [p[0] for p in xy], [p[1] for p in xy]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    pad = r_max + 4.0
    dx, dy = max(x1 - x0, 1e-6), max(y1 - y0, 1e-6)
    scale = min((WIDTH - 2 * pad) / dx, (MAX_HEIGHT - 2 * pad) / dy)
    if len(rows) == 1 or (x1 - x0 < 1e-6 and y1 - y0 < 1e-6):
        scale = 1.0
    height = max(MIN_HEIGHT, (y1 - y0) * scale + 2 * pad)
    ox = (WIDTH - (x1 - x0) * scale) / 2 - x0 * scale
    oy = (height - (y1 - y0) * scale) / 2 - y0 * scale
    return scale, ox, oy, height, xy


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_labels(points: list[MapPoint], height: float, limit: int) -> list[MapLabel]:
    """Names of the largest Gemeinden beside their circles: right, left, above or below,
    the first position that stays inside the drawing area and overlaps no label placed
    before and no other circle; a name that fits nowhere is left out (it is in the table)."""
    circles = [(p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r) for p in points]
    placed: list[MapLabel] = []
    for p in sorted(points, key=lambda p: -(p.row.population or 0))[: limit * 3]:
        if len(placed) >= limit:
            break
        w, h = CHAR_WIDTH * len(p.row.name), FONT * 1.25
        gap = p.r + 3
        for x, y in (
            (p.x + gap, p.y - h / 2),
            (p.x - gap - w, p.y - h / 2),
            (p.x - w / 2, p.y - gap - h),
            (p.x - w / 2, p.y + gap),
        ):
            box = (x, y, x + w, y + h)
            if box[0] < 1 or box[1] < 1 or box[2] > WIDTH - 1 or box[3] > height - 1:
                continue
            if any(_overlaps(box, b.box) for b in placed):
                continue
            own = (p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r)
            if any(_overlaps(box, c) for c in circles if c != own):
                continue
            placed.append(MapLabel(p.row.name, x, y + FONT, box))
            break
    return placed


def render_map(
    rows: Sequence[GemeindeRow],
    indicator: Indicator,
    *,
    title: str,
    svg_id: str = "kreis-karte",
    labels: int = 12,
) -> KreisMap:
    """The map of ``rows`` (those with coordinates) as safe SVG markup and its legend."""
    located = [r for r in rows if r.located]
    unlocated = [r for r in rows if not r.located]
    many = len(located) > 300
    r_min, r_max = (1.5, 7.0) if many else (3.0, 14.0)
    values = [v for r in located if (v := r.value(indicator.slug)) is not None]
    bounds = _classes(values, indicator.digits, indicator.unit)
    points: list[MapPoint] = []
    height = MIN_HEIGHT
    sizes: list[tuple[float, float]] = []
    frame = None
    if located:
        scale, ox, oy, height, xy = _fit(located, r_max)
        frame = (scale, ox, oy)
        p_max = max((r.population or 0) for r in located) or 1.0

        def radius(pop: float | None) -> float:
            return r_min + (r_max - r_min) * math.sqrt(max(pop or 0.0, 0.0) / p_max)

        for r, (x, y) in zip(located, xy, strict=True):
            points.append(
                MapPoint(
                    r,
                    ox + x * scale,
                    oy + y * scale,
                    radius(r.population),
                    _class_of(r.value(indicator.slug), bounds),
                )
            )
        sizes = [(v, radius(v)) for v in _size_steps(p_max)]
    placed = _place_labels(points, height, 0 if many else labels)
    counts = [0] * len(bounds)
    for p in points:
        if p.klass is not None:
            counts[p.klass] += 1
    classes = [
        MapClass(
            i,
            lo,
            hi,
            _("%(lo)s bis unter %(hi)s") % {"lo": _fmt(lo, indicator), "hi": _fmt(hi, indicator)}
            if i < len(bounds) - 1
            else _("%(lo)s bis %(hi)s") % {"lo": _fmt(lo, indicator), "hi": _fmt(hi, indicator)},
            counts[i],
        )
        for i, (lo, hi) in enumerate(bounds)
    ]
    svg = _svg(points, placed, height, title, svg_id, indicator, frame)
    legend = [_legend_icon(c.index) for c in classes]
    return KreisMap(
        svg, WIDTH, height, points, placed, classes, sizes, legend, indicator, unlocated
    )


def _size_steps(p_max: float) -> list[float]:
    """Two or three round population figures for the size legend."""

    def nice(v: float) -> float:
        if v <= 0:
            return 0.0
        mag = 10 ** math.floor(math.log10(v))
        return float(math.floor(v / mag) * mag)

    steps = [nice(p_max), nice(p_max / 10), nice(p_max / 100)]
    return sorted({s for s in steps if s >= 1}, reverse=True)[:3]


def _legend_icon(index: int) -> str:
    return (
        f'<svg class="kreis-legend-icon" viewBox="-7 -7 14 14" width="16" height="16" '
        f'aria-hidden="true" focusable="false"><circle r="6" class="kreis-c{index}"/></svg>'
    )


def size_icon(radius: float) -> str:
    d = 2 * radius + 2
    return (
        f'<svg class="kreis-legend-icon" viewBox="{-d / 2:.1f} {-d / 2:.1f} {d:.1f} {d:.1f}" '
        f'width="{d:.0f}" height="{d:.0f}" aria-hidden="true" focusable="false">'
        f'<circle r="{radius:.1f}" class="kreis-size"/></svg>'
    )


def _svg(points, labels, height, title, svg_id, indicator, frame) -> str:
    land = ""
    if frame is not None:
        scale, ox, oy = frame  # the points' frame: x' = ox + x·scale, y' = oy + y·scale
        land = (
            f'<clipPath id="{svg_id}-clip"><rect width="{WIDTH:.0f}" height="{height:.0f}"/>'
            f'</clipPath><g clip-path="url(#{svg_id}-clip)" aria-hidden="true">'
            f'<path class="kreis-land" vector-effect="non-scaling-stroke" '
            f'transform="matrix({scale:.4f} 0 0 {scale:.4f} {ox:.2f} {oy:.2f})" '
            f'd="{mapgeo.outline_path()}"/></g>'
        )
    body = []
    for pt in sorted(points, key=lambda pt: -pt.r):  # small circles on top of large ones
        klass = "kreis-none" if pt.klass is None else f"kreis-c{pt.klass}"
        body.append(
            f'<a href="#{pt.row.anchor}" class="kreis-point">'
            f"<title>{escape(point_title(pt.row, indicator), quote=False)}</title>"
            f'<circle cx="{pt.x:.1f}" cy="{pt.y:.1f}" r="{pt.r:.1f}" class="{klass}"/></a>'
        )
    text = "".join(
        f'<text x="{lb.x:.1f}" y="{lb.y:.1f}">{escape(lb.text, quote=False)}</text>'
        for lb in labels
    )
    desc = _(
        "%(n)d Gemeinden als Kreise: Fläche nach Einwohnerzahl, Farbe nach %(indicator)s. "
        "Jeder Kreis ist ein Link zur Zeile der Gemeinde in der Tabelle."
    ) % {"n": len(points), "indicator": indicator.label}
    return (
        f'<svg id="{svg_id}" class="kreis-map" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
        f'width="{WIDTH:.0f}" height="{height:.0f}" role="group" '
        f'aria-labelledby="{svg_id}-title" aria-describedby="{svg_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{svg_id}-title">{escape(title, quote=False)}</title>'
        f'<desc id="{svg_id}-desc">{escape(desc, quote=False)}</desc>'
        f'<rect class="kreis-sea" width="{WIDTH:.0f}" height="{height:.0f}"/>{land}'
        f'<g class="kreis-points">{"".join(body)}</g>'
        f'<g class="kreis-labels" aria-hidden="true">{text}</g></svg>'
    )
