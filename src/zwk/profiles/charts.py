"""Accessible server-rendered SVG charts (pure functions, no Django models).

Every chart returns a :class:`Chart`: an SVG string with ``role="img"``, ``<title>`` and
``<desc>`` (referenced by ``aria-labelledby``), and the same numbers as a table for the
data-table toggle, the CSV/XLSX export and the PDF. Colours: Okabe–Ito palette (safe for
the common colour-vision deficiencies); series are also told apart by line style and
direct labels, so the charts stay readable in black-and-white print.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from html import escape

# Okabe–Ito hues; orange (#E69F00) and sky blue (#56B4E9) darkened to #A67300 and #2B87BA so
# that every line and bar keeps a contrast of at least 3:1 against the white background
# (WCAG 1.4.11 Non-text Contrast). The hues – and so the colour-blind safety – stay the same.
PALETTE = ("#0072B2", "#A67300", "#009E73", "#CC79A7", "#2B87BA", "#D55E00", "#000000")
BAND_FILL, BAND_EDGE = "#56B4E9", "#2B87BA"  # light area, outlined with a 3:1 edge
logger = logging.getLogger(__name__)
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "")
#: Type size in viewBox units. Charts are drawn 760 units wide and shown at the full width of
#: the content column (at least as wide on a desktop), so 15 units read as 15 px or more.
#: Pages also get a narrow variant, NARROW units wide with the same type and fewer ticks,
#: which the stylesheet shows instead on phones: a 375 px phone draws it about 305 px wide,
#: so the type still reads at about 14 px (the wide chart there would be 6 px), at 320 px
#: at about 12 px.
FONT = 15
WIDTH = 760
NARROW = 320
#: Advance widths of DejaVu Sans (the charts' font, also in the PDF) in em, rounded up;
#: used to keep labels apart and inside the chart without a browser to measure them.
_NARROW, _WIDE = set("iljtfrI.,:;'|!()[]-  "), set("mwMWÄÖÜ%@—–→")


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width of ``text`` at ``size`` (DejaVu Sans averages 0.6 em; digits 0.64)."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.36
        elif ch in _WIDE:
            em += 0.95
        elif ch.isupper():
            em += 0.72
        else:
            em += 0.64
    return em * size


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    svg: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    unit: str = ""
    #: the same chart laid out NARROW units wide for phones ("" where there is none)
    svg_narrow: str = ""

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
    start = math.floor(lo / step + 1e-9) * step
    end = math.ceil(hi / step - 1e-9) * step  # the last tick is at or above every value
    count = round((end - start) / step)
    return [round(start + i * step, 10) for i in range(count + 1)]


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    """Start of a chart's SVG; the narrow variant gets its own ids (both are in the page)."""
    narrow = width <= NARROW
    if narrow:
        chart_id = f"{chart_id}-schmal"
    variant = "chart-narrow" if narrow else "chart-wide"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart {variant}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'font-family="DejaVu Sans, sans-serif" font-size="{FONT}">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


LEGEND_ROW = round(FONT * 1.5)


def _wrap(text: str, width: float, *, hard: bool = False) -> list[str]:
    """Words of ``text`` in lines no wider than ``width``. A longer word stays whole, or with
    ``hard`` is broken into pieces that fit, each but the last ending in a hyphen."""
    lines: list[str] = []
    words = text.split()
    if hard:
        words = [piece for word in words for piece in _break_word(word, width)]
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


_VOWELS = set("aeiouäöüyAEIOUÄÖÜY")


def _syllable_cut(word: str, cut: int) -> bool:
    """True if ``word`` may be hyphenated before position ``cut`` by a rough German rule:
    vowel | consonant + vowel ("Fachkräftesiche-rung") or between two consonants that are not
    one sound ("Bevölkerungsfort-schreibung", never inside ch, ck, ng, ph, th, sch)."""
    a, b = word[cut - 1], word[cut]
    nxt = word[cut + 1] if cut + 1 < len(word) else ""
    if not (a.isalpha() and b.isalpha()):
        return False
    if a in _VOWELS:
        return b not in _VOWELS and nxt in _VOWELS
    if b in _VOWELS:
        return False
    return (a + b).lower() not in {"ch", "ck", "ng", "ph", "th", "sc"}


def _break_word(word: str, width: float) -> list[str]:
    """``word`` in pieces no wider than ``width`` (with the hyphen that ends every piece but
    the last), at least three letters a piece, cut where a German syllable may end if there
    is such a place, else where the width ends."""
    pieces = []
    while text_width(word) > width and len(word) > 6:
        cut = len(word) - 3
        while cut > 3 and text_width(word[:cut] + "-") > width:
            cut -= 1
        nice = next((c for c in range(cut, 2, -1) if _syllable_cut(word, c)), cut)
        pieces.append(word[:nice] + "-")
        word = word[nice:]
    return [*pieces, word]


def _legend_layout(items, x: float, width: float) -> list[tuple[float, int, list[str], tuple]]:
    """Legend entries in rows from ``x`` within ``width``: (x, row, label lines, item). An
    entry goes to the next row when it does not fit; a label wider than the whole legend is
    wrapped onto several lines, never cut."""
    placed, cx, row = [], x, 0
    for item in items:
        lines = _wrap(item[0], width - 34)
        w = 34 + max(text_width(line) for line in lines)
        if cx > x and cx + w > x + width:
            cx, row = x, row + 1
        placed.append((cx, row, lines, item))
        if len(lines) > 1:
            row += len(lines) - 1
            cx = x + width  # next entry on a new row
        else:
            cx += w + 24
    return placed


def _legend_rows(items, x: float, width: float) -> int:
    placed = _legend_layout(items, x, width)
    return (max(row + len(lines) for _x, row, lines, _i in placed)) if placed else 0


def _legend(items: list[tuple[str, str, str]], x: float, y: float, width: float) -> list[str]:
    """Legend rows starting at ``y`` (baseline of the first row)."""
    out = []
    for cx, row, lines, (_label, colour, dash) in _legend_layout(items, x, width):
        yy = y + row * LEGEND_ROW
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        text = "".join(
            f'<tspan x="{cx + 34:.1f}" y="{yy + i * LEGEND_ROW:.1f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        out.append(
            f'<line x1="{cx:.1f}" y1="{yy - FONT * 0.3:.1f}" x2="{cx + 26:.1f}" '
            f'y2="{yy - FONT * 0.3:.1f}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f'<text class="legend" fill="#1a1a1a">{text}</text>'
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


def _cell(value, digits: int):
    """A table cell as the chart shows it: whole numbers for counts ("117", not "117,0")."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value)) if digits == 0 else round(float(value), digits)


def _line_table(years, series, band, digits: int = 0) -> tuple[list, list]:
    """Headers and rows of a line chart's data table."""
    headers = ["Jahr"] + [name for name, _ in series]
    if band:
        headers += [f"{band[0]} (unten)", f"{band[0]} (oben)"]
    rows = []
    for i, y in enumerate(years):
        row = [y] + [_cell(vs[i], digits) for _, vs in series]
        if band:
            row += [_cell(band[1][i], digits), _cell(band[2][i], digits)]
        rows.append(row)
    return headers, rows


YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


def year_ticks(first: int, last: int, plot_width: float) -> list[int]:
    """Years to label on the x axis: multiples of the smallest step of YEAR_STEPS at which
    neighbouring labels keep a gap of half a label's width (estimated text extents), so
    "2040" and "2041" never collide; the first year is labelled when it fits."""
    span = max(last - first, 1)
    label = text_width("2000")
    step = next((s for s in YEAR_STEPS if s * plot_width / span >= label * 1.5), YEAR_STEPS[-1])
    ticks = [y for y in range(first, last + 1) if y % step == 0]
    if first % step and (not ticks or (ticks[0] - first) * plot_width / span >= label * 1.5):
        ticks.insert(0, first)
    return ticks


def _line_axes(f: _Frame, ticks, years, digits, marker_year, unit_end: float = 0) -> list[str]:
    parts = []
    for t in ticks:
        parts.append(
            f'<line x1="{f.left}" x2="{f.left + f.pw}" y1="{f.py(t):.1f}" y2="{f.py(t):.1f}" '
            f'stroke="#d0d0d0"/><text x="{f.left - 8}" y="{f.py(t) + FONT * 0.35:.1f}" '
            f'text-anchor="end" fill="#1a1a1a">{fmt(t, _tick_digits(ticks, digits))}</text>'
        )
    for y in year_ticks(years[0], years[-1], f.pw):
        parts.append(
            f'<line x1="{f.px(y):.1f}" x2="{f.px(y):.1f}" y1="{f.top + f.ph}" '
            f'y2="{f.top + f.ph + 5}" stroke="#6b6b6b"/>'
            f'<text x="{f.px(y):.1f}" y="{f.top + f.ph + 8 + FONT}" text-anchor="middle" '
            f'fill="#1a1a1a">{y}</text>'
        )
    if marker_year is not None and f.x0 <= marker_year <= f.x1:
        x = f.px(marker_year)
        anchor, tx, row = _marker_place(x, f.left, f.pw, unit_end)
        ty = f.top + FONT + 2 if row is None else FONT + 2 + row * LEGEND_ROW
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{f.top}" '
            f'y2="{f.top + f.ph}" stroke="#6b6b6b" stroke-dasharray="3 3"/>'
            f'<text x="{tx:.1f}" y="{ty}" text-anchor="{anchor}" '
            f'fill="#1a1a1a">{MARKER_LABEL}</text>'
        )
    return parts


MARKER_LABEL = "Vorausberechnung →"


def _marker_place(x: float, left: float, pw: float, unit_end: float):
    """Where the label of the projection marker at ``x`` goes: (anchor, x, row). Inside the
    plot's top edge (row None), right of the line – left of it where it would not fit; where
    neither fits (a narrow chart), above the plot, right-aligned: in the unit's row (0) or, if
    it would touch the unit, in a row of its own below it (1)."""
    w = text_width(MARKER_LABEL)
    if x + 6 + w <= left + pw:
        return "start", x + 6, None
    if x - 6 - w >= left:
        return "end", x - 6, None
    return "end", left + pw, 0 if left + pw - w >= unit_end + 12 else 1


def _tick_digits(ticks, digits: int) -> int:
    """Decimals of the value axis: none for whole-number steps."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    return 0 if float(step).is_integer() else max(digits, 1)


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


def _band_holds_line(band, line, tolerance: float = 0.005) -> bool:
    """True if the band contains its line wherever both have a value (same scenario) and
    they share at least one year."""
    shared = 0
    for lo_, hi_, v in zip(band[1], band[2], line, strict=True):
        if None in (lo_, hi_, v):
            continue
        shared += 1
        slack = tolerance * max(abs(lo_), abs(hi_), 1.0)
        if not lo_ - slack <= v <= hi_ + slack:
            return False
    return shared > 0


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    years: list[int],
    series: list[tuple[str, list[float | None]]],
    *,
    band: tuple[str, list[float | None], list[float | None]] | None = None,
    band_of: str | None = None,
    unit: str = "",
    digits: int = 0,
    marker_year: int | None = None,
) -> Chart:
    """Lines over years; optional shaded band (e.g. low/high scenario).

    Plain data in: ``years``, ``series`` as (name, values) with None for a gap, ``band`` as
    (label, low values, high values). The band belongs to the series ``band_of`` (default: any
    series it overlaps) and must contain it – a band from another scenario than its line is
    left out (and logged) rather than drawn. Layout: the value axis covers every value including the
    band; the unit stands above the plot, year labels are spaced by their estimated widths,
    the legend is below the plot in as many rows as it needs.
    """
    if band and series:
        owners = [vs for name, vs in series if band_of in (None, name)]
        if not any(_band_holds_line(band, vs) for vs in owners):
            logger.warning(
                "chart %s: band %r does not contain its line; left out", chart_id, band[0]
            )
            band = None
    values = [v for _, vs in series for v in vs if v is not None]
    if band:
        values += [v for v in band[1] + band[2] if v is not None]
    headers, rows = _line_table(years, series, band, digits)
    if not values or not years:
        parts = _open(chart_id, title, desc, WIDTH, 80)
        parts.append(f'<text x="20" y="{FONT + 20}" fill="#1a1a1a">Keine Daten</text></svg>')
        return Chart(chart_id, title, desc, "".join(parts), headers, [], unit)
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.05 or abs(hi) * 0.05 or 1
    # counts stay at or above 0 on the axis; negative values (balances) get their room
    ticks = _nice_ticks(max(lo - pad, 0) if lo >= 0 else lo - pad, hi + pad)
    legend: list = []
    if band:
        legend.append((band[0], BAND_EDGE, "1 2"))
    for i, (name, _vs) in enumerate(series):
        legend.append((name, PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]))
    svgs = [
        _line_svg(
            (chart_id, title, desc),
            years,
            series,
            band,
            ticks,
            legend,
            digits=digits,
            unit=unit,
            marker_year=marker_year,
            width=width,
        )
        for width in (WIDTH, NARROW)
    ]
    return Chart(chart_id, title, desc, svgs[0], headers, rows, unit, svgs[1])


def _line_svg(
    names, years, series, band, ticks, legend, *, digits, unit, marker_year, width
) -> str:
    """One layout of a line chart, ``width`` units wide (the narrow one is less tall)."""
    tick_texts = [fmt(t, _tick_digits(ticks, digits)) for t in ticks]
    left = round(max(text_width(t) for t in tick_texts) + 16)
    right = round(text_width("2000") / 2 + 8)
    top = round(FONT * 2 + 8)  # unit line above the plot, clear of the top tick label
    unit_end = 8 + text_width(unit) if unit else 0
    if marker_year is not None and years[0] <= marker_year <= years[-1]:
        span = max(years[-1] - years[0], 1)
        x = left + (marker_year - years[0]) / span * (width - left - right)
        if _marker_place(x, left, width - left - right, unit_end)[2] == 1:
            top += LEGEND_ROW  # the marker's label has a row of its own above the plot
    ph = 280 if width > NARROW else 220
    legend_top = top + ph + 8 + FONT + 14 + FONT
    height = round(legend_top + (_legend_rows(legend, 8, width - 16) - 1) * LEGEND_ROW + 12)
    frame = _Frame(
        left=left,
        top=top,
        pw=width - left - right,
        ph=ph,
        x0=years[0],
        x1=years[-1] if years[-1] > years[0] else years[0] + 1,
        y0=ticks[0],
        y1=ticks[-1],
    )
    parts = _open(*names, width, height)
    parts += _line_axes(frame, ticks, years, digits, marker_year, unit_end)
    if band:
        _band_polygon(frame, years, band, parts, [])
    _polylines(frame, years, series, parts, [])
    parts += _legend(legend, 8, legend_top, width - 16)
    if unit:
        parts.append(f'<text x="8" y="{FONT + 2}" fill="#1a1a1a">{escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


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
    legend = [(f"Bestand {year_now} (Balken)", PALETTE[0], "")]
    if g_later:
        legend.append((f"Vorausberechnung {year_later} (Linie)", "#000000", "5 3"))
    wide, narrow = (
        _pyramid_svg((chart_id, title, desc), g_now, g_later, labels, legend, width)
        for width in (WIDTH, NARROW)
    )
    return Chart(chart_id, title, desc, wide, headers, rows, "Personen", narrow)


def _pyramid_svg(names, g_now, g_later, labels, legend, width) -> str:
    """One layout of the age pyramid, ``width`` units wide."""
    groups = len(labels)
    mid, top, bar_h = width / 2, FONT * 2 + 10, 23
    age_size = FONT - 1 if width > NARROW else FONT  # the narrow one is drawn smaller
    gap = 34  # half the middle column with the age labels
    half = mid - gap - 12
    plot_bottom = top + bar_h * groups
    legend_top = plot_bottom + 14 + FONT
    height = round(legend_top + (_legend_rows(legend, 8, width - 16) - 1) * LEGEND_ROW + 12)
    peak = max(max(g_now[0]), max(g_now[1]), *(max(s) for s in (g_later or [[0]]))) or 1
    parts = _open(*names, width, height)
    parts.append(
        f'<text x="{mid - gap}" y="{FONT + 4}" text-anchor="end" fill="#1a1a1a">Männer</text>'
        f'<text x="{mid + gap}" y="{FONT + 4}" fill="#1a1a1a">Frauen</text>'
    )
    for i, label in enumerate(labels):
        y = top + (groups - 1 - i) * bar_h
        for s, sign, colour in ((0, -1, PALETTE[0]), (1, 1, PALETTE[1])):
            w = g_now[s][i] / peak * half
            x = mid - gap - w if sign < 0 else mid + gap
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 1:.1f}" width="{w:.1f}" height="{bar_h - 2:.1f}" '
                f'fill="{colour}" fill-opacity="0.75" stroke="#1a1a1a" stroke-width="0.6"/>'
            )
        parts.append(
            f'<text x="{mid}" y="{y + bar_h / 2 + FONT * 0.35:.1f}" text-anchor="middle" '
            f'font-size="{age_size}" fill="#1a1a1a">{label}</text>'
        )
    if g_later:
        for s, sign in ((0, -1), (1, 1)):
            pts = []
            for i in range(groups):
                y = top + (groups - 1 - i) * bar_h
                w = g_later[s][i] / peak * half
                x = mid - gap - w if sign < 0 else mid + gap + w
                pts += [f"{x:.1f},{y + bar_h:.1f}", f"{x:.1f},{y:.1f}"]
            parts.append(
                f'<polyline points="{" ".join(pts)}" fill="none" stroke="#000000" '
                f'stroke-width="2" stroke-dasharray="5 3"/>'
            )
    parts += _legend(legend, 8, legend_top, width - 16)
    parts.append("</svg>")
    return "".join(parts)


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
    colours: list[str] | None = None,
) -> Chart:
    """Horizontal bars (e.g. a Kommune against Kreis, Land, Bund, peers); 0 line drawn.
    ``colours``: one per bar (e.g. the traffic lights), else the ``highlight`` bar in blue."""
    rows = [[label, v] for label, v in zip(labels, values, strict=True)]
    headers = ["Gebiet", unit or title]
    if not any(v is not None for v in values):
        parts = _open(chart_id, title, desc, WIDTH, 60)
        parts.append(f'<text x="20" y="{FONT + 16}" fill="#1a1a1a">Keine Daten</text></svg>')
        return Chart(chart_id, title, desc, "".join(parts), ["Gebiet", title], [], unit)
    wide, narrow = (
        _bar_svg((chart_id, title, desc), labels, values, digits, highlight, colours, width)
        for width in (WIDTH, NARROW)
    )
    return Chart(chart_id, title, desc, wide, headers, rows, unit, narrow)


def _bar_svg(names, labels, values, digits, highlight, colours, width) -> str:
    """One layout of a bar chart, ``width`` units wide."""
    known = [v for v in values if v is not None]
    # labels left of the bars in up to 45 % of the width, 55 % in the narrow layout (wrapped,
    # a word too long for it hyphenated, never cut), values right
    share = 0.45 if width > NARROW else 0.55
    label_lines = [_wrap(label, width * share - 16, hard=True) for label in labels]
    left = round(max(text_width(line) for lines in label_lines for line in lines) + 16)
    right = round(max(text_width(fmt(v, digits)) for v in known) + 14)
    heights = [max(30, len(lines) * LEGEND_ROW + 8) for lines in label_lines]
    top = 8
    height = top * 2 + sum(heights)
    parts = _open(*names, width, height)
    lo, hi = min(0.0, *known), max(0.0, *known)
    span = (hi - lo) or 1
    pw = width - left - right

    def px(v):
        return left + (v - lo) / span * pw

    y = top
    for i, (lines, v, bar_h) in enumerate(zip(label_lines, values, heights, strict=True)):
        mid_y = y + bar_h / 2 + FONT * 0.35
        first = mid_y - (len(lines) - 1) * LEGEND_ROW / 2
        text = "".join(
            f'<tspan x="{left - 8}" y="{first + k * LEGEND_ROW:.1f}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="end" fill="#1a1a1a">{text}</text>')
        if v is None:
            parts.append(f'<text x="{left + 4}" y="{mid_y:.1f}" fill="#555555">keine Daten</text>')
        else:
            x_a, x_b = sorted((px(0.0), px(v)))
            colour = colours[i] if colours else PALETTE[0] if i == highlight else "#7f7f7f"
            parts.append(
                f'<rect x="{x_a:.1f}" y="{y + 5}" width="{max(x_b - x_a, 1):.1f}" '
                f'height="{bar_h - 10}" fill="{colour}"/>'
                f'<text x="{x_b + 4:.1f}" y="{mid_y:.1f}" fill="#1a1a1a">{fmt(v, digits)}</text>'
            )
        y += bar_h
    parts.append(
        f'<line x1="{px(0):.1f}" x2="{px(0):.1f}" y1="{top}" y2="{height - top}" stroke="#1a1a1a"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
