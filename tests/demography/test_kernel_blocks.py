"""The kernel's cache blocks: blocked and unblocked runs give the same numbers on every
path (national survival, regional levels, capped out-migration, rate-based migration,
age groups only), and the fast path without regional levels equals the pure-Python
reference (``bench/reference_projection.py``, written with plain loops) within 1e-11."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from demography import kernel
from demography.core import N_AGES
from demography.migration import region_weights
from demography.projection import example_population, prepare, project_arrays

ROOT = Path(__file__).resolve().parents[2]
KEYS = ("counts", "group_counts", "by_sex", "births", "deaths", "net_migration")


def _reference():
    spec = importlib.util.spec_from_file_location(
        "reference_projection", ROOT / "bench" / "reference_projection.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.project_reference


def _inputs(n: int, seed: int):
    pop = example_population(n, seed=seed, median_size=800.0)
    rng = np.random.default_rng(seed)
    return pop, {
        "plain": {},
        "levels": {
            "fertility_level": rng.lognormal(0.0, 0.1, n),
            "mortality_level": rng.lognormal(0.0, 0.1, (n, 2)),
        },
        "rates": {
            "net_counts": np.zeros((1, 2, N_AGES)),
            "out_rates": rng.uniform(-0.02, 0.03, (n, 2, N_AGES)),
            "out_rates_deviation": rng.uniform(-0.01, 0.01, (n, 2, N_AGES)),
            "deviation_scale": np.linspace(1.0, 0.0, 12),
        },
    }


@pytest.mark.parametrize("net", [250_000.0, -2_000_000.0])
@pytest.mark.parametrize("case", ["plain", "levels", "rates"])
@pytest.mark.parametrize("detail", ["single_years", "groups"])
def test_blocked_and_unblocked_runs_give_the_same_numbers(monkeypatch, case, net, detail):
    pop, cases = _inputs(700, seed=5)
    _, sch = prepare(pop, horizon=12, overrides={"net_migration": net})
    runs = {}
    for block, threads in ((10**6, 1), (64, 1), (100, 2)):
        monkeypatch.setattr(kernel, "CACHE_BLOCK", block)
        monkeypatch.setattr(kernel, "_MIN_REGIONS_PER_THREAD", 1)
        runs[block] = project_arrays(
            pop.counts, sch, codes=pop.codes, threads=threads, detail=detail, **cases[case]
        )
    whole = runs[10**6]
    if net < 0 and case != "rates":
        assert whole["unrealised_migration"].sum() > 0  # the cap is exercised
    for block in (64, 100):
        for key in KEYS:
            if whole[key] is None:
                continue
            np.testing.assert_allclose(runs[block][key], whole[key], rtol=1e-12, atol=1e-9)
        np.testing.assert_array_equal(
            runs[block]["unrealised_migration"] > 0, whole["unrealised_migration"] > 0
        )


@pytest.mark.parametrize("net", [300_000.0, -3_000.0])
def test_fast_path_without_levels_equals_the_pure_python_reference(net):
    """National survival only: survivors and births come from matrix products and, with
    inflows only, the stock by sex from its components – same numbers as the loops."""
    pop = example_population(15, seed=11)
    _, sch = prepare(pop, horizon=20, overrides={"net_migration": net})
    fast = project_arrays(pop.counts, sch)
    slow = _reference()(
        pop.counts.tolist(),
        sch.survival.tolist(),
        sch.birth_survival.tolist(),
        sch.asfr.tolist(),
        sch.boys_share,
        sch.net_migration.tolist(),
        sch.migration_profile.tolist(),
        region_weights(pop.counts).tolist(),
    )
    if net < 0:
        assert np.array(slow["unrealised_migration"]).sum() > 0
    for key in ("counts", "births", "deaths", "net_migration", "unrealised_migration"):
        np.testing.assert_allclose(np.array(slow[key]), fast[key], rtol=1e-11, atol=1e-9)
    stock = np.array(slow["counts"]).sum(axis=3)  # persons by sex from the loops
    np.testing.assert_allclose(fast["by_sex"], stock, rtol=1e-11)


def test_stock_by_sex_of_a_hand_calculated_year_without_out_migration():
    """One woman-cohort and inflows only: the stock by sex (computed from its components
    on the fast path) is the hand sum survivors + newborn + migrants."""
    from tests.demography.test_projection import _schedules

    counts = np.zeros((2, 2, N_AGES))
    counts[:, 1, 30] = [200.0, 100.0]
    profile = np.zeros((2, N_AGES))
    profile[0, 40] = 1.0  # all migrants are men aged 40
    sch = _schedules(s=0.95, rate20=0.0, net=60.0, profile=profile)
    sch.asfr[:, 30 - 15] = 0.05
    r = project_arrays(counts, sch)  # weights: population shares 2/3 and 1/3
    # women: 200·0.95 = 190 and 95, now aged 31; births 0.05·½(200 + 0 survivors aged 30)
    # = 5 and 2.5 (half boys), 0.99 of them alive; men: 40 and 20 migrants
    np.testing.assert_allclose(r["births"][0].sum(axis=1), [5.0, 2.5], rtol=1e-14)
    expected = [[40 + 2.5 * 0.99, 190 + 2.5 * 0.99], [20 + 1.25 * 0.99, 95 + 1.25 * 0.99]]
    np.testing.assert_allclose(r["by_sex"][1], expected, rtol=1e-14)
    np.testing.assert_allclose(r["by_sex"][1], r["counts"][1].sum(axis=2), rtol=1e-14)


def test_out_rates_only_match_hand_calculation():
    """Migration by rates only (explicit counts zero, as the projection from history runs):
    out-migrants = rate × (rate + deviation × scale) × survivors, in-migrants by a negative
    rate; the stock by sex is the hand sum."""
    from tests.demography.test_projection import _schedules

    counts = np.zeros((1, 2, N_AGES))
    counts[0, 0, 30], counts[0, 1, 50] = 1000.0, 400.0
    rates = np.zeros((1, 2, N_AGES))
    rates[0, 0, 31], rates[0, 1, 51] = 0.1, -0.05  # 10 % leave; 5 % arrive
    deviation = np.zeros((1, 2, N_AGES))
    deviation[0, 0, 31] = 0.02
    sch = _schedules(s=0.9, rate20=0.0)
    r = project_arrays(
        counts,
        sch,
        net_counts=np.zeros((1, 2, N_AGES)),
        out_rates=rates,
        out_rates_deviation=deviation,
        deviation_scale=np.array([0.5]),
    )
    # men: 900 survivors, rate 0.1 + 0.02·0.5 = 0.11 → 99 leave, 801 stay;
    # women: 360 survivors, 18 arrive → 378
    new = r["counts"][1, 0]
    assert new[0, 31] == pytest.approx(801.0, rel=1e-14)
    assert new[1, 51] == pytest.approx(378.0, rel=1e-14)
    np.testing.assert_allclose(r["net_migration"][0, 0], [-99.0, 18.0], rtol=1e-14)
    np.testing.assert_allclose(r["by_sex"][1, 0], [801.0, 378.0], rtol=1e-14)
    np.testing.assert_allclose(r["deaths"][0, 0], [100.0, 40.0], rtol=1e-13)
