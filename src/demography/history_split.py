"""Cohort-consistent splitting of grouped ages (step 1 of :mod:`demography.history_projection`).

A grouped stock is split into single years in proportion to a reference: Germany's
single-year structure of that date (:func:`national_shape`, Destatis 12411-0013, cohorts
shifted to the date), or an earlier stock aged forward as a closed population
(:func:`age_closed`), so that large and small cohorts show inside the groups.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

from demography.core import N_AGES, Population


@lru_cache(maxsize=1)
def _reference() -> dict[int, np.ndarray]:
    raw = json.loads(
        resources.files("demography")
        .joinpath("data/reference_single_years_de.json")
        .read_text(encoding="utf-8")
    )
    out = {}
    for year, node in raw["years"].items():
        arr = np.array([node["male"], node["female"]], dtype=np.float64)  # (2, 91): 0..89, 90+
        full = np.empty((2, N_AGES))
        full[:, :90] = arr[:, :90]
        # open 90+ spread with a Gompertz decline (shape only; ~ e90 of 4 years)
        decline = np.exp(-0.25 * np.arange(11) - 0.01 * np.arange(11) ** 2)
        full[:, 90:] = arr[:, 90:91] * decline / decline.sum()
        out[int(year)] = full
    return out


def national_shape(year: float) -> np.ndarray:
    """Germany's population by sex and single age (2, 101) around 31.12. of ``year``.

    From the shipped stocks 2015–2021 (12411-0013): the nearest year, with cohorts
    shifted by the difference in whole years and corrected for mortality with the base
    life table (a cohort aged x + s later had ``l(x+s)/l(x)`` of its members alive).
    Ages born after the nearest year repeat the youngest cohort; ages beyond the reference
    continue with the life table. Only the shape within age groups is used.
    """
    ref = _reference()
    years = sorted(ref)
    y0 = min(years, key=lambda y: abs(y - year))
    shift = round(year - y0)
    base = ref[y0]
    if shift == 0:
        return base
    lx = np.maximum(_survivorship(), 1e-12)
    out = np.empty_like(base)
    if shift > 0:
        s = shift
        out[:, s:] = base[:, : N_AGES - s] * lx[:, s:] / lx[:, : N_AGES - s]
        out[:, :s] = base[:, :1]
        out[:, 100] = (base[:, 100 - s :] * lx[:, 100:101] / lx[:, 100 - s :]).sum(axis=1)
    else:
        s = -shift
        # earlier date: the cohort aged x then is aged x + s in the reference, fewer by
        # the deaths in between
        out[:, : N_AGES - s] = base[:, s:] * lx[:, : N_AGES - s] / lx[:, s:]
        # the oldest ages of an earlier date are not in the reference (those cohorts have
        # died): continue with the survivorship of the base life table
        for x in range(N_AGES - s, N_AGES):
            out[:, x] = out[:, x - 1] * lx[:, x] / lx[:, x - 1]
    return out


@lru_cache(maxsize=1)
def _survivorship() -> np.ndarray:
    from demography.assumptions import default_assumptions
    from demography.lifetable import life_table

    model = default_assumptions().mortality_model
    assert model is not None
    return np.stack([life_table(model.base_mx[s], s).lx for s in (0, 1)])


def split_groups(counts: np.ndarray, lowers: Sequence[int], reference: np.ndarray) -> np.ndarray:
    """Single years (..., 101) from groups (..., G) in proportion to ``reference``.

    ``reference`` broadcasts to (..., 101). Group sums are kept exactly; a group whose
    reference sum is 0 is spread evenly; ages ≥ 100 fall into 100+.
    """
    counts = np.asarray(counts, dtype=np.float64)
    lw = np.minimum(np.asarray(lowers, dtype=np.int64), N_AGES - 1)
    group_of_age = np.searchsorted(lw, np.arange(N_AGES), side="right") - 1
    # The reference is used in the shape it is given (Germany's structure: (2, 101) for all
    # regions – its group sums are computed once, not per region) and copied only when it
    # has negative cells; the numbers are those of the reference broadcast to every region.
    ref = np.asarray(reference, dtype=np.float64)
    if not ref.size or not ref.min() >= 0:  # NaN or negative cells
        ref = np.maximum(ref, 0.0)
    starts = np.asarray(lw)
    ref_sum = np.add.reduceat(ref, starts, axis=-1)
    width = np.diff(np.append(starts, N_AGES)).astype(np.float64)
    even = ref_sum <= 0
    safe = np.where(even, 1.0, ref_sum)
    factor = np.where(even, counts / width, counts / safe)
    spread = np.take(factor, group_of_age, axis=-1)
    if even.any():
        ref = np.where(even[..., group_of_age], 1.0, ref)
    return np.broadcast_to(ref, spread.shape) * spread


def group_sums(single: np.ndarray, lowers: Sequence[int]) -> np.ndarray:
    lw = np.minimum(np.asarray(lowers, dtype=np.int64), N_AGES - 1)
    return np.add.reduceat(np.asarray(single), lw, axis=-1)


def age_closed(single: np.ndarray, years: float, start_year: int) -> np.ndarray:
    """Age a stock forward ``years`` (may be fractional) as a closed population."""
    from demography.projection import prepare, project_arrays

    whole = max(1, int(np.ceil(years - 1e-9)))
    pop = Population(  # codes of one length: no hierarchy to search (no migration anyway)
        codes=tuple(f"{i:07d}" for i in range(single.shape[0])),
        names=tuple("" for _ in range(single.shape[0])),
        year=start_year,
        counts=single,
    )
    _, sch = prepare(pop, horizon=whole, overrides={"net_migration": 0})
    res = project_arrays(single, sch, net_counts=np.zeros((1, 2, N_AGES)))
    counts = res["counts"]
    frac = years - (whole - 1)
    if frac >= 1 - 1e-9:
        return counts[whole]
    return (1 - frac) * counts[whole - 1] + frac * counts[whole]
