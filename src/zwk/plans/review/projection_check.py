"""Projection check of the Zwischenbilanz: what changed in the Kommune since the baseline, and
what the projection made from the baseline year had expected for the latest year.

- The **baseline year** is the statistics year the plan starts from: by default the year of
  the earliest demographic indicator's baseline (taken from the Kommunalprofil when the
  indicator was added); without such indicators the latest year whose statistics were already
  imported when the plan was created; failing that the earliest year. The review page lets
  the user choose another year with single-year ages.
- **Observed** figures come from the statistics imported into the platform (profiles app).
- **Expected** figures are the demography engine's Basis projection (the same as the
  Kommunalprofil's default scenario) started from the baseline year's stock by single years
  of age and read off at the latest year.

If no statistics newer than the baseline exist, the check says so (state ``no_newer``)
instead of inventing a comparison. No demographic arithmetic beyond sums of age groups is
done here – indicators come from the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from zwk.plans.models import Indicator, Plan
from zwk.profiles import analysis
from zwk.profiles.analysis import Population
from zwk.profiles.models import StatisticsRelease
from zwk.profiles.regions import region_code_for

SCENARIO = "Basis"

# (key, label, unit, decimals): counts of age groups first, then engine indicators.
ROWS = (
    ("population", _("Einwohnerinnen und Einwohner"), _("Personen"), 0),
    ("under_18", _("unter 18 Jahre"), _("Personen"), 0),
    ("age_18_64", _("18 bis 64 Jahre"), _("Personen"), 0),
    ("age_65_79", _("65 bis 79 Jahre"), _("Personen"), 0),
    ("age_80_plus", _("80 Jahre und älter"), _("Personen"), 0),
    ("old_age_dependency_ratio", _("Altenquotient (65+ je 100 im Alter 20–64)"), "", 1),
    ("youth_dependency_ratio", _("Jugendquotient (unter 20 je 100 im Alter 20–64)"), "", 1),
    ("mean_age", _("Durchschnittsalter"), _("Jahre"), 1),
)
GROUPS = {
    "under_18": (0, 18),
    "age_18_64": (18, 65),
    "age_65_79": (65, 80),
    "age_80_plus": (80, None),
}

Projector = Callable[[Population, int], np.ndarray]


@dataclass(frozen=True)
class CheckRow:
    key: str
    label: str
    unit: str
    decimals: int
    baseline: float | None
    observed: float | None
    expected: float | None

    @property
    def observed_change(self) -> float | None:
        if self.baseline is None or self.observed is None:
            return None
        return self.observed - self.baseline

    @property
    def expected_change(self) -> float | None:
        if self.baseline is None or self.expected is None:
            return None
        return self.expected - self.baseline

    @property
    def difference(self) -> float | None:
        """Observed minus expected (positive: more than the projection expected)."""
        if self.observed is None or self.expected is None:
            return None
        return self.observed - self.expected

    @property
    def difference_pct(self) -> float | None:
        if self.difference is None or not self.expected:
            return None
        return self.difference / self.expected * 100


@dataclass
class ProjectionCheck:
    """``state``: ``no_data`` (no statistics), ``no_ages`` (no single-year ages for a base),
    ``no_newer`` (nothing newer than the baseline year) or ``ok``."""

    state: str
    baseline_year: int | None = None
    latest_year: int | None = None
    base_years: list[int] = field(default_factory=list)  # years with single-year ages
    rows: list[CheckRow] = field(default_factory=list)
    releases: list[StatisticsRelease] = field(default_factory=list)  # newer than baseline
    scenario: str = SCENARIO

    @property
    def ok(self) -> bool:
        return self.state == "ok"


def figures(counts: np.ndarray | None, total: float | None = None) -> dict[str, float | None]:
    """Age-group counts and engine indicators of a (2, 101) stock (None without ages)."""
    out: dict[str, float | None] = dict.fromkeys((k for k, *_r in ROWS), None)
    out["population"] = total
    if counts is None:
        return out
    both = np.asarray(counts, dtype=np.float64).sum(axis=0)  # (101,)
    out["population"] = float(both.sum())
    for key, (low, high) in GROUPS.items():
        out[key] = float(both[low:high].sum())
    values = analysis.age_structure_indicators(both)
    for key in ("old_age_dependency_ratio", "youth_dependency_ratio", "mean_age"):
        if key in values:
            out[key] = values[key]
    return out


def engine_projector(pop: Population, year: int) -> np.ndarray:
    """Stock (2, 101) the engine's Basis projection from ``pop`` expects at 31.12. ``year``."""
    return analysis.expected_stock(pop, year, scenario=SCENARIO)


def default_baseline_year(plan: Plan | None, code: str, base_years: list[int]) -> int | None:
    if not base_years:
        return None
    if plan is not None:
        first = Indicator.objects.filter(
            goal__plan=plan, kind=Indicator.Kind.ENGINE, baseline_date__isnull=False
        ).aggregate(d=Min("baseline_date"))["d"]
        if first is not None and first.year in base_years:
            return first.year
        known = analysis.age_years_imported_by(code, plan.created_at)
        known_years = [y for y in known if y in base_years]
        if known_years:
            return max(known_years)
    return base_years[0]


def projection_check(
    municipality,
    plan: Plan | None = None,
    *,
    baseline_year: int | None = None,
    projector: Projector = engine_projector,
) -> ProjectionCheck:
    """Compare the observed change since ``baseline_year`` with the projection's expectation."""
    code = region_code_for(municipality)
    data = analysis.load_regions([code]).get(code) if code else None
    if data is None or not data.has_data:
        return ProjectionCheck("no_data")
    base_years = [y for y in data.age_years if np.isfinite(data.ages[y]).all()]
    if not base_years:
        return ProjectionCheck("no_ages", latest_year=data.years[-1])
    if baseline_year not in base_years:
        baseline_year = default_baseline_year(plan, code, base_years)
    latest = data.years[-1]
    check = ProjectionCheck(
        "no_newer", baseline_year=baseline_year, latest_year=latest, base_years=base_years
    )
    if latest <= baseline_year:
        return check
    check.state = "ok"
    check.releases = analysis.releases_after(code, baseline_year)
    base = figures(data.ages[baseline_year])
    observed = figures(data.ages.get(latest), data.totals.get(latest))
    expected = figures(projector(data.population(baseline_year), latest))
    check.rows = [
        CheckRow(key, str(label), str(unit), decimals, base[key], observed[key], expected[key])
        for key, label, unit, decimals in ROWS
    ]
    return check
