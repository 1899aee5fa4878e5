"""Indirect standardisation, empirical-Bayes shrinkage and raking."""

import numpy as np
import pytest

from demography.smallarea import expected_events, local_levels, rake_to_control, shrunk_level


def test_expected_events_by_hand():
    # 100 persons at rate 0.01 and 50 at rate 0.1 → 1 + 5 = 6 expected events
    pop = np.array([[100.0, 50.0]])
    assert expected_events(pop, np.array([0.01, 0.1]))[0] == pytest.approx(6.0)


def test_shrinkage_weight_is_e_over_e_plus_k():
    res = shrunk_level(np.array([6.0, 3000.0]), np.array([3.0, 2000.0]), prior_strength=30.0)
    # small area: (6 + 30) / (3 + 30) = 1.0909…, weight 3/33; large area keeps its ratio
    assert res.level[0] == pytest.approx(36 / 33)
    assert res.weight[0] == pytest.approx(3 / 33)
    assert res.level[1] == pytest.approx(3030 / 2030)
    assert abs(res.level[1] - 1.5) < abs(res.level[0] - 2.0)


def test_estimated_prior_strength_reflects_between_area_variance():
    rng = np.random.default_rng(0)
    expected = rng.uniform(5, 500, 400)
    true_level = rng.gamma(shape=25.0, scale=1 / 25.0, size=400)  # tau² = 0.04 → k ≈ 25
    observed = rng.poisson(expected * true_level).astype(float)
    res = shrunk_level(observed, expected)
    assert 12 < res.prior_strength < 50
    # shrinkage lowers the error against the true levels
    assert np.mean((res.level - true_level) ** 2) < np.mean((res.raw_ratio - true_level) ** 2)


def test_area_without_expected_events_stays_at_reference():
    res = shrunk_level(np.array([0.0, 10.0]), np.array([0.0, 10.0]), prior_strength=5)
    assert res.level[0] == 1.0


def test_local_levels_shapes():
    women = np.full((3, 35), 100.0)
    asfr = np.full(35, 0.04)
    pop = np.full((3, 2, 101), 10.0)
    mx = np.full((2, 101), 0.01)
    lv = local_levels(
        births=np.array([140.0, 100.0, 160.0]),
        women=women,
        reference_asfr=asfr,
        deaths=np.full((3, 2), 10.1),
        population=pop,
        reference_mx=mx,
        k_fertility=10,
        k_mortality=10,
    )
    assert lv.fertility.shape == (3,) and lv.mortality.shape == (3, 2)
    assert lv.fertility[1] < 1 < lv.fertility[2]


def test_rake_to_control_matches_kreis_and_keeps_shares():
    values = np.array([[[10.0, 0.0], [30.0, 0.0]]])  # (T=1, R=2, cells=2)
    control = np.array([[80.0, 5.0]])
    scaled, unallocated = rake_to_control(values, control)
    np.testing.assert_allclose(scaled.sum(axis=1), [[80.0, 0.0]])
    assert scaled[0, 1, 0] / scaled[0, 0, 0] == pytest.approx(3.0)
    np.testing.assert_allclose(unallocated, [[0.0, 5.0]])
