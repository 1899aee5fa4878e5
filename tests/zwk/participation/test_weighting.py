"""Raking against hand calculations (participation/weighting.py is pure numpy)."""

import numpy as np
import pytest

from zwk.participation.weighting import (
    RakingError,
    effective_sample_size,
    rake,
    weighted_counts,
)


def test_one_margin_is_cell_weighting_by_hand():
    # 3 young, 1 old respondent; population half young, half old.
    # By hand: young weight 0.5/(3/4) = 2/3, old 0.5/(1/4) = 2 (mean of weights = 1).
    result = rake([np.array([0, 0, 0, 1])], [np.array([500, 500])])
    assert result.converged
    assert result.weights == pytest.approx([2 / 3, 2 / 3, 2 / 3, 2])
    assert result.weights.sum() == pytest.approx(4)


def test_two_margins_by_hand():
    # Respondents (age, sex): young-m, young-f, 2× old-m, 2× old-f (n = 6).
    # Targets: age 50/50, sex 60 % m / 40 % f.
    # Pass 1, age: young 0.5·6/2 = 1.5, old 0.5·6/4 = 0.75.
    # Pass 1, sex: male sum 1.5 + 2·0.75 = 3 → factor 0.6·6/3 = 1.2; female → 0.4·6/3 = 0.8.
    # Weights: young-m 1.8, young-f 1.2, old-m 0.9, old-f 0.6; the age margin still holds
    # (young 3.0, old 2·0.9 + 2·0.6 = 3.0) – converged after one pass.
    age = np.array([0, 0, 1, 1, 1, 1])
    sex = np.array([0, 1, 0, 0, 1, 1])
    result = rake([age, sex], [np.array([1, 1]), np.array([60, 40])])
    assert result.converged and result.iterations == 1
    assert result.weights == pytest.approx([1.8, 1.2, 0.9, 0.9, 0.6, 0.6])
    assert weighted_counts(age, result.weights, 2) == pytest.approx([3, 3])
    assert weighted_counts(sex, result.weights, 2) == pytest.approx([3.6, 2.4])
    # Kish: (Σw)² / Σw² = 36 / (3.24 + 1.44 + 2·0.81 + 2·0.36) = 36 / 7.02
    assert effective_sample_size(result.weights) == pytest.approx(36 / 7.02)


def test_converges_to_the_margins_and_reproduces_the_population_structure():
    rng = np.random.default_rng(7)
    n = 600
    # Older people and women answer more often than their share.
    age = rng.choice(4, size=n, p=[0.1, 0.2, 0.3, 0.4])
    sex = rng.choice(2, size=n, p=[0.35, 0.65])
    population_age = np.array([2200.0, 3100.0, 2900.0, 1800.0])
    population_sex = np.array([4900.0, 5100.0])
    result = rake([age, sex], [population_age, population_sex])
    assert result.converged and result.max_error <= 1e-9
    total = result.weights.sum()
    assert total == pytest.approx(n)
    assert weighted_counts(age, result.weights, 4) / total == pytest.approx(
        population_age / population_age.sum()
    )
    assert weighted_counts(sex, result.weights, 2) / total == pytest.approx(
        population_sex / population_sex.sum()
    )


def test_a_sample_that_already_fits_keeps_weight_one():
    age = np.array([0, 1, 0, 1])
    sex = np.array([0, 0, 1, 1])
    result = rake([age, sex], [np.array([3, 3]), np.array([5, 5])])
    assert result.weights == pytest.approx(np.ones(4))
    assert result.iterations == 1


def test_kish_effective_sample_size_formula():
    # (Σw)²/Σw²: weights 2/3, 2/3, 2/3, 2 → (4)² / (3·4/9 + 4) = 16 / (16/3) = 3.
    assert effective_sample_size(np.array([2 / 3, 2 / 3, 2 / 3, 2])) == pytest.approx(3)
    assert effective_sample_size(np.ones(10)) == pytest.approx(10)
    assert effective_sample_size(np.array([1.0, 0.0])) == pytest.approx(1)
    assert effective_sample_size(np.array([])) == 0


def test_category_without_respondents_is_reported_and_dropped():
    # Nobody of the oldest group answered: it cannot be represented.
    age = np.array([0, 0, 1])
    result = rake([age], [np.array([1.0, 1.0, 2.0])])
    assert result.empty_categories == [[2]]
    assert weighted_counts(age, result.weights, 3) / 3 == pytest.approx([0.5, 0.5, 0])
    with pytest.raises(RakingError):
        rake([age], [np.array([1.0, 1.0, 2.0])], drop_empty=False)


@pytest.mark.parametrize(
    "categories, targets",
    [
        ([np.array([0, 3])], [np.array([1.0, 1.0])]),
        ([np.array([0, 1])], [np.array([-1.0, 2.0])]),
        ([np.array([0, 1])], [np.array([0.0, 0.0])]),
        ([np.array([0, 1]), np.array([0])], [np.array([1.0, 1.0]), np.array([1.0])]),
    ],
)
def test_bad_input_is_refused(categories, targets):
    with pytest.raises(RakingError):
        rake(categories, targets)


def test_no_respondents():
    result = rake([np.array([], dtype=int)], [np.array([1.0])])
    assert result.weights.shape == (0,)
