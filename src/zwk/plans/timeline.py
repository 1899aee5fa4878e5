"""Geometry of the timeline (Gantt chart) of the Werkstattplan – pure, no Django queries.

Measures become bars from start to end, milestones diamonds on their row (filled when
reached), a dashed vertical line marks today. The template draws the SVG from these numbers;
the same rows feed the data table next to it. Measures without any date are listed apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

WIDTH = 960  # px of the drawing; the page scrolls it horizontally on small screens
LABEL_WIDTH = 250
ROW_HEIGHT = 30
TOP = 44  # axis labels and the "heute" label
BOTTOM = 12
LABEL_CHARS = 32

# Okabe–Ito (colour-blind safe); the status is also told by the bar's style and in text.
STYLES = {
    "planned": {"fill": "#ffffff", "stroke": "#0072B2", "dash": "4 3"},
    "running": {"fill": "#0072B2", "stroke": "#0072B2", "dash": ""},
    "done": {"fill": "#009E73", "stroke": "#005c43", "dash": ""},
    "paused": {"fill": "url(#tl-hatch-paused)", "stroke": "#8a5a00", "dash": ""},
    "dropped": {"fill": "url(#tl-hatch-dropped)", "stroke": "#555555", "dash": "2 2"},
}


@dataclass
class Marker:
    title: str
    due: date
    done: bool
    x: float
    y: float


@dataclass
class Bar:
    measure: object
    label: str
    x: float
    width: float
    y: float
    text_y: float
    start: date | None
    end: date | None
    style: dict
    milestones: list[Marker] = field(default_factory=list)


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Gantt:
    width: int
    height: int
    label_width: int
    start: date | None
    end: date | None
    bars: list[Bar]
    ticks: list[Tick]
    today: date
    today_x: float | None
    undated: list = field(default_factory=list)


def _quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def _next_quarter(d: date) -> date:
    q = _quarter_start(d)
    return date(q.year + 1, 1, 1) if q.month == 10 else date(q.year, q.month + 3, 1)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def build(measures, *, today: date) -> Gantt:
    """Lay out ``measures`` (with ``milestones`` prefetched) on a shared time axis."""
    dated, undated = [], []
    for m in measures:
        (dated if (m.start or m.end) else undated).append(m)
    days = [today]
    for m in dated:
        days += [d for d in (m.start, m.end) if d]
        days += [ms.due for ms in m.milestones.all()]
    start = _quarter_start(min(days))
    end = _next_quarter(max(days))
    total = max((end - start).days, 1)
    plot = WIDTH - LABEL_WIDTH - 16

    def x(d: date) -> float:
        return round(LABEL_WIDTH + (d - start).days / total * plot, 1)

    bars = []
    for index, m in enumerate(sorted(dated, key=lambda m: (m.start or m.end, m.title, m.pk))):
        y = TOP + index * ROW_HEIGHT
        first, last = m.start or m.end, m.end or m.start
        bar = Bar(
            measure=m,
            label=_short(m.title),
            x=x(first),
            width=max(x(last) - x(first), 4.0),
            y=y + 7,
            text_y=y + 19,
            start=m.start,
            end=m.end,
            style=STYLES.get(m.status, STYLES["planned"]),
        )
        bar.milestones = [
            Marker(ms.title, ms.due, ms.done, x(ms.due), y + 15) for ms in m.milestones.all()
        ]
        bars.append(bar)
    years = (end - start).days / 365.25
    ticks, cursor = [], start
    while cursor <= end:
        if years <= 3:
            ticks.append(Tick(x(cursor), f"Q{(cursor.month - 1) // 3 + 1}/{cursor.year}"))
        elif cursor.month == 1:
            ticks.append(Tick(x(cursor), str(cursor.year)))
        cursor = _next_quarter(cursor)
    height = TOP + max(len(bars), 1) * ROW_HEIGHT + BOTTOM
    return Gantt(
        width=WIDTH,
        height=height,
        label_width=LABEL_WIDTH,
        start=start if dated else None,
        end=end if dated else None,
        bars=bars,
        ticks=ticks,
        today=today,
        today_x=x(today) if dated else None,
        undated=undated,
    )
