"""Demographic indicators as Wegweiser Kommune (Bertelsmann Stiftung) and Destatis define them.

All functions are vectorised over regions: ``counts`` has the age groups of ``grid`` on its
last axis (single years 0 … 99, 100+ by default; any complete :class:`AgeGrid` works)
and any leading shape, usually ``(regions,)``. Sexes are added before calling (use
``population.counts.sum(axis=1)``). Unknown inputs (NaN) give NaN results, a zero
denominator gives NaN. Age bounds are keyword parameters with the official defaults;
with grouped data they must be group boundaries, otherwise :class:`AgeBoundsError` is
raised instead of a silently wrong number.

Every indicator has an entry in :data:`REGISTRY` (key, German name, definition, unit,
source) for display in the UI and the documentation.

Conventions stated once:

* **Stock at 31.12.** Structure indicators use the population on 31 December of the year;
  rates per 1,000 use the population on 31.12. of the same year as denominator
  (Wegweiser Kommune: "Berechnung jeweils zum 31.12.").
* **Mean age** (Durchschnittsalter) is the arithmetic mean of exact ages, counting each
  person aged ``x`` completed years as ``x + 0.5`` (the midpoint of the year of age, as
  Destatis does). For grouped data every person is placed at the midpoint of the group;
  the open last group ``[a, ∞)`` at its mean age under the Gompertz survivorship of
  :func:`~demography.agegroups.open_group_mean_age` (100+ → 101.6, 90+ → 93.3, 75+ → 82.6).
* **Median age** is interpolated linearly within the year (or group) of age that
  contains the middle person: ``a + (N/2 − C(a)) / n(a) · width``.
* **Four-year averages** (Wegweiser shows migration and natural balance "gemittelt über
  die letzten vier Jahre"): pooled, i.e. sum of the events of the four years divided by
  the sum of the four year-end populations (× 1,000); :func:`average_over_years`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from demography.agegroups import (
    SINGLE_YEARS,
    AgeBoundsError,
    AgeGrid,
    open_group_mean_age,
    sum_ages,
)

__all__ = [
    "MIGRATION_MOTIVES",
    "REGISTRY",
    "AgeBoundsError",
    "Indicator",
    "average_over_years",
    "change_percent",
    "mean_age",
    "median_age",
    "migration_motive_per_1000",
    "natural_balance_per_1000",
    "net_migration_per_1000",
    "old_age_dependency_ratio",
    "oldest_old_share",
    "registry_markdown",
    "share",
    "structure_indicators",
    "total_dependency_ratio",
    "youth_dependency_ratio",
]


def _ratio(num: np.ndarray, den: np.ndarray, factor: float) -> np.ndarray:
    """``num / den · factor``; NaN where the denominator is 0 or unknown."""
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    ok = np.isfinite(den) & (den != 0)
    np.divide(num * factor, den, out=out, where=ok)
    return out


# ------------------------------------------------------------------- population and change


def population(counts: np.ndarray) -> np.ndarray:
    """Total population (persons): sum over all age groups."""
    return np.asarray(counts, dtype=np.float64).sum(axis=-1)


def change_percent(current: np.ndarray, previous: np.ndarray) -> np.ndarray:
    """Relative change in % : ``(current − previous) / previous · 100``.

    Used for "Bevölkerungsentwicklung über die letzten 1/5/10 Jahre" with the stocks at
    31.12. of the year and of 1/5/10 years before (same regions, same order)."""
    current = np.asarray(current, dtype=np.float64)
    return _ratio(current - previous, previous, 100.0)


# ------------------------------------------------------------------------- age structure


def mean_age(counts: np.ndarray, grid: AgeGrid = SINGLE_YEARS) -> np.ndarray:
    """Durchschnittsalter in years: mean of exact ages, a person of completed age ``x``
    counted as ``x + 0.5``; groups at their midpoint, the open group at
    :func:`open_group_mean_age` (see module docstring)."""
    mid = grid.midpoints()
    mid[-1] = open_group_mean_age(grid.lowers[-1])
    counts = np.asarray(counts, dtype=np.float64)
    return _ratio((counts * mid).sum(axis=-1), counts.sum(axis=-1), 1.0)


def median_age(counts: np.ndarray, grid: AgeGrid = SINGLE_YEARS) -> np.ndarray:
    """Medianalter in years: half of the population is younger. Linear interpolation
    within the year or group of age that holds the middle person,
    ``a + (N/2 − C(a)) / n(a) · width`` (``C(a)`` persons younger than ``a``). An open
    group that holds the median is taken as 10 years wide."""
    counts = np.asarray(counts, dtype=np.float64)
    lowers = np.asarray(grid.lowers, dtype=np.float64)
    widths = np.append(np.diff(lowers), 10.0)
    cum = np.cumsum(counts, axis=-1)
    half = cum[..., -1:] / 2.0
    k = np.argmax(cum >= half, axis=-1)
    below = (
        np.take_along_axis(cum, k[..., None], axis=-1)[..., 0]
        - np.take_along_axis(counts, k[..., None], axis=-1)[..., 0]
    )
    n_k = np.take_along_axis(counts, k[..., None], axis=-1)[..., 0]
    frac = _ratio(half[..., 0] - below, n_k, 1.0)
    result = lowers[k] + frac * widths[k]
    unknown = np.isnan(counts).any(axis=-1) | ~(cum[..., -1] > 0)
    return np.where(unknown, np.nan, result)


def share(counts: np.ndarray, grid: AgeGrid, lo: int, hi: int | None) -> np.ndarray:
    """Persons aged ``[lo, hi)`` in % of the total population."""
    return _ratio(sum_ages(counts, grid, lo, hi), population(counts), 100.0)


def youth_dependency_ratio(
    counts: np.ndarray, grid: AgeGrid = SINGLE_YEARS, *, young_end: int = 20, old_start: int = 65
) -> np.ndarray:
    """Jugendquotient: persons under ``young_end`` (20) per 100 persons aged
    ``young_end`` to under ``old_start`` (20 to under 65)."""
    return _ratio(
        sum_ages(counts, grid, 0, young_end),
        sum_ages(counts, grid, young_end, old_start),
        100.0,
    )


def old_age_dependency_ratio(
    counts: np.ndarray, grid: AgeGrid = SINGLE_YEARS, *, young_end: int = 20, old_start: int = 65
) -> np.ndarray:
    """Altenquotient: persons aged ``old_start`` (65) and over per 100 persons aged
    ``young_end`` to under ``old_start`` (20 to under 65)."""
    return _ratio(
        sum_ages(counts, grid, old_start, None),
        sum_ages(counts, grid, young_end, old_start),
        100.0,
    )


def total_dependency_ratio(
    counts: np.ndarray, grid: AgeGrid = SINGLE_YEARS, *, young_end: int = 20, old_start: int = 65
) -> np.ndarray:
    """Gesamtquotient: persons under 20 and aged 65+ per 100 persons aged 20 to under 65
    (= Jugendquotient + Altenquotient)."""
    dependants = sum_ages(counts, grid, 0, young_end) + sum_ages(counts, grid, old_start, None)
    return _ratio(dependants, sum_ages(counts, grid, young_end, old_start), 100.0)


def oldest_old_share(
    counts: np.ndarray, grid: AgeGrid = SINGLE_YEARS, *, old_start: int = 65, oldest_start: int = 80
) -> np.ndarray:
    """Hochaltrigenanteil: persons aged 80+ per 100 persons aged 65+ (in %)."""
    return _ratio(
        sum_ages(counts, grid, oldest_start, None), sum_ages(counts, grid, old_start, None), 100.0
    )


# -------------------------------------------------------------------------- movements


def natural_balance_per_1000(
    births: np.ndarray, deaths: np.ndarray, population_end: np.ndarray
) -> np.ndarray:
    """Natürlicher Saldo je 1.000 Einwohner: (Lebendgeborene − Gestorbene) of the year per
    1,000 inhabitants on 31.12. of the year."""
    return _ratio(np.asarray(births, dtype=np.float64) - deaths, population_end, 1000.0)


def net_migration_per_1000(
    inflow: np.ndarray, outflow: np.ndarray, population_end: np.ndarray
) -> np.ndarray:
    """Wanderungssaldo je 1.000 Einwohner: (Zuzüge − Fortzüge) over the boundary of the
    area in the year per 1,000 inhabitants on 31.12. of the year."""
    return _ratio(np.asarray(inflow, dtype=np.float64) - outflow, population_end, 1000.0)


#: Age groups of the Wegweiser migration motives: key -> intervals [lo, hi) (None = open).
MIGRATION_MOTIVES: dict[str, tuple[tuple[int, int | None], ...]] = {
    "family": ((0, 18), (30, 50)),
    "education": ((18, 25),),
    "career_start": ((25, 30),),
    "second_half_of_life": ((50, 65),),
    "old_age": ((65, None),),
}


def migration_motive_per_1000(
    net_migration: np.ndarray,
    population_end: np.ndarray,
    motive: str | tuple[tuple[int, int | None], ...],
    migration_grid: AgeGrid = SINGLE_YEARS,
    population_grid: AgeGrid = SINGLE_YEARS,
) -> np.ndarray:
    """Wanderungssaldo of a motive's age groups per 1,000 inhabitants of the same ages.

    ``net_migration`` (Zuzüge − Fortzüge) and ``population_end`` (31.12.) are by age on
    their grids (may differ, e.g. migration in the six official motive groups and the
    population in single years). ``motive`` is a key of :data:`MIGRATION_MOTIVES` or
    explicit intervals, e.g. Familienwanderung = under 18 and 30 to under 50:
    ``(net(<18) + net(30–49)) / (P(<18) + P(30–49)) · 1000``."""
    intervals = MIGRATION_MOTIVES[motive] if isinstance(motive, str) else motive
    num = sum(sum_ages(net_migration, migration_grid, lo, hi) for lo, hi in intervals)
    den = sum(sum_ages(population_end, population_grid, lo, hi) for lo, hi in intervals)
    return _ratio(num, den, 1000.0)


def average_over_years(
    numerators: np.ndarray, denominators: np.ndarray, *, years: int = 4, factor: float = 1000.0
) -> np.ndarray:
    """Pooled average over the last ``years`` years (axis 0 = years, oldest first):
    ``Σ numerator / Σ denominator · factor``, e.g. the four-year natural balance
    ``Σ(births − deaths) / Σ population(31.12.) · 1000``. NaN if any year is unknown or
    fewer than ``years`` years are given."""
    num = np.asarray(numerators, dtype=np.float64)
    den = np.asarray(denominators, dtype=np.float64)
    if num.shape[0] < years:
        return np.full(num.shape[1:], np.nan)
    return _ratio(num[-years:].sum(axis=0), den[-years:].sum(axis=0), factor)


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class Indicator:
    """Metadata of one indicator, in the form statistical offices publish them."""

    key: str
    name_de: str
    definition_de: str
    unit: str
    source: str
    statement_de: str = ""


_POP = "Bevölkerungsfortschreibung (Statistische Ämter des Bundes und der Länder) oder Melderegister; Definition nach Wegweiser Kommune (Bertelsmann Stiftung)"
_MOVE = "Statistik der natürlichen Bevölkerungsbewegung (Geburten, Sterbefälle) und Bevölkerungsfortschreibung; Definition nach Wegweiser Kommune"
_MIG = "Wanderungsstatistik und Bevölkerungsfortschreibung; Definition nach Wegweiser Kommune"

REGISTRY: dict[str, Indicator] = {
    i.key: i
    for i in [
        Indicator(
            "population",
            "Bevölkerung",
            "Einwohner mit Hauptwohnsitz am 31.12. des Jahres.",
            "Personen",
            _POP,
        ),
        Indicator(
            "population_change_1y",
            "Bevölkerungsentwicklung über das letzte Jahr",
            "(Bevölkerung am 31.12. − Bevölkerung am 31.12. des Vorjahres) / Bevölkerung des Vorjahres × 100.",
            "%",
            _POP,
        ),
        Indicator(
            "population_change_5y",
            "Bevölkerungsentwicklung über die letzten 5 Jahre",
            "(Bevölkerung am 31.12. − Bevölkerung 5 Jahre zuvor) / Bevölkerung 5 Jahre zuvor × 100.",
            "%",
            _POP,
        ),
        Indicator(
            "population_change_10y",
            "Bevölkerungsentwicklung über die letzten 10 Jahre",
            "(Bevölkerung am 31.12. − Bevölkerung 10 Jahre zuvor) / Bevölkerung 10 Jahre zuvor × 100.",
            "%",
            _POP,
        ),
        Indicator(
            "mean_age",
            "Durchschnittsalter",
            "Arithmetisches Mittel des Alters aller Einwohner am 31.12.; eine Person mit x vollendeten Lebensjahren zählt mit x + 0,5 Jahren. Bei Altersgruppen: Gruppenmitte; offene Gruppe (z. B. 90 und älter) mit ihrem Durchschnittsalter nach einer Sterbetafel-Näherung (Gompertz).",
            "Jahre",
            _POP,
        ),
        Indicator(
            "median_age",
            "Medianalter",
            "Alter, das die Einwohner in eine jüngere und eine ältere Hälfte teilt; linear interpoliert innerhalb des Altersjahres (der Altersgruppe), in dem die mittlere Person liegt.",
            "Jahre",
            _POP,
        ),
        Indicator(
            "youth_dependency_ratio",
            "Jugendquotient",
            "Einwohner unter 20 Jahren je 100 Einwohner von 20 bis unter 65 Jahren.",
            "je 100 Personen von 20 bis unter 65 Jahren",
            _POP,
        ),
        Indicator(
            "old_age_dependency_ratio",
            "Altenquotient",
            "Einwohner ab 65 Jahren je 100 Einwohner von 20 bis unter 65 Jahren.",
            "je 100 Personen von 20 bis unter 65 Jahren",
            _POP,
        ),
        Indicator(
            "total_dependency_ratio",
            "Gesamtquotient",
            "Einwohner unter 20 Jahren und ab 65 Jahren je 100 Einwohner von 20 bis unter 65 Jahren (Jugendquotient + Altenquotient).",
            "je 100 Personen von 20 bis unter 65 Jahren",
            _POP,
        ),
        Indicator(
            "share_under_18",
            "Anteil unter 18-Jährige",
            "Einwohner unter 18 Jahren / alle Einwohner × 100.",
            "%",
            _POP,
        ),
        Indicator(
            "share_18_to_64",
            "Anteil 18- bis 64-Jährige",
            "Einwohner von 18 bis unter 65 Jahren / alle Einwohner × 100.",
            "%",
            _POP,
        ),
        Indicator(
            "share_65_to_79",
            "Anteil 65- bis 79-Jährige",
            "Einwohner von 65 bis unter 80 Jahren / alle Einwohner × 100.",
            "%",
            _POP,
        ),
        Indicator(
            "share_80_plus",
            "Anteil ab 80-Jährige",
            "Einwohner ab 80 Jahren / alle Einwohner × 100.",
            "%",
            _POP,
        ),
        Indicator(
            "oldest_old_share",
            "Hochaltrigenanteil",
            "Einwohner ab 80 Jahren je 100 Einwohner ab 65 Jahren.",
            "% der Personen ab 65 Jahren",
            _POP,
        ),
        Indicator(
            "natural_balance_per_1000",
            "Natürlicher Saldo je 1.000 Einwohner",
            "(Lebendgeborene − Gestorbene) im Jahr je 1.000 Einwohner am 31.12.; wahlweise gemittelt über die letzten 4 Jahre (Summe der Salden / Summe der Einwohner).",
            "je 1.000 Einwohner",
            _MOVE,
        ),
        Indicator(
            "net_migration_per_1000",
            "Wanderungssaldo je 1.000 Einwohner",
            "(Zuzüge − Fortzüge) über die Gebietsgrenze im Jahr je 1.000 Einwohner am 31.12.; wahlweise gemittelt über 4 Jahre.",
            "je 1.000 Einwohner",
            _MIG,
        ),
        Indicator(
            "family_migration_per_1000",
            "Familienwanderung",
            "Wanderungssaldo der unter 18-Jährigen und der 30- bis unter 50-Jährigen je 1.000 Einwohner dieser Altersgruppen.",
            "je 1.000 Einwohner der Altersgruppen",
            _MIG,
        ),
        Indicator(
            "education_migration_per_1000",
            "Bildungswanderung",
            "Wanderungssaldo der 18- bis unter 25-Jährigen je 1.000 Einwohner dieser Altersgruppe.",
            "je 1.000 Einwohner der Altersgruppe",
            _MIG,
        ),
        Indicator(
            "career_start_migration_per_1000",
            "Berufseinstiegswanderung",
            "Wanderungssaldo der 25- bis unter 30-Jährigen je 1.000 Einwohner dieser Altersgruppe.",
            "je 1.000 Einwohner der Altersgruppe",
            _MIG,
        ),
        Indicator(
            "second_half_of_life_migration_per_1000",
            "Wanderung zu Beginn der 2. Lebenshälfte",
            "Wanderungssaldo der 50- bis unter 65-Jährigen je 1.000 Einwohner dieser Altersgruppe.",
            "je 1.000 Einwohner der Altersgruppe",
            _MIG,
        ),
        Indicator(
            "old_age_migration_per_1000",
            "Alterswanderung",
            "Wanderungssaldo der Personen ab 65 Jahren je 1.000 Einwohner dieser Altersgruppe.",
            "je 1.000 Einwohner der Altersgruppe",
            _MIG,
        ),
    ]
}

STRUCTURE_KEYS = (
    "population",
    "mean_age",
    "median_age",
    "youth_dependency_ratio",
    "old_age_dependency_ratio",
    "total_dependency_ratio",
    "share_under_18",
    "share_18_to_64",
    "share_65_to_79",
    "share_80_plus",
    "oldest_old_share",
)
MOTIVE_KEYS = {
    "family": "family_migration_per_1000",
    "education": "education_migration_per_1000",
    "career_start": "career_start_migration_per_1000",
    "second_half_of_life": "second_half_of_life_migration_per_1000",
    "old_age": "old_age_migration_per_1000",
}


def structure_indicators(counts: np.ndarray, grid: AgeGrid = SINGLE_YEARS) -> dict[str, np.ndarray]:
    """All age-structure indicators (keys of :data:`STRUCTURE_KEYS`) with default bounds.

    Indicators whose age bounds are not boundaries of ``grid`` are left out (e.g. the
    share 80+ from a table whose last group is "75 Jahre und mehr")."""
    calcs: dict[str, Callable[[], np.ndarray]] = {
        "population": lambda: population(counts),
        "mean_age": lambda: mean_age(counts, grid),
        "median_age": lambda: median_age(counts, grid),
        "youth_dependency_ratio": lambda: youth_dependency_ratio(counts, grid),
        "old_age_dependency_ratio": lambda: old_age_dependency_ratio(counts, grid),
        "total_dependency_ratio": lambda: total_dependency_ratio(counts, grid),
        "share_under_18": lambda: share(counts, grid, 0, 18),
        "share_18_to_64": lambda: share(counts, grid, 18, 65),
        "share_65_to_79": lambda: share(counts, grid, 65, 80),
        "share_80_plus": lambda: share(counts, grid, 80, None),
        "oldest_old_share": lambda: oldest_old_share(counts, grid),
    }
    out: dict[str, np.ndarray] = {}
    for key, calc in calcs.items():
        try:
            out[key] = calc()
        except AgeBoundsError:
            continue
    return out


def registry_markdown() -> str:
    """The registry as a Markdown table (used for docs/demography-readers.md)."""
    lines = ["| key | Name | Definition | Einheit | Quelle |", "|---|---|---|---|---|"]
    for i in REGISTRY.values():
        lines.append(f"| `{i.key}` | {i.name_de} | {i.definition_de} | {i.unit} | {i.source} |")
    return "\n".join(lines) + "\n"
