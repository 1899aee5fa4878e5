"""Age/sex profile of net migration and its distribution over regions.

Aussage
    How a yearly net migration (Wanderungssaldo, persons) is spread over regions, sexes and
    single years of age.
Berechnung
    Age profile after Rogers & Castro (1981):
    ``m(x) = a1 e^{-α1 x} + a2 e^{-α2 (x-μ2) - e^{-λ2 (x-μ2)}} + c`` for x = 0 … 100,
    split by sex with a male share, normalised so that the profile sums to 1 over both
    sexes and all ages. Regions get shares of the total proportional to their population at
    the base date (``region_weights``), unless the caller gives other weights.
    Ages are completed years at the end of the projection year (31.12.).
Quelle
    Rogers, A., Castro, L. J. (1981): Model Migration Schedules, IIASA RR-81-30.
    Parameters in ``data/assumptions_de.json``.
Einheit
    Profile: share (sums to 1). Counts: persons per year.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from demography.core import N_AGES

AGES = np.arange(N_AGES, dtype=np.float64)


def rogers_castro(params: Mapping[str, float]) -> np.ndarray:
    """Rogers–Castro schedule over ages 0 … 100 (unnormalised, shape ``(101,)``)."""
    p = params
    x = AGES
    child = p["a1"] * np.exp(-p["alpha1"] * x)
    labour = p["a2"] * np.exp(
        -p["alpha2"] * (x - p["mu2"]) - np.exp(-p["lambda2"] * (x - p["mu2"]))
    )
    return child + labour + p["c"]


def age_sex_profile(params: Mapping[str, float]) -> np.ndarray:
    """Profile of shape ``(2, 101)`` (male, female) that sums to exactly 1."""
    shape = rogers_castro(params)
    shape = shape / shape.sum()
    male = float(params.get("male_share", 0.5))
    profile = np.stack([male * shape, (1.0 - male) * shape])
    return profile / profile.sum()


_NATIONAL = {"DG", "DE", "D", "0", "00", "000"}


def top_level(codes: tuple[str, ...] | list[str] | None) -> np.ndarray:
    """Boolean mask of the regions not contained in another region of the input.

    Containment follows the official codes: ``DG``/``DE`` (Deutschland) contains every
    other region; a code contains every longer code that starts with it (Land ``08`` ⊃
    Kreis ``08226`` ⊃ Gemeinde ``08226068``). Codes of other forms are top-level.
    """
    if codes is None:
        return np.ones(0, dtype=bool)
    present = set(codes)
    national = bool(present & _NATIONAL)
    mask = np.ones(len(codes), dtype=bool)
    lengths = sorted({len(c) for c in present})  # only prefixes of these lengths can match
    if not national and len(lengths) == 1:
        # codes of one length (e.g. all Gemeinden) cannot contain each other: no loop
        # over 10,000 codes on every projection
        return mask
    for i, code in enumerate(codes):
        if code in _NATIONAL:
            continue
        if national and code.isdigit():
            mask[i] = False
            continue
        for n in lengths:
            if n >= len(code):
                break
            if code[:n] in present:
                mask[i] = False
                break
    return mask


def region_weights(
    counts: np.ndarray, codes: tuple[str, ...] | list[str] | None = None
) -> np.ndarray:
    """Share of each region in the population of the input's top level.

    ``counts`` shape ``(R, 2, 101)``. Without ``codes`` (or with a flat list of regions)
    the weights are population shares that add up to 1. With hierarchical input (e.g.
    Deutschland, Länder and Kreise in one file) each region's weight is its population
    divided by the population of the top level (:func:`top_level`): Deutschland gets 1,
    each Land its share, and the Kreise of a Land together the Land's share – a national
    total reaches every level once, not spread over all levels.
    Unknown cells (NaN) count as 0 here: a region with gaps still receives migrants in
    proportion to its known population.
    """
    totals = np.nansum(counts, axis=(1, 2))
    if codes is not None and len(codes) == len(totals):
        grand = totals[top_level(codes)].sum()
        if grand > 0:
            return totals / grand
    grand = totals.sum()
    if grand <= 0:
        return np.full(totals.shape, 1.0 / max(len(totals), 1))
    return totals / grand


def distribute(total: float, weights: np.ndarray, profile: np.ndarray) -> np.ndarray:
    """Net migration counts ``(R, 2, 101)``: ``total × weight_r × profile[s, x]``.

    The counts add up to ``total`` (up to float rounding).
    """
    return total * weights[:, None, None] * profile[None, :, :]
