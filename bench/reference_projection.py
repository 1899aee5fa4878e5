"""Straightforward pure-Python reference of the cohort-component model (loops and lists).

Same model as :func:`demography.projection.project_arrays` (survival, births from mean
exposure of women 15–49, deaths as residual, net migration distributed by region weight ×
age/sex profile, cap at zero with unrealised migration, regional fertility factor and
hazard ratio ``s ** k``). Written the way one would without numpy, to measure the speedup
of the vectorised kernel and to check it gives the same numbers.
"""

from __future__ import annotations

N_AGES = 101
F0, F1 = 15, 50


def project_reference(
    counts,
    survival,
    birth_survival,
    asfr,
    boys_share,
    net_migration,
    profile,
    weights,
    fertility_level=None,
    mortality_level=None,
):
    """Project nested lists ``counts[r][s][x]``; schedules as nested lists per year.

    Returns a dict with ``counts`` [t][r][s][x] and ``births``, ``deaths``,
    ``net_migration``, ``unrealised_migration`` as [t][r][s].
    """
    n_reg = len(counts)
    horizon = len(asfr)
    stocks = [[[list(counts[r][s]) for s in range(2)] for r in range(n_reg)]]
    births_out, deaths_out, mig_out, unreal_out = [], [], [], []
    for t in range(horizon):
        prev_all = stocks[-1]
        new_all, b_t, d_t, m_t, u_t = [], [], [], [], []
        for r in range(n_reg):
            prev = prev_all[r]
            new = [[0.0] * N_AGES for _ in range(2)]
            surv = []
            s_birth = []
            for s in range(2):
                k = 1.0 if mortality_level is None else mortality_level[r][s]
                surv.append([survival[t][s][x] ** k for x in range(N_AGES)])
                s_birth.append(birth_survival[t][s] ** k)
            start = [0.0, 0.0]
            survived = [0.0, 0.0]
            for s in range(2):
                for x in range(N_AGES):
                    start[s] += prev[s][x]
                for x in range(99):
                    new[s][x + 1] = prev[s][x] * surv[s][x]
                new[s][100] = (prev[s][99] + prev[s][100]) * surv[s][99]
                for x in range(1, N_AGES):
                    survived[s] += new[s][x]
            total_births = 0.0
            for i, x in enumerate(range(F0, F1)):
                total_births += asfr[t][i] * (prev[1][x] + new[1][x])
            total_births *= 0.5
            if fertility_level is not None:
                total_births *= fertility_level[r]
            b = [total_births * boys_share, total_births * (1.0 - boys_share)]
            d = [0.0, 0.0]
            m = [0.0, 0.0]
            u = [0.0, 0.0]
            for s in range(2):
                new[s][0] = b[s] * s_birth[s]
                d[s] = start[s] - survived[s] + b[s] - new[s][0]
                for x in range(N_AGES):
                    migrants = net_migration[t] * weights[r] * profile[s][x]
                    value = new[s][x] + migrants
                    m[s] += migrants
                    if value < 0:
                        u[s] += -value
                        value = 0.0
                    new[s][x] = value
                m[s] += u[s]
            new_all.append(new)
            b_t.append(b)
            d_t.append(d)
            m_t.append(m)
            u_t.append(u)
        stocks.append(new_all)
        births_out.append(b_t)
        deaths_out.append(d_t)
        mig_out.append(m_t)
        unreal_out.append(u_t)
    return {
        "counts": stocks,
        "births": births_out,
        "deaths": deaths_out,
        "net_migration": mig_out,
        "unrealised_migration": unreal_out,
    }


# --- national check: published projection and hindcast (``python bench/reference_projection.py``)


def national_check(data_dir=None) -> dict:
    """The engine on Germany against published and registered figures.

    * G2L2W2 of the 15. koordinierte Bevölkerungsvorausberechnung (Destatis, press release
      02.12.2022): base 31.12.2021 (GENESIS 12411-0013, Länder summed), TFR 1.58 (2021)
      to 1.55 by 2032 (G2), e0 from the Sterbetafel 2020/2022 (78.33 / 83.18) to 84.6 /
      88.2 in 2070 (L2), net migration 1.3 million 2022, then falling linearly to 250,000
      from 2033, mean 2022–2070 290,000 (W2). Published totals: "bis 2031 auf 85 Millionen",
      2070 "83 Millionen" (press release, rounded to whole millions). ``../shared/data``
      holds no table of this projection (no 12421-*, README checked): no published total
      for 2041 and no published 80+/90+ figures, so the very old are checked by hindcasts.
    * Hindcast 31.12.2015 → 31.12.2021 with the observed TFR, e0 and net migration of each
      year (shipped series) against the registered stocks of 2021 by single age (same
      Zensus-2011 basis), once with the base life table and improvement by age (default)
      and once with the Siler curve fitted to e0 alone (``mortality_model=None``): the
      Siler curve is too flat at high ages and overstates 90+.
    * Hindcast 31.12.2015 → 31.12.2023 of the total against the Gemeindeverzeichnis
      31.12.2023 (sum of all Gemeinden, Zensus-2011 basis, 84,669,326).
    """
    import dataclasses
    import os
    from pathlib import Path

    from demography.assumptions import default_assumptions
    from demography.core import Population
    from demography.projection import project
    from demography.readers import read_population
    from demography.scenarios import Scenario

    root = Path(__file__).resolve().parents[1]
    folder = Path(data_dir or os.environ.get("ZWK_SHARED_DATA", root.parent / "shared" / "data"))
    path = folder / "destatis_12411-0013_laender_altersjahre_geschlecht_2015-2021.csv"
    stocks = {
        p.year: Population(("DG",), ("Deutschland",), p.year, p.counts.sum(axis=0, keepdims=True))
        for p in read_population(path)
    }
    first = (14_210_000 - 1_300_000 - 38 * 250_000 - 4.5 * 250_000) / 5.5
    w2 = [1_300_000.0, *[first + (250_000 - first) * k / 10 for k in range(10)], *[250_000.0] * 38]
    scenario = Scenario(
        name="G2L2W2",
        paths={"tfr": {2032: 1.55}, "e0_male": {2070: 84.6}, "e0_female": {2070: 88.2}},
        net_migration=tuple(w2),
    )
    g2 = project(stocks[2021], horizon=49, scenario=scenario)

    def ages(result, t):
        both = result.single_years()[t, 0].sum(axis=0)
        total = both.sum()
        return {
            "total": round(float(total)),
            "share_80plus_pct": round(float(both[80:].sum() / total * 100), 2),
            "n_80plus": round(float(both[80:].sum())),
            "n_90plus": round(float(both[90:].sum())),
        }

    published = {2031: 85.0e6, 2070: 83.0e6}
    out: dict = {"g2l2w2": {}}
    for year in (2031, 2041, 2070):
        entry = ages(g2, year - 2021)
        if year in published:
            entry["published_total"] = published[year]
            entry["deviation_pct"] = round((entry["total"] / published[year] - 1) * 100, 2)
        out["g2l2w2"][year] = entry
    out["published_80_90"] = (
        "keine: ../shared/data enthält keine Tabelle der 15. koordinierten "
        "Bevölkerungsvorausberechnung (12421-*); 80+/90+ werden an den Rückrechnungen geprüft"
    )
    base = default_assumptions()
    registered = ages(project(stocks[2021], horizon=1), 0)
    for name, assumptions in (
        ("hindcast_2015_2021", base),
        ("hindcast_2015_2021_siler", dataclasses.replace(base, mortality_model=None)),
    ):
        projected = ages(_observed(stocks[2015], 2021, assumptions), 6)
        out[name] = _compare(projected, registered)
    gv_total = _gv_total(folder / "destatis_gv_gemeinden_31122023_derived.csv")
    if gv_total is not None:
        total_2023 = ages(_observed(stocks[2015], 2023, base), 8)["total"]
        out["hindcast_2015_2023_total"] = {
            "projected": total_2023,
            "gemeindeverzeichnis_31122023": gv_total,
            "total_pct": round((total_2023 / gv_total - 1) * 100, 2),
        }
    return out


def _observed(base, end: int, assumptions):
    """Project ``base`` to 31.12. of ``end`` with the observed TFR, e0 and net migration
    of each year (shipped series; a year without a value is interpolated)."""
    from demography.projection import project
    from demography.scenarios import Scenario

    series = assumptions.series
    years = range(base.year + 1, end + 1)
    paths = {
        key: {y: series[key][y]["value"] for y in years if y in series[key]}
        for key in ("tfr", "e0_male", "e0_female", "net_migration")
    }
    return project(
        base,
        horizon=end - base.year,
        scenario=Scenario(name="beobachtet", paths=paths),
        assumptions=assumptions,
    )


def _compare(projected: dict, actual: dict) -> dict:
    return {
        "projected": projected,
        "registered": actual,
        "total_pct": round((projected["total"] / actual["total"] - 1) * 100, 2),
        "share_80plus_pp": round(projected["share_80plus_pct"] - actual["share_80plus_pct"], 2),
        "n_80plus_pct": round((projected["n_80plus"] / actual["n_80plus"] - 1) * 100, 2),
        "n_90plus_pct": round((projected["n_90plus"] / actual["n_90plus"] - 1) * 100, 2),
    }


def _gv_total(path) -> int | None:
    """Population of Germany at 31.12.2023: sum of ``bev_insgesamt`` over all Gemeinden of
    the Gemeindeverzeichnis (derived CSV in ../shared/data); None if the file is missing."""
    import csv

    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(int(row["bev_insgesamt"]) for row in csv.DictReader(fh, delimiter=";"))


if __name__ == "__main__":
    import json
    import sys

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "src"))
    json.dump(national_check(), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
