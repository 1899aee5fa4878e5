"""Local fertility and mortality levels for small areas, and consistency with a control total.

Aussage
    How much higher or lower births and deaths in a Gemeinde are than the reference
    schedule (Kreis, Land or Germany) would predict for its age structure – as a factor
    (1 = like the reference), and shrunk towards 1 where numbers are too small to tell.
Berechnung
    Indirect standardisation: expected events ``E_i = Σ_x P_{i,x} · r_x`` with the reference
    rates r; standardised ratio ``SR_i = O_i / E_i`` (SMR for deaths, standardised fertility
    ratio for births). Shrinkage (empirical Bayes, Poisson–Gamma model, Clayton & Kaldor
    1987): with relative levels θ ~ Gamma(mean 1, variance τ²) the posterior mean is
    ``level_i = (O_i + k) / (E_i + k)`` with ``k = 1/τ²`` – the same as a credibility
    weight ``w_i = E_i / (E_i + k)`` on ``SR_i`` and ``1 − w_i`` on the reference.
    τ² is estimated by the method of moments across all areas,
    ``τ² = max(mean((SR − 1)²) − mean(1/E), τ²_min)`` (areas with E > 0), or ``k`` is given.
    A Gemeinde with 3 expected deaths keeps ~3/(3+k) of its own signal; a city with 3,000
    keeps almost all of it.
    Control totals: :func:`rake_to_control` scales region results proportionally so that
    they add up to a control projection (e.g. the Kreis) for each year, sex and age.
Quelle
    Clayton, D., Kaldor, J. (1987): Empirical Bayes estimates of age-standardized relative
    risks for use in disease mapping, Biometrics 43(3); Bühlmann credibility.
Einheit
    Levels are dimensionless factors; events and expected events in persons per year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

TAU2_MIN = 1e-4  # below this the areas are treated as homogeneous (k = 10,000 events)


@dataclass(frozen=True)
class ShrunkLevel:
    """Result of :func:`shrunk_level` (arrays of shape (R,))."""

    observed: np.ndarray
    expected: np.ndarray
    raw_ratio: np.ndarray
    level: np.ndarray
    weight: np.ndarray
    prior_strength: float


@dataclass(frozen=True)
class LocalLevels:
    """Regional factors for the projection: ``fertility`` (R,) on the age-specific
    fertility rates, ``mortality`` (R, 2) hazard ratio by sex (survival ``s^k``)."""

    fertility: np.ndarray
    mortality: np.ndarray
    notes: tuple[str, ...] = field(default_factory=tuple)


def expected_events(population: np.ndarray, reference_rates: np.ndarray) -> np.ndarray:
    """Expected events ``Σ P · r`` over all axes but the first (regions)."""
    pop = np.asarray(population, dtype=np.float64)
    prod = pop * np.asarray(reference_rates, dtype=np.float64)
    return prod.reshape(pop.shape[0], -1).sum(axis=1)


def shrunk_level(
    observed: np.ndarray, expected: np.ndarray, prior_strength: float | None = None
) -> ShrunkLevel:
    """Standardised ratio shrunk towards 1 (see module docstring).

    ``prior_strength`` k in expected events; ``None`` estimates it from the spread of the
    ratios across all regions. Regions with ``E = 0`` get level 1 (no information).
    """
    o = np.asarray(observed, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if np.any(o < 0) or np.any(e < 0):
        raise ValueError("Ereignisse und erwartete Ereignisse dürfen nicht negativ sein")
    informative = e > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(informative, o / np.where(informative, e, 1.0), np.nan)
    if prior_strength is None:
        if informative.sum() < 2:
            k = 1.0 / TAU2_MIN
        else:
            r = ratio[informative]
            tau2 = np.mean((r - 1.0) ** 2) - np.mean(1.0 / e[informative])
            k = 1.0 / max(float(tau2), TAU2_MIN)
    else:
        if prior_strength <= 0:
            raise ValueError("Die Stärke der Vorinformation k muss positiv sein")
        k = float(prior_strength)
    weight = e / (e + k)
    level = (o + k) / (e + k)
    return ShrunkLevel(o, e, ratio, level, weight, k)


def local_levels(
    *,
    births: np.ndarray,
    women: np.ndarray,
    reference_asfr: np.ndarray,
    deaths: np.ndarray,
    population: np.ndarray,
    reference_mx: np.ndarray,
    k_fertility: float | None = None,
    k_mortality: float | None = None,
) -> LocalLevels:
    """Fertility and mortality levels of R small areas relative to a reference.

    ``births`` (R,) live births of a period; ``women`` (R, 35) women aged 15 … 49
    (person-years of the same period); ``reference_asfr`` (35,) reference rates.
    ``deaths`` (R, 2) by sex; ``population`` (R, 2, 101) person-years; ``reference_mx``
    (2, 101) reference death rates. Use several years pooled for stable ratios.
    """
    fert = shrunk_level(births, expected_events(women, reference_asfr), k_fertility)
    mort_levels = np.empty(np.asarray(deaths).shape)
    notes = [f"Fruchtbarkeit: k = {fert.prior_strength:.0f} erwartete Geburten"]
    for sex in (0, 1):
        m = shrunk_level(
            np.asarray(deaths)[:, sex],
            expected_events(np.asarray(population)[:, sex], reference_mx[sex]),
            k_mortality,
        )
        mort_levels[:, sex] = m.level
        notes.append(f"Sterblichkeit {('Männer', 'Frauen')[sex]}: k = {m.prior_strength:.0f}")
    return LocalLevels(fertility=fert.level, mortality=mort_levels, notes=tuple(notes))


def rake_to_control(
    values: np.ndarray, control: np.ndarray, region_axis: int = 1
) -> tuple[np.ndarray, np.ndarray]:
    """Scale regional values so that they add up to ``control`` along ``region_axis``.

    ``values`` e.g. (T, R, 2, 101) Gemeinde projections; ``control`` the same shape without
    the region axis, e.g. (T, 2, 101) the Kreis projection. Every cell is multiplied by
    ``control / Σ_regions values`` (proportional, keeps each region's share). Returns
    ``(scaled, unallocated)``: where the regions sum to 0 but the control is positive, the
    control cannot be allocated proportionally and is returned in ``unallocated``.
    """
    v = np.asarray(values, dtype=np.float64)
    c = np.asarray(control, dtype=np.float64)
    total = v.sum(axis=region_axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(total > 0, c / np.where(total > 0, total, 1.0), 0.0)
    scaled = v * np.expand_dims(factor, region_axis)
    unallocated = np.where(total > 0, 0.0, c)
    return scaled, unallocated
