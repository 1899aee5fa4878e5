"""Empirical prediction intervals of projected totals, by population size and horizon.

Aussage
    A range in which the true population total will lie with about 80 % probability,
    based on how far the engine's own projections were off in backtests on official data.
Berechnung
    The backtest (``bench/backtest_gemeinden.py --write-intervals``) projects every
    Gemeinde from the Zensus 09.05.2011 to 31.12.2015 and records the percentage errors
    of the totals; per size class (< 2,000 / 2–5k / 5–20k / 20–100k / > 100k inhabitants at
    the base date) the 80th percentile ``a`` of the absolute percentage error is stored in
    ``data/intervals_de.json`` with the horizon ``h0`` of the backtest. For a projection
    ``h`` years ahead the interval is ``total · (1 ± a · h/h0)`` (errors of small-area
    projections grow about linearly with the horizon; Smith, Tayman & Swanson 2013,
    ch. 13). Symmetric on purpose: the backtest period's mean error comes from one
    unforeseeable event (the immigration of 2015) and is no property of the method.
Quelle
    Own backtest on Regionalstatistik 12111-02-01-5 and 12411-02-03-5-B (dl-de/by-2-0).
Einheit
    Persons.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np

SIZE_BOUNDS = (2_000, 5_000, 20_000, 100_000)
SIZE_LABELS = ("<2k", "2–5k", "5–20k", "20–100k", ">100k")


@lru_cache(maxsize=1)
def interval_table() -> dict:
    return json.loads(
        resources.files("demography").joinpath("data/intervals_de.json").read_text(encoding="utf-8")
    )


def size_class(totals: np.ndarray) -> np.ndarray:
    """Index into :data:`SIZE_LABELS` for each base total."""
    return np.searchsorted(np.asarray(SIZE_BOUNDS, dtype=float), np.asarray(totals), side="right")


def total_interval(
    totals: np.ndarray, base_totals: np.ndarray, years_ahead: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(low, high)`` of the same shape as ``totals`` (T, R): about 80 % intervals.

    ``base_totals`` (R,) choose the size class; ``years_ahead`` (T,) the horizon (0 at the
    base date, where the interval is the value itself).
    """
    table = interval_table()
    h0 = float(table["horizon_years"])
    a = np.array([table["classes"][lab]["abs_p80"] for lab in SIZE_LABELS]) / 100.0
    width = a[size_class(np.nan_to_num(base_totals))]
    scale = (np.asarray(years_ahead, dtype=float) / h0)[:, None]
    totals = np.asarray(totals, dtype=float)
    return totals * (1.0 - width[None] * scale), totals * (1.0 + width[None] * scale)
