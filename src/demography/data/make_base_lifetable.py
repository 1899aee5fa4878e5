"""Derive the shipped base life table ``base_lifetable_de.json`` from official counts.

Run: ``python -m demography.data.make_base_lifetable [SHARED_DATA_DIR]`` (writes the JSON
next to this file). Needs the real files of ``../shared/data``; the engine itself only
reads the resulting JSON.

Method (Deutschland, Männer und Frauen getrennt, Basis Zensus 2011):

* Ages 0–79: death rates by age group from the deaths of 2015 by age group
  (Regionalstatistik 12613-02-02-4, row DG) divided by the population at 31.12.2015 by
  single year (GENESIS 12411-0013, sum of the Länder). Single ages inside a group by
  linear interpolation of log m between the group centres, then rescaled so that every
  group's expected deaths equal the registered deaths exactly.
* Ages 80–100+: a Kannisto-type logistic hazard ``m(x) = c·z/(1+z)``,
  ``z = a·exp(b(x−80))``, fitted (least squares on log counts) to the cohort survival of
  the single-year stocks 31.12.2015 → … → 31.12.2019 (12411-0013: ages 79–88 one year later
  and the open group "90 und mehr", which receives the 89-year-olds and keeps its own
  survivors). At these ages net migration is tiny, so stock change is mortality. The fit
  reproduces the registered deaths 85+ of 2015 within 1–2 % (printed below).

Checked against the published Destatis Sterbetafel 2015/2017 (e0 78.36 / 83.18 years):
the level is calibrated each projection year to the e0 of the assumption series anyway,
so what matters from this table is the *shape* by age – in particular that mortality at
90+ is as steep as observed, which a Siler curve fitted to e0 alone is not.
"""

from __future__ import annotations

import json
import re
import sys
from itertools import pairwise
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
GROUP_EDGES = [0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85]


def read_stocks(path: Path) -> dict[int, np.ndarray]:
    """Germany (sum of Länder) by sex × ages 0 … 89, 90+ per 31.12. year."""
    out: dict[int, np.ndarray] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"31\.12\.(\d{4});([^;]+);(.*)", line.strip())
        if not m or m[2].startswith("Insgesamt"):
            continue
        label = m[2]
        age = 0 if label.startswith("unter 1") else 90 if label.startswith("90") else None
        if age is None:
            age = int(label.split("-")[0])
        values = np.array([float(v) for v in m[3].split(";")[:48]]).reshape(16, 3)
        out.setdefault(int(m[1]), np.zeros((2, 91)))[:, age] = values[:, :2].sum(axis=0)
    return out


def read_deaths(path: Path) -> np.ndarray:
    """Deaths 2015 in Germany by sex × the 19 groups of 12613-02-02-4 (last = 85+)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(";")
        if len(parts) > 6 and parts[1] == "DG" and parts[3] != "Insgesamt":
            rows.append((float(parts[5]), float(parts[6])))
    return np.array(rows).T


def kannisto(params: tuple[float, float, float], ages: np.ndarray) -> np.ndarray:
    a, b, c = params
    z = a * np.exp(b * (ages - 80.0))
    return c * z / (1.0 + z)


def _lt(m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    q = m / (1.0 + 0.5 * m)
    q[-1] = 1.0
    lx = np.concatenate([[1.0], np.cumprod(1.0 - q[:-1])])
    d = lx * q
    Lx = np.append(lx[1:] + 0.5 * d[:-1], lx[-1] / m[-1])
    return lx, Lx, np.cumsum(Lx[::-1])[::-1]


def fit_old_ages(
    stocks: dict[int, np.ndarray], sex: int, deaths_85: float
) -> tuple[float, float, float]:
    ages = np.arange(79, 101, dtype=float)
    years = [2015, 2016, 2017, 2018]  # transitions to 2016 … 2019 (before COVID-19)
    obs = np.array([stocks[y + 1][sex, 80:90] for y in years])
    obs90 = np.array([stocks[y + 1][sex, 90] for y in years])
    best: tuple[float, tuple[float, float, float]] | None = None
    for c in np.linspace(0.4, 2.0, 33):
        for b in np.linspace(0.06, 0.2, 57):
            for log_a in np.linspace(-4.5, -1.5, 61):
                params = (float(np.exp(log_a)), float(b), float(c))
                _, Lx, Tx = _lt(kannisto(params, ages))
                s = Lx[1:11] / Lx[:10]
                pred = np.array([stocks[y][sex, 79:89] * s for y in years])
                pred90 = np.array(
                    [
                        stocks[y][sex, 89] * Lx[11] / Lx[10] + stocks[y][sex, 90] * Tx[12] / Tx[11]
                        for y in years
                    ]
                )
                m = kannisto(params, ages)
                m85 = m[6:12].copy()
                m85[-1] = (m[11:] * Lx[11:]).sum() / Lx[11:].sum()
                implied = (stocks[2015][sex, 85:91] * m85).sum()
                err = (
                    np.sum(np.log(pred / obs) ** 2)
                    + 5 * np.sum(np.log(pred90 / obs90) ** 2)
                    + 5 * np.log(implied / deaths_85) ** 2
                )
                if best is None or err < best[0]:
                    best = (float(err), params)
    assert best is not None
    return best[1]


def young_ages(pop: np.ndarray, deaths: np.ndarray) -> np.ndarray:
    """Single-year rates 0 … 79 that reproduce the group deaths exactly."""
    edges = GROUP_EDGES[:-1]  # groups up to 75–79
    groups = list(pairwise(edges))
    rates = np.array([deaths[i] / pop[a:b].sum() for i, (a, b) in enumerate(groups)])
    centres = np.array([(a + b - 1) / 2.0 for a, b in groups])
    log_r = np.log(rates)
    ages = np.arange(80, dtype=float)
    m = np.exp(np.interp(ages, centres, log_r))
    # beyond the last centre continue the last segment's slope (no flat tail before 80)
    slope = (log_r[-1] - log_r[-2]) / (centres[-1] - centres[-2])
    tail = ages > centres[-1]
    m[tail] = np.exp(log_r[-1] + slope * (ages[tail] - centres[-1]))
    for i, (a, b) in enumerate(groups):
        m[a:b] *= deaths[i] / (pop[a:b] * m[a:b]).sum()
    return m


def main(shared: Path) -> dict:
    stocks = read_stocks(
        shared / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
    )
    deaths = read_deaths(
        shared
        / "gemeinden_2008-2015/kreise/regio_12613-02-02-4_kreise_gestorbene_altersgruppen_2015.csv"
    )
    out: dict = {"mx": {}, "params_80plus": {}, "checks": {}}
    for sex, key in ((0, "male"), (1, "female")):
        m = np.empty(101)
        m[:80] = young_ages(stocks[2015][sex], deaths[sex])
        params = fit_old_ages(stocks, sex, float(deaths[sex][-1]))
        m[80:] = kannisto(params, np.arange(80, 101, dtype=float))
        lx, Lx, Tx = _lt(m.copy())
        ex = Tx / lx
        p85 = stocks[2015][sex, 85:91]
        m85 = m[85:91].copy()
        m85[-1] = (m[90:] * Lx[90:]).sum() / Lx[90:].sum()
        implied = float((p85 * m85).sum())
        out["mx"][key] = [round(float(v), 7) for v in m]
        out["params_80plus"][key] = {"a": params[0], "b": params[1], "c": params[2]}
        out["checks"][key] = {
            "e0": round(float(ex[0]), 2),
            "e65": round(float(ex[65]), 2),
            "e80": round(float(ex[80]), 2),
            "e90": round(float(ex[90]), 2),
            "deaths_85plus_2015_registered": float(deaths[sex][-1]),
            "deaths_85plus_2015_implied": round(implied),
        }
    return out


if __name__ == "__main__":
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / ".." / "shared" / "data"
    table = main(shared.resolve())
    meta = {
        "_about": (
            "Basis-Sterbetafel Deutschland (Zensus-2011-Basis) nach Einzelalter 0–99 und 100+, "
            "Sterberate m(x) je Person und Jahr. Abgeleitet mit make_base_lifetable.py aus: "
            "Gestorbene 2015 nach Altersgruppen (Regionalstatistik 12613-02-02-4, Deutschland) "
            "und Bevölkerung 31.12.2015–2019 nach Einzelalter (GENESIS 12411-0013); Alter 80+ "
            "logistisches Modell (Kannisto) an die Kohortenüberlebensraten 2015→2019 angepasst. "
            "Quelle der Zahlen: Statistisches Bundesamt (Destatis) / Statistische Ämter des "
            "Bundes und der Länder, dl-de/by-2-0. Vergleich: Destatis Sterbetafel 2015/2017, "
            "e0 78,36 (m) / 83,18 (w)."
        ),
        "reference_period": "2015 (unter 80) / 2015–2019 (80+)",
        "reference_year": 2016,
    }
    meta.update(table)
    target = HERE / "base_lifetable_de.json"
    target.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(table["checks"], indent=1))
