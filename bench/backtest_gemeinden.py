"""Backtests of the projection from history against naive methods, on official data.

``python bench/backtest_gemeinden.py [--format json] [--only NAME,…] [--cv | --cv-persistence
| --cv-pattern | --migration-table net|turnover]``

``--migration-table``: the Kreis and Gemeinde migration tables 2015 in the engine, with and
without (:func:`backtest_migration_table`).

``--aggregates sum|rake|own`` (with ``--only gv2023,kreise_laender``): Kreis and Land rows of
the input as the sum of their Gemeinden/Kreise (the engine's default), the Gemeinden raked
to them, or each row on its own (:mod:`demography.consistency`); ``gv2023``/``gv2023cli``
also report the error of the Kreis and Land rows whose Gemeinden are all scored
(:func:`aggregate_errors`). Measured 08.12.2026 (own / sum / rake): Gemeinden 5.14 / 5.14 /
5.27 %, 335 Kreise 4.08 / 3.97 / 3.99 %, 6 Länder 3.77 / 3.80 / 3.77 %;
``kreise_laender`` (all rows of the Kreis tables, 1 year) Länder 0.188 / 0.193 / 0.189 %,
Kreise 0.364 / 0.364 / 0.356 %.

Data sets (all in ``../shared/data``, see its README; ZWK_SHARED_DATA overrides the folder):

* ``kreise`` – the layout of the external check (17 age groups, two Stichtage five years
  apart) one level up: Kreise 31.12.2015 and 31.12.2020 (12411-04-02-4, grouped into the
  17 groups) → 31.12.2021 (12411-0017). Horizon 1 year, 400 Kreise, Zensus-2011 basis.
* ``gemeinden`` – every Gemeinde: Zensus 09.05.2011 (12111-02-01-5, 11 age groups) →
  31.12.2015 (12411-02-03-5-B), horizon 4.65 years. Only one age Stichtag before the base,
  so the engine uses the history of totals, births and deaths 2008–2010 (12411-01-01-5-B,
  12612/12613-01-01-5-B; register basis – only their *changes* are used, never mixed
  with the Zensus level). Hamilton–Perry needs two age Stichtage and is not possible here.
* ``konstanz`` – Stadt Konstanz register by single year (CC0), grouped into the 17 groups;
  every triplet (t−5, t → t+5) for t = 1988 … 2020 (register basis throughout).
* ``reilingen`` – StaLa-BW 20 age groups grouped into the 17, (1995, 2000 → 2005) and
  (2000, 2005 → 2010) (basis VZ 1987 throughout; later Stichtage change basis).

Methods: ``engine`` (:func:`demography.history_projection.project_history`), ``constant``
(population stays, by age group), ``linear`` (trend of the totals and of each age group),
``hamilton_perry`` (cohort-change ratios on single years split like the engine's,
child–woman ratio for the young; 10 years in two steps).
Reported per data set and method: MAPE, bias (mean percentage error), share within ±2 %
and ±5 % of the totals, by size class (< 2,000 / 2–5k / 5–20k / 20–100k / > 100k), and
the MAPE of the groups 0–2, 6–9, 65–74 and 75+ where the data has them.
Data sets ``konstanz10`` and ``reilingen10``: the same places at 10 years. ``external``
(not cross-validated): the external check's exact command ``python -m demography project
F1 F2 --start … --horizon 5 --format json`` on files written in the 12411-02-03-5-B layout.
The engine runs with its defaults; the weights TREND_WEIGHT and LOCAL_WEIGHT are chosen
with ``--cv`` (:func:`cross_validate`). Measured (07.12.2026, w = 0, β = 0.7), MAPE of totals
engine / constant / linear / HP: kreise 0.35 / 0.46 / 0.32 / 0.41 %, gemeinden 3.32 /
3.60 / 7.13 / – %, konstanz 5 years 2.81 / 2.81 / 4.32 / 4.02 %, 10 years 4.32 / 4.32 /
6.61 / 6.24 %, reilingen 5 years 1.60 / 1.60 / 2.91 / 2.81 %, 10 years 3.18 / 3.18 / 5.08 /
8.06 % (tables and ages in docs/demography-projection.md, "Genauigkeit"). Since
08.12.2026 the default trend weight follows the size of the input
(:data:`~demography.history_projection.TREND_SIZE`, bench/trend_size_cv.py; w = 1 for
kreise and gemeinden, 0 for the single places, 0.5–1 per Land in gv2023): engine kreise
0.31 %, gemeinden 3.37 %, gv2023 3.95 % (constant 4.73), single places unchanged;
``--write-intervals`` wrote the intervals with it (5.9 / 4.2 / 4.4 / 4.6 / 4.7 %).
``gv2023`` (08.12.2026): two age Stichtage as in the external check – Zensus 09.05.2011 and
31.12.2015 of every Gemeinde with unchanged territory (:func:`unchanged_territory`: 8,265;
a Kreis where a populated AGS disappeared or appeared 2015–2023 is dropped whole) →
Gemeindeverzeichnis 31.12.2023 (Zensus-2011 basis), 8 years (no Gemeinde totals for 2020),
totals only; the engine per Land on the two tables cut to the Land (``gv2023cli``: the
command itself, ``--horizon 8``; ``gv2023``: the same library calls, same figures).
MAPE engine (w = 0, the default until 08.12.2026) / constant / linear / HP: 5.14 / 4.73 /
5.72 / 8.69 % – the engine lost to constant: each Land held at its 2015 total (w = 0) while
the Gemeinden grew 3.4 % (trend weight by size, the default since: 3.95 %); with
each Land's actual growth given (oracle) the engine's distribution is best (3.89 vs 4.38 %).
In ``--cv`` its Gemeinden are scored with weights chosen on the other Länder (out of
region) and the data sets whose windows do not overlap (out of time); no default changed.
``--cv-persistence``: PERSISTENCE × LOCAL_WEIGHT, leave one Land out over all Gemeinden
(0.3 for 13 of 16 Länder; out-of-sample MAPE 3.33 %, shipped 3.32 %, constant 3.60 %).
``--cv-pattern``: FERTILITY_EXPOSURE × PATTERN_WEIGHT, leave one place out on the age
errors: "present" chosen everywhere (relative age MAPE out of sample 0.98 / 1.07 / 0.95 /
0.87 / 0.78 for Kreise, Konstanz 5/10, Reilingen 5/10), pattern weight 0 shipped (0.25
makes Konstanz' totals worse than constant). Since 07.12.2026 (present women) the
engine's 0–2 MAPE: Kreise 1.59, Konstanz 14.07 / 7.46, Reilingen 2.16 / 6.12 %.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from demography.history_projection import (  # noqa: E402
    LOCAL_WEIGHT as LOCAL_WEIGHT_DEFAULT,
)
from demography.history_projection import (  # noqa: E402
    GroupedStock,
    group_sums,
    national_shape,
    project_history,
    project_with_totals,
    split_groups,
    stock_date,
)

DATA = Path(os.environ.get("ZWK_SHARED_DATA", ROOT.parent / "shared" / "data"))
L17 = (0, 3, 6, 10, 15, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 75)
SIZE_CLASSES = (
    ("<2k", 0, 2_000),
    ("2–5k", 2_000, 5_000),
    ("5–20k", 5_000, 20_000),
    ("20–100k", 20_000, 100_000),
    (">100k", 100_000, float("inf")),
)
AGE_CHECKS = {"0-2": (0, 3), "6-9": (6, 10), "65-74": (65, 75), "75+": (75, 101)}


# --- naive methods -------------------------------------------------------------------


def hamilton_perry(earlier: GroupedStock, base: GroupedStock, horizon: float) -> np.ndarray:
    """Hamilton–Perry on single years (R, 2, 101) ``horizon`` years after the base.

    Cohort-change ratios ``CCR(x) = B(x) / A(x − n)`` over the interval n (single years
    from the same national-shape split as the engine), applied as ``CCR^(h/n)`` to the
    cohorts; ages born within the horizon from the child–woman ratio of the base.
    """
    n = round(base.year - earlier.year)
    h = round(horizon)
    a = split_groups(earlier.counts, earlier.lowers, national_shape(earlier.year))
    b = split_groups(base.counts, base.lowers, national_shape(base.year))
    if h > n and h % n == 0:
        # several steps of the interval length, the same ratios each step
        out = hamilton_perry(earlier, base, n)
        for _ in range(h // n - 1):
            out = _hp_step(a, b, out, n)
        return out
    ccr = np.ones_like(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        ccr[..., n:100] = np.where(a[..., : 100 - n] > 0, b[..., n:100] / a[..., : 100 - n], 1.0)
        old_a = a[..., 100 - n :].sum(axis=-1)
        ccr[..., 100] = np.where(old_a > 0, b[..., 100] / old_a, 1.0)
    out = np.zeros_like(b)
    out[..., h:100] = b[..., : 100 - h] * ccr[..., h:100] ** (h / n)
    out[..., 100] = b[..., 100 - h :].sum(axis=-1) * ccr[..., 100] ** (h / n)
    women_b = b[:, 1, 15:45].sum(axis=-1)
    women_p = out[:, 1, 15:45].sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(women_b > 0, women_p / women_b, 1.0)
    young = b[..., :n] * (h / n) if h < n else b[..., :n]
    out[..., :h] = (young.sum(axis=-1, keepdims=True) / h) * factor[:, None, None]
    return out


def _hp_step(a: np.ndarray, b: np.ndarray, current: np.ndarray, n: int) -> np.ndarray:
    """One further Hamilton–Perry step of n years from ``current`` with the ratios of
    ``a`` → ``b`` (single years) and the child–woman ratio of ``b``."""
    ccr = np.ones_like(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        ccr[..., n:100] = np.where(a[..., : 100 - n] > 0, b[..., n:100] / a[..., : 100 - n], 1.0)
        old_a = a[..., 100 - n :].sum(axis=-1)
        ccr[..., 100] = np.where(old_a > 0, b[..., 100] / old_a, 1.0)
    out = np.zeros_like(current)
    out[..., n:100] = current[..., : 100 - n] * ccr[..., n:100]
    out[..., 100] = current[..., 100 - n :].sum(axis=-1) * ccr[..., 100]
    women_b = b[:, 1, 15:45].sum(axis=-1)
    women_p = out[:, 1, 15:45].sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cwr = np.where(women_b > 0, b[..., :n].sum(axis=-1) / women_b[:, None], 0.0)
    out[..., :n] = (cwr * women_p[:, None] / n)[..., None]
    return out


def summarise(pred: np.ndarray, actual: np.ndarray, sizes: np.ndarray) -> dict:
    ok = np.isfinite(pred) & np.isfinite(actual) & (actual > 0)
    err = 100.0 * (pred[ok] / actual[ok] - 1.0)
    out = _stats(err)
    out["by_size"] = {}
    for label, lo, hi in SIZE_CLASSES:
        sel = (sizes[ok] >= lo) & (sizes[ok] < hi)
        if sel.any():
            out["by_size"][label] = _stats(err[sel])
    return out


def _stats(err: np.ndarray) -> dict:
    if err.size == 0:
        return {"n": 0}
    return {
        "n": int(err.size),
        "mape": round(float(np.abs(err).mean()), 3),
        "bias": round(float(err.mean()), 3),
        "within_2": round(float((np.abs(err) <= 2).mean()), 3),
        "within_5": round(float((np.abs(err) <= 5).mean()), 3),
        "p10": round(float(np.percentile(err, 10)), 3),
        "p90": round(float(np.percentile(err, 90)), 3),
        "abs_p80": round(float(np.percentile(np.abs(err), 80)), 3),
    }


def _union(groups: np.ndarray, lowers, lo: int, hi: int) -> np.ndarray | None:
    """Sum of the groups that make up ages [lo, hi); None if [lo, hi) is no union."""
    gl = list(lowers)
    if lo not in gl or (hi < 101 and hi not in gl):
        return None
    g_hi = gl.index(hi) if hi < 101 else len(gl)
    return groups[..., gl.index(lo) : g_hi].sum(axis=-1)


def age_mape(pred, actual_groups: np.ndarray, lowers, pred_lowers=None) -> dict:
    """MAPE of the checked age groups that are unions of ``lowers`` groups (and of
    ``pred_lowers`` groups when the prediction is grouped; single years otherwise)."""
    out = {}
    for label, (lo, hi) in AGE_CHECKS.items():
        act = _union(actual_groups, lowers, lo, hi)
        est = pred[..., lo:hi].sum(axis=-1) if pred_lowers is None else None
        if pred_lowers is not None:
            est = _union(pred, pred_lowers, lo, hi)
        if act is None or est is None:
            continue
        ok = act > 20
        if ok.any():
            out[label] = round(float(np.abs(100 * (est[ok] / act[ok] - 1)).mean()), 3)
    return out


def evaluate(name, methods: dict, actual: np.ndarray, lowers, sizes, windows=None) -> dict:
    """``methods``: name → single years (R, 2, 101), totals (R,), or ``(groups (R, 2, G),
    their lowers)`` at the target date (constant and linear by age group).

    ``windows`` (R, 2): first and last date each unit's forecast used or was scored on
    (for the rolling-origin cross-validation, :func:`cross_validate`)."""
    actual_total = actual.sum(axis=(-1, -2)) if actual.ndim == 3 else actual
    res = {}
    ape = {}

    def total_of(pred):
        pred = pred[0] if isinstance(pred, tuple) else pred
        return pred.sum(axis=(-1, -2)) if pred.ndim == 3 else pred

    for method in ("engine", "constant"):
        with np.errstate(divide="ignore", invalid="ignore"):
            ape[method] = np.abs(100.0 * (total_of(methods[method]) / actual_total - 1.0))
    for method, pred in methods.items():
        entry = {"totals": summarise(total_of(pred), actual_total, sizes)}
        arr, plow = pred if isinstance(pred, tuple) else (pred, None)
        if arr.ndim == 3 and actual.ndim == 3:
            entry["age_mape"] = age_mape(arr.sum(axis=1), actual.sum(axis=1), lowers, plow)
        res[method] = entry
    out = {"data": name, "regions": int(actual_total.shape[0]), "methods": res}
    if windows is not None:
        out["_cv"] = (np.asarray(windows, dtype=np.float64), ape["engine"], ape["constant"])
    return out


# --- data sets ---------------------------------------------------------------------------


def _regroup(single_or_grouped, lowers_from, lowers_to):
    idx = [list(lowers_from).index(x) for x in lowers_to]
    return np.add.reduceat(single_or_grouped, idx, axis=-1)


def _naive(g1: np.ndarray, g2: np.ndarray, lowers, n: float, h: float) -> dict:
    """Constant and linear by age group (and so for the totals)."""
    return {"constant": (g2, lowers), "linear": (g2 + (g2 - g1) * h / n, lowers)}


def kreise(**weights) -> dict:
    codes, g1, g2, target = _kreise_data()
    s1, s2 = GroupedStock(2015, L17, g1), GroupedStock(2020, L17, g2)
    start = time.perf_counter()
    res, _ = project_history([s1, s2], codes=codes, horizon=1, **weights)
    seconds = time.perf_counter() - start
    total2 = g2.sum(axis=(1, 2))
    methods = {
        "engine": res.single_years()[1],
        **_naive(g1, g2, L17, 5, 1),
        "hamilton_perry": hamilton_perry(s1, s2, 1),
    }
    windows = np.tile([2015.0, 2021.0], (len(codes), 1))
    out = evaluate("kreise 2015/2020 → 2021", methods, target, L17, total2, windows)
    out["seconds_engine"] = round(seconds, 3)
    return out


def kreise_laender(**weights) -> dict:
    """``kreise`` with the Länder rows in the same input (hierarchical, as the tables have
    them): the engine's Länder (own projection, or the sum of their Kreise plus the part
    of the Land whose Kreis codes changed 2015–2021) and its Kreise (own, or raked to the
    Land) against 31.12.2021; ``--aggregates`` chooses."""
    codes, g1, g2, target = _kreise_laender_data()
    weights.setdefault("aggregates", AGGREGATES)
    s1, s2 = GroupedStock(2015, L17, g1), GroupedStock(2020, L17, g2)
    res, _ = project_history([s1, s2], codes=codes, horizon=1, **weights)
    out = []
    for label, length in (("Länder", 2), ("Kreise", 5)):
        sel = np.isfinite(target).all(axis=(1, 2)) & np.array([len(c) == length for c in codes])
        methods = {
            "engine": res.single_years()[1][sel],
            **_naive(g1[sel], g2[sel], L17, 5, 1),
            "hamilton_perry": hamilton_perry(
                GroupedStock(2015, L17, g1[sel]), GroupedStock(2020, L17, g2[sel]), 1
            ),
        }
        r = evaluate(
            f"kreise+länder 2015/2020 → 2021: {label}",
            methods,
            target[sel],
            L17,
            g2[sel].sum(axis=(1, 2)),
        )
        r["aggregates_mode"] = weights["aggregates"]
        out.append(r)
    return {"data": "kreise_laender", "parts": out}


@lru_cache(maxsize=1)
def _kreise_laender_data():
    """Every row of the Kreis tables 2015 and 2020 (Bund, Länder, Regierungsbezirke,
    Kreise, the two Gemeinden listed there), in the 17 groups; target 31.12.2021: the
    Kreise of 12411-0017 and, for the Länder, the sum of all Kreise of the Land there
    (that table has no Land rows; NaN for the other rows)."""
    from demography.readers import read_grouped_population

    a = read_grouped_population(
        DATA / "gemeinden_2008-2015/kreise/regio_12411-04-02-4_kreise_altersjahre_2015.csv"
    )[0]
    b = read_grouped_population(DATA / "regio_12411-04-02-4_kreise_altersjahre_2020.csv")[0]
    c = read_grouped_population(DATA / "destatis_12411-0017_kreise_altersgruppen_2021.csv")[0]
    codes = [k for k in b.codes if k in a.codes]
    g1 = _regroup(a.counts[[a.codes.index(k) for k in codes]], a.grid.lowers, L17)
    g2 = _regroup(b.counts[[b.codes.index(k) for k in codes]], b.grid.lowers, L17)
    ok = np.isfinite(g1).all(axis=(1, 2)) & np.isfinite(g2).all(axis=(1, 2))
    codes = [k for k, o in zip(codes, ok, strict=True) if o]
    g1, g2 = g1[ok], g2[ok]
    target = np.full((len(codes), *c.counts.shape[1:]), np.nan)
    for i, k in enumerate(codes):
        if len(k) == 5 and k in c.codes:
            target[i] = c.counts[c.codes.index(k)]
        elif len(k) == 2 and k.isdigit():
            target[i] = c.counts[[j for j, x in enumerate(c.codes) if x.startswith(k)]].sum(axis=0)
    return codes, g1, g2, target


@lru_cache(maxsize=1)
def _kreise_data():
    from demography.readers import read_grouped_population

    a = read_grouped_population(
        DATA / "gemeinden_2008-2015/kreise/regio_12411-04-02-4_kreise_altersjahre_2015.csv"
    )[0]
    b = read_grouped_population(DATA / "regio_12411-04-02-4_kreise_altersjahre_2020.csv")[0]
    c = read_grouped_population(DATA / "destatis_12411-0017_kreise_altersgruppen_2021.csv")[0]
    codes = [k for k in c.codes if k in a.codes and k in b.codes and len(k) == 5]
    ia = [a.codes.index(k) for k in codes]
    ib = [b.codes.index(k) for k in codes]
    ic = [c.codes.index(k) for k in codes]
    g1 = _regroup(a.counts[ia], a.grid.lowers, L17)
    g2 = _regroup(b.counts[ib], b.grid.lowers, L17)
    ok = np.isfinite(g1).all(axis=(1, 2)) & np.isfinite(g2).all(axis=(1, 2))
    codes = [k for k, o in zip(codes, ok, strict=True) if o]
    return codes, g1[ok], g2[ok], c.counts[ic][ok]


def _konstanz(year: int) -> np.ndarray:
    counts = np.zeros((2, 101))
    path = DATA / "konstanz_08335043" / "pyramiden" / f"pyramide_{year}.csv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            age = min(int(row["alter"].split("_")[0]), 100)
            for sex, prefix in ((0, "maenner"), (1, "frauen")):
                counts[sex, age] += sum(
                    float(row[f"{prefix}_{nat}"] or 0) for nat in ("nichtdeutsch", "deutsch")
                )
    return counts


def _windows(name, stocks, lowers, origins, h, code, weights) -> dict:
    """One place, every origin t: stocks at t − 5 and t (grouped as in the external
    check) → t + h; engine, constant, linear, Hamilton–Perry."""
    preds: dict[str, list] = {"engine": [], "constant": [], "linear": [], "hamilton_perry": []}
    actual = []
    for t in origins:
        g1, g2 = stocks[t - 5], stocks[t]
        s1, s2 = GroupedStock(t - 5, lowers, g1), GroupedStock(t, lowers, g2)
        res, _ = project_history([s1, s2], codes=[code], horizon=h, **weights)
        preds["engine"].append(res.single_years()[h, 0])
        preds["hamilton_perry"].append(hamilton_perry(s1, s2, h)[0])
        naive = _naive(g1, g2, lowers, 5, h)
        preds["constant"].append(naive["constant"][0][0])
        preds["linear"].append(naive["linear"][0][0])
        actual.append(stocks[t + h][0])
    act = np.array(actual)
    methods = {
        k: (np.array(v), lowers) if k in ("constant", "linear") else np.array(v)
        for k, v in preds.items()
    }
    windows = [(t - 5.0, t + float(h)) for t in origins]
    return evaluate(name, methods, act, lowers, act.sum(axis=(1, 2)), windows)


@lru_cache(maxsize=1)
def _konstanz_groups() -> dict[int, np.ndarray]:
    years = range(1983, 2026)
    return {y: group_sums(_konstanz(y), L17)[None] for y in years}


def konstanz(**weights) -> dict:
    """Konstanz register grouped into the 17 groups, every origin t = 1988 … 2020, h = 5."""
    origins = range(1988, 2021)
    return _windows(
        "konstanz t−5, t → t+5 (t = 1988 … 2020)",
        _konstanz_groups(), L17, origins, 5, "08335043", weights,
    )  # fmt: skip


def konstanz10(**weights) -> dict:
    """The same with h = 10, t = 1988 … 2015."""
    origins = range(1988, 2016)
    return _windows(
        "konstanz t−5, t → t+10 (t = 1988 … 2015)",
        _konstanz_groups(), L17, origins, 10, "08335043", weights,
    )  # fmt: skip


def _reilingen() -> tuple[dict[int, np.ndarray], tuple[int, ...]]:
    text = (DATA / "reilingen_08226068" / "reilingen_demo_20_y_brackets.csv").read_bytes()
    rows: dict[int, dict[int, tuple[float, float]]] = {}
    for line in text.decode("latin-1").splitlines():
        m = re.match(r"31\.12\.(\d{4});08226068;[^;]*;([^;]+);([^;]+);([^;]+);([^;]+)", line)
        if not m or m[2].strip().startswith("Insgesamt"):
            continue
        label = m[2].strip()
        lower = 0 if label.startswith("unter") else int(re.match(r"(\d+)", label)[1])
        rows.setdefault(int(m[1]), {})[lower] = (float(m[4]), float(m[5]))
    lowers = tuple(sorted(next(iter(rows.values()))))
    out = {
        y: np.array([[v[lo][s] for lo in lowers] for s in (0, 1)])[None] for y, v in rows.items()
    }
    return out, lowers


def _reilingen17() -> dict[int, np.ndarray]:
    """Reilingen's 20 groups summed into the 17 groups of 12411-02-03-5-B."""
    stocks, lowers = _reilingen()
    return {y: _regroup(v, lowers, L17) for y, v in stocks.items()}


def reilingen(**weights) -> dict:
    """StaLa-BW stocks grouped into the 17 groups, h = 5, within the VZ 1987 basis
    (1995, 2000 → 2005), (2000, 2005 → 2010)."""
    return _windows(
        "reilingen (1995, 2000 → 2005), (2000, 2005 → 2010)",
        _reilingen17(), L17, (2000, 2005), 5, "08226068", weights,
    )  # fmt: skip


def reilingen10(**weights) -> dict:
    """h = 10: (1995, 2000 → 2010), within the VZ 1987 basis."""
    return _windows(
        "reilingen (1995, 2000 → 2010)", _reilingen17(), L17, (2000,), 10, "08226068", weights
    )


def _ags(code: str, name: str = "") -> str | None:
    """AGS of a Regionalstatistik Gemeinde code (README of ../shared/data); None = aggregate."""
    if not code.isdigit() or len(code) == 7 or "samtgemeinde" in name.lower():
        return None
    if len(code) == 10:
        return code[:5] + code[7:]
    if len(code) == 11:
        return code[:5] + code[8:]
    return code if len(code) == 8 else None


def _wide(path: Path, block: int = 3, dash_missing: bool = False) -> dict[int, dict[str, float]]:
    """Year → AGS → value (first column of each year block; '.' = unknown; '-' = 0, or
    unknown with ``dash_missing`` – a population of '-' means the unit did not exist)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith(";;") and re.search(r"\d{4}", line))
    years = [int(re.search(r"(\d{4})", h)[1]) for h in header.split(";")[2::block]]
    out: dict[int, dict[str, float]] = {y: {} for y in years}
    for line in lines:
        parts = line.split(";")
        if len(parts) < 3 or not parts[0].isdigit():
            continue
        ags = _ags(parts[0], parts[1])
        if ags is None:
            continue
        for k, y in enumerate(years):
            cell = parts[2 + k * block].strip()
            if cell in ("", ".") or (cell == "-" and dash_missing):
                continue
            value = 0.0 if cell == "-" else float(cell)
            out[y][ags] = out[y].get(ags, 0.0) + value
    return out


def _long_deaths(path: Path) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(";")
        if len(parts) < 4 or not parts[0].isdigit() or len(parts[0]) != 4:
            continue
        ags = _ags(parts[1], parts[2])
        cell = parts[3].strip()
        if ags is None or cell in ("", "."):
            continue
        d = out.setdefault(int(parts[0]), {})
        d[ags] = d.get(ags, 0.0) + (0.0 if cell == "-" else float(cell))
    return out


def _by_ags(pop) -> dict[str, np.ndarray]:
    """Counts per AGS; a kreisfreie Stadt that the Zensus table lists only as a Kreis
    (``KKKKK`` without Gemeinde rows; Berlin and Hamburg only as Land) becomes ``KKKKK000``."""
    out: dict[str, np.ndarray] = {}
    prefixes = {c[:5] for c in pop.codes if len(c) >= 8}
    for code, name, counts in zip(pop.codes, pop.names, pop.counts, strict=True):
        if code in ("02", "11"):
            code = code + "000000"
        elif len(code) == 5 and code.isdigit() and code not in prefixes:
            code = code + "000"
        ags = _ags(code, name)
        if ags is None or not np.isfinite(counts).all():
            continue
        out[ags] = out[ags] + counts if ags in out else counts.copy()
    return out


def gemeinden(**weights) -> dict:
    codes, _, stock, _, totals, births, deaths, t = _gemeinden_data()
    horizon = 2015 - stock.year

    def series(table, years):
        return {y: np.array([table[y].get(c, np.nan) for c in codes]) for y in years}

    start = time.perf_counter()
    pred, _ = project_with_totals(
        stock,
        codes=codes,
        horizon=horizon,
        totals=series(totals, (2008, 2009, 2010)),
        births=series(births, (2009, 2010)),
        deaths=series(deaths, (2009, 2010)),
        **weights,
    )
    seconds = time.perf_counter() - start
    base_total = stock.counts.sum(axis=(1, 2))
    p08 = np.array([totals[2008].get(c, np.nan) for c in codes])
    p10 = np.array([totals[2010].get(c, np.nan) for c in codes])
    growth = np.where(p08 > 0, (p10 / p08 - 1) / 2, 0.0)
    actual = np.array([t[c] for c in codes])
    methods = {
        "engine": pred,
        "constant": (stock.counts, stock.lowers),
        "linear": base_total * (1 + np.nan_to_num(growth) * horizon),
    }
    windows = np.tile([2008.0, 2015.0], (len(codes), 1))
    out = evaluate(
        "gemeinden Zensus 09.05.2011 → 31.12.2015", methods, actual, L17, base_total, windows
    )
    out["seconds_engine"] = round(seconds, 3)
    out["horizon_years"] = round(horizon, 3)
    out["note"] = (
        "Hamilton–Perry braucht zwei Altersstichtage vor der Basis; hier gibt es nur den "
        "Zensus 2011 (und Summen 2008–2010 auf Registerbasis)."
    )
    return out


@lru_cache(maxsize=1)
def _gemeinden_data():
    from demography.readers import read_grouped_population

    folder = DATA / "gemeinden_2008-2015"
    zensus = read_grouped_population(
        folder / "regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv"
    )[0]
    target = read_grouped_population(
        folder / "regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv"
    )[0]
    z, t = _by_ags(zensus), _by_ags(target)
    totals = _wide(
        folder / "regio_12411-01-01-5-B_gemeinden_bevoelkerung_geschlecht_2008-2015.csv",
        dash_missing=True,
    )
    births = _wide(folder / "regio_12612-01-01-5-B_gemeinden_lebendgeborene_2008-2015.csv")
    deaths = _long_deaths(folder / "regio_12613-01-01-5-B_gemeinden_gestorbene_2008-2015.csv")
    # Gemeinden with the same territory at both dates (same AGS, no merger in between:
    # the 2015 total must not jump against 2012, which is on the same Zensus basis)
    codes = sorted(
        c
        for c in z
        if c in t
        and c in totals[2012]
        and c in totals[2015]
        and abs(totals[2015][c] / max(totals[2012][c], 1) - 1) < 0.25
    )
    lowers = tuple(int(x) for x in zensus.grid.lowers)
    stock = GroupedStock(stock_date(2011, zensus.source), lowers, np.array([z[c] for c in codes]))
    return codes, lowers, stock, zensus.source, totals, births, deaths, t


B_LAYOUT = (
    DATA
    / "gemeinden_2008-2015"
    / ("regio_12411-02-03-5-B_gemeinden_17altersgruppen_geschlecht_2015.csv")
)


def write_b_layout(path: Path, year: int, codes, names, groups: np.ndarray) -> Path:
    """A file in the layout of 12411-02-03-5-B (header and footer of the real 2015 file,
    Stichtag 31.12.``year``): per region 17 groups + Insgesamt for Insgesamt, männlich,
    weiblich. ``groups`` (R, 2, 17) persons (rounded)."""
    lines = B_LAYOUT.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if re.match(r"^\d{2,};", line))
    end = next(i for i, line in enumerate(lines) if line.startswith("__________"))
    head = [line.replace("31.12.2015", f"31.12.{year}") for line in lines[:first]]
    body = []
    for code, name, g in zip(codes, names, np.rint(groups).astype(int), strict=True):
        blocks = [g.sum(axis=0), g[0], g[1]]
        cells = [str(v) for b in blocks for v in [*b, b.sum()]]
        body.append(";".join([code, name, *cells]) + "\n")
    path.write_text("".join(head + body + lines[end:]), encoding="utf-8")
    return path


def _run_cli(f1: Path, f2: Path, start: int, horizon: int = 5) -> dict[tuple[str, int], float]:
    """``python -m demography project F1 F2 --start START --horizon HORIZON --format json``."""
    import subprocess

    command = [sys.executable, "-m", "demography", "project", str(f1), str(f2)]
    command += ["--start", str(start), "--horizon", str(horizon), "--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    return {(r["region"], r["year"]): r["total"] for r in json.loads(proc.stdout)}


def external(**_weights) -> dict:
    """The external check's exact command on what we have, written in the
    12411-02-03-5-B layout (two Stichtage five years apart, 17 groups, horizon 5):
    all Kreise 31.12.2015 + 31.12.2020 → 2021 (the year 1 of the output); Reilingen
    (1995, 2000 → 2005), (2000, 2005 → 2010); Konstanz (t − 5, t → t + 5) for the t whose
    two Stichtage stand on one basis by the date rule (t ≤ 2010 or t − 5 ≥ 2011; the
    register itself has no break, but the reader cannot know that). Engine = the CLI."""
    import tempfile

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        codes, g1, g2, target = _kreise_data()
        names = [f"Kreis {c}" for c in codes]
        f1 = write_b_layout(folder / "k2015.csv", 2015, codes, names, g1)
        f2 = write_b_layout(folder / "k2020.csv", 2020, codes, names, g2)
        got = _run_cli(f1, f2, 2020)
        pred = np.array([got[(c, 2021)] for c in codes])
        total2 = g2.sum(axis=(1, 2))
        methods = {
            "engine": pred,
            **_naive(g1, g2, L17, 5, 1),
            "hamilton_perry": hamilton_perry(
                GroupedStock(2015, L17, g1), GroupedStock(2020, L17, g2), 1
            ),
        }
        out.append(evaluate("CLI: Kreise 2015, 2020 → 2021", methods, target, L17, total2))
        for label, code, stocks, origins in (
            ("CLI: Reilingen t = 2000, 2005", "08226068", _reilingen17(), (2000, 2005)),
            (
                "CLI: Konstanz t = 1988 … 2010, 2016 … 2020",
                "08335043",
                _konstanz_groups(),
                [*range(1988, 2011), *range(2016, 2021)],
            ),
        ):
            preds: dict[str, list] = {
                "engine": [],
                "constant": [],
                "linear": [],
                "hamilton_perry": [],
            }
            actual = []
            for t in origins:
                a = write_b_layout(folder / "a.csv", t - 5, [code], [label[5:14]], stocks[t - 5])
                b = write_b_layout(folder / "b.csv", t, [code], [label[5:14]], stocks[t])
                preds["engine"].append(_run_cli(a, b, t)[(code, t + 5)])
                s1 = GroupedStock(t - 5, L17, stocks[t - 5])
                s2 = GroupedStock(t, L17, stocks[t])
                preds["hamilton_perry"].append(hamilton_perry(s1, s2, 5)[0].sum())
                preds["constant"].append(stocks[t].sum())
                preds["linear"].append(2 * stocks[t].sum() - stocks[t - 5].sum())
                actual.append(stocks[t + 5][0])
            act = np.array(actual)
            methods = {k: np.array(v) for k, v in preds.items()}
            out.append(evaluate(label, methods, act, L17, act.sum(axis=(1, 2))))
    return {"data": "external", "parts": out}


# --- Gemeinden Zensus 2011 + 31.12.2015 → Gemeindeverzeichnis 31.12.2023 -----------------

ZENSUS_2011 = (
    DATA / "gemeinden_2008-2015" / "regio_12111-02-01-5_gemeinden_zensus2011_altersgruppen.csv"
)
GV_2023 = DATA / "destatis_gv_gemeinden_31122023_derived.csv"


def gv_totals(path: Path = GV_2023) -> dict[str, float]:
    """AGS → population of the Gemeindeverzeichnis (Satzart 60; the 31.12.2023 totals are
    on the Zensus-2011 basis, ../shared/data/README "Population bases")."""
    with path.open(encoding="utf-8") as fh:
        return {
            r["ags"]: float(r["bev_insgesamt"] or 0)
            for r in csv.DictReader(fh, delimiter=";")
            if r["satzart"] == "60"
        }


def unchanged_territory(earlier: Iterable[str], later: Iterable[str]) -> set[str]:
    """AGS whose territory counts as unchanged between two dates: in both, and in a Kreis
    (first five digits) whose set of populated Gemeinde AGS is the same at both dates.

    A merger, a split or a Gemeinde moving to another Kreis makes an AGS disappear or
    appear; then every Gemeinde of the Kreis (of both Kreise) is dropped, also the one
    that kept its AGS and absorbed a neighbour. Not detectable: parts of territory moved
    between Gemeinden without any AGS changing."""
    a, b = set(earlier), set(later)
    changed = {c[:5] for c in a ^ b}
    return {c for c in a & b if c[:5] not in changed}


def _data_lines(path: Path) -> tuple[list[str], list[str], list[str]]:
    """Header, data lines and footer of a Regionalstatistik table."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if re.match(r"^(DG|\d{2,});", line))
    end = next(i for i, line in enumerate(lines) if line.startswith("__________"))
    return lines[:first], lines[first:end], lines[end:]


def zensus_land_file(path: Path, land: str, lines=None) -> Path:
    """The Zensus 2011 table 12111-02-01-5 cut to one Land (Land, Kreis, Verband and
    Gemeinde rows, header and footer kept). The Zensus table lists a kreisfreie Stadt only
    as a Kreis (Hamburg and Berlin only as Land), the table of 2015 as Gemeinde
    ``KKKKK000``: a row with numbers and no row with numbers below it gets that Gemeinde
    row as well (same numbers), so that the two Stichtage meet."""
    head, body, foot = lines or _data_lines(ZENSUS_2011)
    rows = [line for line in body if line.split(";", 1)[0].startswith(land)]
    with_numbers = [r for r in rows if any(c.strip().isdigit() for c in r.split(";")[2:])]
    codes = [r.split(";", 1)[0] for r in with_numbers]
    added = []
    for row, code in zip(with_numbers, codes, strict=True):
        if len(code) in (2, 5) and not any(c != code and c.startswith(code) for c in codes):
            _, name, rest = row.split(";", 2)
            added.append(f"{code.ljust(8, '0')};        {name.strip()};{rest}")
    path.write_text("".join(head + rows + added + foot), encoding="utf-8")
    return path


def b_land_file(path: Path, land: str, lines=None) -> Path:
    """The 2015 table 12411-02-03-5-B cut to one Land, with a Land row and Kreis rows (sums
    of the Gemeinden by AGS) as the external check's files have them."""
    head, body, foot = lines or _data_lines(B_LAYOUT)
    rows = [line for line in body if line.split(";", 1)[0].startswith(land)]
    sums: dict[str, np.ndarray] = {}
    for row in rows:
        code, name, *cells = row.rstrip("\n").split(";")
        ags = _ags(code, name)
        if ags is None or "." in cells or all(c == "-" for c in cells):
            continue  # Verband, Samtgemeinde, unknown (Berlin's Bezirke), not existing
        values = np.array([0.0 if c == "-" else float(c) for c in cells]).reshape(3, 18)
        for key in (land, ags[:5]):
            sums[key] = sums.get(key, 0) + values[1:, :17]
    extra = []
    for code in sorted(sums):
        g = np.rint(sums[code]).astype(int)
        blocks = [g.sum(axis=0), g[0], g[1]]
        cells = [str(v) for b in blocks for v in [*b, b.sum()]]
        name = f"Land {code}" if len(code) == 2 else f"Kreis {code}"
        extra.append(";".join([code, name, *cells]) + "\n")
    path.write_text("".join(head + extra + rows + foot), encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def _gv2023_data():
    """Gemeinden with the same territory Zensus 2011 → 2015 (as ``gemeinden``) and
    2015 → 2023 (:func:`unchanged_territory`); their Zensus and 2015 stocks, the totals
    31.12.2011 (Fortschreibung, Zensus basis) and the GV totals 31.12.2023."""
    codes15, _, zstock, _, totals, _, _, t = _gemeinden_data()
    gv = gv_totals()
    kept = unchanged_territory(
        (a for a, v in t.items() if v.sum() > 0), (a for a, v in gv.items() if v > 0)
    )
    idx = [i for i, c in enumerate(codes15) if c in kept]
    codes = [codes15[i] for i in idx]
    return {
        "codes": codes,
        "zensus": GroupedStock(zstock.year, zstock.lowers, zstock.counts[idx]),
        "stock2015": GroupedStock(2015.0, L17, np.array([t[c] for c in codes])),
        "total2011": np.array([totals[2011].get(c, np.nan) for c in codes]),
        "actual": np.array([gv[c] for c in codes]),
        "candidates": len(codes15),
        "kreise_dropped": len({c[:5] for c in codes15} - {c[:5] for c in codes}),
    }


@lru_cache(maxsize=1)
def _gv2023_inputs() -> dict[str, tuple]:
    """Per Land: the CLI's inputs read from the two files (Zensus and 2015 cut to the Land,
    :func:`zensus_land_file`, :func:`b_land_file`) exactly as ``python -m demography
    project F1 F2 --start 2015`` prepares them (``cli.project._history_result``)."""
    import tempfile

    from demography.history_projection import stocks_from_grouped
    from demography.readers.history import read_history

    zl, bl = _data_lines(ZENSUS_2011), _data_lines(B_LAYOUT)
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for land in sorted({c[:2] for c in _gv2023_data()["codes"]}):
            f1 = zensus_land_file(Path(tmp) / "zensus.csv", land, zl)
            f2 = b_land_file(Path(tmp) / "b2015.csv", land, bl)
            history = read_history([f1, f2])
            usable = [s for s in history.stocks if s.grid.n > 1 and s.population.year <= 2015]
            base = [s for s in usable if s.population.year == 2015][-1]
            _keep, pops = history.at_base(usable, base)
            out[land] = stocks_from_grouped(pops)
    return out


#: Consistency of Kreis/Land rows with their Gemeinden in the engine runs of ``gv2023``
#: and ``kreise_laender`` (:mod:`demography.consistency`; ``--aggregates``).
AGGREGATES = "sum"


def aggregate_errors(pred: dict[str, float], base: dict[str, float]) -> dict:
    """Errors of the Kreis and Land rows of the gv2023 input at 31.12.2023 (engine and
    constant), for the aggregates whose Gemeinden are all scored: the row's base 2015
    equals the sum of the scored Gemeinden under it (±0.5 persons); actual = the sum of
    their Gemeindeverzeichnis totals."""
    d = _gv2023_data()
    stock = dict(zip(d["codes"], d["stock2015"].counts.sum(axis=(1, 2)), strict=True))
    actual = dict(zip(d["codes"], d["actual"], strict=True))
    out = {}
    for level, length in (("kreise", 5), ("laender", 2)):
        rows = []
        for code in (c for c in pred if len(c) == length):
            under = [c for c in d["codes"] if c.startswith(code)]
            if under and abs(sum(stock[c] for c in under) - base[code]) <= 0.5:
                rows.append((pred[code], base[code], sum(actual[c] for c in under)))
        if rows:
            p, b, a = (np.array(x) for x in zip(*rows, strict=True))
            out[level] = {
                "engine": _stats(100.0 * (p / a - 1.0)),
                "constant": _stats(100.0 * (b / a - 1.0)),
            }
    return out


def _gv2023_evaluate(name: str, engine: np.ndarray, **extra) -> dict:
    d = _gv2023_data()
    z, b = d["zensus"], d["stock2015"]
    n, h = 2015 - z.year, 8.0
    p_z, p15 = z.counts.sum(axis=(1, 2)), b.counts.sum(axis=(1, 2))
    methods = {
        "engine": engine,
        "constant": p15,
        "linear": p15 + (p15 - p_z) * h / n,
        "linear_2011_12": p15 + (p15 - d["total2011"]) * h / 4,
        "hamilton_perry": hamilton_perry_gap(z, b, h).sum(axis=(1, 2)),
    }
    windows = np.tile([z.year, 2023.0], (len(d["codes"]), 1))
    out = evaluate(name, methods, d["actual"], L17, p15, windows)
    land = np.array([c[:2] for c in d["codes"]])
    out["by_land"] = {
        L: {
            m: _stats(100.0 * (pred[land == L] / d["actual"][land == L] - 1.0))
            for m, pred in methods.items()
        }
        for L in sorted(set(land))
    }
    out["_groups"] = land
    out["horizon_years"] = h
    out["interval_years"] = round(n, 3)
    out["candidates"] = d["candidates"]
    out["kreise_dropped"] = d["kreise_dropped"]
    out["note"] = (
        "Gemeinden mit gleichem Gebiet Zensus 2011 → 2015 (wie 'gemeinden') und 2015 → "
        "2023 (Kreise, in denen eine bewohnte Gemeinde-AGS weg- oder hinzukam, fallen "
        "ganz weg); Ziel: Gemeindeverzeichnis 31.12.2023 (Zensus-2011-Basis). Nur Summen: "
        "das Verzeichnis hat keine Altersgruppen. 8 Jahre statt 5: Summen der Gemeinden "
        "für 2020 liegen nicht vor."
    )
    out.update(extra)
    return out


def gv2023(**weights) -> dict:
    """Zensus 09.05.2011 + 31.12.2015 → 31.12.2023 (8 years), every Gemeinde with
    unchanged territory; engine per Land through the library path of the CLI
    (:func:`_gv2023_inputs` + ``project_history``); totals only."""
    d = _gv2023_data()
    pred: dict[str, float] = {}
    base: dict[str, float] = {}
    weights.setdefault("aggregates", AGGREGATES)
    start = time.perf_counter()
    for codes, names, stocks in _gv2023_inputs().values():
        res, _ = project_history(
            stocks, codes=codes, names=names, horizon=8, base_year=2015, **weights
        )
        totals = res.single_years()[8].sum(axis=(1, 2))
        pred.update(zip(codes, totals, strict=True))
        base.update(zip(codes, res.single_years()[0].sum(axis=(1, 2)), strict=True))
    seconds = time.perf_counter() - start
    engine = np.array([pred.get(c, np.nan) for c in d["codes"]])
    return _gv2023_evaluate(
        "gemeinden Zensus 2011 + 2015 → GV 31.12.2023",
        engine,
        seconds_engine=round(seconds, 3),
        aggregates=aggregate_errors(pred, base),
        aggregates_mode=weights["aggregates"],
    )


def gv2023cli(**_weights) -> dict:
    """The same through the command itself, one Land at a time: ``python -m demography
    project ZENSUS_LAND.csv B2015_LAND.csv --start 2015 --horizon 8 --format json``."""
    import tempfile

    d = _gv2023_data()
    zl, bl = _data_lines(ZENSUS_2011), _data_lines(B_LAYOUT)
    pred: dict[str, float] = {}
    base: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for land in sorted({c[:2] for c in d["codes"]}):
            f1 = zensus_land_file(Path(tmp) / "zensus.csv", land, zl)
            f2 = b_land_file(Path(tmp) / "b2015.csv", land, bl)
            got = _run_cli(f1, f2, 2015, horizon=8)
            pred.update({c: v for (c, y), v in got.items() if y == 2023})
            base.update({c: v for (c, y), v in got.items() if y == 2015})
    engine = np.array([pred.get(c, np.nan) for c in d["codes"]])
    return _gv2023_evaluate(
        "CLI: Gemeinden Zensus 2011 + 2015 → GV 31.12.2023",
        engine,
        aggregates=aggregate_errors(pred, base),
    )


def hamilton_perry_gap(earlier: GroupedStock, base: GroupedStock, horizon: float) -> np.ndarray:
    """Hamilton–Perry (R, 2, 101) ``horizon`` years after the base for an interval n that
    need not be a whole number of years (Zensus 09.05.2011 → 31.12.2015: 4.65 years).

    Single years from the national-shape split (as :func:`hamilton_perry`). Who is aged x
    (completed) at the base was x − n: with uniform ages within the year, the share
    f = n − ⌊n⌋ came from age x − ⌊n⌋ − 1 and 1 − f from x − ⌊n⌋. ``CCR(x) = B(x) /
    A_n(x)``, applied as ``CCR^(h/n)`` to the cohort aged x at the target (as for h ≠ n
    in :func:`hamilton_perry`); children born within the horizon: births per year of the
    interval (the children younger than n at the base) × h, times the change of women
    15–44, spread evenly over the ages below h."""
    n = base.year - earlier.year
    k, f = int(np.floor(n)), n - np.floor(n)
    hh = round(horizon)
    a = split_groups(earlier.counts, earlier.lowers, national_shape(earlier.year))
    b = split_groups(base.counts, base.lowers, national_shape(base.year))
    shifted = np.zeros_like(a)
    shifted[..., k + 1 : 100] = f * a[..., : 99 - k] + (1 - f) * a[..., 1 : 100 - k]
    open_a = f * a[..., 99 - k :].sum(axis=-1) + (1 - f) * a[..., 100 - k :].sum(axis=-1)
    ccr = np.ones_like(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        ccr[..., k + 1 : 100] = np.where(
            shifted[..., k + 1 : 100] > 0, b[..., k + 1 : 100] / shifted[..., k + 1 : 100], 1.0
        )
        ccr[..., 100] = np.where(open_a > 0, b[..., 100] / open_a, 1.0)
        # age ⌊n⌋: the part born before the earlier date was aged 0 then
        ccr[..., k] = np.where(a[..., 0] > 0, b[..., k] / a[..., 0], 1.0)
    out = np.zeros_like(b)
    out[..., hh:100] = b[..., : 100 - hh] * ccr[..., hh:100] ** (horizon / n)
    out[..., 100] = b[..., 100 - hh :].sum(axis=-1) * ccr[..., 100] ** (horizon / n)
    born = b[..., :k].sum(axis=-1) + f * b[..., k]
    women_b = b[:, 1, 15:45].sum(axis=-1)
    women_p = out[:, 1, 15:45].sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(women_b > 0, women_p / women_b, 1.0)
    out[..., :hh] = (born * horizon / n / hh * factor[:, None])[..., None]
    return out


DATASETS = {
    "kreise": kreise,
    "gemeinden": gemeinden,
    "konstanz": konstanz,
    "konstanz10": konstanz10,
    "reilingen": reilingen,
    "reilingen10": reilingen10,
    "gv2023": gv2023,
}


#: Weights tried by the cross-validation: the input-wide migration trend against "the
#: population stays" (w, :data:`~demography.history_projection.TREND_WEIGHT`; 0 = stays,
#: 1 = full trend) and the local deviation from it (β,
#: :data:`~demography.history_projection.LOCAL_WEIGHT`).
TREND_GRID = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
LOCAL_GRID = (0.0, 0.2, 0.4, 0.7, 1.0)
WEIGHT_GRID = tuple((w, b) for w in TREND_GRID for b in LOCAL_GRID)


def cross_validate(names: list[str], grid=WEIGHT_GRID) -> dict:
    """Rolling-origin cross-validation of the weights (TREND_WEIGHT, LOCAL_WEIGHT).

    Every unit (a Gemeinde, a Kreis, one Konstanz or Reilingen window) has a window: from
    the first date its forecast used to the date it was scored on. Its out-of-sample
    weights are those that minimise the mean over the *other* data sets of their MAPE,
    each computed only on their units whose windows do not overlap this unit's window
    (so neither the same place nor the same years inform the weights; every data set
    counts once, however many units it has; Konstanz at 5 and at 10 years are one place,
    so they never inform each other). The MAPE of a data set is taken relative to the MAPE
    of "constant" on the same units (scale-free: the horizons are 1 to 10 years). The
    in-sample weights minimise the same mean over all units of all data sets (the shipped
    defaults). A data set whose result carries ``_groups`` (``gv2023``: the Land of each
    Gemeinde; all share one window) also informs its own units from the other groups
    (out of region, not out of time), as one more data set in the mean."""
    runs: dict = {}
    groups: dict = {}
    for w, b in grid:
        runs[(w, b)] = {}
        for n in names:
            r = DATASETS[n](trend_weight=w, local_weight=b)
            runs[(w, b)][n] = r["_cv"]
            groups[n] = r.get("_groups")
    first = runs[grid[0]]
    place = {n: n.rstrip("0123456789") for n in names}
    out: dict = {"grid": [list(g) for g in grid], "out_of_sample": {}, "in_sample": {}}
    loss_all = [np.mean([_relative(runs[g][n]) for n in names]) for g in grid]
    g_in = grid[int(np.argmin(loss_all))]
    out["in_sample"]["weights"] = list(g_in)
    out["in_sample"]["mean_relative_mape"] = {
        f"{w}/{b}": round(float(v), 3) for (w, b), v in zip(grid, loss_all, strict=True)
    }
    for n in names:
        windows = first[n][0]
        chosen = []
        ape = np.empty(len(windows))
        cache: dict[tuple, tuple] = {}
        for u, (lo, hi) in enumerate(windows):
            group = None if groups[n] is None else groups[n][u]
            key = (float(lo), float(hi), group)
            if key not in cache:
                losses = []
                for g in grid:
                    parts = []
                    for other in names:
                        if other == n and group is not None:
                            # same data set, other Länder: out of region, not out of time
                            parts.append(_relative(runs[g][n], groups[n] != group))
                            continue
                        if place[other] == place[n]:
                            continue
                        win = runs[g][other][0]
                        free = (win[:, 1] <= lo) | (win[:, 0] >= hi)
                        if free.any():
                            parts.append(_relative(runs[g][other], free))
                    losses.append(np.mean(parts) if parts else np.inf)
                cache[key] = grid[int(np.argmin(losses))] if np.isfinite(min(losses)) else g_in
            chosen.append(cache[key])
            ape[u] = runs[cache[key]][n][1][u]
        out["out_of_sample"][n] = {
            "mape": round(float(np.nanmean(ape)), 3),
            "weights": sorted({tuple(c) for c in chosen}),
            "mape_in_sample_weights": round(float(np.nanmean(runs[g_in][n][1])), 3),
            "mape_own_best": round(float(min(np.nanmean(runs[g][n][1]) for g in grid)), 3),
            "own_best": list(grid[int(np.argmin([np.nanmean(runs[g][n][1]) for g in grid]))]),
            "mape_constant": round(float(np.nanmean(first[n][2])), 3),
        }
    return out


#: Settings tried by :func:`cross_validate_pattern`: the women behind the expected births
#: of the history (FERTILITY_EXPOSURE "closed" or "present") × the weight of the age pattern
#: of migration (PATTERN_WEIGHT). The first entry is the reference (the state before).
PATTERN_GRID = tuple((e, w) for e in ("closed", "present") for w in (0.0, 0.25, 0.5, 0.75, 1.0))
PATTERN_SETS = ("kreise", "konstanz", "konstanz10", "reilingen", "reilingen10")


def cross_validate_pattern(names=PATTERN_SETS, grid=PATTERN_GRID) -> dict:
    """Leave-one-place-out choice of FERTILITY_EXPOSURE and PATTERN_WEIGHT by the errors
    of the ages.

    Loss of a data set: the mean over 0–2, 6–9, 65–74 and 75+ of the engine's MAPE
    relative to its MAPE with the first setting of the grid (scale-free). For each place
    (Konstanz at 5 and 10 years is one place) the setting is chosen on the *other* places
    and its own errors with it are reported; in-sample: the least mean loss over all."""
    from demography import history_projection

    ages = {}
    totals = {}
    saved = history_projection.FERTILITY_EXPOSURE
    try:
        for g in grid:
            history_projection.FERTILITY_EXPOSURE = g[0]
            for n in names:
                e = DATASETS[n](pattern_weight=g[1])["methods"]["engine"]
                ages[(g, n)] = e["age_mape"]
                totals[(g, n)] = e["totals"]["mape"]
    finally:
        history_projection.FERTILITY_EXPOSURE = saved

    def loss(g, n):
        return float(
            np.mean([ages[(g, n)][k] / max(ages[(grid[0], n)][k], 1e-9) for k in AGE_CHECKS])
        )

    place = {n: n.rstrip("0123456789") for n in names}
    g_in = min(grid, key=lambda g: np.mean([loss(g, n) for n in names]))
    out: dict = {
        "grid": [list(g) for g in grid],
        "in_sample": list(g_in),
        "mean_relative_age_mape": {
            f"{g[0]}/{g[1]}": round(float(np.mean([loss(g, n) for n in names])), 3) for g in grid
        },
        "out_of_sample": {},
    }
    for n in names:
        others = [m for m in names if place[m] != place[n]]
        g = min(grid, key=lambda g: np.mean([loss(g, m) for m in others]))
        out["out_of_sample"][n] = {
            "chosen": list(g),
            "relative_age_mape": round(loss(g, n), 3),
            "age_mape": ages[(g, n)],
            "age_mape_reference": ages[(grid[0], n)],
            "totals_mape": totals[(g, n)],
            "totals_mape_reference": totals[(grid[0], n)],
        }
    return out


#: Grid of :func:`cross_validate_persistence`: the share of a Gemeinde's deviation from
#: its Kreis that carries on (PERSISTENCE) × the local weight β (LOCAL_WEIGHT).
PERSISTENCE_GRID = (0.0, 0.15, 0.3, 0.5, 0.7, 1.0)


def cross_validate_persistence(grid_p=PERSISTENCE_GRID, grid_b=LOCAL_GRID) -> dict:
    """Leave-one-Land-out choice of PERSISTENCE and LOCAL_WEIGHT together on all Gemeinden.

    Only the Gemeinde data set has regions below a Kreis, so only it can tell the
    persistence; its units all share one window (2008 → 2015), so the rolling-origin
    cross-validation cannot use it. Here the Gemeinden of each Land are scored with the
    weights that minimise the MAPE of the totals over the Gemeinden of the *other* Länder
    (out of region, not out of time: the years are the same)."""
    from demography import history_shrink

    codes = _gemeinden_data()[0]
    land = np.array([c[:2] for c in codes])
    saved = history_shrink.PERSISTENCE
    ape: dict[tuple[float, float], np.ndarray] = {}
    try:
        for p in grid_p:
            history_shrink.PERSISTENCE = p
            for b in grid_b:
                run = gemeinden(local_weight=b)["_cv"]
                ape[(p, b)] = run[1]
                constant = run[2]
    finally:
        history_shrink.PERSISTENCE = saved
    grid = list(ape)
    ok = np.isfinite(constant) & np.all([np.isfinite(v) for v in ape.values()], axis=0)
    mean = {g: float(v[ok].mean()) for g, v in ape.items()}
    g_in = min(grid, key=mean.get)
    oos = np.full(len(codes), np.nan)
    chosen = {}
    for L in sorted(set(land)):
        mine = ok & (land == L)
        rest = ok & (land != L)
        g = min(grid, key=lambda g: float(ape[g][rest].mean()))
        chosen[L] = list(g)
        oos[mine] = ape[g][mine]
    return {
        "in_sample": {"persistence_local_weight": list(g_in), "mape": round(mean[g_in], 3)},
        "shipped": {
            "persistence_local_weight": [saved, LOCAL_WEIGHT_DEFAULT],
            "mape": round(mean.get((saved, LOCAL_WEIGHT_DEFAULT), float("nan")), 3),
        },
        "out_of_sample_mape": round(float(np.nanmean(oos[ok])), 3),
        "constant_mape": round(float(constant[ok].mean()), 3),
        "chosen_per_land": chosen,
        "mape_by_weights": {f"{p}/{b}": round(v, 3) for (p, b), v in mean.items()},
    }


def _relative(run, mask=None) -> float:
    """MAPE of the engine / MAPE of "constant" on the same units."""
    _, engine, constant = run
    ok = np.isfinite(engine) & np.isfinite(constant)
    if mask is not None:
        ok &= mask
    return float(engine[ok].mean() / max(constant[ok].mean(), 1e-9))


def backtest_migration_table(mode: str) -> dict:
    """The migration tables of 2015 in the history projection (``--migration-table
    net|turnover``, :mod:`demography.migration_table`), engine with and without:
    Kreise 31.12.2015 + 2020 → 2021 with the Kreis table 12711-02-02-4 (2015, before the
    base year: out of sample), Konstanz (t − 5, t → t + 5), t = 2015 … 2020, and every
    Gemeinde Zensus 2011 + 2015 → 2023 (:func:`gv2023`, totals only), both with the Gemeinde
    table 12711-01-03-5-B (2015, never after the base year). Measured 08.12.2026 (net):
    totals MAPE Kreise 0.348 → 0.348 %, Konstanz 1.39 → 0.55 %, gv2023 5.14 → 4.40 %
    (docs/demography-projection.md, "Wanderungstabellen")."""
    import dataclasses

    from demography.migration_table import table_from_history
    from demography.readers.history import read_history

    folder = DATA / "gemeinden_2008-2015"
    paths = {
        "kreise": folder / "kreise" / "regio_12711-02-02-4_kreise_wanderungen_altersgruppen"
        "_inkl_ausland_2015.csv",
        "gemeinden": folder / "regio_12711-01-03-5-B_gemeinden_zu-fortzuege_altersgruppen_2015.csv",
    }
    weight = 1.0 if mode == "net" else 0.0
    tables = {
        key: dataclasses.replace(table_from_history(read_history([p])), shape_weight=weight)
        for key, p in paths.items()
    }
    runs = []
    for variant, use in (("ohne Tabelle", False), (f"mit Tabelle ({mode})", True)):
        k = kreise(**({"migration_table": tables["kreise"]} if use else {}))
        kn = _windows(
            "konstanz t−5, t → t+5 (t = 2015 … 2020)", _konstanz_groups(), L17,
            range(2015, 2021), 5, "08335043",
            {"migration_table": tables["gemeinden"]} if use else {},
        )  # fmt: skip
        gv = gv2023(**({"migration_table": tables["gemeinden"]} if use else {}))
        for r in (k, kn, gv):
            e = r["methods"]["engine"]
            runs.append(
                {
                    "data": r["data"],
                    "variant": variant,
                    "totals": {x: e["totals"][x] for x in ("mape", "bias", "within_2", "within_5")},
                    "by_size": {c: v["mape"] for c, v in e["totals"]["by_size"].items()},
                    "age_mape": e.get("age_mape", {}),
                    "constant_mape": r["methods"]["constant"]["totals"]["mape"],
                }
            )
    return {"mode": mode, "runs": runs}


def write_intervals(result: dict) -> None:
    totals = result["methods"]["engine"]["totals"]
    table = {
        "_about": (
            "Empirische 80-%-Intervalle der Gesamtzahl: 80. Perzentil des absoluten "
            "prozentualen Fehlers (vorausberechnet/tatsächlich − 1) im eigenen Backtest "
            "aller Gemeinden Zensus 09.05.2011 → 31.12.2015 (bench/backtest_gemeinden.py "
            "--write-intervals), je Größenklasse der Basis (Klassen mit weniger als 30 Gemeinden wie die nächstkleinere); "
            "für andere Zeiträume linear "
            "mit dem Abstand skaliert (demography.intervals)."
        ),
        "horizon_years": result["horizon_years"],
        "coverage": 0.8,
        "classes": {},
    }
    previous = None
    for label, entry in totals["by_size"].items():
        # classes with fewer than 30 backtest regions take the next smaller class
        use = entry if entry["n"] >= 30 or previous is None else previous
        table["classes"][label] = {"abs_p80": use["abs_p80"], "n": entry["n"]}
        previous = use
    path = ROOT / "src" / "demography" / "data" / "intervals_de.json"
    path.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--only", default=",".join([*DATASETS, "external", "gv2023cli"]))
    parser.add_argument(
        "--write-intervals",
        action="store_true",
        help="Fehlerquantile des Gemeinde-Backtests nach src/demography/data/intervals_de.json",
    )
    parser.add_argument(
        "--cv",
        action="store_true",
        help="Gewicht des Wanderungstrends durch Kreuzvalidierung (rollierender Ursprung)",
    )
    parser.add_argument(
        "--cv-pattern",
        action="store_true",
        help="Gewicht des Altersmusters der Wanderung durch Kreuzvalidierung (je Ort)",
    )
    parser.add_argument(
        "--cv-persistence",
        action="store_true",
        help="Persistenz und lokales Gewicht gemeinsam (je Land herausgelassen)",
    )
    parser.add_argument(
        "--aggregates",
        choices=("sum", "rake", "own"),
        default="sum",
        help="Kreis-/Landzeilen in gv2023 und kreise_laender: Summe der Gemeinden/Kreise "
        "(Standard der Engine), Gemeinden/Kreise darauf skaliert, oder jede Zeile für sich",
    )
    parser.add_argument(
        "--migration-table",
        choices=("net", "turnover"),
        help="Wanderungstabellen 2015 (Kreise, Konstanz) mit und ohne, Engine allein",
    )
    args = parser.parse_args(argv)
    names = [n for n in args.only.split(",") if n]
    global AGGREGATES
    AGGREGATES = args.aggregates
    if args.migration_table:
        json.dump(
            backtest_migration_table(args.migration_table), sys.stdout, ensure_ascii=False, indent=1
        )
        sys.stdout.write("\n")
        return 0
    if args.cv_persistence:
        json.dump(cross_validate_persistence(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if args.cv_pattern:
        json.dump(cross_validate_pattern(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if args.cv:
        cv = cross_validate([n for n in names if n in DATASETS])
        json.dump(cv, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if args.write_intervals and "gemeinden" not in names:
        names.append("gemeinden")
    results = []
    for name in names:
        extra = {"external": external, "gv2023cli": gv2023cli, "kreise_laender": kreise_laender}
        r = {**DATASETS, **extra}[name]()
        results.extend(r.get("parts", [r]))
    for r in results:
        r.pop("_cv", None)
        r.pop("_groups", None)
    if args.write_intervals:
        write_intervals(next(r for r in results if r["data"].startswith("gemeinden")))
    if args.format == "json":
        json.dump(results, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for r in results:
        print(f"== {r['data']} ({r['regions']} Einheiten)")
        for method, entry in r["methods"].items():
            t = entry["totals"]
            ages = " ".join(f"{k} {v:.2f}" for k, v in entry.get("age_mape", {}).items())
            print(
                f"  {method:15s} MAPE {t['mape']:6.2f}  Bias {t['bias']:+6.2f}  "
                f"±2 % {t['within_2']:.2f}  ±5 % {t['within_5']:.2f}  | {ages}"
            )
        for level, entry in r.get("aggregates", {}).items():
            for method, t in entry.items():
                print(
                    f"  {level}: {method:9s} n {t['n']:4d} MAPE {t['mape']:6.2f}  "
                    f"Bias {t['bias']:+6.2f}  ±2 % {t['within_2']:.2f}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
