"""Cohort-component projection by region × sex × single year of age, in yearly steps.

Aussage
    Population at 31.12. of each projection year and the components of each year (births,
    deaths, net migration), for many regions at once.
Berechnung (one step from 31.12. of year t-1 to 31.12. of year t; ``P`` persons)
    1. Survival: ``P'_{x+1} = P_x · s_x`` for x = 0 … 98 and
       ``P'_{100+} = (P_99 + P_100+) · s_99`` with the survival ratios of
       :func:`demography.lifetable.survival_ratios` (regional level k: ``s^k``, proportional
       hazards).
    2. Births: ``B = k_f · Σ_{x=15}^{49} f_x · ½ (W_x(t-1) + W'_x(t))`` – age-specific rates
       times the mean of women aged x at the start and the surviving women aged x at the
       end of the year (migrants of the year are not yet exposed). Boys ``B · SRB/(1+SRB)``.
       Age 0 at year end: ``B_s · L_0``.
    3. Deaths: everything that did not survive: ``D = Σ P − Σ P' + B − P'_0``.
    4. Net migration M (ages at year end) is added: the scenario total distributed by
       region weights and the age/sex profile, plus optional explicit counts, in-migration,
       out-migration rates, housing in-migration and internal moves.
    5. No negatives: where out-migration exceeds the persons present, the cell is set to 0
       and the excess is recorded as *unrealised migration* (persons who could not leave);
       realised migration = M + unrealised.
    Accounting identity per region, sex and year (exact up to float rounding):
    ``P(t) = P(t-1) + B − D + M_realised``.
Quelle
    Standard cohort-component method as used by the statistical offices (e.g. Destatis,
    koordinierte Bevölkerungsvorausberechnung: "Kohorten-Komponenten-Methode").
Einheit
    Persons (floats); years.

The hot path loops over years only; every step is a handful of numpy operations over the
whole ``(regions, 2, 101)`` array.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import numpy as np

from demography.assumptions import COMPLETED_TO_EXACT, Assumptions, default_assumptions
from demography.core import N_AGES, Population
from demography.fertility import asfr, boys_share
from demography.kernel import run
from demography.lifetable import (
    life_table,
    mortality_for_e0,
    mortality_for_e0_model,
    survival_ratios,
)
from demography.migration import region_weights, top_level
from demography.planning import FUNCTIONAL_GROUPS, AgeGroups
from demography.ratetables import RateTable, apply_rate_table
from demography.scenarios import (
    Scenario,
    YearlyParameters,
    get_scenario,
    resolve,
    with_overrides,
)

if TYPE_CHECKING:  # pragma: no cover
    from demography.housing import InternalMigration
    from demography.smallarea import LocalLevels


@dataclass(frozen=True)
class Schedules:
    """National model schedules per projection year (H years).

    ``asfr`` (H, 35) births per woman aged 15 … 49; ``survival`` (H, 2, 101) and
    ``birth_survival`` (H, 2) from :func:`demography.lifetable.survival_ratios`;
    ``boys_share`` share of boys among births; ``net_migration`` (H,) persons for the whole
    input; ``migration_profile`` (2, 101) sums to 1.
    """

    years: np.ndarray
    asfr: np.ndarray
    survival: np.ndarray
    birth_survival: np.ndarray
    boys_share: float
    net_migration: np.ndarray
    migration_profile: np.ndarray


def build_schedules(params: YearlyParameters, assumptions: Assumptions) -> Schedules:
    """Turn yearly scenario parameters into fertility and survival schedules.

    The mean age at birth is given in completed years; the fertility model works with the
    exact age, ``+ 0.5`` (:data:`~demography.assumptions.COMPLETED_TO_EXACT`). Mortality:
    the base life table with improvement by age (:class:`~demography.lifetable.MortalityModel`)
    at the e0 of each year; the Siler curve only for assumptions without a base table.
    """
    rates = asfr(params.tfr, params.mean_age_at_birth + COMPLETED_TO_EXACT, params.sd_age_at_birth)
    h = params.years.size
    survival = np.empty((h, 2, N_AGES))
    birth_survival = np.empty((h, 2))
    model = assumptions.mortality_model
    for sex in (0, 1):
        if model is not None:
            mx = mortality_for_e0_model(params.e0[:, sex], model, sex)
        else:
            mx = mortality_for_e0(params.e0[:, sex], assumptions.mortality_shapes[sex], sex)
        sb, s = survival_ratios(life_table(mx, sex))
        survival[:, sex] = s
        birth_survival[:, sex] = sb
    return Schedules(
        years=params.years,
        asfr=rates,
        survival=survival,
        birth_survival=birth_survival,
        boys_share=boys_share(params.sex_ratio_at_birth),
        net_migration=params.net_migration,
        migration_profile=assumptions.migration_profile,
    )


@dataclass(frozen=True)
class ProjectionResult:
    """Projected stocks and components.

    * ``years`` (H+1,): calendar years of the stocks (31.12.), ``years[0]`` = base year.
    * ``counts`` (H+1, R, 2, 101) persons by single year of age, or ``None`` if the
      projection ran with ``detail="groups"`` (then only ``group_counts`` is kept).
    * ``group_counts`` (H+1, R, 2, G) persons in ``groups`` if computed during the run
      (``detail="groups"``); use :meth:`by_group`, which derives it from ``counts`` otherwise.
    * ``by_sex`` (H+1, R, 2) persons by sex.
    * ``births``, ``deaths``, ``net_migration`` (realised), ``unrealised_migration``
      (H, R, 2): components of the year ending at ``years[t+1]``; births by sex of the child.
    * ``total_low``, ``total_high`` (H+1, R): empirical 80 % prediction interval of the
      totals (:meth:`with_intervals`, :mod:`demography.intervals`); set by :func:`project`.
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    years: np.ndarray
    counts: np.ndarray | None
    group_counts: np.ndarray | None
    groups: AgeGroups
    by_sex: np.ndarray
    births: np.ndarray
    deaths: np.ndarray
    net_migration: np.ndarray
    unrealised_migration: np.ndarray
    parameters: YearlyParameters | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    total_low: np.ndarray | None = None
    total_high: np.ndarray | None = None

    def with_intervals(self) -> ProjectionResult:
        """A copy with ``total_low``/``total_high`` (H+1, R): empirical 80 % intervals of
        the totals by size class and horizon (:mod:`demography.intervals`)."""
        from demography.intervals import total_interval

        totals = self.totals
        low, high = total_interval(totals, totals[0], self.years - self.years[0])
        return replace(self, total_low=low, total_high=high)

    @property
    def totals(self) -> np.ndarray:
        """Total population (H+1, R)."""
        return self.by_sex.sum(axis=-1)

    @cached_property
    def _groups_from_counts(self) -> np.ndarray:
        return self.groups.aggregate(self.single_years())

    def by_group(self) -> np.ndarray:
        """Persons in the age groups ``groups`` (H+1, R, 2, G)."""
        if self.group_counts is not None:
            return self.group_counts
        return self._groups_from_counts

    def single_years(self) -> np.ndarray:
        if self.counts is None:
            raise ValueError("Ergebnis enthält keine Einzelalter (detail='groups')")
        return self.counts

    def accounting_residual(self) -> np.ndarray:
        """``P(t) − P(t−1) − B + D − M`` per year, region and sex (H, R, 2); ≈ 0."""
        return self.by_sex[1:] - self.by_sex[:-1] - self.births + self.deaths - self.net_migration

    def population(self, year: int) -> Population:
        """Stock at 31.12. of ``year`` as a :class:`Population` (needs single years)."""
        t = int(np.searchsorted(self.years, year))
        if t >= self.years.size or self.years[t] != year:
            raise KeyError(year)
        return Population(
            codes=self.codes,
            names=self.names,
            year=int(year),
            counts=self.single_years()[t],
            source="Vorausberechnung",
        )

    def region(self, code: str) -> ProjectionResult:
        """The result of one region (same years, R = 1)."""
        i = self.codes.index(code)
        sl = slice(i, i + 1)
        return ProjectionResult(
            codes=(code,),
            names=(self.names[i],),
            years=self.years,
            counts=None if self.counts is None else self.counts[:, sl],
            group_counts=None if self.group_counts is None else self.group_counts[:, sl],
            groups=self.groups,
            by_sex=self.by_sex[:, sl],
            births=self.births[:, sl],
            deaths=self.deaths[:, sl],
            net_migration=self.net_migration[:, sl],
            unrealised_migration=self.unrealised_migration[:, sl],
            parameters=self.parameters,
            notes=self.notes,
            total_low=None if self.total_low is None else self.total_low[:, sl],
            total_high=None if self.total_high is None else self.total_high[:, sl],
        )


def _per_year(value: np.ndarray | None, horizon: int, n_reg: int, name: str) -> np.ndarray | None:
    """Broadcast an optional migration input to (H, R, 2, 101) (a view, no copy)."""
    if value is None:
        return None
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 4:
        if arr.shape[0] < horizon:
            raise ValueError(f"{name}: {arr.shape[0]} Jahre angegeben, {horizon} benötigt")
        arr = arr[:horizon]
    try:
        return np.broadcast_to(arr, (horizon, n_reg, 2, N_AGES))
    except ValueError:
        raise ValueError(f"{name}: unerwartete Form {arr.shape}") from None


def project_arrays(
    counts: np.ndarray,
    schedules: Schedules,
    *,
    fertility_level: np.ndarray | None = None,
    mortality_level: np.ndarray | None = None,
    migration_weights: np.ndarray | None = None,
    net_counts: np.ndarray | None = None,
    in_counts: np.ndarray | None = None,
    out_rates: np.ndarray | None = None,
    extra_migration: np.ndarray | None = None,
    internal: InternalMigration | None = None,
    groups: AgeGroups = FUNCTIONAL_GROUPS,
    detail: Literal["single_years", "groups"] = "single_years",
    threads: int | None = None,
    codes: tuple[str, ...] | None = None,
    out_rates_deviation: np.ndarray | None = None,
    deviation_scale: np.ndarray | None = None,
) -> dict[str, np.ndarray | None]:
    """Vectorised projection kernel on plain arrays (see module docstring).

    ``counts`` (R, 2, 101) base stock. Regional levels: ``fertility_level`` (R,) multiplies
    the rates; ``mortality_level`` (R,) or (R, 2) is the hazard ratio (survival ``s^k``).
    Migration: the scenario total ``schedules.net_migration[t]`` is distributed with
    ``migration_weights`` (R,; default population shares) and the profile – unless
    ``net_counts`` (R, 2, 101) or (H, R, 2, 101) replaces it. ``in_counts`` (persons) and
    ``extra_migration`` (persons, e.g. housing) are added; ``out_rates`` (per person, shape
    (2, 101) or (R, 2, 101)) remove a share of the survivors; ``internal`` moves persons
    between the regions. ``out_rates_deviation`` (R, 2, 101) is added to ``out_rates`` times
    ``deviation_scale[t]`` (H,) – a local deviation that fades over the horizon.
    ``codes`` (region codes) make the default weights hierarchy-aware:
    with Bund, Länder and Kreise in one input the total goes to the top level and reaches
    the leaves once (:func:`demography.migration.region_weights`). Returns a dict with the
    arrays of :class:`ProjectionResult`.

    Regions are independent unless ``internal`` links them, so large inputs are cut into
    blocks of regions run in parallel threads (numpy releases the GIL inside its loops);
    ``threads`` defaults to the number of CPUs. Results do not depend on the split.
    """
    base = np.asarray(counts, dtype=np.float64)
    n_reg = base.shape[0]
    horizon = schedules.years.size
    keep_all = detail == "single_years"

    ctx = _allocate(base, horizon, groups, keep_all)
    _add_inputs(
        ctx,
        base,
        schedules,
        codes=codes,
        fertility_level=fertility_level,
        mortality_level=mortality_level,
        migration_weights=migration_weights,
        net_counts=net_counts,
        in_counts=in_counts,
        out_rates=out_rates,
        extra_migration=extra_migration,
        out_rates_deviation=out_rates_deviation,
        deviation_scale=deviation_scale,
    )
    run(ctx, n_reg, schedules, internal, groups, keep_all, threads)
    return {
        "counts": ctx.get("out"),
        "group_counts": ctx.get("group_counts"),
        "by_sex": ctx["by_sex"],
        "births": ctx["births"],
        "deaths": ctx["deaths"],
        "net_migration": ctx["migration"],
        "unrealised_migration": ctx["unrealised"],
    }


def _allocate(base: np.ndarray, horizon: int, groups: AgeGroups, keep_all: bool) -> dict:
    """The result arrays of :func:`project_arrays`, with the base year filled in."""
    n_reg = base.shape[0]
    ctx: dict[str, object] = {}
    if keep_all:
        out = np.empty((horizon + 1, n_reg, 2, N_AGES))
        out[0] = base
        ctx["out"] = out
    else:
        ctx["roll"] = np.empty((2, n_reg, 2, N_AGES))
        ctx["roll"][0] = base  # type: ignore[index]
        ctx["group_counts"] = np.empty((horizon + 1, n_reg, 2, len(groups.bounds)))
        ctx["group_counts"][0] = groups.aggregate(base)  # type: ignore[index]
    by_sex = np.empty((horizon + 1, n_reg, 2))
    by_sex[0] = base.sum(axis=2)
    ctx.update(
        by_sex=by_sex,
        births=np.empty((horizon, n_reg, 2)),
        deaths=np.empty((horizon, n_reg, 2)),
        migration=np.empty((horizon, n_reg, 2)),
        unrealised=np.zeros((horizon, n_reg, 2)),
    )
    return ctx


def _add_inputs(
    ctx: dict,
    base: np.ndarray,
    schedules: Schedules,
    *,
    codes,
    fertility_level,
    mortality_level,
    migration_weights,
    net_counts,
    in_counts,
    out_rates,
    extra_migration,
    out_rates_deviation,
    deviation_scale,
) -> None:
    """Put the migration inputs and regional levels of :func:`project_arrays` into ``ctx``,
    broadcast to the regions (and years)."""
    n_reg = base.shape[0]
    horizon = schedules.years.size
    if net_counts is None:
        if migration_weights is None:  # totals per region (R, 1, 1): no copy of the stock
            weights = region_weights(region_totals(base)[:, None, None], codes)
        else:
            weights = migration_weights
        # One (R, 2, 101) template: migrants per person of the total; scaled each year.
        ctx["template"] = np.asarray(weights)[:, None, None] * schedules.migration_profile[None]
    else:
        ctx["net"] = _per_year(net_counts, horizon, n_reg, "net_counts")
        ctx["net_zero"] = not np.any(net_counts)
    ctx["in"] = _per_year(in_counts, horizon, n_reg, "in_counts")
    ctx["extra"] = _per_year(extra_migration, horizon, n_reg, "extra_migration")
    if out_rates is not None:
        ctx["out_rates"] = np.broadcast_to(np.asarray(out_rates, float), (n_reg, 2, N_AGES))
        if out_rates_deviation is not None:
            ctx["out_dev"] = np.broadcast_to(
                np.asarray(out_rates_deviation, float), (n_reg, 2, N_AGES)
            )
            ctx["dev_scale"] = np.asarray(deviation_scale, float)
    if fertility_level is not None:
        ctx["fert"] = np.broadcast_to(np.asarray(fertility_level, float), (n_reg,))
    if mortality_level is not None:
        mort = np.asarray(mortality_level, dtype=np.float64)
        ctx["mort"] = np.broadcast_to(mort[:, None] if mort.ndim == 1 else mort, (n_reg, 2))


def region_totals(counts: np.ndarray) -> np.ndarray:
    """Persons per region (R,) of ``counts`` (R, 2, 101), unknown cells (NaN) counted as 0
    (like ``np.nansum``, but without copying the whole stock when nothing is unknown)."""
    totals = counts.sum(axis=(1, 2))
    unknown = np.isnan(totals)
    if unknown.any():
        totals[unknown] = np.nansum(counts[unknown], axis=(1, 2))
    return totals


def prepare(
    base: Population,
    *,
    horizon: int,
    scenario: Scenario | str = "Basis",
    overrides: Mapping[str, object] | None = None,
    assumptions: Assumptions | None = None,
) -> tuple[YearlyParameters, Schedules]:
    """Resolve a scenario for ``base`` and build the yearly schedules.

    The assumptions are dated to the base year first (TFR, mean age at birth, e0 and recent
    migration of ``base.year`` from the shipped series). On hierarchical input the
    population of the top level turns migration rates into persons.
    """
    a = (assumptions or default_assumptions()).dated(base.year)
    sc = get_scenario(scenario, a) if isinstance(scenario, str) else scenario
    if overrides:
        sc = with_overrides(sc, overrides)
    top = top_level(base.codes)
    params = resolve(
        sc,
        start_year=base.year,
        horizon=horizon,
        base_population=float(region_totals(base.counts)[top].sum()),
        assumptions=a,
    )
    return params, build_schedules(params, a)


def project(
    base: Population,
    *,
    horizon: int,
    scenario: Scenario | str = "Basis",
    overrides: Mapping[str, object] | None = None,
    assumptions: Assumptions | None = None,
    levels: LocalLevels | None = None,
    migration_weights: np.ndarray | None = None,
    net_counts: np.ndarray | None = None,
    in_counts: np.ndarray | None = None,
    out_rates: np.ndarray | None = None,
    extra_migration: np.ndarray | None = None,
    internal: InternalMigration | None = None,
    groups: AgeGroups = FUNCTIONAL_GROUPS,
    detail: Literal["single_years", "groups"] = "single_years",
    rates: RateTable | None = None,
) -> ProjectionResult:
    """Project ``base`` (stock at 31.12. of ``base.year``) ``horizon`` years ahead.

    ``scenario`` is a :class:`~demography.scenarios.Scenario` or the name of a named one;
    ``overrides`` are ``--set`` style keys (``tfr``, ``mean_age_at_birth``, ``e0_male``,
    ``e0_female``, ``net_migration``, …). ``levels`` (:class:`demography.smallarea.LocalLevels`)
    carries regional fertility/mortality levels. ``rates`` (:class:`~demography.ratetables.RateTable`)
    replaces the parametric fertility and mortality schedules by the user's own table (then
    ``e0_*`` cannot be set; ``tfr`` rescales the table). Other arguments: see
    :func:`project_arrays`. Regions with unknown (NaN) cells stay NaN; a note says which.
    """
    params, schedules = prepare(
        base, horizon=horizon, scenario=scenario, overrides=overrides, assumptions=assumptions
    )
    if rates is not None:
        if overrides and {"e0_male", "e0_female"} & set(overrides):
            raise ValueError(
                "e0_male/e0_female können nicht zusammen mit einer eigenen Sterbetafel gesetzt werden"
            )
        tfr_path = params.tfr if overrides and "tfr" in overrides else None
        schedules = apply_rate_table(schedules, rates, tfr=tfr_path)
    arrays = project_arrays(
        base.counts,
        schedules,
        fertility_level=None if levels is None else levels.fertility,
        mortality_level=None if levels is None else levels.mortality,
        migration_weights=migration_weights,
        net_counts=net_counts,
        in_counts=in_counts,
        out_rates=out_rates,
        extra_migration=extra_migration,
        internal=internal,
        groups=groups,
        detail=detail,
        codes=base.codes,
    )
    notes = []
    unknown = np.isnan(base.counts).any(axis=(1, 2))
    if unknown.any():
        missing = [c for c, u in zip(base.codes, unknown, strict=True) if u]
        notes.append(
            "Regionen mit unbekannten Werten (NaN) werden nicht vorausberechnet: "
            + ", ".join(missing[:20])
            + (" …" if len(missing) > 20 else "")
        )
    if np.nansum(arrays["unrealised_migration"]) > 0:  # type: ignore[arg-type]
        notes.append(
            "Fortzüge größer als der Bestand wurden auf den Bestand begrenzt "
            "(nicht realisierte Wanderung wird ausgewiesen)."
        )
    return ProjectionResult(
        codes=base.codes,
        names=base.names,
        years=np.arange(base.year, base.year + horizon + 1),
        groups=groups,
        parameters=params,
        notes=tuple(notes),
        **arrays,  # type: ignore[arg-type]
    ).with_intervals()


def example_population(
    n_regions: int, *, year: int = 2023, seed: int = 0, median_size: float = 2000.0
) -> Population:
    """Synthetic Gemeinden for tests and benchmarks (not real data).

    Sizes are log-normal around ``median_size`` (like German Gemeinden: many small, few
    large); the age structure is a German-like pyramid (baby-boomer bulge at 55–65, small
    birth cohorts) with random regional ageing and noise. Reproducible for a given ``seed``.
    """
    rng = np.random.default_rng(seed)
    ages = np.arange(N_AGES, dtype=np.float64)
    # Stationary-population decline with age plus a bulge of the 1955–1970 cohorts.
    pyramid = np.exp(-((np.maximum(ages - 60.0, 0.0) / 22.0) ** 3))
    pyramid *= 0.85 + 0.35 * np.exp(-(((ages - 60.0) / 8.0) ** 2))
    pyramid *= np.where(ages < 20, 0.85, 1.0)
    pyramid /= pyramid.sum()
    sizes = np.exp(rng.normal(np.log(median_size), 1.3, n_regions))
    tilt = rng.normal(0.0, 0.006, n_regions)  # >0: older population
    shape = pyramid[None, :] * np.exp(tilt[:, None] * (ages[None, :] - 45.0))
    shape *= rng.lognormal(0.0, 0.08, (n_regions, N_AGES))
    shape /= shape.sum(axis=1, keepdims=True)
    female_share = np.clip(0.5 + 0.08 * (ages - 60.0) / 40.0, 0.47, 0.72)
    counts = np.empty((n_regions, 2, N_AGES))
    counts[:, 0] = sizes[:, None] * shape * (1.0 - female_share)
    counts[:, 1] = sizes[:, None] * shape * female_share
    counts = np.round(counts)
    codes = tuple(f"{i:08d}" for i in range(n_regions))
    names = tuple(f"Beispielgemeinde {i}" for i in range(n_regions))
    return Population(codes=codes, names=names, year=year, counts=counts, source="synthetisch")
