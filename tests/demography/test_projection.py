"""Projection kernel: hand-calculated step, identities, caps, reference, properties."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from demography.core import N_AGES, Population
from demography.migration import region_weights
from demography.projection import (
    Schedules,
    example_population,
    prepare,
    project,
    project_arrays,
)

ROOT = Path(__file__).resolve().parents[2]


def _schedules(
    *, s=0.9, s_open=0.5, s_birth=0.99, rate20=0.1, boys=0.5, net=0.0, profile=None, years=1
):
    survival = np.full((years, 2, N_AGES), s)
    survival[:, :, 99:] = s_open
    asfr = np.zeros((years, 35))
    asfr[:, 20 - 15] = rate20
    if profile is None:
        profile = np.full((2, N_AGES), 1.0 / (2 * N_AGES))
    return Schedules(
        years=np.arange(2024, 2024 + years),
        asfr=asfr,
        survival=survival,
        birth_survival=np.full((years, 2), s_birth),
        boys_share=boys,
        net_migration=np.full(years, net),
        migration_profile=profile,
    )


def test_one_step_matches_hand_calculation():
    # Region with women aged 19 (100) and 20 (50), men aged 99 (10) and 100+ (4).
    counts = np.zeros((1, 2, N_AGES))
    counts[0, 1, 19], counts[0, 1, 20] = 100, 50
    counts[0, 0, 99], counts[0, 0, 100] = 10, 4
    r = project_arrays(counts, _schedules())
    new = r["counts"][1, 0]
    # survival: 100·0.9 = 90 women aged 20, 50·0.9 = 45 aged 21; (10 + 4)·0.5 = 7 men 100+
    assert new[1, 20] == pytest.approx(90)
    assert new[1, 21] == pytest.approx(45)
    assert new[0, 100] == pytest.approx(7)
    # births: rate 0.1 × mean exposure ½(50 at start + 90 at end) = 7; half boys;
    # alive at year end 3.5 × 0.99 = 3.465 per sex
    np.testing.assert_allclose(r["births"][0, 0], [3.5, 3.5], rtol=1e-14)
    np.testing.assert_allclose(new[:, 0], [3.465, 3.465], rtol=1e-14)
    # deaths: men 14 − 7 + 3.5 − 3.465 = 7.035; women 150 − 135 + 3.5 − 3.465 = 15.035
    np.testing.assert_allclose(r["deaths"][0, 0], [7.035, 15.035], rtol=1e-13)
    np.testing.assert_allclose(r["by_sex"][1, 0], [10.465, 138.465], rtol=1e-14)
    assert new.sum() == pytest.approx(148.93)


def test_out_migration_larger_than_cohort_is_capped_and_recorded():
    counts = np.zeros((1, 2, N_AGES))
    counts[0, 0, 29] = 10  # 9 men aged 30 after survival
    profile = np.zeros((2, N_AGES))
    profile[0, 30] = 1.0
    r = project_arrays(counts, _schedules(net=-15.0, profile=profile))
    assert r["counts"][1, 0, 0, 30] == 0.0
    assert r["unrealised_migration"][0, 0, 0] == pytest.approx(6.0)
    assert r["net_migration"][0, 0, 0] == pytest.approx(-9.0)  # only 9 could leave
    assert (r["counts"] >= 0).all()


def test_accounting_identity_holds_per_region_and_year():
    pop = example_population(300, seed=7)
    res = project(pop, horizon=25, overrides={"net_migration": 150_000})
    scale = np.abs(res.by_sex[:-1]).max()
    assert np.abs(res.accounting_residual()).max() <= 1e-12 * scale
    total = res.totals
    np.testing.assert_allclose(
        total[1:] - total[:-1],
        (res.births - res.deaths + res.net_migration).sum(axis=2),
        atol=1e-9,
        rtol=0,
    )


def test_accounting_identity_holds_with_capped_out_migration():
    pop = example_population(50, seed=2)
    res = project(pop, horizon=10, overrides={"net_migration": -0.2 * pop.totals().sum()})
    assert (res.single_years() >= 0).all()
    assert res.unrealised_migration.sum() > 0
    assert np.abs(res.accounting_residual()).max() <= 1e-9
    assert any("begrenzt" in note for note in res.notes)


def test_without_births_and_migration_cohorts_follow_survival_products():
    pop = example_population(20, seed=5)
    _params, sch = prepare(pop, horizon=12, overrides={"tfr": 0, "net_migration": 0})
    # tfr target 0 is reached only at the horizon; force zero fertility in every year
    sch = Schedules(
        sch.years,
        np.zeros_like(sch.asfr),
        sch.survival,
        sch.birth_survival,
        sch.boys_share,
        np.zeros_like(sch.net_migration),
        sch.migration_profile,
    )
    r = project_arrays(pop.counts, sch)
    for age in (0, 30, 70):
        product = np.prod([sch.survival[t, :, age + t] for t in range(12)], axis=0)  # (2,)
        np.testing.assert_allclose(
            r["counts"][12, :, :, age + 12], pop.counts[:, :, age] * product, rtol=1e-12
        )
    assert (r["counts"][1:, :, :, 0] == 0).all()  # no births, no migrants


def test_regional_levels_scale_births_and_hazards():
    pop = example_population(3, seed=1)
    _params, sch = prepare(pop, horizon=1, overrides={"net_migration": 0})
    plain = project_arrays(pop.counts, sch)
    fert = np.array([1.0, 1.2, 0.5])
    mort = np.array([[1.0, 1.0], [2.0, 2.0], [0.5, 0.5]])
    lev = project_arrays(pop.counts, sch, fertility_level=fert, mortality_level=mort)
    ratio = lev["births"][0, :, 0] / plain["births"][0, :, 0]
    # births differ only through fert and the survival of the mothers (tiny)
    np.testing.assert_allclose(ratio, fert, rtol=2e-3)
    s = sch.survival[0, 0, 40]
    np.testing.assert_allclose(
        lev["counts"][1, 1, 0, 41], pop.counts[1, 0, 40] * s**2.0, rtol=1e-12
    )


def _reference():
    spec = importlib.util.spec_from_file_location(
        "reference_projection", ROOT / "bench" / "reference_projection.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.project_reference


def test_vectorised_kernel_equals_pure_python_reference():
    pop = example_population(12, seed=3)
    _, sch = prepare(pop, horizon=15, overrides={"net_migration": -3000})
    fert = np.linspace(0.8, 1.2, 12)
    mort = np.stack([np.linspace(0.9, 1.1, 12)] * 2, axis=1)
    fast = project_arrays(pop.counts, sch, fertility_level=fert, mortality_level=mort)
    slow = _reference()(
        pop.counts.tolist(),
        sch.survival.tolist(),
        sch.birth_survival.tolist(),
        sch.asfr.tolist(),
        sch.boys_share,
        sch.net_migration.tolist(),
        sch.migration_profile.tolist(),
        region_weights(pop.counts).tolist(),
        fert.tolist(),
        mort.tolist(),
    )
    assert np.array(slow["unrealised_migration"]).sum() > 0  # the cap is exercised
    for key in ("counts", "births", "deaths", "net_migration", "unrealised_migration"):
        np.testing.assert_allclose(np.array(slow[key]), fast[key], rtol=1e-11, atol=1e-9)


def test_threaded_blocks_give_the_same_result_as_one_block():
    pop = example_population(3200, seed=9)
    _, sch = prepare(pop, horizon=5)
    one = project_arrays(pop.counts, sch, threads=1)
    many = project_arrays(pop.counts, sch, threads=2)
    np.testing.assert_array_equal(one["counts"], many["counts"])
    np.testing.assert_array_equal(one["deaths"], many["deaths"])


def test_groups_detail_keeps_only_groups_with_same_totals():
    pop = example_population(40, seed=4)
    full = project(pop, horizon=8)
    small = project(pop, horizon=8, detail="groups")
    assert small.counts is None
    np.testing.assert_allclose(small.by_group(), full.by_group(), rtol=1e-12)
    np.testing.assert_allclose(small.totals, full.totals, rtol=1e-12)


def test_unknown_cells_stay_unknown_and_are_reported():
    pop = example_population(3, seed=1)
    counts = pop.counts.copy()
    counts[1, 0, 5] = np.nan
    res = project(Population(pop.codes, pop.names, pop.year, counts), horizon=2)
    assert np.isnan(res.totals[:, 1]).all()
    assert np.isfinite(res.totals[:, 0]).all()
    assert any(pop.codes[1] in note for note in res.notes)


def test_result_helpers_return_population_and_region():
    pop = example_population(4, seed=1)
    res = project(pop, horizon=3)
    p = res.population(pop.year + 3)
    assert p.year == pop.year + 3 and p.counts.shape == (4, 2, N_AGES)
    one = res.region(pop.codes[2])
    np.testing.assert_array_equal(one.totals[:, 0], res.totals[:, 2])
    with pytest.raises(KeyError):
        res.population(pop.year + 9)


populations = st.lists(
    st.lists(st.floats(0, 5000, allow_nan=False), min_size=4, max_size=4),
    min_size=1,
    max_size=3,
)


def _spread(rows):
    counts = np.zeros((len(rows), 2, N_AGES))
    for r, (a, b, c, d) in enumerate(rows):
        counts[r, 0, 10], counts[r, 1, 25], counts[r, 0, 60], counts[r, 1, 99] = a, b, c, d
        counts[r, 1, 100] = a / 3
    return counts


@settings(max_examples=60, deadline=None)
@given(populations, st.floats(-1e5, 1e5, allow_nan=False))
def test_property_no_negatives_and_identity(rows, net):
    counts = _spread(rows)
    sch = _schedules(net=net, years=3, rate20=0.05)
    r = project_arrays(counts, sch)
    assert (r["counts"] >= 0).all()
    resid = r["by_sex"][1:] - r["by_sex"][:-1] - r["births"] + r["deaths"] - r["net_migration"]
    assert np.abs(resid).max() <= 1e-9 * max(1.0, np.abs(r["by_sex"]).max(), abs(net))
    assert (r["unrealised_migration"] >= 0).all()


@settings(max_examples=60, deadline=None)
@given(populations)
def test_property_mass_is_preserved_without_events(rows):
    counts = _spread(rows)
    sch = _schedules(s=1.0, s_open=1.0, s_birth=1.0, rate20=0.0, net=0.0, years=4)
    r = project_arrays(counts, sch)
    np.testing.assert_allclose(
        r["by_sex"].sum(axis=2),
        np.broadcast_to(counts.sum(axis=(1, 2)), (5, len(rows))),
        rtol=1e-13,
        atol=1e-9,
    )
    assert np.all(r["deaths"] == pytest.approx(0, abs=1e-9))


def test_net_migration_total_reaches_each_level_of_a_hierarchy_once():
    """Bund, two Länder and their Kreise in one input: --set net_migration=N gives
    Deutschland N, the Länder together N and the Kreise together N (not N spread over all
    levels, which gave Deutschland only about a third)."""
    kreise = example_population(4, seed=3)
    land_a = kreise.counts[:2].sum(axis=0)
    land_b = kreise.counts[2:].sum(axis=0)
    counts = np.stack([land_a + land_b, land_a, land_b, *kreise.counts])
    codes = ("DG", "08", "09", "08111", "08222", "09111", "09222")
    pop = Population(codes, codes, 2023, counts)
    res = project(pop, horizon=3, overrides={"net_migration": 90_000})
    mig = res.net_migration[:, :, :].sum(axis=2)  # (H, R)
    np.testing.assert_allclose(mig[:, 0], 90_000)
    np.testing.assert_allclose(mig[:, 1:3].sum(axis=1), 90_000)
    np.testing.assert_allclose(mig[:, 3:].sum(axis=1), 90_000)
    np.testing.assert_allclose(mig[:, 1], mig[:, 3:5].sum(axis=1))
    # rates are per inhabitant of the top level, not of the sum of all levels
    basis = project(pop, horizon=1)
    flat = project(Population(codes[:1], codes[:1], 2023, counts[:1]), horizon=1)
    assert basis.net_migration[0, 0].sum() == pytest.approx(flat.net_migration[0, 0].sum())


def test_mean_age_at_birth_in_completed_years_is_half_a_year_below_the_exact_age():
    from demography.fertility import mean_age_of

    pop = example_population(2)
    _, sch = prepare(pop, horizon=2, overrides={"mean_age_at_birth": 31.9, "tfr": 1.4})
    assert mean_age_of(sch.asfr[0]) == pytest.approx(32.4)
    assert sch.asfr[0].sum() == pytest.approx(1.4)
