"""Age-specific fertility rates (ASFR) of women aged 15 … 49 from TFR and mean age at birth.

Aussage
    Live births per woman and year by single year of age of the mother.
Berechnung
    Gamma model (Hoem et al. 1981): the age pattern is a Gamma density on ``age - 15`` with
    mean ``μ - 15`` and standard deviation σ, evaluated at the middle of each year of age
    ``x + 0.5``, restricted to 15 … 49 and scaled so that the rates add up to the TFR:
    ``TFR = Σ_{x=15}^{49} f_x``. The mean age at birth of the schedule,
    ``Σ (x + 0.5) f_x / TFR``, is matched to the target exactly by adjusting μ (secant).
Quelle
    Hoem, J. M. et al. (1981): Experiments in modelling recent Danish fertility curves,
    Demography 18(2). Definition of TFR ("zusammengefasste Geburtenziffer") as Destatis.
Einheit
    Births per woman and year; TFR in children per woman; ages in years.
"""

from __future__ import annotations

import math

import numpy as np

FERTILE_MIN, FERTILE_MAX = 15, 49
FERTILE_AGES = np.arange(FERTILE_MIN, FERTILE_MAX + 1)
N_FERTILE = FERTILE_AGES.size


def _gamma_shape(mu: np.ndarray, sd: float) -> np.ndarray:
    """Unnormalised Gamma weights for each mean ``mu`` (shape ``(..., 35)``)."""
    mean = np.asarray(mu, dtype=np.float64)[..., None] - FERTILE_MIN
    k = (mean / sd) ** 2
    theta = sd**2 / mean
    y = FERTILE_AGES + 0.5 - FERTILE_MIN
    # Work in logs so that large shape parameters do not overflow.
    logw = (k - 1.0) * np.log(y) - y / theta
    logw -= logw.max(axis=-1, keepdims=True)
    w = np.exp(logw)
    return w / w.sum(axis=-1, keepdims=True)


def _mean_age(weights: np.ndarray) -> np.ndarray:
    return (weights * (FERTILE_AGES + 0.5)).sum(axis=-1)


def asfr(tfr: np.ndarray | float, mean_age: np.ndarray | float, sd: float = 5.5) -> np.ndarray:
    """Age-specific fertility rates of ages 15 … 49, shape ``(..., 35)``.

    ``tfr`` children per woman, ``mean_age`` mean age of mothers at birth in years (mean of
    ``x + 0.5`` weighted with the rates), ``sd`` standard deviation of that age in years.
    Both may be arrays (e.g. one value per projection year); the result broadcasts.
    """
    tfr = np.asarray(tfr, dtype=np.float64)
    target = np.asarray(mean_age, dtype=np.float64)
    if np.any(target <= FERTILE_MIN + 5) or np.any(target >= FERTILE_MAX - 5):
        raise ValueError(f"Mittleres Gebäralter {target} außerhalb von 20 … 44 Jahren")
    if np.any(tfr < 0):
        raise ValueError("Geburtenziffer (TFR) darf nicht negativ sein")
    # Truncation at 15 and 49 shifts the discrete mean slightly; secant steps on μ fix it.
    mu0 = target
    m0 = _mean_age(_gamma_shape(mu0, sd))
    mu1 = target + (target - m0)
    for _ in range(6):
        m1 = _mean_age(_gamma_shape(mu1, sd))
        denom = m1 - m0
        converged = np.abs(denom) <= 1e-14
        step = np.where(
            converged, 0.0, (target - m1) * (mu1 - mu0) / np.where(converged, 1.0, denom)
        )
        mu0, m0, mu1 = mu1, m1, mu1 + step
    return tfr[..., None] * _gamma_shape(mu1, sd)


def tfr_of(rates: np.ndarray) -> np.ndarray:
    """Total fertility rate: sum of the single-year rates (children per woman)."""
    return np.asarray(rates).sum(axis=-1)


def mean_age_of(rates: np.ndarray) -> np.ndarray:
    """Mean age at birth of a schedule: ``Σ (x + 0.5) f_x / Σ f_x`` (years)."""
    rates = np.asarray(rates)
    return _mean_age(rates) / rates.sum(axis=-1)


def boys_share(sex_ratio_at_birth: float) -> float:
    """Share of boys among births for a sex ratio at birth given as boys per girl."""
    if not math.isfinite(sex_ratio_at_birth) or sex_ratio_at_birth <= 0:
        raise ValueError("Sexualproportion bei Geburt muss positiv sein")
    return sex_ratio_at_birth / (1.0 + sex_ratio_at_birth)
