"""Adapter between stored statistics and the demography engine – and the engine's only door.

Loads stocks and movements of a few regions into numpy arrays with a constant number of
queries, and asks the engine for indicators, projections, planning demand and typology.
No demographic arithmetic is done here beyond arranging arrays.

``zwk.profiles`` is the only app that imports :mod:`demography` (import-linter contract
"Only profiles imports the engine"). Other apps use what the last section of this module
offers: the indicator catalogue (:func:`indicator_choices`, :func:`indicator_info`), the
indicators of one age structure (:func:`age_structure_indicators`), the engine's expectation
(:func:`expected_stock`), the statistics behind a check (:func:`age_years_imported_by`,
:func:`releases_after`) and the z-values for similarity (:func:`indicator_z_values`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max

import demography
from demography import indicators as ind
from demography.core import Population
from demography.regions import size_class
from demography.typology import demographic_indicators, demographic_types, nearest_peers
from zwk.profiles.models import Movement, PopulationStock, Region, StatisticsRelease

#: Indicators shown on the profile and offered to other apps, in display order.
PROFILE_KEYS = (
    "population",
    "population_change_1y",
    "population_change_5y",
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
    "natural_balance_per_1000",
    "net_migration_per_1000",
)


@dataclass
class RegionData:
    code: str
    name: str = ""
    level: str = ""
    totals: dict[int, float] = field(default_factory=dict)
    ages: dict[int, np.ndarray] = field(default_factory=dict)  # year -> (2, 101)
    movements: dict[int, dict[str, float]] = field(default_factory=dict)
    release_ids: set[int] = field(default_factory=set)
    #: population basis key per year of ``totals`` (zwk.profiles.estimates.basis_key)
    bases: dict[int, str] = field(default_factory=dict)
    #: years whose ``ages`` are an estimate ("Schätzung"), with method and bases
    estimates: dict[int, object] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.totals)

    @property
    def age_years(self) -> list[int]:
        return sorted(self.ages)

    @property
    def has_data(self) -> bool:
        return bool(self.totals)

    def population(self, year: int | None = None) -> Population | None:
        """Single-year stock by sex for ``year`` (default: latest with ages)."""
        if not self.ages:
            return None
        year = year if year is not None else self.age_years[-1]
        counts = self.ages.get(year)
        if counts is None:
            return None
        return Population(codes=(self.code,), names=(self.name,), year=year, counts=counts[None])


def load_regions(codes: list[str] | tuple[str, ...]) -> dict[str, RegionData]:
    """Stocks and movements of ``codes`` in three queries, whatever the number of years."""
    codes = [c for c in dict.fromkeys(codes) if c]
    out = {c: RegionData(c) for c in codes}
    for code, name, level in Region.objects.filter(code__in=codes).values_list(
        "code", "name", "level"
    ):
        out[code].name, out[code].level = name, level
    partial: dict[tuple[str, int], dict[str, list]] = {}
    for code, year, sex, total, ages, release_id in PopulationStock.objects.filter(
        region__code__in=codes
    ).values_list("region__code", "year", "sex", "total", "ages", "release_id"):
        rd = out[code]
        rd.release_ids.add(release_id)
        if sex == "total" and total is not None:
            rd.totals[year] = total
        if sex in ("male", "female") and ages:
            partial.setdefault((code, year), {})[sex] = ages
    for (code, year), by_sex in partial.items():
        if "male" in by_sex and "female" in by_sex:
            out[code].ages[year] = np.array([by_sex["male"], by_sex["female"]], dtype=np.float64)
            out[code].totals[year] = float(out[code].ages[year].sum())
    for code, year, kind, value, release_id in Movement.objects.filter(
        region__code__in=codes, sex="total"
    ).values_list("region__code", "year", "kind", "value", "release_id"):
        out[code].movements.setdefault(year, {})[kind] = value
        out[code].release_ids.add(release_id)
    from zwk.profiles import estimates

    estimates.apply(out)  # labelled estimates of current ages, bases per year
    return out


def size_class_members(own: RegionData, limit: int = 30) -> tuple[str, list[str]]:
    """Regions of the same type (statistical level) and size class as ``own``.

    Returns the class label and up to ``limit`` region codes closest in population, in one
    query. Members are compared in the year of ``own``'s latest total.
    """
    if not own.has_data:
        return "", []
    year = own.years[-1]
    klass = size_class(own.level, own.totals[year])
    if klass is None:
        return "", []
    low, high, label = klass
    rows = (
        PopulationStock.objects.filter(
            sex="total", year=year, region__level=own.level, total__gte=low, total__lt=high
        )
        .exclude(region__code=own.code)
        .values_list("region__code", "total")
    )
    nearest = sorted(rows, key=lambda r: abs(r[1] - own.totals[year]))[:limit]
    return label, [code for code, _total in nearest]


def indicator_series(rd: RegionData) -> dict[int, dict[str, float | None]]:
    """Indicators of :data:`PROFILE_KEYS` per year (engine: ``structure_indicators`` etc.)."""
    result: dict[int, dict[str, float | None]] = {y: {} for y in rd.years}
    age_years = rd.age_years
    if age_years:
        both = np.stack([rd.ages[y].sum(axis=0) for y in age_years])  # (Y, 101)
        values = ind.structure_indicators(both)
        for i, y in enumerate(age_years):
            for key, arr in values.items():
                result[y][key] = _f(arr[i])
    years = rd.years
    for y in years:
        result[y]["population"] = rd.totals[y]
        for n, key in ((1, "population_change_1y"), (5, "population_change_5y")):
            if y - n in rd.totals:
                result[y][key] = _f(ind.change_percent(rd.totals[y], rd.totals[y - n]))
    for y, moves in rd.movements.items():
        pop = rd.totals.get(y)
        if pop is None:
            continue
        row = result.setdefault(y, {})
        if "births" in moves and "deaths" in moves:
            row["natural_balance_per_1000"] = _f(
                ind.natural_balance_per_1000(moves["births"], moves["deaths"], pop)
            )
        net = moves.get("net_migration")
        if net is None and "migration_in" in moves and "migration_out" in moves:
            net = moves["migration_in"] - moves["migration_out"]
        if net is not None:
            row["net_migration_per_1000"] = _f(ind.net_migration_per_1000(net, 0.0, pop))
    return result


def _f(value) -> float | None:
    v = float(np.asarray(value))
    return None if np.isnan(v) else v


def value_at(series: dict[int, dict[str, float | None]], key: str, year: int):
    """(value, year) of ``key`` in ``year`` or the latest earlier year that has it."""
    for y in sorted((y for y in series if y <= year), reverse=True):
        v = series[y].get(key)
        if v is not None:
            return v, y
    return None, None


# --- typology over all areas with age data ---------------------------------------------

TYPOLOGY_LEVELS = ("kreis", "gemeinde", "gebiet")


def data_version() -> str:
    """Version of the imported data and of the engine's methods: results stored or cached
    under it (projections, Demografietypen) are computed anew after an import and after an
    update that changes a method's defaults (``demography.METHOD_VERSION``)."""
    # updated_at: a re-import of the same file that restores withdrawn values
    agg = StatisticsRelease.objects.aggregate(m=Max("id"), n=Count("id"), u=Max("updated_at"))
    stamp = agg["u"].timestamp() if agg["u"] else 0
    return f"{agg['m']}-{agg['n']}-{stamp}-{demography.METHOD_VERSION}"


@dataclass(frozen=True)
class TypologyData:
    typology: object  # demography.typology.Typology
    matrix: object  # IndicatorMatrix
    year_of: dict[str, int]
    #: data version it was computed for (a page reuses it instead of asking again)
    version: str = ""


def typology_data(version: str | None = None, *, force: bool = False) -> TypologyData | None:
    """Demografietypen of all Kreise, Gemeinden and Quartiere with single-year data (latest
    year each); cached per data version and stored after each import
    (:func:`zwk.profiles.derived.refresh`; ``force`` computes and stores it anew). None if
    fewer than 3 areas have such data."""
    from zwk.profiles import derived

    version = version or data_version()
    key = f"profiles:typology:{version}"
    cached = None if force else cache.get(key)
    if cached is None and not force:
        cached = derived.load("typology", version)
        if cached is not None:
            cache.set(key, cached, 3600)
    if cached is not None:
        return cached or None
    data = _typology()
    if data is not None:
        data = replace(data, version=version)
    derived.store("typology", version, data or derived.NOTHING)
    cache.set(key, data or False, 3600)
    return data


def _typology() -> TypologyData | None:
    rows = PopulationStock.objects.filter(
        region__level__in=TYPOLOGY_LEVELS, sex__in=("male", "female"), ages__isnull=False
    ).values_list("region__code", "region__name", "year", "sex", "ages")
    latest: dict[str, int] = {}
    store: dict[tuple[str, int, str], list] = {}
    names: dict[str, str] = {}
    for code, name, year, sex, ages in rows:
        store[(code, year, sex)] = ages
        names[code] = name
        if (code, year, "male") in store and (code, year, "female") in store:
            latest[code] = max(latest.get(code, year), year)
    codes = sorted(latest)
    if len(codes) < 3:
        return None
    counts = np.array(
        [[store[(c, latest[c], "male")], store[(c, latest[c], "female")]] for c in codes],
        dtype=np.float64,
    )
    pop = Population(
        codes=tuple(codes),
        names=tuple(names[c] for c in codes),
        year=max(latest.values()),
        counts=counts,
    )
    matrix = demographic_indicators(pop)
    typology = demographic_types(matrix, k=min(6, len(codes) - 1))
    return TypologyData(typology, matrix, latest)


def peers_of(data: TypologyData | None, code: str | None, k: int = 5):
    if data is None or code is None or code not in data.matrix.codes:
        return []
    return nearest_peers(data.matrix, code, k=k)


# --- projection and scenario explorer --------------------------------------------------

HORIZON = 20


@dataclass(frozen=True)
class ScenarioParams:
    """Slider values of the scenario explorer (None = the Basis scenario's value)."""

    migration_per_1000: float | None = None
    tfr: float | None = None
    e0_gain: float | None = None
    dwellings: int = 0
    #: "Maßnahmen des Werkstattplans einbeziehen": the plan's measure effects (extra migration
    #: handed in by the view through the PLAN_EFFECTS service) join the same projection run
    plan_effects: bool = False

    def overrides(self) -> dict[str, float]:
        from demography.assumptions import default_assumptions

        out: dict[str, float] = {}
        if self.migration_per_1000 is not None:
            out["net_migration_rate"] = self.migration_per_1000
        if self.tfr is not None:
            out["tfr"] = self.tfr
        if self.e0_gain is not None:
            a = default_assumptions()
            out["e0_male"] = a.e0_male + self.e0_gain
            out["e0_female"] = a.e0_female + self.e0_gain
        return out


@dataclass
class ScenarioResult:
    params: ScenarioParams
    main: object  # ProjectionResult
    low: object | None
    high: object | None
    demand: dict[str, np.ndarray]
    #: about 80 % prediction interval of the main projection's totals (low, high per year)
    #: from the engine's own backtest errors by size class and horizon; None without them
    interval: tuple[list[float], list[float]] | None = None
    #: method, basis and Stichtag of a projection from the official history
    #: (zwk.profiles.history.HistoryInfo); None for the scenario projection
    history: object | None = None
    #: the Werkstattplan's measure effects are part of this run ("mit Maßnahmen")
    plan_effects: bool = False


def history_scenario(
    own: RegionData, params: ScenarioParams, version: str | None = None
) -> ScenarioResult | None:
    """The Basis projection of a real Gemeinde from its official history
    (:mod:`zwk.profiles.history`: local migration, fertility and mortality from the
    Gemeinde's totals, births and deaths, shrunk towards Kreis and Land) with its empirical
    interval; None when the sliders are moved or the Gemeinde has no such history (then
    :func:`project_scenario` runs)."""
    from zwk.profiles import history

    if params != ScenarioParams() or not history.eligible(own):
        return None
    from demography.planning import planning_demand

    found = history.projection(own, version or data_version())
    if found is None:
        return None
    main, info = found
    interval = None
    if main.total_low is not None and main.total_high is not None:
        interval = (
            [float(v) for v in main.total_low[:, 0]],
            [float(v) for v in main.total_high[:, 0]],
        )
    return ScenarioResult(params, main, None, None, planning_demand(main), interval, info)


def project_scenario(
    pop: Population,
    params: ScenarioParams,
    *,
    band: bool = True,
    plan_extra: np.ndarray | None = None,
):
    """Engine projection for the sliders, plus low/high migration scenarios as the band.

    ``plan_extra``: extra persons (H, 2, 101) by year from the Werkstattplan's measures
    (``params.plan_effects``); added to the dwellings slider's in-migration, so all of it is
    one run of the engine (and the band runs carry it too)."""
    from demography.housing import housing_migration
    from demography.planning import planning_demand
    from demography.projection import project

    extra = None
    if params.dwellings:
        extra = housing_migration(params.dwellings, HORIZON, 1)
    if plan_extra is not None:
        arr = np.asarray(plan_extra, dtype=np.float64)[:, None]
        extra = arr if extra is None else extra + arr
    overrides: dict[str, float] = params.overrides()
    if {"tfr", "e0_male", "e0_female"} & set(overrides):
        # slider values are reached by the end of the horizon (a plain --set value would
        # hold from the base year on)
        overrides["target_year"] = pop.year + HORIZON
    main = project(
        pop, horizon=HORIZON, scenario="Basis", overrides=overrides, extra_migration=extra
    )
    low = high = None
    if band:
        low, high = _migration_band(pop, params, overrides, extra)
    return ScenarioResult(
        params,
        main,
        low,
        high,
        planning_demand(main),
        _interval(main),
        plan_effects=plan_extra is not None,
    )


#: Half width of the migration band (per 1,000 inhabitants) around a migration slider value.
MIGRATION_BAND_PER_1000 = 2.0


def _migration_band(pop: Population, params: ScenarioParams, overrides: dict, extra):
    """Low and high migration around the same scenario as the main line (issue 16.2): the
    slider's birth and life-expectancy values hold for the band too; with the migration
    slider set, the band is that value ∓ MIGRATION_BAND_PER_1000 instead of the named
    low/high scenarios (which would ignore it)."""
    from demography.projection import project

    same = {k: v for k, v in overrides.items() if k != "net_migration_rate"}
    if params.migration_per_1000 is None:
        runs = [("niedrige Zuwanderung", same), ("hohe Zuwanderung", same)]
    else:
        rate = params.migration_per_1000
        runs = [
            ("Basis", {**same, "net_migration_rate": rate - MIGRATION_BAND_PER_1000}),
            ("Basis", {**same, "net_migration_rate": rate + MIGRATION_BAND_PER_1000}),
        ]
    return tuple(
        project(pop, horizon=HORIZON, scenario=name, overrides=ov or None, extra_migration=extra)
        for name, ov in runs
    )


def _interval(main) -> tuple[list[float], list[float]] | None:
    """Empirical interval of the totals (demography.intervals), None if not shipped."""
    try:
        from demography.intervals import total_interval

        totals = np.asarray(main.totals, dtype=np.float64)[:, :1]
        years = np.asarray(main.years, dtype=np.float64)
        low, high = total_interval(totals, totals[0], years - years[0])
    except (ImportError, OSError, KeyError, ValueError):
        return None
    return [float(v) for v in low[:, 0]], [float(v) for v in high[:, 0]]


# --- what other apps may use (they never import demography themselves) ------------------


@dataclass(frozen=True)
class IndicatorInfo:
    """An engine indicator as other apps show it: key, German name, unit."""

    key: str
    name: str
    unit: str


def indicator_info(key: str | None) -> IndicatorInfo | None:
    """Name and unit of the engine indicator ``key`` (None: no such indicator)."""
    meta = ind.REGISTRY.get(key or "")
    return IndicatorInfo(key, meta.name_de, meta.unit) if meta is not None else None


def indicator_choices() -> list[tuple[str, str]]:
    """(key, German name) of every engine indicator, sorted by name – for choice fields."""
    return sorted(((key, i.name_de) for key, i in ind.REGISTRY.items()), key=lambda c: c[1])


def age_structure_indicators(both: np.ndarray) -> dict[str, float | None]:
    """Engine structure indicators (mean age, dependency ratios, shares …) of one age
    structure ``both`` (persons by single year 0 … 100+, both sexes); None where undefined."""
    values = ind.structure_indicators(np.asarray(both, dtype=np.float64)[None, :])
    return {key: _f(np.asarray(arr)[0]) for key, arr in values.items()}


def expected_stock(pop: Population, year: int, *, scenario: str = "Basis") -> np.ndarray:
    """Stock (2, 101: male/female × single years) that the engine's projection in ``scenario``
    (default the Kommunalprofil's Basis scenario) expects at 31.12. ``year``, starting from
    ``pop`` (e.g. :meth:`RegionData.population` of a base year)."""
    from demography.projection import project

    result = project(pop, horizon=year - pop.year, scenario=scenario)
    return result.population(year).counts[0]


def age_years_imported_by(code: str, when) -> list[int]:
    """Years with single-year ages by sex of region ``code`` imported at or before ``when``."""
    return sorted(
        set(
            PopulationStock.objects.filter(
                region__code=code,
                sex__in=("male", "female"),
                ages__isnull=False,
                release__imported_at__lte=when,
            ).values_list("year", flat=True)
        )
    )


def releases_after(code: str, year: int) -> list[StatisticsRelease]:
    """Imported tables that hold stocks of region ``code`` for years after ``year``."""
    return list(
        StatisticsRelease.objects.filter(
            pk__in=PopulationStock.objects.filter(region__code=code, year__gt=year).values(
                "release_id"
            )
        ).order_by("imported_at", "pk")
    )


def indicator_z_values(data: TypologyData | None) -> dict[str, dict[str, float]]:
    """Standardised typology indicators (z-values, missing → 0) per region code, for
    similarity between Kommunen; empty without typology data."""
    from demography.typology import standardise

    if data is None:
        return {}
    z, *_ = standardise(data.matrix.values)
    keys = data.matrix.keys
    return {
        code: {k: float(z[i, j]) for j, k in enumerate(keys)}
        for i, code in enumerate(data.matrix.codes)
    }


# --- effects of measures and decisions (zwk.plans.effects, zwk.decisions) ---------------


def housing_defaults() -> tuple[float, float]:
    """The engine's default Belegungsdichte (persons per new dwelling) and
    Neubaubezugsquote (share of first occupants from outside), see demography.housing."""
    from demography.housing import HousingParameters

    p = HousingParameters()
    return p.occupancy, p.external_share


def new_build_movers(
    *, adult_mean: float = 34.0, child_share: float = 0.30, senior_share: float = 0.10
) -> np.ndarray:
    """Age/sex profile (2, 101) of people moving into new dwellings, sums to 1
    (:func:`demography.housing.new_build_profile`)."""
    from demography.housing import new_build_profile

    return new_build_profile(
        adult_mean=adult_mean, child_share=child_share, senior_share=senior_share
    )


@dataclass(frozen=True)
class EffectRun:
    """One projection with extra migration: the engine's result (with its 80 % interval of
    the totals) and the planning demand (arrays (years, 1))."""

    main: object  # ProjectionResult
    demand: dict[str, np.ndarray]


def project_with_extra(pop: Population, extra: np.ndarray | None, *, horizon: int = HORIZON):
    """Basis projection of ``pop`` with ``extra`` persons (H, 2, 101) added each year by age
    at year end (None: none) – one run of the engine for all effects together."""
    from demography.planning import planning_demand
    from demography.projection import project

    arr = None if extra is None else np.asarray(extra, dtype=np.float64)[:, None]
    main = project(pop, horizon=horizon, scenario="Basis", extra_migration=arr)
    return EffectRun(main, planning_demand(main))
