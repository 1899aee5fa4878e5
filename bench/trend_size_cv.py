"""Trend weight by the size of the input's top aggregate, cross-validated on every data set.

``python bench/trend_size_cv.py [--format json]``

Hypothesis (Smith, Tayman & Swanson 2013: the growth of large populations persists far
more than that of single places; a Land's trend is mostly national and international
migration): the common migration rate of the whole input gets the trend weight
``w = top_trend_weight(size)`` – 0 up to T0 persons in the input's leaf regions, 1 from
T1, linear in log10(size) between (:func:`demography.history_projection.top_trend_weight`)
– while every region's own deviation keeps β and the persistence as before.

Candidates: T0 ∈ 10⁴ … 3·10⁷ (steps of ½ decade) × ramp width 0, 1 or 2 decades, plus
"never" (w = 0 for every input: the default before) and "always" (w = 1).
Top size of each data set of ``backtest_gemeinden``: Kreise and Gemeinden 2011 → 2015 the
whole of Germany (one input), Konstanz and Reilingen the place itself, ``gv2023`` one Land
(the engine runs per Land, as in the external check).

Cross-validation: leave one data set out (Konstanz 5/10 and Reilingen 5/10 years are one
place each) – a unit's candidate minimises the mean over the *other* data sets of MAPE
engine / MAPE constant (each data set counts once); a Gemeinde of ``gv2023`` gets the
candidate chosen on the other data sets plus the Gemeinden of the *other* Länder (leave one
Land out). Ties (the loss is flat wherever no data set has its top size): the middle one
of the tied candidates ordered by √(T0·T1). Also reported: every data set wholly left out
(``dataset``, gv2023 too) and the rolling origin (``time``: only units whose windows do
not overlap inform a unit; none → "never"). Reported: out-of-sample MAPE per data set, the
in-sample best, totals by size class and the age groups with the in-sample candidate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import backtest_gemeinden as B

NEVER = (1e12, 1e12)
ALWAYS = (0.0, 0.0)
T0_GRID = (1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7, 3e7)
WIDTHS = (0, 1, 2)
CANDIDATES = (
    NEVER,
    *[(t0, t0 * 10.0**d) for t0 in T0_GRID for d in WIDTHS],
    ALWAYS,
)
NAMES = ("kreise", "gemeinden", "konstanz", "konstanz10", "reilingen", "reilingen10", "gv2023")


def label(c) -> str:
    if c == NEVER:
        return "nie (w = 0)"
    if c == ALWAYS:
        return "immer (w = 1)"
    return f"{c[0]:.0e}–{c[1]:.0e}"


def run_all(names=NAMES, candidates=CANDIDATES) -> dict:
    runs: dict = {}
    for c in candidates:
        runs[c] = {n: B.DATASETS[n](trend_size=c) for n in names}
    return runs


def choose(losses: dict) -> tuple:
    best = min(losses.values())
    tied = [c for c, v in losses.items() if v <= best + 1e-9]
    tied.sort(key=lambda c: (np.sqrt(max(c[0], 1.0) * max(c[1], 1.0)), c[1]))
    return tied[(len(tied) - 1) // 2]


def cross_validate(runs: dict, names=NAMES, scheme: str = "land") -> dict:
    """``scheme``: "land" (a gv2023 Gemeinde: the other data sets plus the other Länder),
    "dataset" (every data set wholly left out, gv2023 too) or "time" (rolling origin as in
    ``backtest_gemeinden.cross_validate``: only units whose windows do not overlap the
    unit's window inform it, plus – for gv2023 – the other Länder)."""
    cands = list(runs)
    place = {n: n.rstrip("0123456789") for n in names}
    cv = {c: {n: runs[c][n]["_cv"] for n in names} for c in cands}
    out: dict = {"out_of_sample": {}, "in_sample": {}}
    loss_all = {c: float(np.mean([B._relative(cv[c][n]) for n in names])) for c in cands}
    c_in = choose(loss_all)
    out["in_sample"] = {
        "chosen": label(c_in),
        "loss": {label(c): round(v, 4) for c, v in loss_all.items()},
    }
    for n in names:
        groups = runs[cands[0]][n].get("_groups")
        n_units = len(cv[cands[0]][n][1])
        ape = np.empty(n_units)
        chosen_by_group: dict = {}
        for u in range(n_units):
            g = None if groups is None else groups[u]
            key = (g, *cv[cands[0]][n][0][u]) if scheme == "time" else g
            if key not in chosen_by_group:
                losses = {}
                for c in cands:
                    parts = []
                    lo, hi = cv[c][n][0][u]
                    for other in names:
                        if other == n and g is not None and scheme != "dataset":
                            parts.append(B._relative(cv[c][n], groups != g))
                        elif place[other] != place[n]:
                            win = cv[c][other][0]
                            free = (win[:, 1] <= lo) | (win[:, 0] >= hi)
                            if scheme != "time":
                                parts.append(B._relative(cv[c][other]))
                            elif free.any():
                                parts.append(B._relative(cv[c][other], free))
                    losses[c] = float(np.mean(parts)) if parts else float(c != NEVER)
                chosen_by_group[key] = choose(losses)
            ape[u] = cv[chosen_by_group[key]][n][1][u]
        out["out_of_sample"][n] = {
            "mape": round(float(np.nanmean(ape)), 3),
            "chosen": sorted({label(c) for c in chosen_by_group.values()}),
            "mape_never": round(float(np.nanmean(cv[NEVER][n][1])), 3),
            "mape_in_sample": round(float(np.nanmean(cv[c_in][n][1])), 3),
            "mape_constant": round(float(np.nanmean(cv[NEVER][n][2])), 3),
        }
    out["_c_in"] = c_in
    return out


def table(runs: dict, c) -> dict:
    """Totals (MAPE, bias, by size) and ages of every data set with candidate ``c``."""
    out = {}
    for n, r in runs[c].items():
        m = r["methods"]
        out[n] = {
            k: {
                "mape": v["totals"]["mape"],
                "bias": v["totals"]["bias"],
                "by_size": {s: (x["mape"], x["bias"]) for s, x in v["totals"]["by_size"].items()},
                "ages": v.get("age_mape", {}),
            }
            for k, v in m.items()
            if k == "engine" or c == NEVER
        }
        if "by_land" in r:
            out[n]["by_land"] = {L: x["engine"]["mape"] for L, x in r["by_land"].items()}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=("json", "text"), default="text")
    args = parser.parse_args(argv)
    runs = run_all()
    res = cross_validate(runs)
    c_in = res.pop("_c_in")
    for scheme in ("dataset", "time"):
        other = cross_validate(runs, scheme=scheme)
        res[f"out_of_sample_{scheme}"] = other["out_of_sample"]
    res["before"] = table(runs, NEVER)
    res["in_sample_candidate"] = table(runs, c_in)
    if args.format == "json":
        print(json.dumps(res, indent=1, ensure_ascii=False))
        return 0
    print("in sample:", res["in_sample"]["chosen"])
    for c, v in sorted(res["in_sample"]["loss"].items(), key=lambda x: x[1])[:12]:
        print(f"  {c:>14} {v:.4f}")
    print(f"{'data':12} {'out':>7} {'never':>7} {'in':>7} {'const':>7}  chosen")
    for n, v in res["out_of_sample"].items():
        print(
            f"{n:12} {v['mape']:7.3f} {v['mape_never']:7.3f} {v['mape_in_sample']:7.3f} "
            f"{v['mape_constant']:7.3f}  {', '.join(v['chosen'])}"
        )
    for scheme in ("dataset", "time"):
        print(f"out of sample ({scheme}):")
        for n, v in res[f"out_of_sample_{scheme}"].items():
            print(f"  {n:12} {v['mape']:7.3f}  {', '.join(v['chosen'])}")
    for n in NAMES:
        b, a = res["before"][n], res["in_sample_candidate"][n]
        print(n, "before", b["engine"]["mape"], b["engine"]["bias"], b["engine"]["ages"])
        print(n, "after ", a["engine"]["mape"], a["engine"]["bias"], a["engine"]["ages"])
        for s in b["engine"]["by_size"]:
            print(f"   {s:8} {b['engine']['by_size'][s]} -> {a['engine']['by_size'].get(s)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
