"""Shrinkage of regional migration rates towards Kreis and Land (steps 3–4 of
:mod:`demography.history_projection`).

``r_i = (M_i + k·r_prior)/(X_i + k)`` with ``k = σ²/τ²`` estimated across regions by the
method of moments (Clayton & Kaldor 1987); the prior is the Kreis (first 5 digits of the
AGS), itself shrunk towards the Land (first 2 digits).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Share of a Gemeinde's (shrunk) deviation from its Kreis rate that carries on into the
#: projection. Measured on all Gemeinden: regressing the deviation of 2009→2010 on the
#: shrunk deviation of 2008→2009 gives 0.18, two-year windows 2011→2013 / 2013→2015 give
#: 0.31 (12411-01-01-5-B, 12612/12613-01-01-5-B) – local migration is lumpy (a new
#: housing estate, a shelter) and does not repeat itself the way a Kreis trend does.
#: Cross-validated together with LOCAL_WEIGHT (bench/backtest_gemeinden.py
#: --cv-persistence, leave one Land out, all Gemeinden Zensus 2011 → 2015, grid
#: 0 … 1 × 0 … 1): 13 of 16 Länder get 0.3 from the others (3 get 0.7 with β = 0.4 –
#: the ridge is β · PERSISTENCE ≈ 0.2–0.3); out-of-sample MAPE 3.33 % against 3.32 % with
#: the shipped (0.3, 0.7) and 3.60 % for "constant".
PERSISTENCE = 0.3
#: Floor of the between-region variance τ² of migration rates (per year²).
TAU2_MIN = 1e-6


def _prior_strength(m: np.ndarray, x: np.ndarray, prior_rate: np.ndarray) -> float:
    """k = σ²/τ² from E[(r − r_prior)²] = τ² + σ²/X across regions.

    Weighted least squares, iterated: the weights ``1/(τ² + σ²/X)²`` (the variance of a
    squared deviation) keep the many tiny regions from swamping the estimate of the
    between-region variance τ².
    """
    ok = x > 1.0
    if ok.sum() < 5:
        return 1e9
    r = m[ok] / x[ok]
    d2 = (r - prior_rate[ok]) ** 2
    inv = 1.0 / x[ok]
    design = np.stack([np.ones_like(inv), inv], axis=1)
    tau2, sigma2 = float(np.mean(d2)), 0.0
    weights = x[ok] ** 2 / np.mean(x[ok] ** 2)
    for _ in range(3):
        sw = np.sqrt(weights)
        coef, *_ = np.linalg.lstsq(design * sw[:, None], d2 * sw, rcond=None)
        tau2 = max(float(coef[0]), TAU2_MIN)
        sigma2 = max(float(coef[1]), 1e-9)
        weights = 1.0 / (tau2 + sigma2 * inv) ** 2
        weights /= weights.mean()
    return sigma2 / tau2


def _keys(codes: Sequence[str], length: int) -> np.ndarray:
    return np.array([c[:length] if c.isdigit() and len(c) > length else "*" for c in codes])


def leaves(codes: Sequence[str]) -> np.ndarray:
    """Mask of the regions that contain no other region of the input (AGS prefixes)."""
    present = set(codes)
    # AGS levels: Land 2, Regierungsbezirk 3, Kreis 5, Gemeindeverband 7/9 digits; only
    # prefixes as long as some code can match one (all Gemeinden: 8 digits, no prefix at
    # all – not 60,000 string slices on every projection)
    lengths = {len(c) for c in present} & {1, 2, 3, 5, 7, 9}
    prefixes = {c[:n] for c in present if c.isdigit() for n in lengths if n < len(c)}
    return np.array([not (c in prefixes or c in ("DG", "DE")) for c in codes])


def region_hierarchy(codes: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(first index, inverse) of the Land (2 digits) and Kreis (5 digits) of each region."""
    out = []
    for length in (2, 5):
        keys = _keys(codes, length)
        _, first, inv = np.unique(keys, return_index=True, return_inverse=True)
        out.append((first, inv))
    return out


def _prior_strengths(m: np.ndarray, x: np.ndarray, prior_rate: np.ndarray) -> np.ndarray:
    """:func:`_prior_strength` for the columns of (N, C) arrays at once (k per column).

    The same iterated weighted least squares, solved in closed form (two parameters) for
    all columns together instead of one ``lstsq`` per column."""
    ok = x > 1.0
    n_ok = ok.sum(axis=0)
    safe_x = np.where(ok, x, 1.0)
    r = m / safe_x
    d2 = np.where(ok, (r - prior_rate) ** 2, 0.0)
    inv = np.where(ok, 1.0 / safe_x, 0.0)
    w = np.where(ok, x**2, 0.0)
    w = w / np.maximum(w.sum(axis=0) / np.maximum(n_ok, 1), 1e-300)
    tau2 = d2.sum(axis=0) / np.maximum(n_ok, 1)
    sigma2 = np.zeros_like(tau2)
    for _ in range(3):
        s0, s1, s2 = w.sum(axis=0), (w * inv).sum(axis=0), (w * inv * inv).sum(axis=0)
        t0, t1 = (w * d2).sum(axis=0), (w * inv * d2).sum(axis=0)
        det = s0 * s2 - s1 * s1
        good = np.abs(det) > 1e-300 * np.maximum(s0 * s2, 1e-300)
        det = np.where(good, det, 1.0)
        a = np.where(good, (s2 * t0 - s1 * t1) / det, t0 / np.maximum(s0, 1e-300))
        b = np.where(good, (s0 * t1 - s1 * t0) / det, 0.0)
        tau2 = np.maximum(a, TAU2_MIN)
        sigma2 = np.maximum(b, 1e-9)
        w = np.where(ok, 1.0 / (tau2 + sigma2 * inv) ** 2, 0.0)
        w = w / np.maximum(w.sum(axis=0) / np.maximum(n_ok, 1), 1e-300)
    return np.where(n_ok < 5, 1e9, sigma2 / tau2)


def shrink(
    m: np.ndarray,
    x: np.ndarray,
    hierarchy,
    leaf: np.ndarray,
    below_kreis: np.ndarray | bool = False,
) -> tuple[np.ndarray, float, float]:
    """Shrunk rates (R,) for one group and sex: Land → Kreis → region (see module doc).

    Only leaf regions enter the Kreis and Land sums (no double counting when a file holds
    Kreise and their Gemeinden). Returns ``(rates, input-wide rate, k of the regions)``.
    """
    rate, total, k = shrink_columns(m[:, None], x[:, None], hierarchy, leaf, below_kreis)
    return rate[:, 0], float(total[0]), float(k[0])


def shrink_columns(
    m: np.ndarray,
    x: np.ndarray,
    hierarchy,
    leaf: np.ndarray,
    below_kreis: np.ndarray | bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`shrink` for (R, C) columns (e.g. every sex and age group) at once."""
    leaf_c = leaf[:, None]
    mw, xw = np.where(leaf_c, m, 0.0), np.where(leaf_c, x, 0.0)
    xs = xw.sum(axis=0)
    total = np.where(xs > 0, mw.sum(axis=0) / np.where(xs > 0, xs, 1.0), 0.0)
    prior = np.broadcast_to(total, m.shape)
    for first, inv in hierarchy:
        n_k = len(first)
        m_k = np.zeros((n_k, m.shape[1]))
        x_k = np.zeros((n_k, m.shape[1]))
        _group_add(m_k, inv, mw)
        _group_add(x_k, inv, xw)
        prior_k = prior[first]
        k = _prior_strengths(m_k, x_k, prior_k)
        prior = ((m_k + k * prior_k) / (x_k + k))[inv]
    k = _prior_strengths(mw[leaf], xw[leaf], prior[leaf])
    shrunk = (m + k * prior) / (x + k)
    # the Gemeinde's own deviation from its Kreis persists only partly (PERSISTENCE)
    below = np.asarray(below_kreis)
    below = below[:, None] if below.ndim == 1 else below
    rate = np.where(below, prior + PERSISTENCE * (shrunk - prior), shrunk)
    return rate, total, k


def _group_add(out: np.ndarray, inv: np.ndarray, values: np.ndarray) -> None:
    """``out[inv[i]] += values[i]`` for (R, C) values (bincount per column is faster than
    ``np.add.at``)."""
    for c in range(values.shape[1]):
        out[:, c] = np.bincount(inv, weights=values[:, c], minlength=out.shape[0])
