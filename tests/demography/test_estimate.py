"""The labelled estimate of a current age structure (demography.estimate) against a hand
calculation: cohorts age by one year per year, births from the base's child–woman ratio,
scaled to the current total."""

import numpy as np
import pytest

from demography.core import N_AGES
from demography.estimate import age_forward, estimate_ages, national_survival


def _base():
    base = np.zeros((1, 2, N_AGES))
    base[0, 0, 0], base[0, 0, 30], base[0, 0, 100] = 10, 20, 4  # men
    base[0, 1, 0], base[0, 1, 20], base[0, 1, 99] = 10, 30, 2  # women
    return base


HALF = np.full((2, N_AGES), 0.5)


def test_two_years_of_cohort_ageing_by_hand():
    # child-woman ratio 20 / 30 = 2/3, boys 10 of 20 babies
    # year 1: births 2/3 · 30 = 20; men 1: 5, 31: 10, 100+: 2; women 1: 5, 21: 15, 100+: 1
    # year 2: births 2/3 · 15 = 10; men 0: 5, 1: 5, 2: 2.5, 32: 5, 100+: 1 (= 18.5)
    #                             women 0: 5, 1: 5, 2: 2.5, 22: 7.5, 100+: 0.5 (= 20.5)
    aged = age_forward(_base(), 2, HALF)[0]
    men, women = aged
    assert men[[0, 1, 2, 32, 100]].tolist() == [5, 5, 2.5, 5, 1]
    assert women[[0, 1, 2, 22, 100]].tolist() == [5, 5, 2.5, 7.5, 0.5]
    assert aged.sum() == 39

    est = estimate_ages(_base(), 2015, 2017, np.array([200.0]), survival=HALF)
    assert est.year == 2017 and est.base_year == 2015 and "Schätzung" in est.method
    assert est.counts[0, 1, 22] == pytest.approx(7.5 * 200 / 39)
    assert est.counts.sum() == pytest.approx(200)


def test_totals_by_sex_scale_each_sex():
    est = estimate_ages(_base(), 2015, 2017, np.array([[100.0, 150.0]]), survival=HALF)
    assert est.counts[0, 0].sum() == pytest.approx(100)
    assert est.counts[0, 1].sum() == pytest.approx(150)
    assert est.counts[0, 0, 32] == pytest.approx(5 * 100 / 18.5)


def test_same_year_only_scales_and_shares_are_kept():
    base = _base()
    est = estimate_ages(base, 2023, 2023, np.array([152.0]))  # base: 76 persons
    assert np.allclose(est.counts, base * 2)


def test_national_survival_ages_a_real_cohort_and_keeps_the_total():
    s = national_survival()
    assert s.shape == (2, N_AGES)
    assert 0.99 < s[0, 40] < 1 and s[1, 90] < s[1, 60]  # dying is likelier at 90 than at 60
    rng = np.random.default_rng(1)
    base = rng.uniform(50, 150, size=(3, 2, N_AGES))
    est = estimate_ages(base, 2015, 2023, np.array([9_000.0, 12_000.0, 15_774.0]))
    assert est.counts.sum(axis=(1, 2)) == pytest.approx([9_000, 12_000, 15_774])
    assert (est.counts >= 0).all()
    # the cohort aged 57 in 2015 is the cohort aged 65 in 2023 (before scaling: fewer by deaths)
    aged = age_forward(base, 8)
    assert aged[0, 0, 65] < base[0, 0, 57]


def test_a_region_without_people_stays_unknown():
    base = np.zeros((1, 2, N_AGES))
    est = estimate_ages(base, 2015, 2023, np.array([100.0]))
    assert np.isnan(est.counts).all()
