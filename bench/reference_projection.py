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
