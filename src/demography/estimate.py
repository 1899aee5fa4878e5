"""Current age structure of a region, estimated from its last official ages and its current total.

Aussage
    How many people of each age and sex probably live in a Gemeinde at a Stichtag for which
    only the total is published (e.g. the Gemeindeverzeichnis 31.12.2023), while the last
    official age structure is older (e.g. 31.12.2015, 12411-02-03-5). It is an **estimate**
    (Schätzung), never an official figure: the platform labels it with method and basis and
    drops it as soon as official ages or the Kommune's Melderegister for that year exist.
Berechnung (arrays regions R × sexes 2 × single ages 0 … 99, 100+)
    1. **Cohort ageing**: from the base stock ``P`` (31.12. of the base year), each year
       every cohort moves one age up and keeps the survival share
       ``P'(x+1) = P(x) · s(x)``; the open group ``P'(100+) = P(99) · s(99) + P(100+) · s(100)``.
       ``s`` are the survival ratios of the national base life table
       (:func:`national_survival`) unless given.
    2. **Births** of each year: the base stock's ratio of 0-year-olds to women aged 15–49
       (child–woman ratio) times the women aged 15–49 at the start of the year, split by sex
       as the 0-year-olds of the base stock (105 boys per 100 girls where it has none).
    3. **Scaling to the current total**: all ages of a region are multiplied by
       ``total / Σ aged stock`` (per sex where totals by sex are given). Migration is thus
       assumed to have the age structure of the population; its level comes from the total.
    Without a base stock (no official ages) nothing is estimated.
Quelle
    Cohort ageing ("carrying cohorts forward") and ratio scaling to a control total: Smith,
    S. K., Tayman, J., Swanson, D. A. (2013): A Practitioner's Guide to State and Local
    Population Projections, ch. 6 and 10 (ratio methods).
Einheit
    Persons (fractional: an estimate).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from demography.core import N_AGES

#: Plain German description of the method, shown next to every estimated figure.
METHOD_DE = (
    "Schätzung: Altersaufbau des letzten amtlichen Stichtags um die Jahre bis heute "
    "fortgeschrieben (jeder Jahrgang altert um ein Jahr, Sterblichkeit nach der "
    "Sterbetafel, Geburten nach dem Verhältnis Kleinkinder je Frau im Alter 15–49 des "
    "Stichtags) und auf die aktuelle amtliche Einwohnerzahl hochgerechnet"
)
#: Boys per girl at birth where the base stock has no 0-year-olds.
SEX_RATIO_AT_BIRTH = 1.05
FERTILE = slice(15, 50)


@dataclass(frozen=True)
class AgeEstimate:
    """Estimated stock ``counts`` (R, 2, 101) at 31.12. ``year`` from the stock of
    ``base_year``; ``method`` in plain German."""

    counts: np.ndarray
    year: int
    base_year: int
    method: str = METHOD_DE


@lru_cache(maxsize=1)
def national_survival() -> np.ndarray:
    """Survival ratios (2, 101) of the national base life table (``s[x]`` = share of those
    aged x at 31.12. alive a year later; ``s[99] = s[100]`` for the open group)."""
    from demography.assumptions import default_assumptions
    from demography.lifetable import life_table, survival_ratios

    model = default_assumptions().mortality_model
    assert model is not None
    return np.stack([survival_ratios(life_table(model.base_mx[s], s))[1] for s in (0, 1)])


def age_forward(base: np.ndarray, years: int, survival: np.ndarray | None = None) -> np.ndarray:
    """Steps 1 and 2 of the module docstring: ``base`` (R, 2, 101) aged ``years`` years."""
    stock = np.asarray(base, dtype=np.float64).copy()
    if stock.ndim == 2:
        stock = stock[None]
    s = np.broadcast_to(
        national_survival() if survival is None else np.asarray(survival, dtype=np.float64),
        (2, N_AGES),
    )
    babies = stock[:, :, 0]
    women = stock[:, 1, FERTILE].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(women > 0, babies.sum(axis=1) / women, 0.0)  # (R,)
        boys = np.where(
            babies.sum(axis=1) > 0,
            babies[:, 0] / babies.sum(axis=1),
            SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH),
        )
    split = np.stack([boys, 1.0 - boys], axis=1)  # (R, 2)
    for _ in range(years):
        aged = np.empty_like(stock)
        aged[:, :, 1:] = stock[:, :, :-1] * s[None, :, :-1]
        aged[:, :, N_AGES - 1] += stock[:, :, N_AGES - 1] * s[None, :, N_AGES - 1]
        births = ratio * stock[:, 1, FERTILE].sum(axis=1)
        aged[:, :, 0] = births[:, None] * split
        stock = aged
    return stock


def estimate_ages(
    base: np.ndarray,
    base_year: int,
    year: int,
    totals: np.ndarray,
    *,
    survival: np.ndarray | None = None,
) -> AgeEstimate:
    """Age structure at 31.12. ``year`` (module docstring).

    ``base`` (R, 2, 101) or (2, 101): stock at 31.12. ``base_year``; ``totals`` (R,) current
    totals of both sexes, or (R, 2) by sex. Regions whose aged stock is empty stay NaN.
    """
    if year < base_year:
        raise ValueError("year before the base year")
    aged = age_forward(base, year - base_year, survival)
    totals = np.asarray(totals, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        if totals.ndim == 2:
            factor = totals / aged.sum(axis=2)
            counts = aged * factor[:, :, None]
        else:
            factor = totals.reshape(aged.shape[0]) / aged.sum(axis=(1, 2))
            counts = aged * factor[:, None, None]
    counts[~np.isfinite(counts)] = np.nan
    return AgeEstimate(counts=counts, year=year, base_year=base_year)
