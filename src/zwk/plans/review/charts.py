"""Charts and number formats of the Zwischenbilanz and the council report (issue 16.10):
the traffic lights at a glance, the measures by status, and each indicator's measured values
against its target path – server-rendered SVG from ``zwk.profiles.charts`` (the same builder
as the Kommunalprofil: accessible, with a data table, in the PDF too).

Counts are whole numbers: an indicator whose baseline and target are whole numbers and whose
unit is not a rate, share, amount or duration shows no decimals ("164 Fahrgäste", never
"164,38 Fahrgäste"), also for the expected value on the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from zwk.plans.models import Measure
from zwk.plans.review.traffic_light import Light
from zwk.profiles import charts

#: Traffic-light colours with at least 3:1 against white (WCAG 1.4.11); the bars are also
#: labelled with the light's name, so colour is never the only cue.
LIGHT_COLOURS = {
    Light.GREEN: "#1a7f37",
    Light.YELLOW: "#8a6100",
    Light.RED: "#b42318",
    Light.GREY: "#6b6b6b",
}
LIGHT_NAMES = {
    Light.GREEN: "grün – im Plan oder erreicht",
    Light.YELLOW: "gelb – im Verzug",
    Light.RED: "rot – kein Fortschritt",
    Light.GREY: "grau – nicht bewertbar",
}
#: Words in a unit that mark a rate, share, amount or duration (decimals make sense there).
NOT_A_COUNT = (
    "%",
    "‰",
    "€",
    "euro",
    "je ",
    "pro ",
    "/",
    "quote",
    "anteil",
    "index",
    "jahr",
    "minute",
    "stunde",
    "km",
    "m²",
    "qm",
    "ha",
    "grad",
    "note",
    "punkt",
)


def _decimals(value) -> int:
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def figure_digits(indicator, values=()) -> int:
    """Decimals to show for an indicator's figures: 0 for counts (see module docstring),
    otherwise as many as the entered figures have, at least 1 and at most 2."""
    unit = f" {indicator.unit or ''} ".lower()
    fixed = [v for v in (indicator.baseline, indicator.target) if v is not None]
    is_rate = any(word in unit for word in NOT_A_COUNT)
    if not is_rate and fixed and all(_decimals(v) == 0 for v in fixed):
        return 0
    entered = [*fixed, *(v for v in values if v is not None)]
    return min(max([_decimals(v) for v in entered] + [1]), 2)


def figure(value, digits: int) -> str:
    """German number format with ``digits`` decimals ("–" for no value)."""
    if value is None:
        return "–"
    return charts.fmt(float(value), digits)


@dataclass
class ReviewCharts:
    lights: charts.Chart | None = None
    statuses: charts.Chart | None = None
    indicators: list[charts.Chart] = field(default_factory=list)


def lights_chart(review) -> charts.Chart | None:
    counts: dict[str, int] = {}
    for row in review.indicators:
        counts[row.assessment.light] = counts.get(row.assessment.light, 0) + 1
    shown = [light for light in Light if counts.get(light)]
    if not shown:
        return None
    total = sum(counts.values())
    return charts.bar_chart(
        "ampel",
        _("Ampel der Indikatoren am %(d)s") % {"d": review.on.strftime("%d.%m.%Y")},
        _("Anzahl der Indikatoren je Ampelfarbe, insgesamt %(n)s: %(parts)s.")
        % {
            "n": total,
            "parts": ", ".join(f"{_(LIGHT_NAMES[light])} {counts[light]}" for light in shown),
        },
        [_(LIGHT_NAMES[light]) for light in shown],
        [counts[light] for light in shown],
        unit=_("Indikatoren"),
        digits=0,
        colours=[LIGHT_COLOURS[light] for light in shown],
    )


def statuses_chart(review) -> charts.Chart | None:
    if not review.counts:
        return None
    shown = [
        (value, str(label)) for value, label in Measure.Status.choices if review.counts.get(value)
    ]
    return charts.bar_chart(
        "massnahmen-status",
        _("Maßnahmen nach Status"),
        _("Anzahl der Maßnahmen je Status, insgesamt %(n)s: %(parts)s.")
        % {
            "n": sum(review.counts.values()),
            "parts": ", ".join(f"{label} {review.counts[value]}" for value, label in shown),
        },
        [label for _v, label in shown],
        [review.counts[value] for value, _l in shown],
        unit=_("Maßnahmen"),
        digits=0,
        colours=[charts.PALETTE[0]] * len(shown),
    )


def _year_value(points: list[tuple[date, float]], year: int) -> float | None:
    """The last value measured in ``year`` (None: none that year)."""
    inside = [v for d, v in points if d.year == year]
    return inside[-1] if inside else None


def indicator_chart(row, on: date) -> charts.Chart | None:
    """Measured values (the last of each year) against the straight target path from the
    baseline to the target at its due date."""
    indicator = row.indicator
    points = [
        (m.measured_on, float(m.value)) for m in indicator.measurements.all() if m.measured_on <= on
    ]
    base, target = indicator.baseline, indicator.target
    if not points and base is None:
        return None
    first_years = [d.year for d, _v in points]
    if indicator.baseline_date:
        first_years.append(indicator.baseline_date.year)
    last_years = [*first_years, on.year]
    if indicator.due:
        last_years.append(indicator.due.year)
    first, last = min(first_years or [on.year]), max(last_years)
    if last == first:
        last = first + 1
    years = list(range(first, last + 1))
    measured = [_year_value(points, y) for y in years]
    if (
        base is not None
        and indicator.baseline_date
        and not any(d.year == indicator.baseline_date.year for d, _v in points)
    ):
        measured[years.index(indicator.baseline_date.year)] = float(base)
    series = [(_("gemessen (letzter Wert im Jahr)"), measured)]
    path = None
    if None not in (base, target, indicator.baseline_date, indicator.due):
        b_year, d_year = indicator.baseline_date.year, indicator.due.year
        path = [
            float(base) + (float(target) - float(base)) * (y - b_year) / max(d_year - b_year, 1)
            if b_year <= y <= d_year
            else None
            for y in years
        ]
        series.append((_("Zielpfad: Ausgangswert bis Zielwert"), path))
    digits = figure_digits(indicator, [v for _d, v in points])
    unit = indicator.unit or ""
    desc = _("Messwerte von %(name)s %(first)s bis %(last)s%(target)s. Ampel: %(light)s.") % {
        "name": indicator.name,
        "first": years[0],
        "last": years[-1],
        "target": (
            _(", Ziel %(t)s %(u)s bis %(d)s")
            % {"t": figure(target, digits), "u": unit, "d": indicator.due.strftime("%d.%m.%Y")}
            if path
            else ""
        ),
        "light": _(LIGHT_NAMES[row.assessment.light]),
    }
    return charts.line_chart(
        f"indikator-{indicator.pk}",
        indicator.name,
        desc,
        years,
        series,
        unit=unit,
        digits=digits,
    )


def review_charts(review) -> ReviewCharts:
    """The charts of a Zwischenbilanz (``selectors.Review``), results first."""
    if review is None:
        return ReviewCharts()
    return ReviewCharts(
        lights=lights_chart(review),
        statuses=statuses_chart(review),
        indicators=[c for row in review.indicators if (c := indicator_chart(row, review.on))],
    )
