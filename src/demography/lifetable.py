"""Single-year life tables, a parametric mortality schedule and projection survival ratios.

Aussage
    How many of the persons aged *x* at 31.12. of a year are still alive one year later
    (survival ratio), and how long a newborn lives on average (life expectancy at birth e0).
Berechnung
    Period life table by single year of age 0 … 99 and the open interval 100+:
    ``q_x = m_x / (1 + (1 - a_x) m_x)``, ``l_{x+1} = l_x (1 - q_x)``,
    ``L_x = l_{x+1} + a_x d_x``, ``L_100+ = l_100 / m_100``, ``T_x = Σ_{y≥x} L_y``,
    ``e_x = T_x / l_x``. ``a_x = 0.5`` except ``a_0`` after Andreev & Kingkade (2015).
    Mortality rates come from a Siler model (infant + constant + Gompertz component); the
    Gompertz level is solved so that the table reproduces a given e0 (bisection, vectorised).
Quelle
    Method as in the Destatis "Allgemeine Sterbetafel" (Statistisches Bundesamt,
    Methodenbericht Sterbetafeln); a0: Andreev, E. M., Kingkade, W. W. (2015), Demographic
    Research 33(13); Siler, W. (1979), Ecology 60(4).
Einheit
    Rates per person-year, probabilities, years.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from demography.core import N_AGES

AGES = np.arange(N_AGES, dtype=np.float64)
#: Plausible range of life expectancy at birth accepted by :func:`mortality_for_e0` (years).
E0_MIN, E0_MAX = 20.0, 110.0


@dataclass(frozen=True)
class SilerShape:
    """Shape of the Siler mortality model ``m(x) = a1 e^{-b1 x} + a2 + a3 e^{b3 x}``.

    ``a3`` (the senescent level) is not part of the shape: it is solved from e0.
    Einheit: ``a1``, ``a2`` per person-year; ``b1``, ``b3`` per year of age.
    """

    a1: float
    b1: float
    a2: float
    b3: float


def a0_andreev_kingkade(m0: np.ndarray, sex: int) -> np.ndarray:
    """Average years lived in the first year by infants who die (Andreev & Kingkade 2015).

    Only the low-mortality branch is needed for Germany (m0 well below 0.02); it is
    ``0.1493 - 2.0367 m0`` for males (sex 0) and ``0.1490 - 2.0867 m0`` for females.
    """
    if sex == 0:
        return np.clip(0.1493 - 2.0367 * m0, 0.05, 0.5)
    return np.clip(0.1490 - 2.0867 * m0, 0.05, 0.5)


@dataclass(frozen=True)
class LifeTable:
    """Columns of a single-year life table; every array has shape ``(..., 101)``.

    ``lx`` survivors at exact age x of a radix of 1, ``Lx`` person-years lived between x and
    x+1 (open interval at 100), ``Tx`` person-years above x, ``ex`` remaining life
    expectancy in years.
    """

    mx: np.ndarray
    qx: np.ndarray
    lx: np.ndarray
    Lx: np.ndarray
    Tx: np.ndarray
    ex: np.ndarray

    @property
    def e0(self) -> np.ndarray:
        return self.ex[..., 0]


def life_table(mx: np.ndarray, sex: int | np.ndarray = 0) -> LifeTable:
    """Life table from central death rates ``mx`` of shape ``(..., 101)``.

    ``sex`` (0 male, 1 female; scalar or broadcastable to ``mx.shape[:-1]``) selects the a0
    formula. The last age is the open interval 100+: everybody alive at 100 dies there, with
    ``L_100 = l_100 / m_100``.
    """
    mx = np.asarray(mx, dtype=np.float64)
    sex = np.asarray(sex)
    ax = np.full(mx.shape, 0.5)
    m0 = mx[..., 0]
    ax[..., 0] = np.where(sex == 0, a0_andreev_kingkade(m0, 0), a0_andreev_kingkade(m0, 1))
    qx = mx / (1.0 + (1.0 - ax) * mx)
    qx[..., -1] = 1.0
    qx = np.clip(qx, 0.0, 1.0)
    lx = np.empty_like(mx)
    lx[..., 0] = 1.0
    lx[..., 1:] = np.cumprod(1.0 - qx[..., :-1], axis=-1)
    dx = lx * qx
    Lx = np.empty_like(mx)
    Lx[..., :-1] = lx[..., 1:] + ax[..., :-1] * dx[..., :-1]
    Lx[..., -1] = lx[..., -1] / np.maximum(mx[..., -1], 1e-12)
    Tx = np.cumsum(Lx[..., ::-1], axis=-1)[..., ::-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        ex = np.where(lx > 0, Tx / lx, 0.0)
    return LifeTable(mx=mx, qx=qx, lx=lx, Lx=Lx, Tx=Tx, ex=ex)


def siler_rates(shape: SilerShape, log_a3: np.ndarray) -> np.ndarray:
    """Siler death rates for each senescent level ``exp(log_a3)``; shape ``(..., 101)``."""
    log_a3 = np.asarray(log_a3, dtype=np.float64)[..., None]
    return shape.a1 * np.exp(-shape.b1 * AGES) + shape.a2 + np.exp(log_a3 + shape.b3 * AGES)


@lru_cache(maxsize=32)
def _e0_grid(shape: SilerShape, sex: int) -> tuple[np.ndarray, np.ndarray]:
    """e0 on a fine grid of ``log a3`` (ascending e0), computed once per shape and sex."""
    log_a3 = np.linspace(0.0, -30.0, 6001)
    e0 = life_table(siler_rates(shape, log_a3), sex).e0
    return e0, log_a3


def mortality_for_e0(e0: np.ndarray | float, shape: SilerShape, sex: int) -> np.ndarray:
    """Death rates ``(..., 101)`` whose life table has life expectancy at birth ``e0``.

    Berechnung: e0 falls monotonically in the Gompertz level ``a3``. A cached grid of 6,001
    values of ``log a3`` in [-30, 0] gives a first value by linear interpolation; two Newton
    steps with the grid slope then bring e0 to within about 1e-9 years of the target. This
    keeps a one-region scenario run in a few milliseconds (no per-call bisection).
    Raises ``ValueError`` if e0 is outside what the shape can reach (about 20 … 110 years).
    """
    target = np.asarray(e0, dtype=np.float64)
    e_grid, x_grid = _e0_grid(shape, sex)
    upper = min(float(e_grid[-1]), E0_MAX)
    if np.any(target > upper) or np.any(target < max(float(e_grid[0]), E0_MIN)):
        raise ValueError(
            f"Lebenserwartung {target} außerhalb des Modellbereichs "
            f"({max(e_grid[0], E0_MIN):.1f} … {upper:.1f} Jahre)"
        )
    x = np.interp(target, e_grid, x_grid)
    slope = np.gradient(e_grid, x_grid)
    for _ in range(2):
        e_x = life_table(siler_rates(shape, x), sex).e0
        x = x + (target - e_x) / np.interp(x, x_grid[::-1], slope[::-1])
    return siler_rates(shape, x)


def survival_ratios(table: LifeTable) -> tuple[np.ndarray, np.ndarray]:
    """Projection survival ratios from a life table.

    Returns ``(s_birth, s)``:

    * ``s_birth`` (shape ``(...)``) = ``L_0 / l_0``: share of the births of a calendar year
      alive at its end (age 0 at 31.12.).
    * ``s`` (shape ``(..., 101)``): ``s[x] = L_{x+1} / L_x`` for x = 0 … 98 is the share of
      persons aged x at 31.12. alive one year later (then aged x+1). For the open interval,
      ``s[99] = s[100] = T_100 / T_99``: persons aged 99 and 100+ together move to 100+.
    """
    Lx, Tx = table.Lx, table.Tx
    s = np.empty_like(Lx)
    with np.errstate(invalid="ignore", divide="ignore"):
        s[..., :99] = np.where(Lx[..., :99] > 0, Lx[..., 1:100] / Lx[..., :99], 0.0)
        s_open = np.where(Tx[..., 99] > 0, Tx[..., 100] / Tx[..., 99], 0.0)
    s[..., 99] = s_open
    s[..., 100] = s_open
    return Lx[..., 0] / table.lx[..., 0], s


def split_open_interval(counts: np.ndarray, open_age: int, Lx: np.ndarray) -> np.ndarray:
    """Spread an open age group ``open_age+`` over single ages ``open_age … 100+``.

    Berechnung: proportional to the stationary population ``L_x`` of a life table
    (mass-preserving: the sum over the new ages equals the open group exactly).
    ``counts`` has shape ``(..., 101)`` with the open group stored at ``open_age`` and zeros
    above; ``Lx`` broadcasts against it. Used when a table stops at "90 Jahre und mehr".
    """
    counts = np.array(counts, dtype=np.float64, copy=True)
    weights = np.broadcast_to(Lx, counts.shape)[..., open_age:]
    weights = weights / weights.sum(axis=-1, keepdims=True)
    counts[..., open_age:] = counts[..., open_age : open_age + 1] * weights
    return counts


# --- base life table with mortality improvement by age (Lee–Carter-type level) ----------


@dataclass(frozen=True)
class MortalityModel:
    """Base death rates and their annual improvement by age, for both sexes.

    ``base_mx`` (2, 101) death rates of the base table (``data/base_lifetable_de.json``,
    derived from official deaths and stocks); ``improvement`` (2, 101) annual rate of
    decline ρ(x) of the death rates. The rates of a projection year are
    ``m(x) = base_mx(x) · exp(−κ · ρ(x))``: κ (in "years of improvement at the rates ρ")
    is solved per year so that the table has the required e0. Because ρ falls with age
    (about 2 % a year up to 80, under 1 % above 90), a rising e0 lowers mortality at high
    ages far less than at younger ages – as observed in the German life tables, and
    unlike a Siler curve whose whole senescent level moves with e0.
    """

    base_mx: np.ndarray
    improvement: np.ndarray
    reference_year: int = 2016

    def rates(self, kappa: np.ndarray | float, sex: int) -> np.ndarray:
        k = np.asarray(kappa, dtype=np.float64)[..., None]
        return self.base_mx[sex] * np.exp(-k * self.improvement[sex])

    def e0(self) -> tuple[float, float]:
        return tuple(float(life_table(self.base_mx[s], s).e0) for s in (0, 1))  # type: ignore[return-value]


_KAPPA_GRID = np.linspace(-80.0, 400.0, 4801)
_model_grids: dict[tuple[int, int], tuple[MortalityModel, np.ndarray, np.ndarray]] = {}


def _kappa_grid(model: MortalityModel, sex: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """e0 on the κ grid, the grid and the slope de0/dκ (cached per model and sex)."""
    key = (id(model), sex)
    cached = _model_grids.get(key)
    if cached is None or cached[0] is not model:  # the model is kept alive: ids stay unique
        if len(_model_grids) > 64:
            _model_grids.clear()
        e0 = life_table(model.rates(_KAPPA_GRID, sex), sex).e0
        cached = _model_grids[key] = (model, e0, np.gradient(e0, _KAPPA_GRID))
    return cached[1], _KAPPA_GRID, cached[2]


def mortality_for_e0_model(e0: np.ndarray | float, model: MortalityModel, sex: int) -> np.ndarray:
    """Death rates ``(..., 101)`` from ``model`` whose life table has life expectancy ``e0``.

    e0 rises monotonically with κ; a cached grid of κ gives the first value, two Newton
    steps bring e0 within about 1e-8 years of the target. Raises ``ValueError`` outside the
    reachable range.
    """
    target = np.asarray(e0, dtype=np.float64)
    e_grid, k_grid, slope = _kappa_grid(model, sex)
    lo, hi = max(float(e_grid[0]), E0_MIN), min(float(e_grid[-1]), E0_MAX)
    if np.any(target > hi) or np.any(target < lo):
        raise ValueError(
            f"Lebenserwartung {target} außerhalb des Modellbereichs ({lo:.1f} … {hi:.1f} Jahre)"
        )
    k = np.interp(target, e_grid, k_grid)
    for _ in range(2):
        e_k = life_table(model.rates(k, sex), sex).e0
        k = k + (target - e_k) / np.interp(k, k_grid, slope)
    return model.rates(k, sex)
