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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from demography.assumptions import Assumptions, default_assumptions
from demography.core import N_AGES, Population
from demography.fertility import FERTILE_MAX, FERTILE_MIN, asfr, boys_share
from demography.lifetable import life_table, mortality_for_e0, survival_ratios
from demography.migration import region_weights
from demography.planning import FUNCTIONAL_GROUPS, AgeGroups
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

F0, F1 = FERTILE_MIN, FERTILE_MAX + 1


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
    """Turn yearly scenario parameters into fertility and survival schedules."""
    rates = asfr(params.tfr, params.mean_age_at_birth, params.sd_age_at_birth)
    h = params.years.size
    survival = np.empty((h, 2, N_AGES))
    birth_survival = np.empty((h, 2))
    for sex in (0, 1):
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
    * ``group_counts`` (H+1, R, 2, G) persons in ``groups``.
    * ``by_sex`` (H+1, R, 2) persons by sex.
    * ``births``, ``deaths``, ``net_migration`` (realised), ``unrealised_migration``
      (H, R, 2): components of the year ending at ``years[t+1]``; births by sex of the child.
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    years: np.ndarray
    counts: np.ndarray | None
    group_counts: np.ndarray
    groups: AgeGroups
    by_sex: np.ndarray
    births: np.ndarray
    deaths: np.ndarray
    net_migration: np.ndarray
    unrealised_migration: np.ndarray
    parameters: YearlyParameters | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def totals(self) -> np.ndarray:
        """Total population (H+1, R)."""
        return self.by_sex.sum(axis=-1)

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
            group_counts=self.group_counts[:, sl],
            groups=self.groups,
            by_sex=self.by_sex[:, sl],
            births=self.births[:, sl],
            deaths=self.deaths[:, sl],
            net_migration=self.net_migration[:, sl],
            unrealised_migration=self.unrealised_migration[:, sl],
            parameters=self.parameters,
            notes=self.notes,
        )


def _per_year(value: np.ndarray | None, horizon: int, name: str) -> np.ndarray | None:
    """Broadcast an optional migration input to one array per year (H, ...)."""
    if value is None:
        return None
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 3 or arr.ndim == 2:
        return np.broadcast_to(arr, (horizon, *arr.shape))
    if arr.ndim == 4 and arr.shape[0] >= horizon:
        return arr[:horizon]
    raise ValueError(f"{name}: unerwartete Form {arr.shape}")


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
) -> dict[str, np.ndarray | None]:
    """Vectorised projection kernel on plain arrays (see module docstring).

    ``counts`` (R, 2, 101) base stock. Regional levels: ``fertility_level`` (R,) multiplies
    the rates; ``mortality_level`` (R,) or (R, 2) is the hazard ratio (survival ``s^k``).
    Migration: the scenario total ``schedules.net_migration[t]`` is distributed with
    ``migration_weights`` (R,; default population shares) and the profile – unless
    ``net_counts`` (R, 2, 101) or (H, R, 2, 101) replaces it. ``in_counts`` (persons) and
    ``extra_migration`` (persons, e.g. housing) are added; ``out_rates`` (per person, shape
    (2, 101) or (R, 2, 101)) remove a share of the survivors; ``internal`` moves persons
    between the regions. Returns a dict with the arrays of :class:`ProjectionResult`.
    """
    base = np.asarray(counts, dtype=np.float64)
    n_reg = base.shape[0]
    horizon = schedules.years.size
    n_groups = len(groups.bounds)

    keep_all = detail == "single_years"
    if keep_all:
        out = np.empty((horizon + 1, n_reg, 2, N_AGES))
        out[0] = base
    else:
        roll = np.empty((2, n_reg, 2, N_AGES))
        roll[0] = base
    group_counts = np.empty((horizon + 1, n_reg, 2, n_groups))
    by_sex = np.empty((horizon + 1, n_reg, 2))
    group_counts[0] = groups.aggregate(base)
    by_sex[0] = base.sum(axis=2)
    births = np.empty((horizon, n_reg, 2))
    deaths = np.empty((horizon, n_reg, 2))
    migration = np.empty((horizon, n_reg, 2))
    unrealised = np.zeros((horizon, n_reg, 2))

    if net_counts is None:
        weights = region_weights(base) if migration_weights is None else migration_weights
        # One (R, 2, 101) template: migrants per person of national total; scaled each year.
        template = weights[:, None, None] * schedules.migration_profile[None]
        net_per_year = None
    else:
        template = None
        net_per_year = _per_year(net_counts, horizon, "net_counts")
    in_per_year = _per_year(in_counts, horizon, "in_counts")
    extra_per_year = _per_year(extra_migration, horizon, "extra_migration")
    out_rates_arr = None if out_rates is None else np.asarray(out_rates, dtype=np.float64)

    fert = None if fertility_level is None else np.asarray(fertility_level, dtype=np.float64)
    mort = None
    if mortality_level is not None:
        mort = np.asarray(mortality_level, dtype=np.float64)
        mort = np.broadcast_to(mort[:, None] if mort.ndim == 1 else mort, (n_reg, 2))
        surv_buf = np.empty((n_reg, 2, N_AGES))
    mig = np.empty((n_reg, 2, N_AGES))
    boys = schedules.boys_share
    sex_split = np.array([boys, 1.0 - boys])

    for t in range(horizon):
        if keep_all:
            prev, new = out[t], out[t + 1]
        else:
            prev, new = roll[t % 2], roll[(t + 1) % 2]
        s_nat = schedules.survival[t]
        if mort is None:
            surv = s_nat  # (2, 101), broadcasts over regions
            s_birth = schedules.birth_survival[t]  # (2,)
        else:
            # Proportional hazards: s_region = s_nat ** k = exp(k · log s_nat).
            with np.errstate(divide="ignore"):
                log_s = np.log(s_nat)
            np.multiply(mort[:, :, None], log_s[None], out=surv_buf)
            np.exp(surv_buf, out=surv_buf)
            surv = surv_buf
            s_birth = schedules.birth_survival[t][None, :] ** mort  # (R, 2)

        # 1. survival of everybody alive at the start of the year
        np.multiply(prev[:, :, :99], surv[..., :99], out=new[:, :, 1:100])
        new[:, :, 100] = (prev[:, :, 99] + prev[:, :, 100]) * surv[..., 99]
        start_by_sex = by_sex[t]
        survived = new[:, :, 1:].sum(axis=2)

        # 2. births from mean exposure of women 15–49
        exposure = prev[:, 1, F0:F1] + new[:, 1, F0:F1]
        total_births = (exposure @ schedules.asfr[t]) * 0.5
        if fert is not None:
            total_births *= fert
        b = total_births[:, None] * sex_split[None, :]
        births[t] = b
        new[:, :, 0] = b * s_birth

        # 3. deaths = start stock + births − survivors at year end
        deaths[t] = start_by_sex - survived + b - new[:, :, 0]

        # 4. net migration
        if template is not None:
            np.multiply(template, schedules.net_migration[t], out=mig)
        else:
            mig[...] = net_per_year[t]  # type: ignore[index]
        if in_per_year is not None:
            mig += in_per_year[t]
        if extra_per_year is not None:
            mig += extra_per_year[t]
        if out_rates_arr is not None:
            mig -= out_rates_arr * new
        if internal is not None:
            mig += internal.net_moves(new)
        new += mig
        planned = mig.sum(axis=2)

        # 5. no negatives: cap out-migration at the persons present
        if np.fmin.reduce(new, axis=None) < 0:
            neg = np.minimum(new, 0.0)
            excess = -neg.sum(axis=2)
            new -= neg
            unrealised[t] = excess
            migration[t] = planned + excess
        else:
            migration[t] = planned
        by_sex[t + 1] = new.sum(axis=2)
        group_counts[t + 1] = groups.aggregate(new)

    return {
        "counts": out if keep_all else None,
        "group_counts": group_counts,
        "by_sex": by_sex,
        "births": births,
        "deaths": deaths,
        "net_migration": migration,
        "unrealised_migration": unrealised,
    }


def prepare(
    base: Population,
    *,
    horizon: int,
    scenario: Scenario | str = "Basis",
    overrides: Mapping[str, object] | None = None,
    assumptions: Assumptions | None = None,
) -> tuple[YearlyParameters, Schedules]:
    """Resolve a scenario for ``base`` and build the yearly schedules."""
    a = assumptions or default_assumptions()
    sc = get_scenario(scenario, a) if isinstance(scenario, str) else scenario
    if overrides:
        sc = with_overrides(sc, overrides)
    params = resolve(
        sc,
        start_year=base.year,
        horizon=horizon,
        base_population=float(np.nansum(base.counts)),
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
) -> ProjectionResult:
    """Project ``base`` (stock at 31.12. of ``base.year``) ``horizon`` years ahead.

    ``scenario`` is a :class:`~demography.scenarios.Scenario` or the name of a named one;
    ``overrides`` are ``--set`` style keys (``tfr``, ``mean_age_at_birth``, ``e0_male``,
    ``e0_female``, ``net_migration``, …). ``levels`` (:class:`demography.smallarea.LocalLevels`)
    carries regional fertility/mortality levels. Other arguments: see :func:`project_arrays`.
    Regions with unknown (NaN) cells stay NaN; a note says which.
    """
    params, schedules = prepare(
        base, horizon=horizon, scenario=scenario, overrides=overrides, assumptions=assumptions
    )
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
    )


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
