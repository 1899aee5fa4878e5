"""Projection from the history of grouped stocks (several Stichtage of the same regions).

Aussage
    Population by region, sex and single year of age for the years after the last
    Stichtag, using what the earlier Stichtage say about each region: which cohorts are
    large or small, and how many people moved in or out at which age.
Berechnung (plain arrays; regions R, sexes 2, age groups G)
    1. **Cohort-consistent split.** The earlier stock ``P1`` (date ``y1``) is split into
       single years within its groups in proportion to Germany's single-year structure of
       that date (:func:`national_shape`: Destatis 12411-0013, cohorts shifted to the
       date), so national cohort irregularities (e.g. the small birth cohorts of 1945–46)
       show. ``P1`` is then aged forward to the base date ``y2`` as a closed population
       (national schedules, no migration; fractional intervals such as Zensus 09.05.2011
       → 31.12.2015 interpolate between whole years). The base stock ``P2`` is split
       within its groups in proportion to this aged stock ``E``: a Gemeinde whose 60–64
       group was small five years ago gets few 65–69-year-olds in its "65 bis unter 75".
    2. **Residual net migration by age** (Restmethode): per group
       ``M_g = P2_g − E_g`` over ``n = y2 − y1`` years, rate ``r_g = M_g / X_g`` with the
       person-years ``X_g = n · (P2_g + E_g)/2``. The cohorts of group g moved through the
       ages ``[lower_g − n, upper_g)``; the rate is applied to the ages ``a`` with
       ``a + n/2`` in g (age at mid-interval). For the groups born within the interval
       the residual is the local fertility level instead: children born within the
       interval, observed / expected with national rates applied to the women actually
       present (mean of both Stichtage by age, :data:`FERTILITY_EXPOSURE`; women who
       moved away do not lower the level of those who stayed) (shrunk like the rates; it also
       holds the moves of small children, as Hamilton–Perry's child–woman ratio does).
    3. **Shrinkage** towards the Kreis and the Land: regions of the same Kreis (first 5
       digits of the AGS) and Land (first 2) in the input form the prior;
       ``r_i = (M_i + k·r_Kreis)/(X_i + k)``, ``r_Kreis`` itself shrunk towards the Land.
       ``k`` (person-years) per age group by the method of moments:
       ``E[(r_i − r_Kreis)²] = τ² + σ²/X_i`` fitted across regions, ``k = σ²/τ²`` – a
       Gemeinde with few person-years keeps little of its own signal.
    4. **Persistence, damping, combination.** Only
       :data:`~demography.history_shrink.PERSISTENCE` (0.3, measured on all Gemeinden) of
       a Gemeinde's shrunk deviation from its Kreis rate is carried on; of the resulting
       deviation from the rate of the whole input :data:`LOCAL_WEIGHT` is carried on,
       fading with a half-life of :data:`HALF_LIFE` years. The input-wide rate is combined
       with the rate that brings the whole input back to its base total at the horizon
       (:func:`migration_rates`, :func:`constant_rate`) with a weight by the size of the
       input's leaf total (default, :data:`TREND_BY_SIZE`, :func:`top_trend_weight`: 0 up to
       100,000 persons – a single place stays –, 1 from 10 million, log-linear between;
       ``trend_weight=0`` for the old :data:`TREND_WEIGHT` = 0 everywhere); each
       region keeps its own natural change in full. Optionally the input-wide age
       pattern of migration is added as zero-sum counts (:func:`pattern_counts`,
       :data:`PATTERN_WEIGHT`, 0 by cross-validation). Stichtage on different population
       bases (31.12.2010 and 31.12.2015): only the age pattern of migration is used, not
       its level (:func:`basis_break`). A migration table (Zu- und Fortzüge nach
       Altersgruppen, ``migration_table=``) gives the regions it covers the age profile
       of their migration instead of the common rate's flat one – Zuzüge as persons,
       Fortzüge as rates, the level of the first year unchanged
       (:mod:`demography.migration_table`).
    5. **Projection** with the cohort-component kernel
       (:func:`demography.projection.project_arrays`): national fertility and mortality of
       the base year (dated assumptions), net migration as the rates above (applied to the
       stock after survival), no additional scenario migration.
    Consistency with the Kreis: Gemeinden of one Kreis share the Kreis rate as their prior
    and the same national schedules. On hierarchical input (Land, Kreis and Gemeinde rows)
    every Kreis and Land row of the result is the sum of its Gemeinden and Kreise in every
    year, sex and age (:mod:`demography.consistency`, ``aggregates="sum"``; measured
    against raking the Gemeinden to the Kreis rows in docs/demography-projection.md,
    "Konsistenz Gemeinden – Kreis").
Quelle
    Residual method and cohort-change ratios: Hamilton, C. H., Perry, J. (1962), Social
    Forces 41; Smith, S. K., Tayman, J., Swanson, D. A. (2013): A Practitioner's Guide to
    State and Local Population Projections, ch. 6–8. Shrinkage: Clayton & Kaldor (1987).
Einheit
    Persons; rates per person and year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from demography.core import N_AGES, Population
from demography.history_shrink import (
    leaves,
    region_hierarchy,
    shrink,
    shrink_columns,
)
from demography.history_split import (
    age_closed,
    group_sums,
    national_shape,
    split_groups,
)

#: Half-life (years) of a region's deviation from the input-wide migration rate.
HALF_LIFE = 20.0
#: Largest yearly net migration (share of the population) read as migration; beyond it a
#: change of totals is a change of territory (Gemeinde mergers) and that year is left out.
MAX_YEARLY_CHANGE = 0.2
#: Weight of the input-wide migration trend against "the input as a whole stays as it
#: is" (forecast combination, Bates & Granger 1969; :func:`migration_rates`): the common
#: rate is ``w · (input-wide rate from the history) + (1 − w) · (rate that offsets the
#: input's natural change)``. With :data:`LOCAL_WEIGHT` chosen by rolling-origin
#: cross-validation over Kreise, Gemeinden, Konstanz (5 and 10 years) and Reilingen (5
#: and 10 years) (bench/backtest_gemeinden.py --cv; docs/demography-projection.md,
#: "Genauigkeit"): the single places want no trend at all, the Kreise much. Used only
#: with :data:`TREND_BY_SIZE` False (the default until 08.12.2026); since then the
#: default weight follows the size of the input (:data:`TREND_SIZE`).
TREND_WEIGHT = 0.0
#: Weight of a region's shrunk deviation from the input-wide migration rate (Kreis and
#: Gemeinde part) that is carried on; chosen with :data:`TREND_WEIGHT`.
LOCAL_WEIGHT = 0.7
#: Weight of the input-wide *age pattern* of migration (the history's rates by age,
#: :func:`pattern_counts`), applied even where the level of migration is "constant"
#: (w = 0): the region's net migration as before, distributed by age (young adults in or
#: out …). Leave-one-place-out cross-validation on the age errors together with
#: :data:`FERTILITY_EXPOSURE` (bench/backtest_gemeinden.py --cv-pattern; Kreise, Konstanz
#: and Reilingen at 5 and 10 years): in sample 0.25 (mean relative age MAPE 0.919 against
#: 0.929 with 0), but it makes Konstanz' totals worse than "constant" (2.86 vs 2.81 % at 5
#: years, 4.39 vs 4.32 % at 10) – so the default is 0.
PATTERN_WEIGHT = 0.0
#: Trend weight of the input's *top aggregate* by its size (Smith, Tayman & Swanson 2013,
#: ch. 13: the growth of large populations persists far more than that of single places;
#: a Land's trend is mostly national and international migration): ``(T0, T1)`` persons
#: in the input's leaf regions at the base – w = 0 up to T0, 1 from T1, linear in log10
#: of the size between (:func:`top_trend_weight`). Only the common rate of the whole
#: input gets w; each region's own deviation keeps β and the persistence as before.
#: (100 000, 10 million) chosen by leave-one-data-set / leave-one-Land-out
#: cross-validation (bench/trend_size_cv.py; docs "Genauigkeit", 08.12.2026): out of
#: sample Kreise 0.348 → 0.312 %, Gemeinden 2015 → 2023 5.14 → 4.00 % (constant 4.73),
#: single places unchanged, Gemeinden 2011 → 2015 3.32 → 3.37 % (constant 3.60); but the
#: ages 6–9 of the Kreise 1.62 → 2.13 % and 0–2/6–9 of the Gemeinden slightly worse, and
#: the rolling origin (time-disjoint) gives the Kreise no gain. The default since
#: 08.12.2026 (decision on the accuracy criteria of issue 15: totals against constant,
#: linear and Hamilton–Perry, 65–74/75+ against Hamilton–Perry, all better or unchanged
#: out of sample); ``trend_weight=0`` (CLI ``--trend-weight 0``) gives the old w = 0.
TREND_SIZE = (100_000.0, 10_000_000.0)
#: Whether the default (``trend_weight=None``) uses :data:`TREND_SIZE`; False: every input
#: gets :data:`TREND_WEIGHT`.
TREND_BY_SIZE = True


def top_trend_weight(size: float, trend_size: tuple[float, float] = TREND_SIZE) -> float:
    """Trend weight w for an input whose leaf regions hold ``size`` persons at the base:
    0 up to ``trend_size[0]``, 1 from ``trend_size[1]``, linear in log10(size) between
    (a step when both are equal)."""
    lo, hi = (float(x) for x in trend_size)
    if size <= lo:
        return 0.0
    if size >= hi:
        return 1.0
    return float(np.log10(size / lo) / np.log10(hi / lo))


def resolve_trend_weight(
    trend_weight: float | str | None, size: float, trend_size: tuple[float, float] | None = None
) -> float:
    """The trend weight actually used: a number as given; ``"size"`` (or ``None`` with
    :data:`TREND_BY_SIZE`, or a ``trend_size``) by the size of the top aggregate
    (:func:`top_trend_weight`); else :data:`TREND_WEIGHT`."""
    if trend_weight is not None and trend_weight != "size":
        return float(trend_weight)
    if trend_weight == "size" or trend_size is not None or TREND_BY_SIZE:
        return top_trend_weight(size, TREND_SIZE if trend_size is None else trend_size)
    return TREND_WEIGHT


def trend_note(
    trend_weight: float | str | None,
    weight: float,
    size: float,
    trend_size: tuple[float, float] | None = None,
) -> str:
    """German note naming the trend weight ``weight`` actually used and how it was chosen
    (``trend_weight`` as given; ``size`` persons in the input's leaf regions)."""

    def de(x: float, fmt: str) -> str:
        return format(x, fmt).replace(",", " ").replace(".", ",")

    w = de(weight, ".2f")
    if trend_weight is not None and trend_weight != "size":
        return f"Trendgewicht der ganzen Eingabe {w} (vorgegeben)."
    if trend_weight == "size" or trend_size is not None or TREND_BY_SIZE:
        lo, hi = TREND_SIZE if trend_size is None else trend_size
        return (
            f"Trendgewicht der ganzen Eingabe {w} nach ihrer Größe ({de(size, ',.0f')} "
            f"Einwohner; 0 bis {de(lo, ',.0f')}, 1 ab {de(hi, ',.0f')}, dazwischen nach dem "
            "Logarithmus; Trendgewicht 0 = die ganze Eingabe bleibt bei ihrer Zahl)."
        )
    return f"Trendgewicht der ganzen Eingabe {w} (Standard)."


@dataclass(frozen=True)
class GroupedStock:
    """Persons by region × sex × age group at one date.

    ``year`` as a decimal year in the convention of :class:`~demography.core.Population`:
    31.12.Y is ``Y``; a Zensus date 09.05.2011 is ``2010.35``. ``lowers`` are the lower
    bounds of the groups (the last group is open); ``counts`` (R, 2, G). ``basis``: the
    population basis (:mod:`demography.readers.basis`), None when unknown.
    """

    year: float
    lowers: tuple[int, ...]
    counts: np.ndarray
    basis: str | None = None


def basis_break(earlier: GroupedStock, base: GroupedStock) -> bool:
    """True when the two stocks stand on different population bases (e.g. 31.12.2010 on
    the old basis and 31.12.2015 on the Zensus 2011 basis): then the change between them
    holds the census correction, not only migration. The Zensus 2011 count and the
    Fortschreibung from it are one basis; unknown bases count as the same."""

    def family(b: str | None) -> str | None:
        return "zensus2011" if b == "zensus2011_count" else b

    a, b = family(earlier.basis), family(base.basis)
    return a is not None and b is not None and a != b


@dataclass(frozen=True)
class HistoryFit:
    """What the history says per region (arrays over R regions, 2 sexes, 101 ages)."""

    base: np.ndarray  # (R, 2, 101) base stock in single years
    rates: np.ndarray  # (R, 2, 101) shrunk net migration rates per person-year
    fertility: np.ndarray  # (R,) local fertility level (children born in the interval)
    top_rate: np.ndarray  # (2, 101) input-wide rate
    prior_strength: np.ndarray  # (G,) k per base group (person-years)
    interval: float
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: (R,) yearly net migration rate that would offset the region's natural change
    #: (closed projection of the earlier stock over the interval); 0 where unknown
    balance_rate: np.ndarray | None = None
    #: the same for the whole input (leaf regions, weighted by their earlier population)
    balance_top: float = 0.0
    #: the stocks stand on different population bases: the level of the residual is
    #: the census correction, so only the age pattern of migration is used
    basis_break: bool = False


def fit_history(earlier: GroupedStock, base: GroupedStock, codes: Sequence[str]) -> HistoryFit:
    """Split the base stock cohort-consistently and estimate shrunk migration rates."""
    n = float(base.year - earlier.year)
    if len(codes) != base.counts.shape[0] or earlier.counts.shape[0] != base.counts.shape[0]:
        raise ValueError("Regionen der Stichtage und Regionsschlüssel passen nicht zusammen")
    if n <= 0:
        raise ValueError("Die Stichtage müssen zeitlich aufsteigend sein")
    known = np.isfinite(earlier.counts).all(axis=(1, 2)) & np.isfinite(base.counts).all(axis=(1, 2))
    c1 = np.where(known[:, None, None], earlier.counts, 0.0)
    p1 = split_groups(c1, earlier.lowers, national_shape(earlier.year))
    aged = age_closed(p1, n, int(np.floor(earlier.year)))
    # base split: in proportion to the aged earlier stock; where that is empty (new
    # cohorts in a tiny place) the national structure of the base date
    nat = national_shape(base.year)
    reference = aged + 1e-6 * nat[None] / nat.sum(axis=1, keepdims=True)[None]
    single = split_groups(base.counts, base.lowers, reference)
    expected = group_sums(aged, base.lowers)
    residual = np.where(known[:, None, None], base.counts - expected, 0.0)
    exposure = np.where(known[:, None, None], n * 0.5 * (base.counts + expected), 0.0)
    leaf = leaves(codes)
    broken = basis_break(earlier, base)
    if broken:
        residual = _without_level(residual, exposure, base.lowers, n)
    hierarchy = region_hierarchy(codes)
    below_kreis = np.array([len(c) > 5 for c in codes])
    n_groups = len(base.lowers)
    n_reg = base.counts.shape[0]
    r, top, k = shrink_columns(
        residual.reshape(n_reg, -1), exposure.reshape(n_reg, -1), hierarchy, leaf, below_kreis
    )
    rates_g = r.reshape(base.counts.shape)
    top_g = top.reshape(base.counts.shape[1:])
    ks = k.reshape(2, n_groups)[1]
    # Local fertility (with the moves of small children, like Hamilton–Perry's
    # child–woman ratio): children born within the interval, observed / expected.
    young = max(1, int(np.floor(n)))
    kids_obs = np.where(known, single[:, :, :young].sum(axis=(1, 2)), 0.0)
    kids_exp = np.where(known, aged[:, :, :young].sum(axis=(1, 2)), 0.0)
    if FERTILITY_EXPOSURE == "present":
        kids_exp = kids_exp * _present_women_ratio(p1, single, aged, int(np.floor(earlier.year)))
    fert_rate, _, _ = shrink(kids_obs - kids_exp, kids_exp, hierarchy, leaf)
    fertility = np.clip(1.0 + fert_rate, 0.2, 3.0)
    # natural growth of the closed population over the interval (national schedules,
    # local fertility): the migration that keeps the population constant offsets it
    p1_total, aged_total = p1.sum(axis=(1, 2)), aged.sum(axis=(1, 2))
    kids = np.where(known, aged[:, :, :young].sum(axis=(1, 2)), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        natural = np.where(
            known & (p1_total > 0), (aged_total + (fertility - 1.0) * kids) / p1_total, 1.0
        )
    balance = np.expm1(-np.log(np.maximum(natural, 1e-6)) / n)
    weight = np.where(known & leaf, p1_total, 0.0)
    balance_top = float((balance * weight).sum() / max(weight.sum(), 1e-9))
    # A group's residual belongs to the cohorts that passed through ages
    # [lower − n, upper) during the interval. Yearly rates by age ρ(a) are chosen so that
    # over the n years of each cohort they add up to the group's log change (n · r_g),
    # with a small smoothness penalty: ρ = P · (n r), P from :func:`_rate_operator`.
    op, used = _rate_operator(tuple(base.lowers), round(n, 4), round(base.year))
    rates = np.expm1((n * rates_g[..., used]) @ op.T)
    top = np.expm1((n * top_g[..., used]) @ op.T)
    return HistoryFit(
        base=single,
        rates=rates,
        fertility=fertility,
        top_rate=top,
        prior_strength=ks,
        interval=n,
        balance_rate=balance,
        balance_top=balance_top,
        basis_break=broken,
        notes=(
            ()
            if known.all()
            else (f"{int((~known).sum())} Regionen ohne früheren Stand: Wanderung wie Kreis/Land",)
        )
        + (
            (
                f"Basiswechsel zwischen den Stichtagen ({earlier.basis} → {base.basis}): "
                "nur das Altersmuster der Wanderung wird genutzt, ihr Niveau nicht",
            )
            if broken
            else ()
        ),
    )


#: Women behind the expected births of the history interval: "closed" – the earlier
#: stock aged without migration; "present" – the women actually there (mean of the
#: earlier and the base stock by age), so that the level is a level of fertility, not of
#: the women who moved away.
FERTILITY_EXPOSURE = "present"


def _present_women_ratio(p1, base, aged, year: int) -> np.ndarray:
    """(R,) births expected from the women present / from the closed stock (national ASFR
    of ``year``; mean of the stocks at the start and the end of the interval by age)."""
    asfr = _asfr(year)
    present = 0.5 * (p1[:, 1, 15:50] + base[:, 1, 15:50]) @ asfr
    closed = 0.5 * (p1[:, 1, 15:50] + aged[:, 1, 15:50]) @ asfr
    return np.where(closed > 0, present / np.maximum(closed, 1e-12), 1.0)


@lru_cache(maxsize=8)
def _asfr(year: int) -> np.ndarray:
    from demography.projection import prepare

    shape = national_shape(year)
    pop = Population(codes=("DG",), names=("",), year=year, counts=shape[None])
    _, sch = prepare(pop, horizon=1, overrides={"net_migration": 0})
    return np.asarray(sch.asfr[0], dtype=np.float64).reshape(-1)[-35:]


def _without_level(
    residual: np.ndarray, exposure: np.ndarray, lowers: Sequence[int], n: float
) -> np.ndarray:
    """Residuals (R, 2, G) minus each region's all-age mean rate times the exposure: the
    age pattern of migration stays, its level (here mixed with a census correction) is 0.
    Groups born within the interval (lower < n) are left as they are."""
    used = np.asarray(lowers, dtype=float) >= n
    m = np.where(used, residual, 0.0).sum(axis=(1, 2))
    x = np.where(used, exposure, 0.0).sum(axis=(1, 2))
    level = np.where(x > 0, m / np.where(x > 0, x, 1.0), 0.0)
    return np.where(used, residual - level[:, None, None] * exposure, residual)


#: Smoothness penalty of the age profile of the yearly rates (first differences).
SMOOTHING = 0.5


@lru_cache(maxsize=16)
def _rate_operator(lowers: tuple[int, ...], n: float, year: int) -> tuple[np.ndarray, np.ndarray]:
    """Linear map from group log changes to yearly rates by age (101 × G_used).

    Row g of the design: the mean over the ages x of group g (weighted with Germany's
    population of that age at the base date, so that a wide open group such as 75+ is
    matched where its people are) of the indicator of the
    year-end ages ``x − ⌈n⌉ + 1 … x`` the cohort passed (the oldest with weight
    ``n − ⌊n⌋`` for fractional n). Groups with ``lower < n`` (born within the interval)
    are left out and the rates of ages below n are 0 (their change is the fertility
    level). Least squares with penalty ``SMOOTHING · ‖Δρ‖²``.
    """
    whole = int(np.ceil(n - 1e-9))
    frac = n - (whole - 1)
    bounds = [*lowers[1:], N_AGES]
    used = [g for g, lo in enumerate(lowers) if lo >= n]
    design = np.zeros((len(used), N_AGES))
    weight = national_shape(year).sum(axis=0)
    for row, g in enumerate(used):
        ages = range(lowers[g], min(bounds[g], N_AGES))
        total = sum(weight[x] for x in ages)
        for x in ages:
            for j in range(whole):
                a = x - j
                if a >= 0:
                    design[row, a] += (frac if j == whole - 1 else 1.0) * weight[x] / total
    # children younger than n: their moves are in the fertility level, so their rates are
    # fixed at 0 (otherwise the moves of small children would count twice)
    free = np.arange(N_AGES) >= int(np.floor(n))
    d = design[:, free]
    diff = np.diff(np.eye(int(free.sum())), axis=0)
    lhs = d.T @ d + SMOOTHING * diff.T @ diff + 1e-9 * np.eye(int(free.sum()))
    op = np.zeros((N_AGES, len(used)))
    op[free] = np.linalg.solve(lhs, d.T)
    return op, np.asarray(used)


def damping(horizon: int, half_life: float = HALF_LIFE) -> np.ndarray:
    """Weight of the local deviation in projection year t = 1 … H (mid-year)."""
    t = np.arange(horizon, dtype=np.float64) + 0.5
    return 0.5 ** (t / half_life)


def project_history(
    stocks: Sequence[GroupedStock],
    *,
    codes: Sequence[str],
    names: Sequence[str] | None = None,
    horizon: int,
    base_year: int | None = None,
    scenario: str = "Basis",
    overrides: Mapping[str, object] | None = None,
    detail: str = "single_years",
    half_life: float = HALF_LIFE,
    assumptions=None,
    trend_weight: float | str | None = None,
    local_weight: float | None = None,
    pattern_weight: float | None = None,
    migration_table=None,
    aggregates: str = "sum",
    trend_size: tuple[float, float] | None = None,
):
    """Project from the last of ``stocks`` using the earlier ones (see module docstring).

    Returns ``(ProjectionResult, HistoryFit)``. With a single stock there is no history:
    the base is split by the national structure and migration is the scenario's. A
    user-set ``net_migration`` (or rate) replaces the migration from the history: then the
    history still gives the cohort-consistent split and the local fertility level.
    ``migration_table`` (:class:`~demography.migration_table.MigrationTable`): the regions
    it covers get its age profile of migration (:mod:`demography.migration_table`; level
    unchanged); not used with a single stock or a user-set migration (a note says so).
    ``trend_weight``: a number, or ``"size"`` (``trend_size`` given: the same) for the
    weight by the size of the input's leaf total (:func:`resolve_trend_weight`).
    ``aggregates``: on hierarchical input every Kreis/Land row is the sum of its
    Gemeinden/Kreise (``"sum"``), they are raked to it (``"rake"``) or each row stays
    on its own (``"own"``) (:mod:`demography.consistency`).
    """
    from demography.consistency import make_consistent
    from demography.projection import ProjectionResult, prepare, project_arrays

    stocks = sorted(stocks, key=lambda s: s.year)
    last = stocks[-1]
    year = round(last.year) if base_year is None else base_year
    names = tuple(names) if names is not None else tuple(codes)
    codes = tuple(codes)
    if len(stocks) == 1:
        single = split_groups(last.counts, last.lowers, national_shape(last.year))
        pop = Population(codes=codes, names=names, year=year, counts=single)
        from demography.projection import project

        res = project(
            pop, horizon=horizon, scenario=scenario, overrides=overrides, assumptions=assumptions
        )
        if migration_table is not None:
            res = _with_notes(res, (TABLE_UNUSED,))
        return make_consistent(res, aggregates), None
    earlier = _earlier_stock(stocks)
    fit = fit_history(earlier, last, codes)
    size = float(np.nan_to_num(fit.base[leaves(codes)]).sum())
    weight_note = trend_note(
        trend_weight, resolve_trend_weight(trend_weight, size, trend_size), size, trend_size
    )
    trend_weight = resolve_trend_weight(trend_weight, size, trend_size)
    pop = Population(codes=codes, names=names, year=year, counts=fit.base)
    ov = dict(overrides or {})
    own_migration = not ({"net_migration", "net_migration_rate"} & set(ov))
    if own_migration:
        ov["net_migration"] = 0
    params, sch = prepare(
        pop, horizon=horizon, scenario=scenario, overrides=ov, assumptions=assumptions
    )
    migration = {}
    table_notes: tuple[str, ...] = ()
    if own_migration:
        stay = constant_rate(fit.base, sch, leaves(codes), fertility=fit.fertility)
        profile = None
        if migration_table is not None:
            from demography.migration_table import migration_profile, profile_note

            profile = migration_profile(
                migration_table,
                codes,
                fit.base,
                int(np.floor(fit.interval)),
                np.asarray(sch.survival[0]),
            )
            table_notes = (profile_note(profile),)
        migration = _trend_migration(
            fit, horizon, half_life, trend_weight, local_weight, stay, pattern_weight, profile
        )
    elif migration_table is not None:
        table_notes = (TABLE_UNUSED,)
    arrays = project_arrays(
        fit.base,
        sch,
        codes=codes,
        detail=detail,  # type: ignore[arg-type]
        fertility_level=fit.fertility,
        **migration,
    )
    from demography.planning import FUNCTIONAL_GROUPS

    result = ProjectionResult(
        codes=codes,
        names=names,
        years=np.arange(year, year + horizon + 1),
        groups=FUNCTIONAL_GROUPS,
        parameters=params,
        notes=(
            f"Vorausberechnung aus {len(stocks)} Stichtagen: Wanderung je Alter aus der "
            f"Bestandsentwicklung {earlier.year:g}–{last.year:g} (Restmethode), zum Kreis "
            "und Land hin geschrumpft; die Eingabe als Ganzes mit Trendgewicht "
            f"{trend_weight:.2g} zwischen „Bestand "
            "bleibt“ und Trend, die Abweichung jeder Region mit Gewicht "
            f"{LOCAL_WEIGHT if local_weight is None else local_weight:g} und Halbwertszeit "
            f"{half_life:g} Jahre; jede Region behält ihre natürliche Bilanz.",
            weight_note,
            *fit.notes,
            *table_notes,
        ),
        **arrays,  # type: ignore[arg-type]
    ).with_intervals()
    return make_consistent(result, aggregates), fit


#: Note when a migration table is given but the migration does not come from the history.
TABLE_UNUSED = (
    "Wanderungstabelle nicht genutzt: ihr Altersprofil gilt nur für die Wanderung aus der "
    "Vergangenheit (zwei Stichtage oder ein Stichtag mit Summen), nicht für einen "
    "Szenario- oder eigenen Saldo."
)


def _with_notes(result, notes: tuple[str, ...]):
    import dataclasses

    return dataclasses.replace(result, notes=(*result.notes, *notes))


def _earlier_stock(stocks: Sequence[GroupedStock]) -> GroupedStock:
    """The earliest stock at least 3 years before the base, else the one before the base."""
    last = stocks[-1]
    earlier = stocks[-2]
    for s in stocks[:-1]:
        if last.year - s.year >= 3:
            earlier = s
    return earlier


def migration_rates(
    top: np.ndarray,
    rates: np.ndarray,
    balance_top: float,
    *,
    trend_weight: float,
    local_weight: float,
    level_known: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Projected yearly net migration rates: ``(common (2, 101), local deviation (R, 2, 101))``.

    ``common = w · top + (1 − w) · balance_top``: the input-wide rate by age from the
    history, combined with the rate that keeps the whole input constant (offsets its
    natural change; forecast combination with "constant population", Bates & Granger
    1969) – w = 0: the input as a whole stays, w = 1: its full trend.
    ``deviation = β · (rates − top)``: the region's shrunk deviation from the input-wide
    rate, of which only β persists (local migration is lumpy). A region's own natural
    change is kept in full – only migration is combined, so a Gemeinde with many old
    people still shrinks against its neighbours. Without a known level (a change of the
    population basis between the Stichtage; ``top`` then has level 0) the common rate is
    ``w · top + balance_top``.
    (Tried and measured worse: keeping the full age pattern of ``top`` and combining
    only its level – single places drift, Konstanz 5 years 3.5 % instead of 2.9 %.)
    """
    w, beta = float(trend_weight), float(local_weight)
    top = np.asarray(top, dtype=np.float64)
    common = w * top + ((1.0 - w) if level_known else 1.0) * balance_top
    return common, beta * (rates - top[None])


def constant_rate(
    base: np.ndarray,
    schedules,
    leaf: np.ndarray,
    *,
    fertility: np.ndarray | None = None,
    mortality: np.ndarray | None = None,
) -> float:
    """Yearly net migration rate that brings the whole input back to its base total at the
    end of the horizon: ``(T_0 / T_H)^(1/H) − 1`` with ``T_H`` the closed projection (no
    migration) of the summed leaf regions ``base`` (R, 2, 101) with the national
    ``schedules`` and the regions' fertility (weighted by women 15–49) and mortality
    (weighted by persons) levels. Forward-looking on purpose: the natural change of the
    coming years (an ageing population has more deaths each year), not the past one."""
    from demography.projection import project_arrays

    counts = np.where(leaf[:, None, None], np.nan_to_num(base), 0.0)
    total = counts.sum(axis=0)[None]
    if total.sum() <= 0:
        return 0.0

    def mean_level(level, weight):
        if level is None:
            return None
        level = np.asarray(level, dtype=np.float64).reshape(len(weight), -1)[:, 0]
        return np.array([float((level * weight).sum() / max(weight.sum(), 1e-9))])

    fert = mean_level(fertility, counts[:, 1, 15:50].sum(axis=1))
    mort = mean_level(mortality, counts.sum(axis=(1, 2)))
    res = project_arrays(
        total, schedules, net_counts=np.zeros((1, 2, N_AGES)), fertility_level=fert,
        mortality_level=mort,
    )  # fmt: skip
    path = res["counts"].sum(axis=(-1, -2))[:, 0]
    horizon = len(path) - 1
    return float((path[0] / max(path[-1], 1e-9)) ** (1.0 / horizon) - 1.0)


#: From this age on a region's residual in the history is kept in full (persistent
#: differences of mortality and moves into care homes), the younger ages offset it.
OLD_AGE = 65


def pattern_counts(
    base: np.ndarray, pattern: np.ndarray, n: float, weight: float = PATTERN_WEIGHT
) -> np.ndarray:
    """Yearly net migration by age that sums to 0 in every region: (R, 2, 101) persons.

    ``pattern`` (2, 101) yearly rates by age (the input-wide rates of the history,
    :attr:`HistoryFit.top_rate`); per region ``C(a) = weight · P(a) · (ρ(a) − ρ̄)`` with
    ``ρ̄`` the mean of ρ over the region's base stock ``P`` at ages ≥ ⌊n⌋ (both sexes).
    Ages below ⌊n⌋ get 0 (the moves of small children are in the fertility level).
    The total of each region is untouched; only who moves is shaped: with net migration
    0 a place still gains young adults and loses older people where the history says so.
    """
    base = np.nan_to_num(np.asarray(base, dtype=np.float64))
    pattern = np.asarray(pattern, dtype=np.float64)
    free = np.arange(N_AGES) >= int(np.floor(n))
    p = np.where(free, base, 0.0)
    activity = np.abs(pattern) * (np.arange(N_AGES) < OLD_AGE)
    mass = (p * activity[None]).sum(axis=(1, 2))
    level = np.where(mass > 0, (p * pattern[None]).sum(axis=(1, 2)) / np.maximum(mass, 1e-12), 0.0)
    return float(weight) * p * (pattern[None] - level[:, None, None] * activity[None])


def _trend_migration(
    fit: HistoryFit,
    horizon: int,
    half_life: float,
    trend_weight: float | None,
    local_weight: float | None = None,
    stay: float | None = None,
    pattern_weight: float | None = None,
    profile=None,
) -> dict:
    """Migration arguments of the kernel (:func:`migration_rates`), the local deviation
    damped with ``half_life``; ``stay`` the rate that keeps the input constant
    (:func:`constant_rate`; default: the one of the history interval). The part
    ``1 − w`` of the common rate that is "constant" gets the input-wide age pattern as
    zero-sum counts (:func:`pattern_counts`). ``profile``
    (:class:`~demography.migration_table.MigrationProfile`): the covered regions get the
    age profile of a migration table (:func:`demography.migration_table.apply_profile`)."""
    w = TREND_WEIGHT if trend_weight is None else trend_weight
    gamma = (PATTERN_WEIGHT if pattern_weight is None else pattern_weight) * (1.0 - w)
    common, deviation = migration_rates(
        fit.top_rate,
        fit.rates,
        fit.balance_top if stay is None else stay,
        trend_weight=TREND_WEIGHT if trend_weight is None else trend_weight,
        local_weight=LOCAL_WEIGHT if local_weight is None else local_weight,
        level_known=not fit.basis_break,
    )
    # With no age pattern (γ = 0, the default) the counts are all 0: one zero row instead
    # of six passes over (R, 2, 101); the common rate stays (2, 101) and is broadcast by
    # the kernel (same numbers, no copy per region).
    counts = (
        pattern_counts(fit.base, fit.top_rate, fit.interval, gamma)
        if gamma
        else np.zeros((1, 2, N_AGES))
    )
    if profile is not None:
        from demography.migration_table import apply_profile

        common = apply_profile(common, fit.base, profile)
    return {
        "net_counts": counts,
        "out_rates": -np.asarray(common, dtype=np.float64),
        "out_rates_deviation": -deviation,
        "deviation_scale": damping(horizon, half_life),
        **({} if profile is None or profile.inflow is None else {"in_counts": profile.inflow}),
    }


def stock_date(year: int, source: str = "") -> float:
    """Decimal date of a stock: 31.12.Y → Y; the Zensus 2011 (table 12111, 09.05.2011) →
    2010 + 129/365 (0.35 years after 31.12.2010)."""
    if "12111" in source or "zensus" in source.lower():
        return year - 1 + 129 / 365
    return float(year)


def stocks_from_grouped(
    populations: Sequence,
) -> tuple[tuple[str, ...], tuple[str, ...], list[GroupedStock]]:
    """Align :class:`~demography.agegroups.GroupedPopulation` objects (any files, any
    Stichtage) on the regions of the latest one.

    Regions missing at an earlier date get NaN there (no history: Kreis/Land rates).
    Tables without sex (``sexes == ("total",)``) are split by Germany's sex ratio per
    age group at that date. Several tables of the same date: the later one in the list
    wins for the regions it has.
    """
    pops = sorted(populations, key=lambda p: stock_date(p.year, p.source))
    latest = pops[-1]
    codes = tuple(latest.codes)
    names = tuple(latest.names)
    index = {c: i for i, c in enumerate(codes)}
    stocks: dict[float, GroupedStock] = {}
    for p in pops:
        date = stock_date(p.year, p.source)
        counts = np.asarray(p.counts, dtype=np.float64)
        lowers = tuple(int(x) for x in p.grid.lowers)
        if counts.shape[1] == 1:
            nat = national_shape(date)
            share = group_sums(nat, lowers)
            share = share / np.maximum(share.sum(axis=0, keepdims=True), 1e-12)
            counts = counts * share[None]
        prev = stocks.get(date)
        aligned = (
            np.full((len(codes), 2, len(lowers)), np.nan)
            if prev is None or prev.lowers != lowers
            else prev.counts.copy()
        )
        for i, code in enumerate(p.codes):
            j = index.get(code)
            if j is not None:
                aligned[j] = counts[i]
        stocks[date] = GroupedStock(date, lowers, aligned, _basis_note(p.notes))
    return codes, names, [stocks[d] for d in sorted(stocks)]


def _basis_note(notes: Sequence[str]) -> str | None:
    """The basis key of a reader's note "Bevölkerungsbasis: KEY", None without one."""
    for note in notes:
        if note.startswith("Bevölkerungsbasis:"):
            return note.split(":", 1)[1].strip() or None
    return None


def project_with_totals(
    stock: GroupedStock,
    *,
    codes: Sequence[str],
    horizon: float,
    totals: Mapping[int, np.ndarray],
    births: Mapping[int, np.ndarray] | None = None,
    deaths: Mapping[int, np.ndarray] | None = None,
    assumptions=None,
    trend_weight: float | str | None = None,
    local_weight: float | None = None,
    migration_table=None,
    trend_size: tuple[float, float] | None = None,
) -> tuple[np.ndarray, dict]:
    """Projection from one age Stichtag plus a history of totals, births and deaths.

    For data like the Gemeinde tables before a Zensus: ``totals`` {year: (R,)} at 31.12.,
    ``births``/``deaths`` {year: (R,)} events of the year. Only *changes* of the totals are
    used (so a series on another population basis can inform a Zensus base):
    net migration per person-year ``(ΔP − B + D) / P̄`` over the years with both ends
    given, shrunk towards Kreis and Land as in :func:`fit_history` and applied to every age
    alike, damped like the history method. Fertility and mortality levels: observed births
    and deaths over those years against the national schedules applied to the base stock
    (indirect standardisation, :func:`demography.smallarea.shrunk_level`).
    Returns the single years (R, 2, 101) at ``stock.year + horizon`` (fractional horizons
    interpolate between whole years) and a dict of the fitted levels.
    """
    whole = max(1, int(np.ceil(horizon - 1e-9)))
    _, arrays, levels, known = _totals_projection(
        stock,
        codes=tuple(codes),
        names=tuple(codes),
        horizon=whole,
        totals=totals,
        births=births,
        deaths=deaths,
        assumptions=assumptions,
        trend_weight=trend_weight,
        local_weight=local_weight,
        migration_table=migration_table,
        trend_size=trend_size,
    )
    counts = arrays["counts"]
    frac = horizon - (whole - 1)
    out = (
        counts[whole] if frac >= 1 - 1e-9 else (1 - frac) * counts[whole - 1] + frac * counts[whole]
    )
    out[~known] = np.nan
    return out, levels


def project_from_totals(
    stock: GroupedStock,
    *,
    codes: Sequence[str],
    names: Sequence[str] | None = None,
    horizon: int,
    totals: Mapping[int, np.ndarray],
    births: Mapping[int, np.ndarray] | None = None,
    deaths: Mapping[int, np.ndarray] | None = None,
    skip_changes: frozenset[int] = frozenset(),
    base_year: int | None = None,
    scenario: str = "Basis",
    overrides: Mapping[str, object] | None = None,
    detail: str = "single_years",
    assumptions=None,
    trend_weight: float | str | None = None,
    migration_table=None,
    aggregates: str = "sum",
    trend_size: tuple[float, float] | None = None,
):
    """:func:`project_with_totals` as a full :class:`~demography.projection.ProjectionResult`
    (every year up to ``horizon``), for the CLI: ``project AGES TOTALS BIRTHS DEATHS``.

    ``skip_changes``: years y whose change y → y+1 is not used (a break of the
    population basis between them, e.g. 2010 → 2011). ``migration_table``: the regions it
    covers get its age profile of migration (:mod:`demography.migration_table`) instead of
    one rate for all ages. ``aggregates``: Kreis/Land rows and their Gemeinden agree as in
    :func:`project_history`. Returns ``(result, levels)``.
    """
    from demography.consistency import make_consistent
    from demography.planning import FUNCTIONAL_GROUPS
    from demography.projection import ProjectionResult

    codes = tuple(codes)
    names = tuple(names) if names is not None else codes
    year = round(stock.year) if base_year is None else base_year
    params, arrays, levels, _ = _totals_projection(
        stock,
        codes=codes,
        names=names,
        horizon=horizon,
        totals=totals,
        births=births,
        deaths=deaths,
        skip_changes=skip_changes,
        base_year=year,
        scenario=scenario,
        overrides=overrides,
        detail=detail,
        assumptions=assumptions,
        trend_weight=trend_weight,
        migration_table=migration_table,
        trend_size=trend_size,
    )
    used = sorted(levels["years"])
    span = f"{used[0]}–{used[-1] + 1}" if used else "–"
    result = ProjectionResult(
        codes=codes,
        names=names,
        years=np.arange(year, year + horizon + 1),
        groups=FUNCTIONAL_GROUPS,
        parameters=params,
        notes=(
            "Vorausberechnung aus einem Altersstichtag und der Entwicklung der Summen "
            f"{span}: Wanderung = Veränderung − Geburten + Sterbefälle (nur Veränderungen "
            "innerhalb einer Bevölkerungsbasis), zum Kreis und Land hin geschrumpft; "
            "Geburten- und Sterbeniveau aus den gemeldeten Geburten und Sterbefällen.",
            *((levels["trend_note"],) if "trend_note" in levels else ()),
            *levels.get("notes", ()),
        ),
        **arrays,  # type: ignore[arg-type]
    ).with_intervals()
    return make_consistent(result, aggregates), levels


def _yearly_balances(totals, births, deaths, years, n_regions):
    """Net migration ``m`` (residual: change − births + deaths), person-years ``x`` and the
    observed births and deaths, summed over the year pairs ``(y, y + 1)`` of ``years``."""
    m, x, b_obs, d_obs = (np.zeros(n_regions) for _ in range(4))
    for y in years:
        p0, p1 = totals[y], totals[y + 1]
        b = births[y + 1] if births and y + 1 in births else np.zeros(n_regions)
        d = deaths[y + 1] if deaths and y + 1 in deaths else np.zeros(n_regions)
        ok = np.isfinite(p0) & np.isfinite(p1) & np.isfinite(b) & np.isfinite(d)
        ok &= (p0 > 0) & (p1 > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            change = (p1 - p0 - b + d) / (0.5 * (p0 + p1))
        # a yearly balance beyond ±20 % is a change of territory (merger), not migration
        ok &= np.abs(np.nan_to_num(change, nan=1.0)) <= MAX_YEARLY_CHANGE
        m += np.where(ok, p1 - p0 - b + d, 0.0)
        x += np.where(ok, 0.5 * (p0 + p1), 0.0)
        b_obs += np.where(ok, b, 0.0)
        d_obs += np.where(ok, d, 0.0)
    return m, x, b_obs, d_obs


def _local_levels(single, sch, x, b_obs, d_obs):
    """Local fertility and mortality levels (observed / expected with the national
    schedules over the observed person-years, shrunk); None where no births/deaths."""
    from demography.smallarea import expected_events, shrunk_level

    share = np.where(x > 0, x / np.maximum(single.sum(axis=(1, 2)), 1e-9), 0.0)
    fert = mort = None
    if b_obs is not None:
        exp_b = expected_events(single[:, 1, 15:50], sch.asfr[0]) * share
        fert = shrunk_level(b_obs, exp_b).level
    if d_obs is not None:
        mx = -np.log(np.maximum(sch.survival[0], 1e-12))  # approximate hazard by age
        exp_d = expected_events(single, mx[None]) * share
        mort = shrunk_level(d_obs, exp_d).level
    return fert, mort


def _totals_projection(
    stock: GroupedStock,
    *,
    codes: tuple[str, ...],
    names: tuple[str, ...],
    horizon: int,
    totals: Mapping[int, np.ndarray],
    births: Mapping[int, np.ndarray] | None,
    deaths: Mapping[int, np.ndarray] | None,
    skip_changes: frozenset[int] = frozenset(),
    base_year: int | None = None,
    scenario: str = "Basis",
    overrides: Mapping[str, object] | None = None,
    detail: str = "single_years",
    assumptions=None,
    trend_weight: float | str | None = None,
    local_weight: float | None = None,
    migration_table=None,
    trend_size: tuple[float, float] | None = None,
):
    from demography.projection import prepare, project_arrays

    single = split_groups(stock.counts, stock.lowers, national_shape(stock.year))
    known = np.isfinite(single).all(axis=(1, 2))
    single = np.where(known[:, None, None], single, 0.0)
    years = sorted(y for y in totals if y + 1 in totals and y not in skip_changes)
    m, x, b_obs, d_obs = _yearly_balances(totals, births, deaths, years, len(codes))
    n_years = len(years)
    leaf = leaves(codes)
    rate, top, k_mig = shrink(
        m, x, region_hierarchy(codes), leaf, np.array([len(c) > 5 for c in codes])
    )
    year = int(np.floor(stock.year)) if base_year is None else base_year
    pop = Population(codes=codes, names=names, year=year, counts=single)
    ov = dict(overrides or {})
    own_migration = not ({"net_migration", "net_migration_rate"} & set(ov))
    if own_migration:
        ov["net_migration"] = 0
    params, sch = prepare(
        pop, horizon=horizon, scenario=scenario, overrides=ov, assumptions=assumptions
    )
    levels: dict = {"migration_rate": rate, "k_migration": k_mig, "years": years}
    fert, mort = _local_levels(
        single, sch, x, b_obs if births is not None and n_years else None,
        d_obs if deaths is not None and n_years else None,
    )  # fmt: skip
    if fert is not None:
        levels["fertility"] = fert
    if mort is not None:
        levels["mortality"] = mort
    rates = np.broadcast_to(rate[:, None, None], single.shape)
    # the migration that keeps the whole input at its base total (offsets its natural
    # change over the horizon, local fertility and mortality levels)
    balance_top = constant_rate(single, sch, leaf, fertility=fert, mortality=mort)
    levels["balance_top"] = balance_top
    size = float(np.nan_to_num(single[leaf]).sum())
    given, trend_weight = trend_weight, resolve_trend_weight(trend_weight, size, trend_size)
    levels["trend_weight"] = trend_weight
    levels["trend_note"] = trend_note(given, trend_weight, size, trend_size)
    migration: dict = {}
    if own_migration:
        common, deviation = migration_rates(
            np.full((2, N_AGES), top),
            rates,
            balance_top,
            trend_weight=TREND_WEIGHT if trend_weight is None else trend_weight,
            local_weight=LOCAL_WEIGHT if local_weight is None else local_weight,
        )
        if migration_table is not None:
            from demography.migration_table import (
                apply_profile,
                migration_profile,
                profile_note,
            )

            profile = migration_profile(
                migration_table, codes, single, 0, np.asarray(sch.survival[0])
            )
            common = apply_profile(common, single, profile)
            levels["notes"] = (profile_note(profile),)
        migration = {
            "net_counts": np.zeros((1, 2, N_AGES)),
            "out_rates": -np.broadcast_to(common, single.shape),
            "out_rates_deviation": -deviation,
            "deviation_scale": damping(horizon),
        }
        if migration_table is not None and profile.inflow is not None:
            migration["in_counts"] = profile.inflow
    elif migration_table is not None:
        levels["notes"] = (TABLE_UNUSED,)
    arrays = project_arrays(
        single,
        sch,
        fertility_level=fert,
        mortality_level=mort,
        codes=codes,
        detail=detail,  # type: ignore[arg-type]
        **migration,
    )
    return params, arrays, levels, known
