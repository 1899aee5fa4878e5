"""Accessible server-rendered SVG charts (pure functions, no Django models).

Every chart returns a :class:`Chart`: an SVG string with ``role="img"``, ``<title>`` and
``<desc>`` (referenced by ``aria-labelledby``), and the same numbers as a table for the
data-table toggle, the CSV/XLSX export and the PDF. Colours: Okabe–Ito palette (safe for
the common colour-vision deficiencies); series are also told apart by line style and
direct labels, so the charts stay readable in black-and-white print.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

# Okabe–Ito hues; orange (#E69F00) and sky blue (#56B4E9) darkened to #A67300 and #2B87BA so
# that every line and bar keeps a contrast of at least 3:1 against the white background
# (WCAG 1.4.11 Non-text Contrast). The hues – and so the colour-blind safety – stay the same.
PALETTE = ("#0072B2", "#A67300", "#009E73", "#CC79A7", "#2B87BA", "#D55E00", "#000000")
BAND_FILL, BAND_EDGE = "#56B4E9", "#2B87BA"  # light area, outlined with a 3:1 edge
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "")


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    svg: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    unit: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows


def fmt(value, digits: int = 1) -> str:
    """German number format: 12.345,6."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(s * mag for s in (1, 2, 2.5, 5, 10) if s * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t <= hi + step * 0.001:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _legend(items: list[tuple[str, str, str]], x: int, y: int) -> list[str]:
    out = []
    for i, (label, colour, dash) in enumerate(items):
        yy = y + i * 18
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x}" y1="{yy}" x2="{x + 24}" y2="{yy}" stroke="{colour}" '
            f'stroke-width="3"{dash_attr}/>'
            f'<text x="{x + 30}" y="{yy + 4}" fill="#1a1a1a">{escape(label)}</text>'
        )
    return out


@dataclass(frozen=True)
class _Frame:
    """Plot area of a line chart: pixel positions of years and values."""

    left: float
    top: float
    pw: float
    ph: float
    x0: float
    x1: float
    y0: float
    y1: float

    def px(self, x):
        return self.left + (x - self.x0) / (self.x1 - self.x0) * self.pw

    def py(self, v):
        return self.top + self.ph - (v - self.y0) / (self.y1 - self.y0) * self.ph


def _line_table(years, series, band) -> tuple[list, list]:
    """Headers and rows of a line chart's data table."""
    headers = ["Jahr"] + [name for name, _ in series]
    if band:
        headers += [f"{band[0]} (unten)", f"{band[0]} (oben)"]
    rows = []
    for i, y in enumerate(years):
        row = [y] + [vs[i] for _, vs in series]
        if band:
            row += [band[1][i], band[2][i]]
        rows.append(row)
    return headers, rows


def _line_axes(f: _Frame, ticks, years, digits, marker_year) -> list[str]:
    parts = []
    for t in ticks:
        parts.append(
            f'<line x1="{f.left}" x2="{f.left + f.pw}" y1="{f.py(t):.1f}" y2="{f.py(t):.1f}" '
            f'stroke="#d0d0d0"/><text x="{f.left - 6}" y="{f.py(t) + 4:.1f}" text-anchor="end" '
            f'fill="#1a1a1a">{fmt(t, digits if abs(t) < 100 else 0)}</text>'
        )
    step = max(1, round(len(years) / 8))
    for i, y in enumerate(years):
        if i % step == 0 or i == len(years) - 1:
            parts.append(
                f'<text x="{f.px(y):.1f}" y="{f.top + f.ph + 18}" text-anchor="middle" '
                f'fill="#1a1a1a">{y}</text>'
            )
    if marker_year is not None and f.x0 <= marker_year <= f.x1:
        parts.append(
            f'<line x1="{f.px(marker_year):.1f}" x2="{f.px(marker_year):.1f}" y1="{f.top}" '
            f'y2="{f.top + f.ph}" stroke="#6b6b6b" stroke-dasharray="3 3"/>'
            f'<text x="{f.px(marker_year) + 4:.1f}" y="{f.top + 12}" fill="#1a1a1a">'
            f"Vorausberechnung →</text>"
        )
    return parts


def _band_polygon(f: _Frame, years, band, parts: list, legend: list) -> None:
    pts = [(f.px(y), f.py(lo_)) for y, lo_ in zip(years, band[1], strict=True) if lo_ is not None]
    pts_hi = [
        (f.px(y), f.py(hi_)) for y, hi_ in zip(years, band[2], strict=True) if hi_ is not None
    ]
    if pts and pts_hi:
        poly = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts + pts_hi[::-1])
        parts.append(
            f'<polygon points="{poly}" fill="{BAND_FILL}" fill-opacity="0.3" '
            f'stroke="{BAND_EDGE}" stroke-width="1.5" stroke-dasharray="1 2"/>'
        )
        legend.append((band[0], BAND_EDGE, "1 2"))


def _polylines(f: _Frame, years, series, parts: list, legend: list) -> None:
    """One line per series, broken where values are missing (a lone point is a dot)."""
    for i, (name, vs) in enumerate(series):
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        segments, current = [], []
        for y, v in zip(years, vs, strict=True):
            if v is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(f"{f.px(y):.1f},{f.py(v):.1f}")
        if current:
            segments.append(current)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for seg in segments:
            if len(seg) == 1:
                x, y = seg[0].split(",")
                parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
            else:
                parts.append(
                    f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/>'
                )
        legend.append((name, colour, dash))


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    years: list[int],
    series: list[tuple[str, list[float | None]]],
    *,
    band: tuple[str, list[float | None], list[float | None]] | None = None,
    unit: str = "",
    digits: int = 0,
    marker_year: int | None = None,
) -> Chart:
    """Lines over years; optional shaded band (e.g. low/high scenario)."""
    width, height, left, right, top, bottom = 720, 340, 80, 200, 20, 40
    values = [v for _, vs in series for v in vs if v is not None]
    if band:
        values += [v for v in band[1] + band[2] if v is not None]
    headers, rows = _line_table(years, series, band)
    parts = _open(chart_id, title, desc, width, height)
    if not values or not years:
        parts.append('<text x="20" y="40" fill="#1a1a1a">Keine Daten</text></svg>')
        return Chart(chart_id, title, desc, "".join(parts), headers, [], unit)
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.05 or 1
    ticks = _nice_ticks(lo - pad, hi + pad)
    frame = _Frame(
        left=left,
        top=top,
        pw=width - left - right,
        ph=height - top - bottom,
        x0=years[0],
        x1=years[-1] if years[-1] > years[0] else years[0] + 1,
        y0=ticks[0],
        y1=ticks[-1],
    )
    parts += _line_axes(frame, ticks, years, digits, marker_year)
    legend: list = []
    if band:
        _band_polygon(frame, years, band, parts, legend)
    _polylines(frame, years, series, parts, legend)
    parts += _legend(legend, left + frame.pw + 16, top + 10)
    if unit:
        parts.append(f'<text x="8" y="{top + 4}" fill="#1a1a1a">{escape(unit)}</text>')
    parts.append("</svg>")
    return Chart(chart_id, title, desc, "".join(parts), headers, rows, unit)


def pyramid(
    chart_id: str,
    title: str,
    desc: str,
    now: list[list[float]],
    later: list[list[float]] | None,
    year_now: int,
    year_later: int | None,
) -> Chart:
    """Age pyramid in 5-year groups: bars = ``now``, outline = ``later`` (overlaid)."""
    groups = [(lo, lo + 5) for lo in range(0, 95, 5)] + [(95, 101)]

    def grouped(counts):
        return [[sum(counts[s][lo:hi]) for lo, hi in groups] for s in (0, 1)]

    g_now = grouped(now)
    g_later = grouped(later) if later is not None else None
    labels = [f"{lo}–{hi - 1}" if hi <= 100 else f"{lo}+" for lo, hi in groups]
    headers = ["Alter", f"Männer {year_now}", f"Frauen {year_now}"]
    if g_later:
        headers += [f"Männer {year_later}", f"Frauen {year_later}"]
    rows = []
    for i, label in enumerate(labels):
        row = [label, round(g_now[0][i]), round(g_now[1][i])]
        if g_later:
            row += [round(g_later[0][i]), round(g_later[1][i])]
        rows.append(row)
    width, height, mid, top, bottom = 720, 420, 360, 30, 40
    half = 250
    peak = max(max(g_now[0]), max(g_now[1]), *(max(s) for s in (g_later or [[0]]))) or 1
    bar_h = (height - top - bottom) / len(groups)
    parts = _open(chart_id, title, desc, width, height)
    parts.append(
        f'<text x="{mid - 40}" y="18" text-anchor="end" fill="#1a1a1a">Männer</text>'
        f'<text x="{mid + 40}" y="18" fill="#1a1a1a">Frauen</text>'
    )
    for i, label in enumerate(labels):
        y = top + (len(groups) - 1 - i) * bar_h
        for s, sign, colour in ((0, -1, PALETTE[0]), (1, 1, PALETTE[1])):
            w = g_now[s][i] / peak * half
            x = mid - 30 - w if sign < 0 else mid + 30
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 1:.1f}" width="{w:.1f}" height="{bar_h - 2:.1f}" '
                f'fill="{colour}" fill-opacity="0.75" stroke="#1a1a1a" stroke-width="0.6"/>'
            )
        parts.append(
            f'<text x="{mid}" y="{y + bar_h / 2 + 4:.1f}" text-anchor="middle" '
            f'font-size="10" fill="#1a1a1a">{label}</text>'
        )
    if g_later:
        for s, sign in ((0, -1), (1, 1)):
            pts = []
            for i in range(len(groups)):
                y = top + (len(groups) - 1 - i) * bar_h
                w = g_later[s][i] / peak * half
                x = mid - 30 - w if sign < 0 else mid + 30 + w
                pts += [f"{x:.1f},{y + bar_h:.1f}", f"{x:.1f},{y:.1f}"]
            parts.append(
                f'<polyline points="{" ".join(pts)}" fill="none" stroke="#000000" '
                f'stroke-width="2" stroke-dasharray="5 3"/>'
            )
    legend = [(f"Bestand {year_now} (Balken)", PALETTE[0], "")]
    if g_later:
        legend.append((f"Vorausberechnung {year_later} (Linie)", "#000000", "5 3"))
    parts += _legend(legend, 20, height - 30)
    parts.append("</svg>")
    return Chart(chart_id, title, desc, "".join(parts), headers, rows, "Personen")


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    labels: list[str],
    values: list[float | None],
    *,
    unit: str = "",
    digits: int = 1,
    highlight: int = 0,
) -> Chart:
    """Horizontal bars (e.g. a Kommune against Kreis, Land, Bund, peers); 0 line drawn."""
    rows = [[label, v] for label, v in zip(labels, values, strict=True)]
    known = [v for v in values if v is not None]
    width, left, right = 720, 230, 90
    bar_h, top = 26, 10
    height = top * 2 + bar_h * len(labels)
    parts = _open(chart_id, title, desc, width, height)
    if not known:
        parts.append('<text x="20" y="24" fill="#1a1a1a">Keine Daten</text></svg>')
        return Chart(chart_id, title, desc, "".join(parts), ["Gebiet", title], [], unit)
    lo, hi = min(0.0, *known), max(0.0, *known)
    span = (hi - lo) or 1
    pw = width - left - right

    def px(v):
        return left + (v - lo) / span * pw

    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        y = top + i * bar_h
        parts.append(
            f'<text x="{left - 8}" y="{y + bar_h / 2 + 4:.1f}" text-anchor="end" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
        if v is None:
            parts.append(
                f'<text x="{left + 4}" y="{y + bar_h / 2 + 4:.1f}" fill="#555555">keine Daten</text>'
            )
            continue
        x_a, x_b = sorted((px(0.0), px(v)))
        colour = PALETTE[0] if i == highlight else "#7f7f7f"
        parts.append(
            f'<rect x="{x_a:.1f}" y="{y + 4}" width="{max(x_b - x_a, 1):.1f}" '
            f'height="{bar_h - 8}" fill="{colour}"/>'
            f'<text x="{x_b + 4:.1f}" y="{y + bar_h / 2 + 4:.1f}" fill="#1a1a1a">'
            f"{fmt(v, digits)}</text>"
        )
    parts.append(
        f'<line x1="{px(0):.1f}" x2="{px(0):.1f}" y1="{top}" y2="{height - top}" stroke="#1a1a1a"/>'
    )
    parts.append("</svg>")
    return Chart(chart_id, title, desc, "".join(parts), ["Gebiet", unit or title], rows, unit)
